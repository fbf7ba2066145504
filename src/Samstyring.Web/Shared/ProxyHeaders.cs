using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Behind a load balancer or reverse proxy (<c>Samstyring:ForwardedHeaders</c>): the client's address and scheme are
/// taken from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, but only from the proxies named in <c>KnownProxies</c>
/// (addresses) and <c>KnownNetworks</c> (CIDR ranges), comma-separated; by default loopback only. From anyone else the
/// headers are ignored, so a client cannot give itself another address to escape the login throttle or to fill the audit
/// log with someone else's. <c>X-Forwarded-Host</c> is read only when <c>AllowedHosts</c> lists the host names it may
/// carry: a forged host would otherwise reach the links that fall back to the request's own address.
/// </summary>
public static class ProxyHeaders
{
    public const string Section = "Samstyring:ForwardedHeaders";

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Parse(section["KnownProxies"], "KnownProxies", "en IP-adresse, som 10.0.0.5", s => IPAddress.TryParse(s, out var a) ? a : null);
        var networks = Parse(section["KnownNetworks"], "KnownNetworks", "et nettverk i CIDR-form, som 10.0.0.0/24",
            s => s.Contains('/') && System.Net.IPNetwork.TryParse(s, out var n) ? n : (System.Net.IPNetwork?)null);
        var hosts = Split(section["AllowedHosts"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One hop: the address the proxy in front of us saw. Earlier entries in X-Forwarded-For are the client's to write.
            o.ForwardLimit = 1;
            // The defaults (127.0.0.0/8 and ::1) stay; configured proxies come in addition.
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            if (hosts.Count > 0)
            {
                o.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
                o.AllowedHosts = hosts;
            }
        });
        return services;
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<T> Parse<T>(string? value, string key, string what, Func<string, T?> parse) where T : struct =>
        Split(value).Select(s => parse(s) ?? throw new SetupFailedException(
            $"{Section}:{key} har verdien «{s}», som ikke er {what}. Skriv adressene kommaseparert.")).ToList();

    private static List<IPAddress> Parse(string? value, string key, string what, Func<string, IPAddress?> parse) =>
        Split(value).Select(s => parse(s) ?? throw new SetupFailedException(
            $"{Section}:{key} har verdien «{s}», som ikke er {what}. Skriv adressene kommaseparert.")).ToList();
}
