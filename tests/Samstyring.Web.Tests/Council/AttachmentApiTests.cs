extern alias web;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Council;

/// <summary>Vedlegg over HTTP: multipart upload by the secretariat, download with safe headers, hidden when confidential.</summary>
public abstract partial class AttachmentApiTests : WebTest
{
    protected AttachmentApiTests(SamstyringFactory factory) : base(factory)
    {
        // PostgreSQL apps get no data directory of their own; keep the files in a temp folder (the SQLite app already is one).
        if (factory.IsConfigured && factory.Provider == Provider.Postgres)
        {
            var options = factory.Services.GetRequiredService<SamstyringOptions>();
            if (!options.DataDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
                options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-web-tests", "pg-files-" + Guid.NewGuid().ToString("N"));
            // These tests look at the files on disk; PostgreSQL keeps the bytes in the database unless it is given an
            // attachment directory (that way is tested in Shared/SeveralNodesTests).
            options.AttachmentDirectory ??= Path.Combine(options.DataDirectory, AttachmentStore.FolderName);
        }
    }

    private AttachmentStore Store => new(Factory.Services.GetRequiredService<SamstyringOptions>());

    private static byte[] Pdf(int size = 3000)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static MultipartFormDataContent Form(byte[] file, string fileName, string label, string title = "Saksfremlegg",
        bool confidential = false, string? legalBasis = null)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (fileName.Contains('"'))
        {
            // HttpClient refuses such a name; a hostile client would send it anyway.
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName.Replace("\"", "\\\"")}\"");
            content.Add(part);
        }
        else content.Add(part, "file", fileName);
        content.Add(new StringContent(label), "label");
        content.Add(new StringContent(title), "title");
        if (confidential) content.Add(new StringContent("true"), "confidential");
        if (legalBasis is not null) content.Add(new StringContent(legalBasis), "legalBasis");
        return content;
    }

    private async Task<int> UploadAsync(int caseId, byte[] file, string fileName, string label, bool confidential = false, string? legalBasis = null)
    {
        using var response = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(file, fileName, label, confidential: confidential, legalBasis: legalBasis));
        await response.AssertStatusAsync(HttpStatusCode.Created, "upload");
        return (await response.ReadJsonAsync()).Int("id");
    }

    private Task<(int CaseId, int MeetingId)> CreateCaseAsync(MeetingStatus status, bool confidential = false) =>
        WithDbAsync(async db =>
        {
            var key = Guid.NewGuid().ToString("N")[..8];
            var body = new Body { Slug = "vedleggstest-" + key, Kind = BodyKind.Other, Names = [new BodyName { Name = "Testorgan " + key, ValidFrom = new DateOnly(2020, 1, 1) }] };
            var meeting = new Meeting
            {
                Body = body, Year = 2021, Number = 1, Date = new DateOnly(2021, 12, 9), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(15, 0),
                Location = "Oslo", Status = status, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            var c = new CouncilCase
            {
                Body = body, Meeting = meeting, Year = 2021, Number = 1, Title = "Testsak for vedlegg", Type = CaseType.Orientering,
                Confidential = confidential, LegalBasis = confidential ? "Offl. § 13" : null, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return (c.Id, meeting.Id);
        });

    private Task<int> CountAsync() => WithDbAsync(db => db.Attachments.CountAsync());

    [Fact]
    public async Task An_uploaded_file_downloads_byte_identical_with_safe_headers()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        var file = Pdf(120_000);

        using var created = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(file, "Møtebok «6» 2021.pdf", "1", "Møtebok"));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var json = await created.ReadJsonAsync();
        var id = json.Int("id");
        Assert.Equal($"/api/v1/attachments/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Møtebok «6» 2021.pdf", json.Str("fileName"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), json.Str("sha256"));
        Assert.Equal(file.Length, json["sizeBytes"]!.GetValue<long>());

        using var download = await Anonymous.GetAsync($"/api/v1/attachments/{id}");
        await download.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(file, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Møtebok «6» 2021.pdf", disposition.FileNameStar);
        Assert.DoesNotContain(download.Content.Headers.GetValues("Content-Disposition").Single(), c => c > 127);

        // A file name that tries to break out of the header or the folder is only a name.
        var evil = await UploadAsync(caseId, Pdf(), "../../x\";Set-Cookie=a.pdf", "2");
        using var evilDownload = await Anonymous.GetAsync($"/api/v1/attachments/{evil}");
        await evilDownload.AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(evilDownload.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("..", evilDownload.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.All(Store.ListFiles(), f => Assert.Matches(@"^\d{4}/[0-9a-f]{32}\.pdf$", f));
    }

    [Fact]
    public async Task Too_large_wrong_content_and_taken_labels_are_refused_and_leave_nothing_behind()
    {
        if (!Factory.Ready()) return;
        var (caseId, meetingId) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        await UploadAsync(caseId, Pdf(), "forste.pdf", "1");
        var (files, rows) = (Store.ListFiles(), await CountAsync());

        using (var tooLarge = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(Pdf(26 * 1024 * 1024), "stor.pdf", "2")))
            Assert.Equal("Filen er for stor (26,0 MB). Største tillatte størrelse er 25 MB.", await tooLarge.AssertValidationProblemAsync("file"));
        using (var wayTooLarge = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(Pdf(40 * 1024 * 1024), "enorm.pdf", "2")))
        {
            await wayTooLarge.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
            var problem = await wayTooLarge.ReadJsonAsync();
            Assert.StartsWith("Filen er for stor (40,0 MB). Største tillatte størrelse er 25 MB.", problem.Str("detail"));
        }
        var exe = new byte[4096];
        "MZ\x90\0"u8.CopyTo(exe);
        using (var fake = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(exe, "faktura.pdf", "2")))
            Assert.Contains("passer ikke med filtypen .pdf", await fake.AssertValidationProblemAsync("file"));
        using (var wrongType = await Client(As.Office).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(exe, "virus.exe", "2")))
            Assert.StartsWith("Filtypen .exe er ikke tillatt. Tillatte typer:", await wrongType.AssertValidationProblemAsync("file"));

        // Label 1 is taken in the meeting, also from another case on it.
        var otherCase = await WithDbAsync(async db =>
        {
            var first = await db.Cases.SingleAsync(c => c.Id == caseId);
            var c = new CouncilCase { BodyId = first.BodyId, MeetingId = meetingId, Year = 2021, Number = 2, Title = "Annen sak", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        using (var taken = await Client(As.Office).PostAsync($"/api/v1/cases/{otherCase}/attachments", Form(Pdf(), "annen.pdf", "1")))
            Assert.Contains("Neste ledige nummer er 2", await taken.AssertValidationProblemAsync("label"));
        using (var noBasis = await Client(As.Office).PostAsync($"/api/v1/cases/{otherCase}/attachments", Form(Pdf(), "annen.pdf", "2", confidential: true, legalBasis: "taushetsplikt")))
            await noBasis.AssertValidationProblemAsync("legalBasis");

        Assert.Equal(files, Store.ListFiles());
        Assert.Equal(rows, await CountAsync());
    }

    [Fact]
    public async Task A_file_that_no_longer_matches_its_checksum_is_never_served_as_whole()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        var file = Pdf(200_000);
        var id = await UploadAsync(caseId, file, "rapport.pdf", "1");
        var url = $"/api/v1/attachments/{id}";
        var path = Store.FullPath(await WithDbAsync(db => db.Attachments.Where(a => a.Id == id).Select(a => a.StoragePath!).SingleAsync()));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(file))}\"");
        using (var whole = await Anonymous.GetAsync(url))
        {
            await whole.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(etag, whole.Headers.ETag);
        }

        async Task AssertDamagedAsync(string what)
        {
            using var response = await Anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("Vedlegget er skadet", problem.Str("title"));
            Assert.StartsWith("Filen til vedlegg 1 er skadet eller mangler", problem.Str("detail"));
            // A real error, unlike a 404 or 403: logged at error level with what was thrown.
            Assert.Contains("DamagedFileException", ServerErrors.For(problem.Str("traceId")) ?? "(ikke logget som feil)");
            Assert.Null(response.Headers.ETag);
            // A client holding the original ETag is not told that its copy is still good either.
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            using var revalidated = await Anonymous.SendAsync(conditional);
            Assert.True(revalidated.StatusCode == HttpStatusCode.InternalServerError, $"{what}, If-None-Match: {(int)revalidated.StatusCode}");
        }

        // Cut short, as a killed restore left one.
        await File.WriteAllBytesAsync(path, file[..100_000]);
        await AssertDamagedAsync("truncated");
        // The same length with one byte changed.
        var changed = (byte[])file.Clone();
        changed[150_000] ^= 0xFF;
        await File.WriteAllBytesAsync(path, changed);
        await AssertDamagedAsync("changed");
        File.Delete(path);
        await AssertDamagedAsync("missing");

        // Put back whole (as a restore would), it is served again.
        await File.WriteAllBytesAsync(path, file);
        using var again = await Anonymous.GetAsync(url);
        await again.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(file, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_confidential_attachment_is_a_404_like_a_missing_one_for_all_but_members_and_the_office()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.Held);
        var secret = await UploadAsync(caseId, Pdf(), "fortrolig.pdf", "6A", confidential: true, legalBasis: "Offl. § 14");
        var (secretCase, _) = await CreateCaseAsync(MeetingStatus.Held, confidential: true);
        var inSecretCase = await UploadAsync(secretCase, Pdf(), "apen.pdf", "1");

        foreach (var id in new[] { secret, inSecretCase })
        {
            foreach (var user in new[] { As.Anonymous, As.OwnerHso, As.OwnerOslo, As.Ks })
            {
                using var hidden = await Client(user).GetAsync($"/api/v1/attachments/{id}");
                using var missing = await Client(user).GetAsync($"/api/v1/attachments/{id + 1_000_000}");
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
                Assert.Equal(WithoutTrace(await missing.Content.ReadAsStringAsync()).Replace((id + 1_000_000).ToString(), id.ToString()),
                    WithoutTrace(await hidden.Content.ReadAsStringAsync()));
                Assert.Equal(missing.Content.Headers.ContentType, hidden.Content.Headers.ContentType);
            }
            foreach (var user in new[] { As.Member, As.Office })
            {
                using var ok = await Client(user).GetAsync($"/api/v1/attachments/{id}");
                await ok.AssertStatusAsync(HttpStatusCode.OK, $"{user} downloads {id}");
                Assert.True(ok.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {ok.Headers.CacheControl}");
            }
        }
    }

    [Fact]
    public async Task Before_the_notice_only_members_and_the_office_download()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.Planned);
        var id = await UploadAsync(caseId, Pdf(), "utkast.pdf", "1");
        using (var anonymous = await Anonymous.GetAsync($"/api/v1/attachments/{id}")) Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using (var owner = await Client(As.OwnerHso).GetAsync($"/api/v1/attachments/{id}")) Assert.Equal(HttpStatusCode.NotFound, owner.StatusCode);
        using (var member = await Client(As.Member).GetAsync($"/api/v1/attachments/{id}")) await member.AssertStatusAsync(HttpStatusCode.OK);
    }

    public static TheoryData<As, int> WriteMatrix() => new()
    {
        { As.Anonymous, 401 }, { As.Member, 403 }, { As.OwnerHso, 403 }, { As.OwnerOslo, 403 }, { As.Ks, 403 }, { As.Office, 200 },
    };

    [Theory]
    [MemberData(nameof(WriteMatrix))]
    public async Task Only_the_office_uploads_changes_and_deletes(As user, int expected)
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        var id = await UploadAsync(caseId, Pdf(), "sak.pdf", "1");
        var (files, rows) = (Store.ListFiles(), await CountAsync());

        using var post = await Client(user).PostAsync($"/api/v1/cases/{caseId}/attachments", Form(Pdf(), "ny.pdf", "2"));
        using var put = await Client(user).PutJsonAsync($"/api/v1/attachments/{id}", new { label = "1A", title = "Endret", confidential = false, version = 1 });
        var afterPut = Store.ListFiles();
        using var delete = await Client(user).DeleteAsync($"/api/v1/attachments/{id}");

        if (expected != 200)
        {
            Assert.Equal((HttpStatusCode)expected, post.StatusCode);
            Assert.Equal((HttpStatusCode)expected, put.StatusCode);
            Assert.Equal((HttpStatusCode)expected, delete.StatusCode);
            Assert.Equal(files, Store.ListFiles());
            Assert.Equal(rows, await CountAsync());
            return;
        }
        await post.AssertStatusAsync(HttpStatusCode.Created);
        await put.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("1A", (await put.ReadJsonAsync()).Str("label"));
        await delete.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(afterPut.Count - 1, Store.ListFiles().Count);
        Assert.Equal(rows, await CountAsync());
        using var gone = await Client(As.Office).GetAsync($"/api/v1/attachments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_stale_version_is_a_412()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        var id = await UploadAsync(caseId, Pdf(), "sak.pdf", "1");
        using (var first = await Client(As.Office).PutJsonAsync($"/api/v1/attachments/{id}", new { label = "1", title = "Først" }, ifMatch: "\"1\""))
            await first.AssertStatusAsync(HttpStatusCode.OK);
        using var stale = await Client(As.Office).PutJsonAsync($"/api/v1/attachments/{id}", new { label = "1", title = "For sent" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task The_office_page_lists_and_uploads_through_the_form()
    {
        if (!Factory.Ready()) return;
        var (caseId, _) = await CreateCaseAsync(MeetingStatus.NoticeSent);
        var url = $"/sekretariat/saker/{caseId}/vedlegg";
        using (var anonymous = await Anonymous.GetAsync(url)) Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        using (var member = await Client(As.Member).GetAsync(url)) Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);

        // Basic credentials on every request, plus the antiforgery cookie and token from the form.
        using var page = await Client(As.Office).GetAsync(url);
        await page.AssertStatusAsync(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Vedlegg til sak 1/21", html);
        var token = Token().Match(html).Groups["v"].Value;
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        async Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
            request.Headers.Add("Cookie", cookie);
            return await Client(As.Office).SendAsync(request);
        }

        using (var invalid = await PostAsync(Form([0x4D, 0x5A, 0, 0], "faktura.pdf", "1")))
        {
            await invalid.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("passer ikke med filtypen .pdf", await invalid.Content.ReadAsStringAsync());
        }
        using (var ok = await PostAsync(Form(Pdf(), "Notat.pdf", "1", "Notat om vedlegg")))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Equal(url, ok.Headers.Location?.OriginalString);
        }
        var list = await (await Client(As.Office).GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("Notat om vedlegg", list);
        Assert.Contains("neste ledige nummer er 2", list);

        // Over the request limit the form comes back with the Norwegian message instead of an error page.
        using (var huge = await PostAsync(Form(Pdf(40 * 1024 * 1024), "enorm.pdf", "2")))
        {
            Assert.Equal(HttpStatusCode.Redirect, huge.StatusCode);
            var tempData = string.Join("; ", huge.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.Add("Cookie", tempData);
            using var back = await Client(As.Office).SendAsync(again);
            Assert.Contains("Filen er for stor (40,0 MB)", System.Net.WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()));
        }

        var id = await WithDbAsync(db => db.Attachments.Where(a => a.CaseId == caseId).Select(a => a.Id).SingleAsync());
        using (var edit = await Client(As.Office).GetAsync($"/sekretariat/vedlegg/{id}/endre")) await edit.AssertStatusAsync(HttpStatusCode.OK);
        using (var confirm = await Client(As.Office).GetAsync($"/sekretariat/vedlegg/{id}/endre?handler=slett"))
            Assert.Contains("Ja, slett vedlegget", await confirm.Content.ReadAsStringAsync());
        using (var denied = await Client(As.Member).GetAsync($"/sekretariat/vedlegg/{id}/endre")) Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private static string WithoutTrace(string problem)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<v>[^""]+)""")]
    private static partial Regex Token();
}

public sealed class AttachmentApiSqliteTests(SqliteFactory factory) : AttachmentApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class AttachmentApiPostgresTests(PostgresFactory factory) : AttachmentApiTests(factory), IClassFixture<PostgresFactory>;
