using Microsoft.AspNetCore.OutputCaching;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>
/// Public pages, feeds, charts and documents, as anonymous visitors get them, are kept per data version like the public
/// JSON (<see cref="CachedJson"/>): the first anonymous request after a change renders the page, the next ones get the
/// same bytes, and a client that sends the page's ETag back gets 304. Only anonymous GET and HEAD requests (no login
/// cookie, no credentials) are served from or stored in it, only answers with status 200 that set no cookie (a page with
/// a form sets the antiforgery cookie and is never kept), and never the office's, the API's (cached on its own) or the
/// health checks. The key is the URL with its host and every query parameter plus the data version; entries also expire
/// after <see cref="Lifetime"/>, so a page that reads the clock (today's members, deadlines) is at most that old, and the
/// whole cache is bounded in bytes.
/// </summary>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string VersionKey = "data";
    /// <summary>This build, in the ETag: a new release renders the same data differently (its own stylesheet URLs).</summary>
    private static readonly string Build = typeof(PublicPageCache).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";
    private const string AnswersKey = "samstyring.read-answers";

    /// <summary>
    /// Middleware before the output cache: notes whether the request is given a read answer older than the data (see
    /// <see cref="ReadCache"/>: while the newest is being made, concurrent readers get the previous one). A page built on
    /// one is sent without the version's ETag and is never kept as that version's page.
    /// </summary>
    public static Task WatchReadAnswers(HttpContext context, RequestDelegate next)
    {
        context.Items[AnswersKey] = ReadCache.Observe();
        return next(context);
    }

    private static bool BuiltOnOlderAnswer(HttpContext context) => context.Items[AnswersKey] is StaleAnswers { Any: true };

    private static readonly string[] NeverCached =
        ["/api", "/openapi", "/livez", "/healthz", "/metrics", "/kontor", "/logg-inn", "/logg-ut", "/abonnement", "/feil", "/konto"];

    public static void Add(IServiceCollection services) => services.AddOutputCache(o =>
    {
        o.SizeLimit = 64L * 1024 * 1024;
        o.MaximumBodySize = 4L * 1024 * 1024;
        o.DefaultExpirationTimeSpan = Lifetime;
        o.AddBasePolicy(new PublicPageCache());
    });

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cache = http.RequestServices.GetRequiredService<ScopedReadCache>();
        var anonymousPublic = cache.Enabled && HttpMethods.IsGet(request.Method)
                              && http.User.Identity?.IsAuthenticated != true
                              && !request.Headers.ContainsKey("Authorization")
                              // A message waiting for this visitor (after a form) is shown, and cleared, by a fresh render.
                              && !request.Cookies.ContainsKey(TempDataCookie)
                              && (!NeverCached.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                                  || IsPublicChart(request.Path));
        // A HEAD request (run as its GET, see HeadRequestMiddleware) is rendered, to answer with exactly the GET's headers,
        // and not stored: its body is thrown away.
        var cacheable = anonymousPublic && !http.Items.ContainsKey(HeadRequestMiddleware.ItemKey);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (!anonymousPublic) return;
        var version = await cache.VersionAsync(cancellation);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues[VersionKey] = version;
        context.ResponseExpirationTimeSpan = Lifetime;
        // An ETag of the data version, set before the page renders so the stored copy carries it and the cache answers
        // If-None-Match with 304 (a page that sets its own, like a feed, replaces it). Taken off again, with the
        // shared-cache header, from an answer that is not kept.
        var headers = http.Response.Headers;
        var etag = $"W/\"p{Build}.{version}\"";
        const string shared = "public, no-cache";
        headers.ETag = etag;
        headers.CacheControl = shared;
        http.Response.OnStarting(() =>
        {
            var response = http.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || BuiltOnOlderAnswer(http))
            {
                // Only what this cache put there: a feed's own 304 keeps its own ETag.
                if (response.Headers.ETag == etag) response.Headers.Remove("ETag");
                if (response.Headers.CacheControl == shared) response.Headers.Remove("Cache-Control");
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The API's charts (<c>….svg</c>) are public documents like the pages that show them; its JSON has its own cache.</summary>
    private static bool IsPublicChart(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A cookie belongs to one visitor (the antiforgery pair of a form, a sign-out); anything but 200 is not kept, nor a page
        // built on a read answer older than the version it would be kept under.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || BuiltOnOlderAnswer(context.HttpContext))
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        return ValueTask.CompletedTask;
    }
}
