using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Accounts;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// A login cookie is worth something only while its session lasts: signing out, a new password or a new role ends it, and
/// a copy replayed afterwards reads what the public reads. Credentials that are present but wrong always get 401.
/// </summary>
public abstract class SessionTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_cookie_replayed_after_signing_out_no_longer_reads_confidential_cases()
    {
        if (!Factory.Ready()) return;
        var (caseId, marker) = await ConfidentialCaseAsync();
        // A client that keeps its cookies by hand, as someone who copied them would.
        using var client = Replaying("");
        var cookies = await LogInByHandAsync(client, SamstyringFactory.UserName(As.Member));
        Assert.Contains(marker, await GetWithCookiesAsync(client, $"/api/v1/cases/{caseId}", cookies));

        using (var form = await SendWithCookiesAsync(client, HttpMethod.Get, "/logg-ut", cookies))
        {
            var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
            using var signOut = await SendWithCookiesAsync(client, HttpMethod.Post, "/logg-ut", cookies, Form(token));
            await signOut.AssertStatusAsync(HttpStatusCode.Redirect, "sign out");
        }

        var text = await GetWithCookiesAsync(client, $"/api/v1/cases/{caseId}", cookies);
        Assert.DoesNotContain(marker, text);
        Assert.Contains("\"redacted\":true", text);
        // Nor does it open the office's pages.
        using var page = await SendWithCookiesAsync(client, HttpMethod.Get, "/sekretariat", cookies);
        AssertSentToLogin(page);
    }

    [Fact]
    public async Task Signing_out_one_browser_leaves_the_users_other_browser_signed_in()
    {
        if (!Factory.Ready()) return;
        var (first, token) = await SignedInBrowserAsync(As.Member);
        var (second, _) = await SignedInBrowserAsync(As.Member);
        using var _1 = first;
        using var _2 = second;
        using (var signOut = await first.PostAsync("/logg-ut", Form(token)))
            await signOut.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Contains("Logg ut", await second.GetStringAsync("/"));
        Assert.DoesNotContain("Logg ut", await first.GetStringAsync("/"));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("member");
        var (here, token) = await SignInAsync(user, OldPassword);
        var (elsewhere, _) = await SignInAsync(user, OldPassword);
        using var _1 = here;
        using var _2 = elsewhere;

        using (var wrong = await here.PostAsync("/konto/passord", Form(token, ("currentPassword", "feil-passord-1"), ("newPassword", NewPassword), ("repeatPassword", NewPassword))))
        {
            await wrong.AssertStatusAsync(HttpStatusCode.OK, "wrong current password shows the form again");
            Assert.Contains("Nåværende passord er feil.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        }
        Assert.Contains("Logg ut", await elsewhere.GetStringAsync("/"));

        using (var changed = await here.PostAsync("/konto/passord", Form(token, ("currentPassword", OldPassword), ("newPassword", NewPassword), ("repeatPassword", NewPassword))))
            await changed.AssertStatusAsync(HttpStatusCode.Redirect, "change password");

        Assert.Contains("Logg ut", await here.GetStringAsync("/"));
        Assert.DoesNotContain("Logg ut", await elsewhere.GetStringAsync("/"));
        using (var old = await WithBasic(user, OldPassword).GetAsync("/api/v1/bodies"))
            await old.AssertStatusAsync(HttpStatusCode.Unauthorized, "the old password");
        using (var fresh = await WithBasic(user, NewPassword).GetAsync("/api/v1/bodies"))
            await fresh.AssertStatusAsync(HttpStatusCode.OK, "the new password");
    }

    [Fact]
    public async Task Changing_the_role_ends_the_users_sessions()
    {
        if (!Factory.Ready()) return;
        var user = await NewUserAsync("portfolio-office");
        var (browser, _) = await SignInAsync(user, OldPassword);
        using var _b = browser;
        using (var office = await browser.GetAsync("/kontor"))
            await office.AssertStatusAsync(HttpStatusCode.OK, "the office page before the change");

        await InScopeAsync<ChangeUserAccess>(u => u.HandleAsync(user, "member", null, CurrentUser.System));

        using var after = await browser.GetAsync("/kontor");
        AssertSentToLogin(after);
    }

    /// <summary>What was sent, and the scheme the 401 names in WWW-Authenticate: Bearer for a token, else Basic.</summary>
    public static TheoryData<string, string, string> WrongCredentials() => new()
    {
        { "wrong password", "Basic " + B64("medlem:FEIL"), "Basic" },
        { "unknown user", "Basic " + B64("finnes-ikke:samstyring"), "Basic" },
        { "NUL in the user name", "Basic " + B64("a\0:b"), "Basic" },
        { "NUL in the password", "Basic " + B64("medlem:sam\0styring"), "Basic" },
        { "not base64", "Basic ###", "Basic" },
        { "no colon", "Basic " + B64("medlem"), "Basic" },
        { "not UTF-8", "Basic " + Convert.ToBase64String([0xC3, 0x28, 0x3A, 0x62]), "Basic" },
        { "a bearer that is no API token", "Bearer abc.def.ghi", "Bearer" },
        { "another scheme", "Negotiate abc", "Basic" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task Credentials_that_are_present_but_wrong_get_401_never_the_public_view(string what, string authorization, string challenge)
    {
        if (!Factory.Ready()) return;
        foreach (var path in new[] { "/api/v1/bodies", "/api/v1/initiatives", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await Anonymous.SendAsync(request);
            await response.AssertStatusAsync(HttpStatusCode.Unauthorized, $"{what} on {path}");
            Assert.StartsWith(challenge + " ", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
        }
    }

    [Fact]
    public async Task The_right_credentials_still_read_as_that_user()
    {
        if (!Factory.Ready()) return;
        using var response = await Client(As.Member).GetAsync("/api/v1/bodies");
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/logg-inn", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    private const string OldPassword = "gammelt-passord-1", NewPassword = "nytt-passord-1234";

    private async Task<string> NewUserAsync(string role)
    {
        var name = "okt-" + Guid.NewGuid().ToString("N")[..10];
        await InScopeAsync<CreateUser>(u => u.HandleAsync(new CreateUserInput(name, "Øktprøve Testesen", role, null, OldPassword), CurrentUser.System));
        return name;
    }

    private async Task<(HttpClient Browser, string Token)> SignInAsync(string user, string password)
    {
        var browser = Factory.BrowserClient();
        using (var form = await browser.GetAsync("/logg-inn"))
        {
            var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
            using var login = await browser.PostAsync("/logg-inn", Form(token, ("userName", user), ("password", password), ("returnUrl", "")));
            await login.AssertStatusAsync(HttpStatusCode.Redirect, "log in as " + user);
        }
        // The token is bound to the user once signed in: take a fresh one from a form page (the sign-out form).
        using var page = await browser.GetAsync("/logg-ut");
        await page.AssertStatusAsync(HttpStatusCode.OK);
        return (browser, Forms.AntiforgeryToken(await page.Content.ReadAsStringAsync()));
    }

    private async Task InScopeAsync<T>(Func<T, Task> action) where T : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "system";
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<(int Id, string Marker)> ConfidentialCaseAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var c = await db.Cases.AsNoTracking().Where(x => x.Confidential && x.Background != null && x.Background.Length > 20).OrderBy(x => x.Id).FirstAsync();
        return (c.Id, c.Background![..20]);
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));

    /// <summary>Logs in through the form and returns the Cookie header a browser would send afterwards.</summary>
    private static async Task<string> LogInByHandAsync(HttpClient client, string user)
    {
        using var form = await client.GetAsync("/logg-inn");
        var antiforgery = Cookies(form);
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var login = await SendWithCookiesAsync(client, HttpMethod.Post, "/logg-inn", antiforgery,
            Form(token, ("userName", user), ("password", SamstyringFactory.DemoPassword), ("returnUrl", "")));
        await login.AssertStatusAsync(HttpStatusCode.Redirect, "log in by hand");
        var session = Cookies(login);
        Assert.Contains("samstyring=", session);
        return antiforgery + "; " + session;
    }

    private static string Cookies(HttpResponseMessage response) => string.Join("; ",
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static async Task<HttpResponseMessage> SendWithCookiesAsync(HttpClient client, HttpMethod method, string url, string cookies, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private static async Task<string> GetWithCookiesAsync(HttpClient client, string url, string cookies)
    {
        using var response = await SendWithCookiesAsync(client, HttpMethod.Get, url, cookies);
        await response.AssertStatusAsync(HttpStatusCode.OK, "GET " + url);
        return await response.Content.ReadAsStringAsync();
    }

    private HttpClient Replaying(string cookie)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (cookie.Length > 0) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private HttpClient WithBasic(string user, string password)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", B64($"{user}:{password}"));
        return client;
    }

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}

[Collection(SqliteCollection.Name)]
public sealed class SessionSqliteTests(SqliteFactory factory) : SessionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SessionPostgresTests(PostgresFactory factory) : SessionTests(factory);
