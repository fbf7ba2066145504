using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Samstyring.TestIdp;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// Sign-in through a real OpenID Connect provider (<see cref="TestIdentityProvider"/>, as strict as HelseID) on loopback:
/// the code flow with a pushed authorisation request, PKCE and a fresh <c>private_key_jwt</c> assertion per request; a
/// user found by the HPR number the office registered; an unknown person held for the office, who grants access; id
/// tokens with a wrong audience, a wrong issuer or past their expiry refused; a replayed assertion refused by the
/// provider; and sign-out reaching the provider. Local accounts are off here, with «kontor» as break-glass administrator.
/// </summary>
public abstract class ExternalSignInTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Doctor = "helse-lege-1";
    private const string Stranger = "fremmed-1";
    private const string DoctorHpr = "123456789";

    private IOidcApp App => (IOidcApp)Factory;
    private TestIdentityProvider Idp => App.Idp;

    /// <summary>
    /// The browser's way through: the login page's button, the provider (which signs the chosen person in at once), and
    /// back to Samstyring with the code. Returns Samstyring's answer to the callback.
    /// </summary>
    private async Task<(HttpResponseMessage Answer, Uri AtProvider)> SignInThroughProviderAsync(HttpClient browser, string subject, string returnUrl = "/kontor")
    {
        Idp.SignedInSubject = subject;
        var login = await PageAsync(browser, "/logg-inn");
        Assert.Contains("Testleverandør", login);
        using var challenge = await browser.PostAsync("/logg-inn?handler=provider", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(login), ["provider"] = "testidp", ["returnUrl"] = returnUrl,
        }));
        await challenge.AssertStatusAsync(HttpStatusCode.Redirect, "the challenge");
        var atProvider = challenge.Headers.Location!;
        using var provider = await App.ProviderBrowser.GetAsync(atProvider);
        Assert.Equal(HttpStatusCode.Redirect, provider.StatusCode);
        var callback = provider.Headers.Location!;
        Assert.Equal("/signin-testidp", callback.AbsolutePath);
        return (await browser.GetAsync(callback.PathAndQuery), atProvider);
    }

    [Fact]
    public async Task A_registered_HPR_number_signs_the_doctor_in_through_PAR_PKCE_and_private_key_jwt_and_the_link_holds()
    {
        if (!Factory.Ready()) return;
        using (var created = await Client(As.Office).PostJsonAsync("/api/v1/users", new
               {
                   userName = "lege.testesen", displayName = "Lege Testesen", role = "member", hprNumber = DoctorHpr,
               }))
            await created.AssertStatusAsync(HttpStatusCode.Created);
        var before = App.Assertions.Count;

        var browser = Factory.BrowserClient();
        var (answer, atProvider) = await SignInThroughProviderAsync(browser, Doctor, "/kontor/revisjonslogg");
        using (answer)
        {
            await answer.AssertStatusAsync(HttpStatusCode.Redirect, "the callback");
            Assert.Equal("/kontor/revisjonslogg", answer.Headers.Location!.OriginalString);
        }
        // Pushed: the browser carries only the client id and the request_uri, never the PKCE challenge or the redirect.
        Assert.StartsWith(Idp.Issuer.AbsoluteUri, atProvider.AbsoluteUri);
        Assert.Contains("request_uri=", atProvider.Query);
        Assert.DoesNotContain("code_challenge", atProvider.Query);
        Assert.DoesNotContain("redirect_uri", atProvider.Query);
        // The PAR and token requests each carried their own assertion, as HelseID asks.
        var assertions = App.Assertions.Skip(before).ToList();
        Assert.Equal(["connect/par", "connect/token"], assertions.Select(a => a.Endpoint));
        Assert.Equal(2, assertions.Select(a => a.Token.Id).Distinct().Count());
        Assert.All(assertions, a =>
        {
            Assert.Equal("client-authentication+jwt", a.Token.Typ);
            Assert.Equal([Idp.Issuer.AbsoluteUri], a.Token.Audiences);
            Assert.Equal("samstyring", a.Token.Issuer);
            Assert.Equal("samstyring", a.Token.Subject);
            Assert.True(a.Token.ValidTo - a.Token.IssuedAt <= TimeSpan.FromSeconds(60));
        });

        // Signed in as the member the office registered: the office's pages are closed, the name is in the header.
        var home = await PageAsync(browser, "/");
        Assert.Contains("Lege Testesen", home);
        await PageAsync(browser, "/kontor/brukere", HttpStatusCode.Forbidden);
        Assert.True(await WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "SignIn" && a.EntityId == "lege.testesen" && a.After!.Contains("testidp"))));

        // Linked by the provider's subject: the next sign-in finds the user even with the HPR number gone from it.
        var user = await Client(As.Office).GetJsonAsync("/api/v1/users");
        var id = user.AsArray().Single(u => u!["userName"]!.GetValue<string>() == "lege.testesen")!["id"]!.GetValue<int>();
        var current = await Client(As.Office).GetJsonAsync($"/api/v1/users/{id}");
        Assert.Equal(["testidp"], current["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
        using (var cleared = await Client(As.Office).PutJsonAsync($"/api/v1/users/{id}", new
               {
                   displayName = "Lege Testesen", role = "member", hprNumber = "", version = current["version"]!.GetValue<int>(),
               }))
            await cleared.AssertStatusAsync(HttpStatusCode.OK);
        var again = Factory.BrowserClient();
        var (second, _) = await SignInThroughProviderAsync(again, Doctor);
        using (second) await second.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Contains("Lege Testesen", await PageAsync(again, "/"));
    }

    [Fact]
    public async Task An_unknown_person_waits_for_the_office_with_the_organisation_preselected_and_gets_in_once_granted()
    {
        if (!Factory.Ready()) return;
        using (var org = await Client(As.Office).PostJsonAsync("/api/v1/organizations", new
               {
                   name = "Fremmed helseforetak", orgNumber = "983658725", type = "annet", actorGroup = "annet",
               }))
            await org.AssertStatusAsync(HttpStatusCode.Created);

        var browser = Factory.BrowserClient();
        var (answer, _) = await SignInThroughProviderAsync(browser, Stranger);
        using (answer)
        {
            await answer.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal("/logg-inn/venter", answer.Headers.Location!.OriginalString);
            Assert.DoesNotContain(answer.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".Samstyring=", StringComparison.Ordinal));
        }
        Assert.Contains("Porteføljekontoret ser at du venter", await PageAsync(browser, "/logg-inn/venter"));
        await PageAsync(browser, "/kontor/revisjonslogg", HttpStatusCode.Redirect); // still anonymous

        var waiting = (await Client(As.Office).GetArrayAsync("/api/v1/access-requests")).Single(r => r!["displayName"]!.GetValue<string>() == "Fremmed Person")!;
        Assert.Equal("testidp", waiting["provider"]!.GetValue<string>());
        Assert.Equal("983658725", waiting["orgNumber"]!.GetValue<string>());
        Assert.Equal("Fremmed helseforetak", waiting["organizationName"]!.GetValue<string>());
        Assert.Equal("fremmed@example.org", waiting["email"]!.GetValue<string>());
        var organization = waiting["organization"]!.GetValue<string>();
        // The office's page lists them, and the grant page has the organisation chosen.
        var (office, _) = await SignedInBrowserAsync(As.Office);
        Assert.Contains("Fremmed Person", await PageAsync(office, "/kontor/brukere"));
        var grantPage = await PageAsync(office, $"/kontor/brukere/venter/{waiting["id"]}");
        Assert.Contains($"<option value=\"{organization}\" selected>", grantPage);

        // Bad input first: nothing is granted.
        var requestId = waiting["id"]!.GetValue<int>();
        using (var bad = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"/api/v1/access-requests/{requestId}/grant",
                   new { userName = "Ikke Gyldig!", role = "initiative-owner" }, ifMatch: $"\"{waiting["version"]}\""))
        {
            await bad.AssertValidationProblemAsync("userName");
        }
        using (var stale = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"/api/v1/access-requests/{requestId}/grant",
                   new { userName = "fremmed", role = "initiative-owner", organization }, ifMatch: "\"99\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var ownerForbidden = await Factory.Client(As.Anonymous).SendJsonAsync(HttpMethod.Post, $"/api/v1/access-requests/{requestId}/grant",
                   new { userName = "fremmed", role = "portfolio-office" }, ifMatch: $"\"{waiting["version"]}\""))
            await ownerForbidden.AssertStatusAsync(HttpStatusCode.Unauthorized);
        using (var granted = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"/api/v1/access-requests/{requestId}/grant",
                   new { userName = "fremmed", role = "initiative-owner", organization }, ifMatch: $"\"{waiting["version"]}\""))
            await granted.AssertStatusAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(await Client(As.Office).GetArrayAsync("/api/v1/access-requests"), r => r!["id"]!.GetValue<int>() == requestId);

        var (second, _) = await SignInThroughProviderAsync(browser, Stranger);
        using (second) await second.AssertStatusAsync(HttpStatusCode.Redirect);
        var user = (await Client(As.Office).GetArrayAsync("/api/v1/users")).Single(u => u!["userName"]!.GetValue<string>() == "fremmed")!;
        Assert.Equal("initiative-owner", user["role"]!.GetValue<string>());
        Assert.Equal(organization, user["organization"]!.GetValue<string>());
        Assert.False(user["hasPassword"]!.GetValue<bool>());
        Assert.Contains("Fremmed Person", await PageAsync(browser, "/"));
    }

    public static TheoryData<string> Tampering => ["aud", "iss", "exp"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task An_id_token_with_a_wrong_audience_or_issuer_or_past_its_expiry_signs_nobody_in(string claim)
    {
        if (!Factory.Ready()) return;
        using (var created = await Client(As.Office).PostJsonAsync("/api/v1/users", new
               {
                   userName = $"tuklet-{claim}", displayName = "Tuklet Testesen", role = "member", email = $"tuklet-{claim}@example.org",
               }))
            await created.AssertStatusAsync(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        App.Tamper = claims =>
        {
            switch (claim)
            {
                case "aud": claims["aud"] = "en-annen-klient"; break;
                case "iss": claims["iss"] = "http://127.0.0.1:1/"; break;
                default:
                    claims["iat"] = now - 3600;
                    claims["nbf"] = now - 3600;
                    claims["exp"] = now - 600;
                    break;
            }
            return claims;
        };
        try
        {
            var browser = Factory.BrowserClient();
            var (answer, _) = await SignInThroughProviderAsync(browser, $"tuklet-{claim}");
            using (answer)
            {
                await answer.AssertStatusAsync(HttpStatusCode.Redirect);
                Assert.Equal("/logg-inn?feil=testidp", answer.Headers.Location!.OriginalString);
            }
            Assert.Contains("Innloggingen med Testleverandør ble ikke fullført", await PageAsync(browser, "/logg-inn?feil=testidp"));
            await PageAsync(browser, "/kontor/revisjonslogg", HttpStatusCode.Redirect); // not signed in
            Assert.True(await WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "SignInFailed" && a.EntityType == "ExternalLogin")));
            Assert.False(await WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "SignIn" && a.EntityId == $"tuklet-{claim}")));
            Assert.False(await WithDbAsync(db => db.ExternalLogins.AnyAsync(l => l.Subject == $"tuklet-{claim}")));
        }
        finally
        {
            App.Tamper = null;
        }
    }

    [Fact]
    public async Task A_replayed_client_assertion_is_refused_by_the_provider_and_Samstyring_never_sends_one_twice()
    {
        if (!Factory.Ready()) return;
        var browser = Factory.BrowserClient();
        var (answer, _) = await SignInThroughProviderAsync(browser, Stranger);
        answer.Dispose();
        var used = App.Assertions.ToList();
        Assert.True(used.Count >= 2);
        Assert.Equal(used.Count, used.Select(a => a.Token.Id).Distinct().Count());
        Assert.Equal(0, Idp.RejectedReplays);

        // An eavesdropper replays the last pushed request's assertion: invalid_client.
        var par = used.Last(a => a.Endpoint == "connect/par");
        using var replay = await App.ProviderBrowser.PostAsync(new Uri(Idp.Issuer, "connect/par"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "samstyring", ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = "http://localhost/signin-testidp",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData("verifier-verifier-verifier-verifier-verifier"u8.ToArray())),
            ["code_challenge_method"] = "S256",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = par.Raw,
        }));
        Assert.Contains(replay.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        using var error = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(1, Idp.RejectedReplays);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_reaches_the_provider_with_the_id_token()
    {
        if (!Factory.Ready()) return;
        using (var created = await Client(As.Office).PostJsonAsync("/api/v1/users", new
               {
                   userName = "ansatt", displayName = "Ansatt Testesen", role = "member", email = "ansatt.testesen@example.org",
               }))
            await created.AssertStatusAsync(HttpStatusCode.Created);
        var browser = Factory.BrowserClient();
        var (answer, _) = await SignInThroughProviderAsync(browser, "entra-ansatt-1");
        using (answer) await answer.AssertStatusAsync(HttpStatusCode.Redirect);
        var logoutPage = await PageAsync(browser, "/logg-ut");
        var logoutsBefore = Idp.Logouts.Count;

        using var signOut = await browser.PostAsync("/logg-ut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(logoutPage),
        }));
        await signOut.AssertStatusAsync(HttpStatusCode.Redirect);
        var endSession = signOut.Headers.Location!;
        Assert.StartsWith(new Uri(Idp.Issuer, "connect/endsession").AbsoluteUri, endSession.AbsoluteUri);
        Assert.Contains("id_token_hint=", endSession.Query);
        using var atProvider = await App.ProviderBrowser.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        Assert.Equal("/signout-callback-testidp", atProvider.Headers.Location!.AbsolutePath);
        using var back = await browser.GetAsync(atProvider.Headers.Location.PathAndQuery);
        await back.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal("/", back.Headers.Location!.OriginalString);

        Assert.Equal(["entra-ansatt-1"], Idp.Logouts.Skip(logoutsBefore));
        await PageAsync(browser, "/kontor/revisjonslogg", HttpStatusCode.Redirect);
        Assert.True(await WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "SignOut" && a.EntityId == "ansatt")));
    }

    [Fact]
    public async Task Pages_let_a_form_be_redirected_to_the_provider_and_nowhere_else()
    {
        if (!Factory.Ready()) return;
        // A browser holds every redirect of a form submission (the login button, «Logg ut») to the page's form-action.
        using var response = await Factory.BrowserClient().GetAsync("/logg-inn");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var formAction = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action", StringComparison.Ordinal));
        Assert.Equal($"form-action 'self' {App.Idp.Issuer.GetLeftPart(UriPartial.Authority)}", formAction);
    }

    [Fact]
    public async Task With_local_accounts_off_only_the_break_glass_administrator_signs_in_with_a_password()
    {
        if (!Factory.Ready()) return;
        var login = await PageAsync(Factory.BrowserClient(), "/logg-inn");
        Assert.DoesNotContain("name=\"password\"", login);
        Assert.Contains("Nødtilgang for administrator", login);
        Assert.Contains("name=\"password\"", await PageAsync(Factory.BrowserClient(), "/logg-inn?lokal=1"));

        using (var owner = await Client(As.OwnerHso).GetAsync("/api/v1/access-requests"))
            await owner.AssertStatusAsync(HttpStatusCode.Unauthorized);
        using (var office = await Client(As.Office).GetAsync("/api/v1/access-requests"))
            await office.AssertStatusAsync(HttpStatusCode.OK);
        var browser = Factory.BrowserClient();
        var form = await PageAsync(browser, "/logg-inn?lokal=1");
        using var refused = await browser.PostAsync("/logg-inn?lokal=1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form), ["userName"] = "eier-hso", ["password"] = SamstyringFactory.DemoPassword,
        }));
        Assert.Contains("Feil brukernavn eller passord.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }
}

