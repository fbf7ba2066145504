extern alias web;

using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Behind a load balancer the client's address and scheme come from X-Forwarded-For and X-Forwarded-Proto, but only from a
/// proxy named in Samstyring:ForwardedHeaders: the login throttle counts the forwarded client, and a client that sends the
/// headers itself cannot give itself a new address to escape the throttle. Requests are made with the connection's address
/// set, as Kestrel would see it (documentation addresses, RFC 5737; nothing is sent anywhere).
/// </summary>
public abstract class ForwardedHeadersTests(SamstyringFactory factory) : WebTest(factory)
{
    public const string Proxy = "192.0.2.10";

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>A request as it reaches the app from <paramref name="from"/>, with the forwarded headers given.</summary>
    private async Task<HttpContext> SendAsync(string from, string method, string path, string? forwardedFor = null, string? forwardedProto = null,
        string? authorization = null, string? cookie = null, string? form = null) =>
        await Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = method;
            c.Request.Path = path;
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (forwardedProto is not null) c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            if (authorization is not null) c.Request.Headers.Authorization = authorization;
            if (cookie is not null) c.Request.Headers.Cookie = cookie;
            if (form is not null)
            {
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
            }
        });

    /// <summary>The addresses the audit log has for the user's wrong passwords.</summary>
    private Task<List<string>> FailedFromAsync(string user) => WithDbAsync(db => db.AuditLog
        .Where(a => a.Action == "SignInFailed" && a.EntityId == user).Select(a => a.After!).ToListAsync());

    [Fact]
    public async Task From_a_known_proxy_the_throttle_counts_the_forwarded_client()
    {
        if (!Factory.Ready()) return;
        const string user = "eier-oslo";
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await SendAsync(Proxy, "GET", "/api/v1/initiatives", forwardedFor: "203.0.113.7", authorization: Basic(user, $"feil-{i}"))).Response.StatusCode);
        Assert.Equal([401, 401, 401, 429], statuses);
        // Another client behind the same proxy is another address: its wrong password is checked, not held up.
        Assert.Equal(401, (await SendAsync(Proxy, "GET", "/api/v1/initiatives", forwardedFor: "203.0.113.8", authorization: Basic(user, "feil-x"))).Response.StatusCode);
        // A client's own X-Forwarded-For entries before the proxy's are not believed: the proxy's last entry counts.
        Assert.Equal(429, (await SendAsync(Proxy, "GET", "/api/v1/initiatives", forwardedFor: "198.51.100.77, 203.0.113.7", authorization: Basic(user, "feil-y"))).Response.StatusCode);

        var failed = await FailedFromAsync(user);
        Assert.Equal(4, failed.Count);
        Assert.Equal(3, failed.Count(a => a.Contains("203.0.113.7")));
        Assert.Single(failed, a => a.Contains("203.0.113.8"));
        Assert.DoesNotContain(failed, a => a.Contains(Proxy));
    }

    [Fact]
    public async Task From_anyone_else_the_headers_are_ignored_and_cannot_escape_the_throttle()
    {
        if (!Factory.Ready()) return;
        const string user = "eier-hso";
        const string client = "198.51.100.9";
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await SendAsync(client, "GET", "/api/v1/initiatives", forwardedFor: $"203.0.113.{100 + i}", forwardedProto: "https",
                authorization: Basic(user, $"feil-{i}"))).Response.StatusCode);
        Assert.Equal([401, 401, 401, 429, 429], statuses);
        var failed = await FailedFromAsync(user);
        Assert.Equal(3, failed.Count);
        Assert.All(failed, a => Assert.Contains(client, a));
    }

    [Fact]
    public async Task The_forwarded_scheme_makes_the_login_cookie_secure_only_from_a_known_proxy()
    {
        if (!Factory.Ready()) return;
        async Task<string> LoginCookieAsync(string from)
        {
            var page = await SendAsync(from, "GET", "/logg-inn", forwardedFor: "203.0.113.20", forwardedProto: "https");
            var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
            var antiforgery = string.Join("; ", page.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
            var login = await SendAsync(from, "POST", "/logg-inn", forwardedFor: "203.0.113.20", forwardedProto: "https", cookie: antiforgery,
                form: $"userName=ks&password={SamstyringFactory.DemoPassword}&returnUrl=&__RequestVerificationToken={Uri.EscapeDataString(Forms.AntiforgeryToken(html))}");
            Assert.Equal(302, login.Response.StatusCode);
            return login.Response.Headers.SetCookie.Single(c => c!.StartsWith("samstyring=", StringComparison.Ordinal))!;
        }
        Assert.Contains("secure", await LoginCookieAsync(Proxy), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await LoginCookieAsync("198.51.100.30"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_proxy_list_that_is_not_addresses_stops_the_start_with_what_to_fix()
    {
        var e = Assert.Throws<Samstyring.Core.Common.SetupFailedException>(() => web::Samstyring.Web.Shared.ProxyHeaders.AddProxyHeaders(
            new Microsoft.Extensions.DependencyInjection.ServiceCollection(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Samstyring:ForwardedHeaders:KnownNetworks"] = "192.0.2.0/24, lastbalanserer",
            }).Build()));
        Assert.Contains("Samstyring:ForwardedHeaders:KnownNetworks har verdien «lastbalanserer»", e.Message);
    }
}

/// <summary>
/// An app of its own with the default login limits and one known proxy. Its clock stands still, so the throttle's first
/// wait (one second after three wrong passwords) has not run out by the next try however slowly the tests run.
/// </summary>
public sealed class ProxiedSqliteFactory : SqliteFactory
{
    protected override bool RealLoginLimits => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProxiedApp.Configure(builder);
    }
}

public sealed class ProxiedPostgresFactory : PostgresFactory
{
    protected override bool RealLoginLimits => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ProxiedApp.Configure(builder);
    }
}

internal static class ProxiedApp
{
    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Samstyring:ForwardedHeaders:KnownProxies", ForwardedHeadersTests.Proxy);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new StoppedClock(DateTimeOffset.UtcNow)));
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class ForwardedHeadersSqliteTests(ProxiedSqliteFactory factory) : ForwardedHeadersTests(factory), IClassFixture<ProxiedSqliteFactory>;

public sealed class ForwardedHeadersPostgresTests(ProxiedPostgresFactory factory) : ForwardedHeadersTests(factory), IClassFixture<ProxiedPostgresFactory>;
