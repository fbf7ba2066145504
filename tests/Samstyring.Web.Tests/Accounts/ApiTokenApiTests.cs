using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// API tokens over HTTP: made once and shown once, they read and write the API as their user with the token's role and
/// organisation; expired, revoked, unknown and malformed tokens get 401 with a Norwegian problem and
/// <c>WWW-Authenticate: Bearer</c>, never the public view; pages do not take them; bad input is a 400 with field errors.
/// </summary>
public abstract class ApiTokenApiTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_token_reads_and_writes_the_API_as_its_user_and_is_shown_only_once()
    {
        if (!Factory.Ready()) return;
        using var created = await Client(As.OwnerHso).PostJsonAsync("/api/v1/tokens", new { name = "Rapportering fra prosjektverktøyet" });
        await created.AssertStatusAsync(HttpStatusCode.Created, "make a token");
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var body = await created.ReadJsonAsync();
        var token = body.Str("token");
        var details = body["details"]!;
        var id = details.Int("id");
        Assert.Matches("^sst_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(($"/api/v1/tokens/{id}", "\"1\""), (created.Headers.Location?.OriginalString, created.Headers.ETag?.Tag));
        Assert.Equal(("personal", "initiative-owner", "helse-sor-ost", "eier-hso", "active", token[..12]),
            (details.Str("kind"), details.Str("role"), details.Str("organization"), details.Str("createdBy"), details.Str("status"), details.Str("prefix")));

        // As eier-hso: the submission history of Helse Sør-Øst's own initiative (hidden from the public) and its own tokens.
        using var client = WithToken(token);
        var initiative = await InitiativeIdAsync("Statistisk logganalyse");
        Assert.NotNull((await client.GetJsonAsync($"/api/v1/initiatives/{initiative}"))["submissionSteps"]);
        Assert.Null((await Anonymous.GetJsonAsync($"/api/v1/initiatives/{initiative}"))["submissionSteps"]);
        using (var users = await client.GetAsync("/api/v1/users"))
            await users.AssertStatusAsync(HttpStatusCode.Forbidden, "the office's users with an owner's token");

        // A write without antiforgery (the header is not a cookie a browser adds by itself), recorded under the user's name.
        var name = UniqueName("Foreslått med token");
        using (var proposed = await client.PostJsonAsync("/api/v1/initiatives", Proposal(name)))
            await proposed.AssertStatusAsync(HttpStatusCode.Created, "propose with a token");
        Assert.Equal("eier-hso", await WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "Initiative" && a.After!.Contains(name))
            .Select(a => a.UserName).FirstAsync()));

        // Never again: the list and the token itself show the prefix only, and the database holds the hash only.
        var listed = (await client.GetArrayAsync("/api/v1/tokens")).Single(t => t.Int("id") == id)!;
        Assert.Null(listed["token"]);
        Assert.DoesNotContain(token[12..], listed.ToJsonString());
        using (var one = await client.GetAsync($"/api/v1/tokens/{id}"))
        {
            await one.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("\"1\"", one.Headers.ETag?.Tag);
            Assert.DoesNotContain(token[12..], await one.Content.ReadAsStringAsync());
        }
        var stored = await WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.DoesNotContain(token[4..], string.Join("|", stored.Name, stored.Prefix, stored.SecretHash, stored.RevokedBy));
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.False(await WithDbAsync(db => db.AuditLog.AnyAsync(a => (a.After ?? "").Contains(token.Substring(4, 20)) || (a.After ?? "").Contains(stored.SecretHash)
                                                                      || (a.Before ?? "").Contains(stored.SecretHash))));
        Assert.True(await WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityType == "ApiToken" && a.EntityId == id.ToString() && a.After!.Contains(stored.Prefix))));
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task Expired_revoked_unknown_and_malformed_tokens_get_401_with_a_Norwegian_problem_and_never_the_public_view()
    {
        if (!Factory.Ready()) return;
        var (expiredId, expired) = await MakeAsync(As.Member);
        // Expired before its first use, so no node has it cached.
        await WithDbAsync(db => db.ApiTokens.Where(t => t.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddDays(-1))));
        var (revokedId, revoked) = await MakeAsync(As.Member);
        using (var works = await WithToken(revoked).GetAsync("/api/v1/tokens")) await works.AssertStatusAsync(HttpStatusCode.OK, "before revoking");
        using (var revoke = await Client(As.Member).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{revokedId}", null, "\"1\""))
            await revoke.AssertStatusAsync(HttpStatusCode.NoContent, "revoke");

        var cases = new (string Header, string Detail)[]
        {
            ("Bearer " + expired, "har utløpt"),
            ("Bearer " + revoked, "ble trukket tilbake"),
            ("Bearer sst_" + new string('A', 43), "finnes ikke"),
            ("Bearer sst_kort", "feil form"),
            ("Bearer " + expired + " ekstra", "feil form"),
            ("Bearer", "feil form"),
            ("bearer " + expired, "har utløpt"),
        };
        foreach (var (header, detail) in cases)
            foreach (var url in new[] { "/api/v1/tokens", "/api/v1/initiatives", "/api/v1/cases/1" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("Authorization", header);
                using var response = await Anonymous.SendAsync(request);
                await response.AssertStatusAsync(HttpStatusCode.Unauthorized, $"{header[..Math.Min(20, header.Length)]} on {url}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer realm=\"Samstyring\", error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
                var problem = await response.ReadJsonAsync();
                Assert.Equal("Ikke innlogget", problem.Str("title"));
                Assert.Contains(detail, problem.Str("detail"));
            }
    }

    [Fact]
    public async Task Tokens_are_for_the_API_only_and_cannot_make_more_tokens()
    {
        if (!Factory.Ready()) return;
        var (_, token) = await MakeAsync(As.Office);
        using var client = WithToken(token);
        using (var page = await client.GetAsync("/kontor"))
        {
            await page.AssertStatusAsync(HttpStatusCode.Unauthorized, "a page with a token");
            Assert.Contains("bare for API-et", (await page.ReadJsonAsync()).Str("detail"));
        }
        using (var page = await client.GetAsync("/"))
            await page.AssertStatusAsync(HttpStatusCode.Unauthorized, "the front page with a token");
        var count = await WithDbAsync(db => db.ApiTokens.CountAsync());
        using (var more = await client.PostJsonAsync("/api/v1/tokens", new { name = "Enda et" }))
        {
            await more.AssertStatusAsync(HttpStatusCode.Forbidden, "a token making a token");
            Assert.StartsWith("Et API-token kan ikke lage nye tokener.", (await more.ReadJsonAsync()).Str("detail"));
        }
        Assert.Equal(count, await WithDbAsync(db => db.ApiTokens.CountAsync()));
        // The office's token reads what the office reads.
        using (var users = await client.GetAsync("/api/v1/users")) await users.AssertStatusAsync(HttpStatusCode.OK, "the users with the office's token");
    }

    [Fact]
    public async Task A_user_cannot_make_a_token_for_another_organisation_or_role_and_the_office_can()
    {
        if (!Factory.Ready()) return;
        var count = await WithDbAsync(db => db.ApiTokens.CountAsync());
        foreach (var body in new object[]
                 {
                     new { name = "Annen organisasjon", organization = "kommune:0301" },
                     new { name = "Høyere rolle", role = "portfolio-office" },
                     new { name = "Annen rolle", role = "ks-coordinator", organization = "helse-sor-ost" },
                 })
        {
            using var response = await Client(As.OwnerHso).PostJsonAsync("/api/v1/tokens", body);
            await response.AssertStatusAsync(HttpStatusCode.Forbidden, "an owner asking for more");
            Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
        }
        Assert.Equal(count, await WithDbAsync(db => db.ApiTokens.CountAsync()));

        using var integration = await Client(As.Office).PostJsonAsync("/api/v1/tokens",
            new { name = "Oslo: rapportering", role = "initiative-owner", organization = "kommune:0301", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200).ToString("yyyy-MM-dd") });
        await integration.AssertStatusAsync(HttpStatusCode.Created, "the office makes an integration token");
        var body2 = await integration.ReadJsonAsync();
        Assert.Equal(("integration", "initiative-owner", "kommune:0301", "kontor"),
            (body2["details"].Str("kind"), body2["details"].Str("role"), body2["details"].Str("organization"), body2["details"].Str("createdBy")));
        // It acts as an owner in Oslo: Oslo's initiatives can be reported on, Helse Sør-Øst's cannot.
        using var client = WithToken(body2.Str("token"));
        using (var users = await client.GetAsync("/api/v1/users")) await users.AssertStatusAsync(HttpStatusCode.Forbidden, "an integration token as owner");
        var hso = await InitiativeIdAsync("Statistisk logganalyse");
        using (var edit = await client.PutJsonAsync($"/api/v1/initiatives/{hso}", UpdateBody(await InitiativeAsync(hso)), $"\"{(await InitiativeAsync(hso)).Int("version")}\""))
            await edit.AssertStatusAsync(HttpStatusCode.Forbidden, "Oslo's integration editing Helse Sør-Øst's initiative");
    }

    [Fact]
    public async Task Revoking_needs_the_version_and_someone_elses_token_is_not_found()
    {
        if (!Factory.Ready()) return;
        var (id, token) = await MakeAsync(As.OwnerOslo);
        using (var missing = await Client(As.OwnerOslo).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null))
            await missing.AssertVersionRequiredAsync();
        using (var stale = await Client(As.OwnerOslo).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null, "\"9\""))
            await stale.AssertStatusAsync((HttpStatusCode)412, "a stale version");
        using (var other = await Client(As.OwnerHso).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null, "\"1\""))
            await other.AssertStatusAsync(HttpStatusCode.NotFound, "someone else's token");
        using (var other = await Client(As.OwnerHso).GetAsync($"/api/v1/tokens/{id}"))
            await other.AssertStatusAsync(HttpStatusCode.NotFound, "someone else's token");
        using (var works = await WithToken(token).GetAsync("/api/v1/tokens")) await works.AssertStatusAsync(HttpStatusCode.OK, "still works");

        // Revoked with the token itself, which needs no antiforgery: it stops at once.
        using (var revoke = await WithToken(token).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null, "\"1\""))
            await revoke.AssertStatusAsync(HttpStatusCode.NoContent, "revoke with the token");
        using (var gone = await WithToken(token).GetAsync("/api/v1/tokens")) await gone.AssertStatusAsync(HttpStatusCode.Unauthorized, "after revoking");
        var row = await Client(As.OwnerOslo).GetJsonAsync($"/api/v1/tokens/{id}");
        Assert.Equal(("revoked", "eier-oslo", 2), (row.Str("status"), row.Str("revokedBy"), row.Int("version")));
    }

    [Fact]
    public async Task Twenty_revokes_at_once_with_the_same_version_give_one_204_and_412_for_the_rest()
    {
        if (!Factory.Ready()) return;
        var (id, _) = await MakeAsync(As.Member);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await Client(As.Member).SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null, "\"1\"");
            return (int)response.StatusCode;
        }));
        Assert.Equal(1, answers.Count(a => a == 204));
        Assert.Equal(19, answers.Count(a => a == 412));
        Assert.Equal(2, (await Client(As.Member).GetJsonAsync($"/api/v1/tokens/{id}")).Int("version"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_field_errors_and_nothing_saved()
    {
        if (!Factory.Ready()) return;
        var count = await WithDbAsync(db => db.ApiTokens.CountAsync());
        var tooFar = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(400).ToString("yyyy-MM-dd");
        using (var r = await Client(As.Member).PostJsonAsync("/api/v1/tokens", new { name = new string('x', 101), expiresOn = tooFar }))
        {
            Assert.Contains("100 tegn", await r.AssertValidationProblemAsync("name"));
            Assert.Contains("ett år", (await r.ReadJsonAsync())["errors"]!["expiresOn"]![0]!.GetValue<string>());
        }
        foreach (var (json, field) in new[]
                 {
                     ("{\"name\": 5}", "name"), ("{\"name\": \"a\", \"name\": \"b\"}", "name"), ("{\"name\": \"a\", \"expiresOn\": \"2026-02-30\"}", "expiresOn"),
                     ("{\"name\": \"a\\u0000b\"}", "name"), ("{\"name\": \"<script>\\u202E\"}", "name"), ("{\"name\"", "body"), ("[]", "body"),
                     ("{\"name\": \"a\", \"expiresOn\": \"2001-01-01\"}", "expiresOn"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            using var response = await Client(As.Member).SendAsync(request);
            var message = await response.AssertValidationProblemAsync(field);
            Assert.True(ApiHelpers.LooksNorwegian(message), message);
        }
        Assert.Equal(count, await WithDbAsync(db => db.ApiTokens.CountAsync()));
        using (var r = await Client(As.Office).PostJsonAsync("/api/v1/tokens", new { name = "Integrasjon", role = "keiser", organization = "finnes-ikke" }))
        {
            await r.AssertValidationProblemAsync("role");
            await r.AssertValidationProblemAsync("organization");
        }
    }

    [Fact]
    public async Task The_token_pages_make_a_token_shown_once_and_revoke_it()
    {
        if (!Factory.Ready()) return;
        var (browser, antiforgery) = await SignedInBrowserAsync(As.Ks);
        using var _ = browser;
        var name = UniqueName("Fra siden");
        using var made = await browser.PostAsync("/konto/tokener?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = name, ["expiresOn"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd"), ["__RequestVerificationToken"] = antiforgery,
        }));
        await made.AssertStatusAsync(HttpStatusCode.OK, "make a token on the page");
        Assert.True(made.Headers.CacheControl?.NoStore, "the page with the token may not be stored");
        var html = WebUtility.HtmlDecode(await made.Content.ReadAsStringAsync());
        var token = System.Text.RegularExpressions.Regex.Match(html, "sst_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(token);
        Assert.Contains("det vises ikke igjen", html);
        using (var works = await WithToken(token).GetAsync("/api/v1/tokens")) await works.AssertStatusAsync(HttpStatusCode.OK, "the page's token");

        var again = await PageAsync(browser, "/konto/tokener");
        Assert.Contains(name, again);
        Assert.Contains(token[..12] + "…", again);
        Assert.DoesNotContain(token, again);

        var id = await WithDbAsync(db => db.ApiTokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
        var errors = await PostFormAsync(browser, "/konto/tokener?handler=Create", new() { ["name"] = "", ["expiresOn"] = "2001-01-01", ["__RequestVerificationToken"] = antiforgery });
        Assert.Contains("Navn må fylles ut.", errors);
        Assert.Contains("Utløpsdatoen kan ikke være tilbake i tid.", errors);
        // The office sees it, and revokes it from its page.
        var office = await PageAsync(Office, "/kontor/tokener");
        Assert.Contains(name, office);
        var (officeBrowser, officeToken) = await SignedInBrowserAsync(As.Office);
        using var _o = officeBrowser;
        var location = await PostFormAsync(officeBrowser, "/kontor/tokener?handler=Revoke",
            new() { ["id"] = id.ToString(), ["version"] = "1", ["__RequestVerificationToken"] = officeToken }, HttpStatusCode.Redirect);
        Assert.Equal("/kontor/tokener", location);
        using (var gone = await WithToken(token).GetAsync("/api/v1/tokens")) await gone.AssertStatusAsync(HttpStatusCode.Unauthorized, "revoked on the page");
        Assert.Contains("Trukket tilbake", await PageAsync(browser, "/konto/tokener"));
        // A form without antiforgery changes nothing.
        using var forged = await browser.PostAsync("/konto/tokener?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Forfalsket" }));
        await forged.AssertStatusAsync(HttpStatusCode.BadRequest, "no antiforgery token");
        Assert.False(await WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "Forfalsket")));
    }

    private HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(int Id, string Token)> MakeAsync(As user)
    {
        using var response = await Client(user).PostJsonAsync("/api/v1/tokens", new { name = UniqueName("Token") });
        await response.AssertStatusAsync(HttpStatusCode.Created, $"make a token as {user}");
        var body = await response.ReadJsonAsync();
        return (body["details"].Int("id"), body.Str("token"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiTokenApiSqliteTests(SqliteFactory factory) : ApiTokenApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ApiTokenApiPostgresTests(PostgresFactory factory) : ApiTokenApiTests(factory);
