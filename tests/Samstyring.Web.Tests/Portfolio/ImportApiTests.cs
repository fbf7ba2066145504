using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Tests.Portfolio;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// Import files that are small on the wire and huge once read get a Norwegian 400 naming the bound, over the API
/// and on the import page, quickly and without the server allocating what the file asks for; nothing is saved.
/// </summary>
public abstract partial class ImportApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        return content;
    }

    public static TheoryData<string> HostileFileNames() =>
        ["cell-at-ZZZZZZ2.xlsx", "shared-strings-300-MB.xlsx", "million-empty-rows.xlsx", "million-columns.csv", "huge-cell.csv", "empty.csv"];

    /// <summary>The file and a piece of the message that names its bound.</summary>
    private static (byte[] File, string Bound) Hostile(string name) => name switch
    {
        "cell-at-ZZZZZZ2.xlsx" => (HostileFiles.XlsxWithCellAt("ZZZZZZ2"), $"Høyst {ImportLimits.MaxColumns} kolonner"),
        "shared-strings-300-MB.xlsx" => (HostileFiles.XlsxWithHugeSharedString(300_000_000), $"høyst {ImportLimits.MaxPartBytes / 1024 / 1024} MB per del"),
        "million-empty-rows.xlsx" => (HostileFiles.XlsxWithEmptyRows(1_000_000), $"Høyst {Norwegian.Number(ImportLimits.MaxLines)} rader"),
        "million-columns.csv" => (HostileFiles.CsvWithColumns(1_000_000), $"mer enn {ImportLimits.MaxColumns} kolonner"),
        "huge-cell.csv" => (HostileFiles.CsvWithLongCell(1_000_000), $"mer enn {Norwegian.Number(ImportLimits.MaxCellChars)} tegn"),
        "empty.csv" => ([], "Filen er tom."),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(HostileFileNames))]
    public async Task A_hostile_file_gets_a_Norwegian_400_naming_the_bound_and_nothing_is_saved(string name)
    {
        if (!Factory.Ready()) return;
        var (file, bound) = Hostile(name);
        var before = await CountInitiativesAsync();

        // Allocations of the whole test process: other tests may add some, but nowhere near the gigabytes of the unbounded reader.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await Client(As.Office).PostAsync("/api/v1/initiatives/import", Form(file, name));
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        var message = await response.AssertValidationProblemAsync("file");
        Assert.Contains(bound, message);
        Assert.Equal("Importen ble avbrutt", (await response.ReadJsonAsync()).Str("title"));
        Assert.True(allocated < 1024L * 1024 * 1024, $"the process allocated {allocated / 1024 / 1024} MB during the request");
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_with_a_Norwegian_problem()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        var big = new byte[ImportLimits.MaxBytes + 128 * 1024];
        Array.Fill(big, (byte)'a');

        using var response = await Client(As.Office).PostAsync("/api/v1/initiatives/import", Form(big, "stor.csv"));

        await response.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("For stor fil", problem.Str("title"));
        Assert.StartsWith($"Filen er for stor (5,1 MB). Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB.", problem.Str("detail"));
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task The_import_page_shows_the_bound_and_refuses_an_oversize_upload_with_the_form()
    {
        if (!Factory.Ready()) return;
        const string url = "/kontor/import";
        using var page = await Client(As.Office).GetAsync(url);
        await page.AssertStatusAsync(HttpStatusCode.OK);
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups["v"].Value;
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        async Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
            request.Headers.Add("Cookie", cookie);
            return await Client(As.Office).SendAsync(request);
        }
        var before = await CountInitiativesAsync();

        using (var far = await PostAsync(Form(HostileFiles.XlsxWithCellAt("ZZZZZZ2"), "tiltak.xlsx")))
        {
            await far.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await far.Content.ReadAsStringAsync());
            Assert.Contains("celle ZZZZZZ2", html);
            Assert.Contains($"Høyst {ImportLimits.MaxColumns} kolonner", html);
        }

        // Over the request limit the form comes back with the message instead of an error page.
        var big = new byte[12 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        using (var huge = await PostAsync(Form(big, "stor.csv")))
        {
            Assert.Equal(HttpStatusCode.Redirect, huge.StatusCode);
            Assert.Equal(url, huge.Headers.Location?.OriginalString);
            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.Add("Cookie", string.Join("; ", huge.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            using var back = await Client(As.Office).SendAsync(again);
            Assert.Contains($"Filen er for stor (12,0 MB). Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB.",
                WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()));
        }
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<v>[^""]+)""")]
    private static partial Regex Token();
}

[Collection(SqliteCollection.Name)]
public sealed class ImportApiSqliteTests(SqliteFactory factory) : ImportApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ImportApiPostgresTests(PostgresFactory factory) : ImportApiTests(factory);