/// <summary>An app with the test identity provider configured as «testidp», its client key, and a recorder of assertions.</summary>
public interface IOidcApp
{
    TestIdentityProvider Idp { get; }
    /// <summary>A plain client for the browser's visits to the provider (no redirects followed).</summary>
    HttpClient ProviderBrowser { get; }
    ConcurrentQueue<SentAssertion> Assertions { get; }
    Func<Dictionary<string, object>, Dictionary<string, object>>? Tamper { get; set; }
}

public sealed record SentAssertion(string Endpoint, string Raw, JsonWebToken Token);

/// <summary>Starts the provider, hands Samstyring the private key and the provider the public one, and records what the
/// app's back channel sends.</summary>
internal sealed class OidcSetup : IAsyncDisposable
{
    private readonly ClientKey _key = ClientKey.New("samstyring-test");
    public TestIdentityProvider Idp { get; private set; } = null!;
    public HttpClient ProviderBrowser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    public ConcurrentQueue<SentAssertion> Assertions { get; } = new();

    public async Task StartAsync()
    {
        Idp = await TestIdentityProvider.StartAsync(new TestIdentityProviderOptions
        {
            ClientId = "samstyring",
            ClientPublicJwk = _key.PublicJwk,
            RedirectUris = ["http://localhost/signin-testidp"],
            PostLogoutRedirectUris = ["http://localhost/signout-callback-testidp"],
            Users =
            [
                new("helse-lege-1", "Lege Testesen", new Dictionary<string, string>
                {
                    ["helseid://claims/hpr/hpr_number"] = "123456789", ["helseid://claims/identity/pid"] = "15058510170",
                }),
                new("fremmed-1", "Fremmed Person", new Dictionary<string, string>
                {
                    ["email"] = "fremmed@example.org", ["helseid://claims/client/claims/orgnr_parent"] = "983658725",
                }),
                new("entra-ansatt-1", "Ansatt Testesen", new Dictionary<string, string> { ["email"] = "ansatt.testesen@example.org" }),
                new("tuklet-aud", "Tuklet Testesen", new Dictionary<string, string> { ["email"] = "tuklet-aud@example.org" }),
                new("tuklet-iss", "Tuklet Testesen", new Dictionary<string, string> { ["email"] = "tuklet-iss@example.org" }),
                new("tuklet-exp", "Tuklet Testesen", new Dictionary<string, string> { ["email"] = "tuklet-exp@example.org" }),
            ],
        });
    }

