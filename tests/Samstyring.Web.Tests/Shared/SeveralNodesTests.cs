extern alias web;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Several stateless app nodes over one database (issue 14): a login cookie and a form made on one node are accepted by
/// another (the data-protection keys are in the database), and an attachment uploaded through one node downloads through
/// another (PostgreSQL: its bytes are in the database; SQLite: the nodes share the data directory). Each "node" is an app
/// instance of its own over the same database; with PostgreSQL the second has a data directory of its own, so nothing
/// but the database is shared.
/// </summary>
public abstract class SeveralNodesTests(SamstyringFactory factory) : WebTest(factory)
{
    private WebApplicationFactory<web::Program>? _nodeB;

    /// <summary>The second node, started once per class.</summary>
    private WebApplicationFactory<web::Program> NodeB => _nodeB ??= Factory.AnotherNode();

    private static HttpClient Plain(WebApplicationFactory<web::Program> node) =>
        node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpClient Basic(WebApplicationFactory<web::Program> node)
    {
        var client = Plain(node);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"kontor:{SamstyringFactory.DemoPassword}")));
        return client;
    }

    private static string Cookies(HttpResponseMessage response) => string.Join("; ",
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string cookies, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));

    [Fact]
    public async Task A_login_cookie_and_a_form_made_on_one_node_are_accepted_by_another()
    {
        if (!Factory.Ready()) return;
        using var a = Plain(Factory);
        using var b = Plain(NodeB);

        // Signed in on A, through the login form (its antiforgery token from A as well).
        using var loginPage = await a.GetAsync("/logg-inn");
        var antiforgery = Cookies(loginPage);
        using (var login = await SendAsync(a, HttpMethod.Post, "/logg-inn", antiforgery,
                   Form(Forms.AntiforgeryToken(await loginPage.Content.ReadAsStringAsync()), ("userName", "medlem"), ("password", SamstyringFactory.DemoPassword), ("returnUrl", ""))))
        {
            await login.AssertStatusAsync(HttpStatusCode.Redirect, "log in on node A");
            antiforgery += "; " + Cookies(login);
        }
        var cookies = antiforgery;

        // B reads A's login cookie: a page for signed-in users only.
        using (var page = await SendAsync(b, HttpMethod.Get, "/konto/passord", cookies))
            await page.AssertStatusAsync(HttpStatusCode.OK, "node B with node A's login cookie");
        using (var anonymous = await SendAsync(b, HttpMethod.Get, "/konto/passord", ""))
            await anonymous.AssertStatusAsync(HttpStatusCode.Redirect, "node B without a cookie");

        // A form from A (the sign-out form, with A's antiforgery token) posted to B: B accepts it and signs out.
        using var form = await SendAsync(a, HttpMethod.Get, "/logg-ut", cookies);
        await form.AssertStatusAsync(HttpStatusCode.OK, "the sign-out form on node A");
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using (var signOut = await SendAsync(b, HttpMethod.Post, "/logg-ut", cookies, Form(token)))
            await signOut.AssertStatusAsync(HttpStatusCode.Redirect, "node B with node A's form");
        // The session is over on both nodes (it is in the database too).
        using (var after = await SendAsync(a, HttpMethod.Get, "/konto/passord", cookies))
            await after.AssertStatusAsync(HttpStatusCode.Redirect, "node A after signing out on node B");

        // The key ring both used is in the database, not in a folder of either node.
        Assert.True(await WithDbAsync(db => db.DataProtectionKeys.CountAsync()) >= 1);
        Assert.Equal(SharedDataProtection.ApplicationName,
            NodeB.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }

    [Fact]
    public async Task A_node_with_a_key_ring_of_its_own_refuses_the_cookie_so_the_test_above_means_something()
    {
        if (!Factory.Ready()) return;
        var folder = Path.Combine(Path.GetTempPath(), "samstyring-web-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var stranger = Factory.AnotherNode(h => h.ConfigureTestServices(s => s.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder))));
        using var a = Plain(Factory);
        using var c = Plain(stranger);
        using var loginPage = await a.GetAsync("/logg-inn");
        var antiforgery = Cookies(loginPage);
        using var login = await SendAsync(a, HttpMethod.Post, "/logg-inn", antiforgery,
            Form(Forms.AntiforgeryToken(await loginPage.Content.ReadAsStringAsync()), ("userName", "medlem"), ("password", SamstyringFactory.DemoPassword), ("returnUrl", "")));
        await login.AssertStatusAsync(HttpStatusCode.Redirect);
        using var page = await SendAsync(c, HttpMethod.Get, "/konto/passord", antiforgery + "; " + Cookies(login));
        await page.AssertStatusAsync(HttpStatusCode.Redirect, "a node that cannot read the cookie sends to the login page");
    }

    private static MultipartFormDataContent Upload(byte[] file, string fileName, string label)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        content.Add(new StringContent(label), "label");
        content.Add(new StringContent("Saksfremlegg"), "title");
        return content;
    }

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private Task<int> CreateCaseAsync() => WithDbAsync(async db =>
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        var body = new Body { Slug = "noder-" + key, Kind = BodyKind.Other, Names = [new BodyName { Name = "Nodeorgan " + key, ValidFrom = new DateOnly(2020, 1, 1) }] };
        var meeting = new Meeting
        {
            Body = body, Year = 2021, Number = 1, Date = new DateOnly(2021, 12, 9), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(15, 0),
            Location = "Oslo", Status = MeetingStatus.NoticeSent, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        var c = new CouncilCase
        {
            Body = body, Meeting = meeting, Year = 2021, Number = 1, Title = "Sak for vedlegg på flere noder", Type = CaseType.Orientering,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    private bool InDatabase => Factory.Services.GetRequiredService<SamstyringOptions>().AttachmentsInDatabase;

    [Fact]
    public async Task An_attachment_uploaded_through_one_node_downloads_through_another_and_is_deleted_through_either()
    {
        if (!Factory.Ready()) return;
        var caseId = await CreateCaseAsync();
        var file = Pdf(300_000);
        var (rows, contents) = (await WithDbAsync(db => db.Attachments.CountAsync()), await WithDbAsync(db => db.AttachmentContents.CountAsync()));

        // A refused upload (an empty file, a taken label) leaves no row and no bytes, on either node.
        using var a = Basic(Factory);
        using var b = Basic(NodeB);
        using (var empty = await a.PostAsync($"/api/v1/cases/{caseId}/attachments", Upload([], "tom.pdf", "1")))
            await empty.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(rows, await WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(contents, await WithDbAsync(db => db.AttachmentContents.CountAsync()));

        using var created = await a.PostAsync($"/api/v1/cases/{caseId}/attachments", Upload(file, "Møtebok «6».pdf", "1"));
        await created.AssertStatusAsync(HttpStatusCode.Created, "upload on node A");
        var id = (await created.ReadJsonAsync()).Int("id");
        Assert.Equal(InDatabase ? contents + 1 : contents, await WithDbAsync(db => db.AttachmentContents.CountAsync()));
        using (var taken = await b.PostAsync($"/api/v1/cases/{caseId}/attachments", Upload(Pdf(1000), "annen.pdf", "1")))
            await taken.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(rows + 1, await WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(InDatabase ? contents + 1 : contents, await WithDbAsync(db => db.AttachmentContents.CountAsync()));

        // Node B serves it byte for byte, with the type, name and ETag the upload gave it.
        using var anonymousB = Plain(NodeB);
        using (var download = await anonymousB.GetAsync($"/api/v1/attachments/{id}"))
        {
            await download.AssertStatusAsync(HttpStatusCode.OK, "download on node B");
            Assert.Equal(file, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(file.Length, download.Content.Headers.ContentLength);
            Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(file))}\"", download.Headers.ETag?.Tag);
            Assert.Equal("Møtebok «6».pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        }
        if (InDatabase)
        {
            // Not through a file: neither node has one.
            var path = await WithDbAsync(db => db.Attachments.Where(x => x.Id == id).Select(x => x.StoragePath!).SingleAsync());
            Assert.False(File.Exists(new AttachmentStore(Factory.Services.GetRequiredService<SamstyringOptions>()).FullPath(path)));
            Assert.False(File.Exists(new AttachmentStore(NodeB.Services.GetRequiredService<SamstyringOptions>()).FullPath(path)));
        }

        // Deleted through B, gone on A: the row and its bytes.
        using (var deleted = await b.DeleteAsync($"/api/v1/attachments/{id}"))
            await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        using (var gone = await Plain(Factory).GetAsync($"/api/v1/attachments/{id}"))
            await gone.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(contents, await WithDbAsync(db => db.AttachmentContents.CountAsync()));
    }

    [Fact]
    public async Task Bytes_in_the_database_that_no_longer_match_are_never_served_as_whole()
    {
        if (!Factory.Ready() || !InDatabase) return;
        var caseId = await CreateCaseAsync();
        using var a = Basic(Factory);
        using var created = await a.PostAsync($"/api/v1/cases/{caseId}/attachments", Upload(Pdf(5000), "notat.pdf", "1"));
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).Int("id");
        await WithDbAsync(db => db.AttachmentContents.Where(c => c.AttachmentId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Content, Pdf(4999))));
        using var download = await Plain(NodeB).GetAsync($"/api/v1/attachments/{id}");
        await download.AssertStatusAsync(HttpStatusCode.InternalServerError);
        Assert.Contains("skadet", (await download.ReadJsonAsync()).Str("detail"));
    }
}

public sealed class SeveralNodesSqliteTests(SqliteFactory factory) : SeveralNodesTests(factory), IClassFixture<SqliteFactory>;

public sealed class SeveralNodesPostgresTests(PostgresFactory factory) : SeveralNodesTests(factory), IClassFixture<PostgresFactory>;
