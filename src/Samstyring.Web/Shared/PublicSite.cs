namespace Samstyring.Web.Shared;

/// <summary>
/// Where the public reaches this site (<c>Samstyring:PublicUrl</c>, e.g. <c>https://samstyring.example.no</c>). Things that
/// leave the site and are kept by others (feed ids, calendar UIDs, links in feeds) are built from it rather than from the
/// request, whose host name depends on how a reader happened to reach the server (a proxy, an IP address, another name).
/// </summary>
public sealed class PublicSite
{
    public const string ConfigurationKey = "Samstyring:PublicUrl";

    /// <summary>
    /// The naming authority of ids when no public URL is configured: fixed, so ids never follow the request's host. Not a
    /// name anyone owns (RFC 4151 wants one), so production sites set the public URL before their feeds are subscribed to.
    /// </summary>
    public const string DefaultAuthority = Core.Notifications.SiteAddress.DefaultAuthority;

    private readonly string? _origin;

    private PublicSite(Uri? url)
    {
        Url = url;
        _origin = url?.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Authority = url is null ? DefaultAuthority : url.IdnHost.ToLowerInvariant();
    }

    /// <summary>The same for Core, which writes links and UIDs into e-mail away from any request.</summary>
    public Core.Notifications.SiteAddress Address => new(_origin, Authority);

    /// <summary>The configured public URL, or null.</summary>
    public Uri? Url { get; }

    /// <summary>The DNS name ids and UIDs are minted under: the public URL's host, else <see cref="DefaultAuthority"/>.</summary>
    public string Authority { get; }

    /// <summary>
    /// The origin (with any path prefix, no trailing slash) absolute links start with: the public URL when configured,
    /// else the request's own scheme, host and path base.
    /// </summary>
    public string Origin(HttpRequest request) => _origin ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Reads and checks the setting; a value that is not an absolute http(s) URL stops the start with a clear message.</summary>
    public static PublicSite FromConfiguration(IConfiguration configuration) => Parse(configuration[ConfigurationKey]);

    public static PublicSite Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new PublicSite(null);
        var text = value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host)
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
            throw new InvalidOperationException(
                $"{ConfigurationKey} must be an absolute http or https URL without query, fragment or user name, such as " +
                $"https://samstyring.example.no (got «{text}»).");
        return new PublicSite(url);
    }
}
