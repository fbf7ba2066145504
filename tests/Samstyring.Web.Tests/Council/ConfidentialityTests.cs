using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// Unntatt offentlighet: a confidential case made by these tests (its own body, meeting, decision and a confidential
/// attachment on a public case, each carrying a unique marker) must never show on any public path, for anonymous
/// visitors or for logged-in roles outside the council, while members and the secretariat see it on pages and in the API.
/// Feeds are public artefacts: not even members get confidential content there.
/// </summary>
public abstract class ConfidentialityTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly ConcurrentDictionary<SamstyringFactory, Task<Scenario>> Scenarios = new();

    private sealed record Scenario(string Marker, string Slug, int MeetingId, int SecretCaseId, int PublicCaseId, int AttachmentId, int PlannedMeetingId);

    private Task<Scenario> SetUpAsync() => Scenarios.GetOrAdd(Factory, f => CreateAsync(f));

    private static readonly CurrentUser OfficeUser = new("kontor", "Porteføljekontoret", Role.PortfolioOffice, null);

    private static async Task<Scenario> CreateAsync(SamstyringFactory factory)
    {
        var hex = Guid.NewGuid().ToString("N")[..10];
        var marker = "HEMMELIG-" + hex;
        var slug = "konf-" + hex;
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;

        // Its own body, so nothing the tests do touches the demo meetings (no quorum rule: decisions need no attendance).
        await sp.GetRequiredService<CreateBody>().HandleAsync(new BodyInput(slug, $"Testorgan {hex}", $"TO{hex[..4]}", "2020-01-01", "other",
            "Laget av konfidensialitetstestene.", "none", null, null, "Mandat for testorganet."), OfficeUser);
        var meeting = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2021-11-15", "10:00", "12:00", "Oslo", false, "ordinary"), OfficeUser);
        var secret = await sp.GetRequiredService<AddCase>().HandleAsync(meeting.Id, new CaseInput($"{marker} tittel", "drofting", $"{marker} fra", $"{marker} saksbehandler",
            $"{marker} formål", $"{marker} bakgrunn", $"{marker} forslag til vedtak", true, "Offl. § 14", null, null, $"{marker} innleder", "10:30"), OfficeUser);
        var open = await sp.GetRequiredService<AddCase>().HandleAsync(meeting.Id, new CaseInput("Offentlig testsak", "orientering", "Direktoratet", "Test Testesen",
            "Formål.", "Bakgrunn.", "Organet tar saken til orientering.", false, null, null, null), OfficeUser);
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes($"{marker} filinnhold")))
            await sp.GetRequiredService<UploadAttachment>().HandleAsync(open.Id, new AttachmentUpload("notat.txt", "1", $"{marker} vedleggstittel", true, "Offl. § 14"), content, OfficeUser);
        var attachment = (await sp.GetRequiredService<CouncilQueries>().GetCaseAsync(open.Id, OfficeUser)).Attachments.Single();
        // The open case follows up the secret one: its "related decisions" must not leak the secret case either.
        await sp.GetRequiredService<LinkCase>().HandleAsync(open.Id, $"{slug} {secret.NumberText}", OfficeUser);

        var m = await sp.GetRequiredService<SendNotice>().HandleAsync(meeting.Id, meeting.Version, OfficeUser);
        var s = await sp.GetRequiredService<RecordDecision>().HandleAsync(secret.Id, $"{marker} vedtak", secret.Version, OfficeUser);
        var o = await sp.GetRequiredService<RecordDecision>().HandleAsync(open.Id, "Organet tok saken til orientering.", open.Version, OfficeUser);
        _ = (m, s, o);

        // A planned meeting (notice not sent) with a case: its agenda is not public yet at all.
        var planned = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2031-03-01", "09:00", "11:00", "Teams", true, "ordinary"), OfficeUser);
        await sp.GetRequiredService<AddCase>().HandleAsync(planned.Id, new CaseInput($"{marker} planlagt", "orientering", null, null, null, null, $"{marker} planlagt forslag",
            false, null, null, null), OfficeUser);
        return new Scenario(marker, slug, meeting.Id, secret.Id, open.Id, attachment.Id, planned.Id);
    }

    private static IEnumerable<string> PublicPaths(Scenario s) =>
    [
        "/organer", $"/organer/{s.Slug}", $"/moter/{s.MeetingId}", $"/moter/{s.PlannedMeetingId}", $"/saker/{s.SecretCaseId}", $"/saker/{s.PublicCaseId}",
        "/api/v1/bodies", $"/api/v1/bodies/{s.Slug}", $"/api/v1/bodies/{s.Slug}/decisions", $"/api/v1/meetings?body={s.Slug}",
        "/api/v1/meetings?year=2021", "/api/v1/meetings", $"/api/v1/meetings/{s.MeetingId}", $"/api/v1/meetings/{s.PlannedMeetingId}",
        $"/api/v1/cases/{s.SecretCaseId}", $"/api/v1/cases/{s.PublicCaseId}",
        $"/bodies/{s.Slug}/decisions.atom", $"/bodies/{s.Slug}/meetings.ics",
    ];

    /// <summary>The documents, when the document endpoints exist (404 is fine here: absent, or not for this reader).</summary>
    private static IEnumerable<string> DocumentPaths(Scenario s) =>
    [
        $"/api/v1/meetings/{s.MeetingId}/notice.pdf", $"/api/v1/meetings/{s.MeetingId}/notice.docx",
        $"/api/v1/meetings/{s.MeetingId}/minutes.pdf", $"/api/v1/meetings/{s.MeetingId}/minutes.docx",
        $"/api/v1/meetings/{s.MeetingId}/package.pdf", $"/api/v1/cases/{s.SecretCaseId}/paper.pdf", $"/api/v1/cases/{s.SecretCaseId}/paper.docx",
        $"/api/v1/cases/{s.PublicCaseId}/paper.pdf", $"/api/v1/cases/{s.PublicCaseId}/paper.docx",
        $"/api/v1/meetings/{s.PlannedMeetingId}/notice.pdf", $"/api/v1/meetings/{s.PlannedMeetingId}/package.pdf",
    ];

    public static TheoryData<As> Outsiders() => new() { As.Anonymous, As.OwnerHso, As.Ks };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task The_marker_never_appears_on_a_public_path_for_outsiders(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        // A member reads first, so a cached member view would be what the outsider gets if caching were wrong.
        foreach (var path in PublicPaths(s)) using (await Client(As.Member).GetAsync(path)) { }
        foreach (var path in PublicPaths(s))
        {
            using var response = await Client(user).GetAsync(path);
            var text = await ReadTextAsync(response);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{user} GET {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(s.Marker, text);
            // And with gzip, which the shared cache serves.
            using var gz = new HttpRequestMessage(HttpMethod.Get, path);
            gz.Headers.AcceptEncoding.ParseAdd("gzip");
            using var zipped = await Client(user).SendAsync(gz);
            Assert.DoesNotContain(s.Marker, await ReadTextAsync(zipped));
        }
        foreach (var path in DocumentPaths(s))
        {
            using var response = await Client(user).GetAsync(path);
            Assert.DoesNotContain(s.Marker, await ReadTextAsync(response));
        }
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Outsiders_see_only_number_and_legal_basis_of_the_confidential_case(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var c = await Client(user).GetJsonAsync($"/api/v1/cases/{s.SecretCaseId}");
        Assert.Equal("Unntatt offentlighet", c.Str("title"));
        Assert.Equal("Offl. § 14", c.Str("legalBasis"));
        Assert.True(c["redacted"]!.GetValue<bool>());
        foreach (var field in new[] { "purpose", "background", "proposedDecision", "decision", "from", "officers", "presenter" })
            Assert.Null(c[field]);
        Assert.Empty(c["attachments"]!.AsArray());

        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/saker/{s.SecretCaseId}"));
        Assert.Contains("Unntatt offentlighet", page);
        Assert.Contains("Offl. § 14", page);

        var open = await Client(user).GetJsonAsync($"/api/v1/cases/{s.PublicCaseId}");
        var attachment = open["attachments"]!.AsArray().Single()!;
        Assert.Equal("Unntatt offentlighet (Offl. § 14)", attachment.Str("title"));
        Assert.Null(attachment["url"]);
        var related = open["related"]!.AsArray().Single()!;
        Assert.Equal("Unntatt offentlighet", related.Str("title"));
        Assert.Null(related["decision"]);
        var openPage = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/saker/{s.PublicCaseId}"));
        Assert.Contains("Unntatt offentlighet (Offl. § 14)", openPage);
        Assert.DoesNotContain($"/api/v1/attachments/{s.AttachmentId}\"", openPage);

        using var download = await Client(user).GetAsync($"/api/v1/attachments/{s.AttachmentId}");
        Assert.True(download.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"download gave {(int)download.StatusCode}");

        // The planned meeting shows no agenda, and its case is not reachable.
        var planned = await Client(user).GetJsonAsync($"/api/v1/meetings/{s.PlannedMeetingId}");
        Assert.False(planned["agendaPublished"]!.GetValue<bool>());
        Assert.Empty(planned["cases"]!.AsArray());
    }

    [Fact]
    public async Task The_audit_log_is_not_public()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        foreach (var user in new[] { As.Anonymous, As.OwnerHso, As.Member })
        {
            foreach (var path in new[] { "/kontor/revisjonslogg", "/api/v1/audit" })
            {
                using var response = await Client(user).GetAsync(path);
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain(s.Marker, await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Theory]
    [InlineData(As.Member)]
    [InlineData(As.Office)]
    public async Task Members_and_the_secretariat_see_the_confidential_case_on_pages_and_in_the_api(As user)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        // An anonymous read first, so a cached anonymous view would be what the insider gets if caching were wrong.
        foreach (var path in PublicPaths(s)) using (await Anonymous.GetAsync(path)) { }

        var c = await Client(user).GetJsonAsync($"/api/v1/cases/{s.SecretCaseId}");
        Assert.Equal($"{s.Marker} tittel", c.Str("title"));
        Assert.Equal($"{s.Marker} vedtak", c.Str("decision"));
        Assert.Equal($"{s.Marker} bakgrunn", c.Str("background"));
        Assert.False(c["redacted"]!.GetValue<bool>());
        Assert.True(c["confidential"]!.GetValue<bool>());

        using (var response = await Client(user).GetAsync($"/api/v1/cases/{s.SecretCaseId}"))
            Assert.Contains("private", response.Headers.CacheControl?.ToString() ?? "");

        foreach (var path in new[] { $"/moter/{s.MeetingId}", $"/saker/{s.SecretCaseId}", $"/api/v1/meetings/{s.MeetingId}",
                     $"/api/v1/bodies/{s.Slug}/decisions", $"/organer/{s.Slug}", $"/api/v1/meetings/{s.PlannedMeetingId}" })
        {
            var text = await Client(user).GetStringAsync(path);
            Assert.Contains(s.Marker, text);
        }
        var page = WebUtility.HtmlDecode(await Client(user).GetStringAsync($"/saker/{s.SecretCaseId}"));
        Assert.Contains($"{s.Marker} forslag til vedtak", page);
        Assert.Contains($"/saker/{s.SecretCaseId}/innspill", page);

        var open = await Client(user).GetJsonAsync($"/api/v1/cases/{s.PublicCaseId}");
        var attachment = open["attachments"]!.AsArray().Single()!;
        Assert.Equal($"{s.Marker} vedleggstittel", attachment.Str("title"));
        Assert.Equal($"/api/v1/attachments/{s.AttachmentId}", attachment.Str("url"));
        Assert.Equal($"{s.Marker} vedtak", open["related"]!.AsArray().Single().Str("decision"));

        // Feeds are public artefacts: built as for anyone, also for insiders.
        foreach (var feed in new[] { $"/bodies/{s.Slug}/decisions.atom", $"/bodies/{s.Slug}/meetings.ics" })
            Assert.DoesNotContain(s.Marker, await Client(user).GetStringAsync(feed));
    }

    [Fact]
    public async Task The_feeds_list_the_public_decision_and_the_meetings_but_no_confidential_title()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        using var atom = await Anonymous.GetAsync($"/bodies/{s.Slug}/decisions.atom");
        await atom.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/atom+xml", atom.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await atom.Content.ReadAsStringAsync());
        var ns = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var entries = xml.Root!.Elements(ns + "entry").ToList();
        Assert.Single(entries);
        Assert.Contains("Offentlig testsak", entries[0].Element(ns + "title")!.Value);
        Assert.EndsWith($"/saker/{s.PublicCaseId}", entries[0].Element(ns + "link")!.Attribute("href")!.Value);
        Assert.StartsWith("http", entries[0].Element(ns + "link")!.Attribute("href")!.Value);

        using var ics = await Anonymous.GetAsync($"/bodies/{s.Slug}/meetings.ics");
        await ics.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var cal = Unfold(await ics.Content.ReadAsStringAsync());
        Assert.StartsWith("BEGIN:VCALENDAR", cal);
        Assert.Equal(2, Regex.Matches(cal, "BEGIN:VEVENT").Count);
        Assert.Contains("Unntatt offentlighet", cal);
        Assert.Contains("Offentlig testsak", cal);
        Assert.Contains($"URL:http://localhost/moter/{s.PlannedMeetingId}", cal);
        // 15 November 2021 10:00 in Oslo is 09:00 UTC.
        Assert.Contains("DTSTART:20211115T090000Z", cal);
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", "");

    /// <summary>The readable text of a response: PDFs through pdftotext, Word files from their XML, gzip unpacked.</summary>
    private static async Task<string> ReadTextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await unzip.CopyToAsync(plain);
            bytes = plain.ToArray();
        }
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type == "application/pdf") return await PdfTextAsync(bytes);
        if (type.Contains("wordprocessingml"))
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var sb = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var r = new StreamReader(entry.Open());
                sb.Append(Regex.Replace(await r.ReadToEndAsync(), "<[^>]+>", ""));
            }
            return sb.ToString();
        }
        return WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            using var p = Process.Start(new ProcessStartInfo("pdftotext", ["-q", file, "-"]) { RedirectStandardOutput = true })
                          ?? throw new InvalidOperationException("pdftotext did not start");
            var text = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            // Without pdftotext, fall back to the raw bytes (our PDFs write text uncompressed enough to catch a plain marker).
            return p.ExitCode == 0 ? text : Encoding.Latin1.GetString(pdf);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Encoding.Latin1.GetString(pdf);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteConfidentialityTests(SqliteFactory factory) : ConfidentialityTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresConfidentialityTests(PostgresFactory factory) : ConfidentialityTests(factory);
