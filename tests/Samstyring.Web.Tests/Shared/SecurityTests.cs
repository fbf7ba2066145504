using System.Net;

namespace Samstyring.Web.Tests.Shared;

/// <summary>Hardening headers on every kind of response, antiforgery on forms, and the cookie login flow.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SecurityTests(SqliteFactory factory) : WebTest(factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/logg-inn")]
    [InlineData("/api/v1/initiatives")]
    [InlineData("/api/v1/initiatives/999999")]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/outbox")]
    [InlineData("/css/site.css")]
    [InlineData("/finnes-ikke-her")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_has_a_strict_CSP_and_nosniff(string path)
    {
        using var response = await Anonymous.GetAsync(path);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"{path}: no CSP ({(int)response.StatusCode})");
        var csp = string.Join(";", values!);
        Assert.Contains("default-src 'self'", csp);
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).SingleOrDefault(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.False(scriptSrc?.Contains("'unsafe-inline'") ?? false, csp);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        // No identity provider is configured here: forms go to this site only.
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("form-action 'self' ", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Static_files_are_served()
    {
        using var response = await Anonymous.GetAsync("/css/site.css");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_does_not_log_in()
    {
        using var browser = Factory.BrowserClient();
        using var response = await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "kontor", ["password"] = SamstyringFactory.DemoPassword,
        }));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Skjemaet er utløpt", await response.Content.ReadAsStringAsync());
        Assert.False(SetsLoginCookie(response), "a login cookie was issued without an antiforgery token");
        using var after = await browser.GetAsync("/");
        Assert.DoesNotContain("Logg ut", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_with_the_form_sets_a_cookie_and_wrong_password_shows_an_error()
    {
        using var browser = Factory.BrowserClient();

        // Wrong password: the form again with the error, no cookie.
        using (var wrong = await PostLoginAsync(browser, "kontor", "feil-passord"))
        {
            await wrong.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Feil brukernavn eller passord", await wrong.Content.ReadAsStringAsync());
            Assert.False(SetsLoginCookie(wrong));
        }

        using var ok = await PostLoginAsync(browser, "kontor", SamstyringFactory.DemoPassword);
        await ok.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal("/", ok.Headers.Location?.OriginalString);
        Assert.True(SetsLoginCookie(ok), "no login cookie");
        var cookie = ok.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("samstyring=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie now identifies the user, on pages and on the office-only API.
        using var audit = await browser.GetAsync("/api/v1/audit?take=1");
        await audit.AssertStatusAsync(HttpStatusCode.OK);
        using var home = await browser.GetAsync("/");
        Assert.Contains("Logg ut", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_redirects_only_to_local_return_urls()
    {
        using var browser = Factory.BrowserClient();
        using var response = await PostLoginAsync(browser, "medlem", SamstyringFactory.DemoPassword, returnUrl: "https://evil.example/");
        await response.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string user, string password, string returnUrl = "")
    {
        using var form = await browser.GetAsync("/logg-inn");
        await form.AssertStatusAsync(HttpStatusCode.OK);
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        return await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    private static bool SetsLoginCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("samstyring=", StringComparison.Ordinal));
}