    public void Configure(IWebHostBuilder builder)
    {
        const string provider = "Samstyring:SignIn:Providers:testidp:";
        builder.UseSetting(provider + "DisplayName", "Testleverandør");
        builder.UseSetting(provider + "Kind", "HelseId");
        builder.UseSetting(provider + "Authority", Idp.Issuer.AbsoluteUri);
        builder.UseSetting(provider + "ClientId", "samstyring");
        builder.UseSetting(provider + "SigningKey", _key.PrivateJwk);
        builder.UseSetting(provider + "Claims:Email", "email");
        builder.UseSetting("Samstyring:Login:LocalAccounts", "false");
        builder.UseSetting("Samstyring:Login:BreakGlassUsers:0", "kontor");
        builder.ConfigureTestServices(services => services.PostConfigure<OpenIdConnectOptions>("testidp",
            o => o.Backchannel = new HttpClient(new Recorder(Assertions) { InnerHandler = new HttpClientHandler() })));
    }

    public async ValueTask DisposeAsync()
    {
        ProviderBrowser.Dispose();
        if (Idp is not null) await Idp.DisposeAsync();
    }

    /// <summary>Notes every client assertion Samstyring sends to the provider, then sends the request on unchanged.</summary>
    private sealed class Recorder(ConcurrentQueue<SentAssertion> into) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.Content is FormUrlEncodedContent form)
            {
                var body = await form.ReadAsStringAsync(ct);
                var fields = body.Split('&').Select(f => f.Split('=', 2)).ToDictionary(f => Uri.UnescapeDataString(f[0]), f => Uri.UnescapeDataString(f.Length > 1 ? f[1].Replace('+', ' ') : ""));
                if (fields.TryGetValue("client_assertion", out var raw))
                    into.Enqueue(new SentAssertion(request.RequestUri!.AbsolutePath.TrimStart('/'), raw, new JsonWebToken(raw)));
            }
            return await base.SendAsync(request, ct);
        }
    }
}

