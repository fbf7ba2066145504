using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// The login throttle at both doors, on an app with the default limits: after three wrong passwords for a user name the
/// next try waits, on the form (429 with the message in the form) and over HTTP Basic (429 with Retry-After and a
/// Norwegian problem), even with the right password; other users at the same address are not held up; and the wrong
/// passwords are in the audit trail.
/// </summary>
public abstract class LoginThrottlingTests(SamstyringFactory factory) : WebTest(factory)
{
    private HttpClient Basic(string user, string password)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    [Fact]
    public async Task Wrong_passwords_over_HTTP_Basic_are_throttled_with_429_and_Retry_After()
    {
        if (!Factory.Ready()) return;
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20; i++)
        {
            using var client = Basic("eier-oslo", $"feil-{i}");
            var response = await client.GetAsync("/api/v1/initiatives");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) { refused ??= response; } else response.Dispose();
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("For mange mislykkede innlogginger. Prøv igjen om", (await refused.ReadJsonAsync()).Str("detail"));
        }
        // The right password waits too (it is not checked), and another user at the same address is not held up.
        using (var right = Basic("eier-oslo", "samstyring"))
            await (await right.GetAsync("/api/v1/initiatives")).AssertStatusAsync(HttpStatusCode.TooManyRequests);
        using (var other = Basic("eier-hso", "samstyring"))
            await (await other.GetAsync("/api/v1/initiatives")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, await WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "SignInFailed" && a.EntityId == "eier-oslo")));
    }

    [Fact]
    public async Task Wrong_passwords_on_the_login_form_are_throttled_with_the_message_in_the_form()
    {
        if (!Factory.Ready()) return;
        var browser = Factory.BrowserClient();
        var page = await PageAsync(browser, "/logg-inn");
        var token = Forms.AntiforgeryToken(page);
        async Task<HttpResponseMessage> Post(string password) => await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "tbu", ["password"] = password,
        }));
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Post($"feil-{i}");
            await wrong.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Feil brukernavn eller passord.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        }
        using var refused = await Post("samstyring");
        await refused.AssertStatusAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("For mange mislykkede innlogginger. Prøv igjen om", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".Samstyring", StringComparison.Ordinal)));
    }
}

public sealed class LoginThrottlingSqliteTests(ThrottledSqliteFactory factory) : LoginThrottlingTests(factory), IClassFixture<ThrottledSqliteFactory>;

public sealed class LoginThrottlingPostgresTests(ThrottledPostgresFactory factory) : LoginThrottlingTests(factory), IClassFixture<ThrottledPostgresFactory>;
