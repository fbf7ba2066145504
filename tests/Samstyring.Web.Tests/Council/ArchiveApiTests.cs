using System.IO.Compression;
using System.Net;
using System.Xml.Linq;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// The Noark 5 extract over HTTP: the office downloads the demo body's meetings of 2021 as a ZIP (API and the office
/// page's GET form); bad input is 400 with Norwegian field errors (the page shows them), never 500; others are refused.
/// </summary>
public abstract class ArchiveApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Url = "/api/v1/bodies/nasjonalt-e-helserad/archive";
    private static readonly XNamespace N = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";

    private static async Task<ZipArchive> AssertZipAsync(HttpResponseMessage response, string fileName)
    {
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task The_office_downloads_the_demo_meetings_as_a_Noark_5_zip()
    {
        if (!Factory.Ready()) return;
        using var response = await Office.GetAsync($"{Url}?from=2021-01-01&to=2021-12-31");
        using var zip = await AssertZipAsync(response, "noark5-nasjonalt-e-helserad-2021-01-01-2021-12-31.zip");
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal("arkivuttrekk.xml", names[^1]);
        Assert.Contains("arkivstruktur.xml", names);
        Assert.Contains("endringslogg.xml", names);
        Assert.Contains("offentligJournal.xml", names);
        Assert.Contains("dokumenter/2021-6/innkalling.pdf", names);
        await using var structure = await zip.GetEntry("arkivstruktur.xml")!.OpenAsync();
        var doc = await XDocument.LoadAsync(structure, LoadOptions.None, default);
        Assert.Equal(["4/2021", "5/2021", "6/2021"], doc.Descendants(N + "moetenummer").Select(e => e.Value));
    }

    [Fact]
    public async Task Bad_input_is_400_with_Norwegian_field_errors()
    {
        if (!Factory.Ready()) return;
        using (var r = await Office.GetAsync(Url)) Assert.Contains("må fylles ut", await r.AssertValidationProblemAsync("from"));
        using (var r = await Office.GetAsync($"{Url}?from=i går&to=2021-12-31")) Assert.Contains("gyldig dato", await r.AssertValidationProblemAsync("from"));
        using (var r = await Office.GetAsync($"{Url}?from=2021-12-31&to=2021-01-01")) Assert.Contains("før fra-datoen", await r.AssertValidationProblemAsync("to"));
        using (var r = await Office.GetAsync($"{Url}?from=1990-01-01&to=2100-12-31")) Assert.Contains("høyst 10 år", await r.AssertValidationProblemAsync("to"));
        using (var r = await Office.GetAsync($"{Url}?from=2035-01-01&to=2035-12-31")) Assert.Contains("Ingen offentlige saker", await r.AssertValidationProblemAsync("from"));
        using (var r = await Office.GetAsync($"/api/v1/bodies/{new string('x', 300)}/archive?from=2021-01-01&to=2021-12-31"))
            Assert.Contains("Fant ikke organet", await r.AssertValidationProblemAsync("body"));
        using (var r = await Office.GetAsync($"{Url}?from=2021-01-01%00&to=2021-12-31")) Assert.True((int)r.StatusCode is 400, $"{(int)r.StatusCode}");
    }

    [Fact]
    public async Task The_office_page_downloads_the_zip_with_a_GET_form_and_shows_errors_in_Norwegian()
    {
        if (!Factory.Ready()) return;
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        var html = await PageAsync(browser, "/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk");
        Assert.Contains("<form method=\"get\" action=\"/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk\"", html);
        Assert.Contains("name=\"from\"", html);
        Assert.Contains("href=\"/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk\"", await PageAsync(browser, "/sekretariat/organer/nasjonalt-e-helserad"));
        var refused = await PageAsync(browser, "/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk?from=2021-12-31&to=2021-01-01");
        Assert.Contains("Til-datoen kan ikke være før fra-datoen.", refused);
        Assert.Contains("value=\"2021-12-31\"", refused);
        using var download = await browser.GetAsync("/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk?from=2021-09-01&to=2021-12-31");
        using var zip = await AssertZipAsync(download, "noark5-nasjonalt-e-helserad-2021-09-01-2021-12-31.zip");
        Assert.NotNull(zip.GetEntry("offentligJournal.xml"));

        var (member, _) = await SignedInBrowserAsync(As.Member);
        using var other = await member.GetAsync("/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk?from=2021-09-01&to=2021-12-31");
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
        Assert.NotEqual("application/zip", other.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ArchiveApiSqliteTests(SqliteFactory factory) : ArchiveApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ArchiveApiPostgresTests(PostgresFactory factory) : ArchiveApiTests(factory);