public sealed class OidcSqliteFactory : SqliteFactory, IOidcApp, IAsyncLifetime
{
    private readonly OidcSetup _setup = new();
    public TestIdentityProvider Idp => _setup.Idp;
    public HttpClient ProviderBrowser => _setup.ProviderBrowser;
    public ConcurrentQueue<SentAssertion> Assertions => _setup.Assertions;
    public Func<Dictionary<string, object>, Dictionary<string, object>>? Tamper { get => Idp.TamperIdToken; set => Idp.TamperIdToken = value; }
    Task IAsyncLifetime.InitializeAsync() => _setup.StartAsync();
    Task IAsyncLifetime.DisposeAsync() => _setup.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _setup.Configure(builder);
    }
}

public sealed class OidcPostgresFactory : PostgresFactory, IOidcApp, IAsyncLifetime
{
    private readonly OidcSetup _setup = new();
    public TestIdentityProvider Idp => _setup.Idp;
    public HttpClient ProviderBrowser => _setup.ProviderBrowser;
    public ConcurrentQueue<SentAssertion> Assertions => _setup.Assertions;
    public Func<Dictionary<string, object>, Dictionary<string, object>>? Tamper { get => Idp.TamperIdToken; set => Idp.TamperIdToken = value; }
    Task IAsyncLifetime.InitializeAsync() => _setup.StartAsync();
    Task IAsyncLifetime.DisposeAsync() => _setup.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _setup.Configure(builder);
    }
}

public sealed class ExternalSignInSqliteTests(OidcSqliteFactory factory) : ExternalSignInTests(factory), IClassFixture<OidcSqliteFactory>;

public sealed class ExternalSignInPostgresTests(OidcPostgresFactory factory) : ExternalSignInTests(factory), IClassFixture<OidcPostgresFactory>;
