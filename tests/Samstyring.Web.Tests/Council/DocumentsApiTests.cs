using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Samstyring.Web.Tests.Council;

/// <summary>The council documents over HTTP on the demo data: status, content type, file name, and redaction by reader.</summary>
public abstract class DocumentsApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string ConfidentialTitle = "Forhandlinger om avtale for felles journalløsning";

    private async Task<int> MeetingIdAsync(string body, string number)
    {
        var rows = await Anonymous.GetArrayAsync($"/api/v1/meetings?body={body}&year=2021");
        return rows.Single(r => r.Str("number") == number).Int("id");
    }

    private async Task<int> CaseIdAsync(int meetingId, string number)
    {
        var meeting = await Client(As.Office).GetJsonAsync($"/api/v1/meetings/{meetingId}");
        return meeting["cases"]!.AsArray().Single(c => c.Str("number") == number).Int("id");
    }

    private static async Task<byte[]> AssertFileAsync(HttpResponseMessage response, string contentType, string fileName)
    {
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("private", response.Headers.CacheControl?.ToString() ?? "");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (contentType == "application/pdf") Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        else Assert.Equal("PK", Encoding.ASCII.GetString(bytes, 0, 2));
        return bytes;
    }

    /// <summary>The text runs of a Word file's body, joined.</summary>
    private static string WordText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = reader.ReadToEnd();
        return WebUtility.HtmlDecode(string.Concat(Regex.Matches(xml, "<w:t(?: [^>]*)?>([^<]*)</w:t>").Select(m => m.Groups[1].Value + " ")));
    }

    [Fact]
    public async Task Notice_and_package_of_meeting_6_2021_are_public_files_with_norwegian_names()
    {
        if (!Factory.Ready()) return;
        var id = await MeetingIdAsync("nasjonalt-e-helserad", "6/2021");
        using (var pdf = await Anonymous.GetAsync($"/api/v1/meetings/{id}/notice.pdf"))
            await AssertFileAsync(pdf, "application/pdf", "innkalling-nasjonalt-e-helserad-6-2021.pdf");
        using (var docx = await Anonymous.GetAsync($"/api/v1/meetings/{id}/notice.docx"))
        {
            var text = WordText(await AssertFileAsync(docx, Docx, "innkalling-nasjonalt-e-helserad-6-2021.docx"));
            Assert.Contains("Møte i Nasjonalt e-helsestyre", text);
            Assert.Contains("Godkjenning av kriterier for nasjonal e-helseportefølje", text);
            Assert.Contains("Lunsj", text);
            Assert.Contains("11:50", text);
        }
        using (var package = await Anonymous.GetAsync($"/api/v1/meetings/{id}/package.pdf"))
            await AssertFileAsync(package, "application/pdf", "saksdokumenter-nasjonalt-e-helserad-6-2021.pdf");

        var paperId = await CaseIdAsync(id, "37/21");
        using (var paper = await Anonymous.GetAsync($"/api/v1/cases/{paperId}/paper.docx"))
        {
            var text = WordText(await AssertFileAsync(paper, Docx, "saksfremlegg-nasjonalt-e-helserad-37-21.docx"));
            Assert.Contains("Saksnummer", text);
            Assert.Contains("Siv Ingebrigtsen/Nina Bjørlykke", text);
            Assert.Contains("Vedtak på tilsluttende saker", text);
        }
        using (var paperPdf = await Anonymous.GetAsync($"/api/v1/cases/{paperId}/paper.pdf"))
            await AssertFileAsync(paperPdf, "application/pdf", "saksfremlegg-nasjonalt-e-helserad-37-21.pdf");
    }

    [Fact]
    public async Task Minutes_before_the_meeting_is_held_are_a_norwegian_404_problem()
    {
        if (!Factory.Ready()) return;
        var id = await MeetingIdAsync("nasjonalt-e-helserad", "6/2021");
        foreach (var format in new[] { "pdf", "docx" })
        {
            using var response = await Client(As.Office).GetAsync($"/api/v1/meetings/{id}/minutes.{format}");
            await response.AssertStatusAsync(HttpStatusCode.NotFound);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("ikke avholdt", (await response.ReadJsonAsync()).Str("detail"));
        }
    }

    [Fact]
    public async Task Unknown_meetings_and_cases_are_404_problems()
    {
        if (!Factory.Ready()) return;
        foreach (var url in new[]
                 {
                     "/api/v1/meetings/987654/notice.pdf", "/api/v1/meetings/987654/notice.docx", "/api/v1/meetings/987654/minutes.pdf",
                     "/api/v1/meetings/987654/minutes.docx", "/api/v1/meetings/987654/package.pdf", "/api/v1/cases/987654/paper.pdf",
                     "/api/v1/cases/987654/paper.docx",
                 })
        {
            using var response = await Anonymous.GetAsync(url);
            await response.AssertStatusAsync(HttpStatusCode.NotFound, url);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(LooksNorwegianDetail((await response.ReadJsonAsync()).Str("detail")), url);
        }
    }

    private static bool LooksNorwegianDetail(string detail) => detail.StartsWith("Fant ikke", StringComparison.Ordinal);

    [Fact]
    public async Task Confidential_case_is_redacted_for_anonymous_readers_and_shown_to_members()
    {
        if (!Factory.Ready()) return;
        var meetingId = await MeetingIdAsync("nuit", "5/2021");
        var caseId = await CaseIdAsync(meetingId, "40/21");

        using (var anonymous = await Anonymous.GetAsync($"/api/v1/cases/{caseId}/paper.docx"))
        {
            var text = WordText(await AssertFileAsync(anonymous, Docx, "saksfremlegg-nuit-40-21.docx"));
            Assert.DoesNotContain(ConfidentialTitle, text);
            Assert.Contains("Unntatt offentlighet", text);
        }
        using (var owner = await Client(As.OwnerHso).GetAsync($"/api/v1/cases/{caseId}/paper.docx"))
            Assert.DoesNotContain(ConfidentialTitle, WordText(await AssertFileAsync(owner, Docx, "saksfremlegg-nuit-40-21.docx")));
        using (var member = await Client(As.Member).GetAsync($"/api/v1/cases/{caseId}/paper.docx"))
        {
            var text = WordText(await AssertFileAsync(member, Docx, "saksfremlegg-nuit-40-21.docx"));
            Assert.Contains(ConfidentialTitle, text);
            Assert.Contains("Unntatt offentlighet, jf.", text);
        }

        using (var minutes = await Anonymous.GetAsync($"/api/v1/meetings/{meetingId}/minutes.docx"))
        {
            var text = WordText(await AssertFileAsync(minutes, Docx, "referat-nuit-5-2021.docx"));
            Assert.DoesNotContain(ConfidentialTitle, text);
            Assert.Contains("40/21", text);
        }
        using (var minutes = await Client(As.Office).GetAsync($"/api/v1/meetings/{meetingId}/minutes.docx"))
            Assert.Contains(ConfidentialTitle, WordText(await AssertFileAsync(minutes, Docx, "referat-nuit-5-2021.docx")));
    }

    [Fact]
    public async Task OpenApi_lists_the_document_endpoints()
    {
        if (!Factory.Ready()) return;
        var paths = (await Anonymous.GetJsonAsync("/openapi/v1.json"))["paths"]!.AsObject();
        foreach (var p in new[]
                 {
                     "/api/v1/meetings/{id}/notice.docx", "/api/v1/meetings/{id}/notice.pdf", "/api/v1/meetings/{id}/minutes.docx",
                     "/api/v1/meetings/{id}/minutes.pdf", "/api/v1/meetings/{id}/package.pdf", "/api/v1/cases/{id}/paper.docx",
                     "/api/v1/cases/{id}/paper.pdf",
                 })
            Assert.True(paths.ContainsKey(p), p);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DocumentsApiSqliteTests(SqliteFactory factory) : DocumentsApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DocumentsApiPostgresTests(PostgresFactory factory) : DocumentsApiTests(factory);
