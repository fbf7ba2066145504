using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Every state-changing API endpoint, found from the app's own routing table so a new one cannot be forgotten:
/// authorisation comes before validation (someone who may not act learns nothing about the rules, ids or versions), and a
/// change made with the login cookie needs the antiforgery token. Nothing refused may change anything.
/// </summary>
public abstract class WriteEndpointTests(SamstyringFactory factory) : WebTest(factory)
{
    /// <summary>Endpoints a role may use, so a refusal is not expected there: KS reviews municipal submissions, members send input.</summary>
    private static readonly Dictionary<As, string[]> Allowed = new()
    {
        // KS and council members propose target areas and initiatives to an evaluation round.
        [As.Ks] = ["POST /api/v1/initiatives/{id:int}/ks-review", "POST /api/v1/evaluations/{id}/proposals"],
        // The council member sits on the demo evaluation's panel, and the panel scores.
        [As.Member] = ["POST /api/v1/cases/{id:int}/comments", "POST /api/v1/evaluations/{id}/proposals",
            "PUT /api/v1/evaluations/{id}/candidates/{candidateId}/scores"],
        // An operator records the adoption of the solutions it runs, and writes nothing else.
        [As.OperatorNhn] = ["POST /api/v1/solutions/{key}/adoption/changes", "POST /api/v1/solutions/{key}/adoption/import"],
        // The TBU records its calculation (the figure and the step of the yearly process), and writes nothing else.
        [As.Tbu] = ["POST /api/v1/financing/models/{id}/steps", "PUT /api/v1/financing/cost-bases/{solutionKey}/{year}/tbu"],
    };

    /// <summary>
    /// Endpoints every signed-in user may use, so a refusal is expected only for the anonymous: API tokens, each their own
    /// (a token for another role or organisation is refused by the use case, see ApiTokenApiTests).
    /// </summary>
    private static readonly string[] SignedIn = ["POST /api/v1/tokens/", "DELETE /api/v1/tokens/{id:int}"];

    /// <summary>Endpoints open to everyone, signed in or not: subscribing by e-mail (the address confirms it from the mail).</summary>
    private static readonly string[] Open = ["POST /api/v1/subscriptions"];

    public static TheoryData<As> Outsiders() => [As.Anonymous, As.Ks, As.Member, As.OperatorNhn, As.Tbu];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task Every_write_refuses_an_outsider_before_reading_the_request(As user)
    {
        if (!Factory.Ready()) return;
        var expected = user == As.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var before = await AuditCountAsync();
        var wrong = new List<string>();
        foreach (var (method, pattern, multipart) in WriteEndpoints())
        {
            if (Open.Contains($"{method} {pattern}") || (user != As.Anonymous && SignedIn.Contains($"{method} {pattern}"))
                || (Allowed.TryGetValue(user, out var allowed) && allowed.Contains($"{method} {pattern}"))) continue;
            // An empty body without version or If-Match, of the type the endpoint takes: a check of the input before the
            // access check would answer 400/404/428.
            using var request = new HttpRequestMessage(new HttpMethod(method), Url(pattern)) { Content = EmptyBody(multipart) };
            using var response = await Client(user).SendAsync(request);
            if (response.StatusCode != expected)
                wrong.Add($"{method} {pattern}: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}");
        }
        Assert.True(wrong.Count == 0, $"expected {(int)expected} as {user} from:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task Every_write_with_the_login_cookie_needs_the_antiforgery_token()
    {
        if (!Factory.Ready()) return;
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        using var _b = browser;
        var before = await AuditCountAsync();
        var wrong = new List<string>();
        foreach (var (method, pattern, multipart) in WriteEndpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Url(pattern)) { Content = EmptyBody(multipart) };
            using var response = await browser.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("antiforgery", StringComparison.OrdinalIgnoreCase))
                wrong.Add($"{method} {pattern}: {(int)response.StatusCode} {Truncate(body)}");
        }
        Assert.True(wrong.Count == 0, "cookie writes without a token that were not refused:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task The_import_with_the_login_cookie_is_refused_without_the_token_and_taken_with_it()
    {
        if (!Factory.Ready()) return;
        var (browser, token) = await SignedInBrowserAsync(As.Office);
        using var _b = browser;
        var name = UniqueName("Importert med informasjonskapsel");
        var hso = await OrganizationIdAsync("Helse Sør-Øst RHF");
        MultipartFormDataContent Form()
        {
            var form = new MultipartFormDataContent();
            var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"navn;eier;type\n{name};helse-sor-ost;project\n"));
            csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            form.Add(csv, "file", "tiltak.csv");
            return form;
        }

        var before = await CountInitiativesAsync();
        using (var refused = await browser.PostAsync("/api/v1/initiatives/import", Form()))
        {
            await refused.AssertStatusAsync(HttpStatusCode.BadRequest, "import with the cookie and no token");
            Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, await CountInitiativesAsync());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives/import") { Content = Form() };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using (var taken = await browser.SendAsync(request))
            await taken.AssertStatusAsync(HttpStatusCode.OK, "import with the cookie and the token");
        Assert.Contains(await Anonymous.GetArrayAsync($"/api/v1/initiatives?owner={hso}&lifecycle=candidate"), r => r.Str("name") == name);
    }

    /// <summary>POST, PUT, PATCH and DELETE routes under /api, from the endpoint table, and whether they take a multipart form.</summary>
    private IEnumerable<(string Method, string Pattern, bool Multipart)> WriteEndpoints()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var found = endpoints
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true)))
            .Distinct().OrderBy(x => x.Item2).ThenBy(x => x.m).ToList();
        Assert.True(found.Count > 40, $"only {found.Count} write endpoints found");
        return found;
    }

    /// <summary>Route values that exist in the demo data where it matters (so a 404 would show a lookup before the access check).</summary>
    private static string Url(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
    {
        "slug" => "nasjonalt-e-helserad",
        "version" => "21.1",
        "period" => CurrentPeriod,
        _ => "1",
    });

    private static HttpContent EmptyBody(bool multipart) =>
        multipart ? new MultipartFormDataContent { { new StringContent(""), "label" } } : new StringContent("{}", Encoding.UTF8, "application/json");

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;
}

[Collection(SqliteCollection.Name)]
public sealed class WriteEndpointSqliteTests(SqliteFactory factory) : WriteEndpointTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WriteEndpointPostgresTests(PostgresFactory factory) : WriteEndpointTests(factory);
