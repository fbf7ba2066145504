using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>
/// A browser's request that the database cannot serve just now (busy, read-only, full, unreachable) gets a Norwegian 503
/// page with Retry-After, written here rather than by re-executing the error page: the answer must be the 503 itself, and
/// writing it must not need the database (the error page's sign-in check reads it). Logged as a warning, without the
/// stack: the operator needs to know, but nothing in the code failed.
/// </summary>
public sealed class UnavailablePage(RequestDelegate next, ILogger<UnavailablePage> log)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        try
        {
            await next(ctx);
        }
        catch (Exception e) when (!ctx.Response.HasStarted && DatabaseFailure.AsUnavailable(e) is { } unavailable)
        {
            log.LogWarning("{Method} {Path}: databasen kunne ikke ta imot forespørselen ({Reason})",
                ctx.Request.Method, ctx.Request.Path.Value, (e.InnerException ?? e).Message);
            ctx.Response.Clear();
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = ProblemResults.RetryAfterSeconds(unavailable.RetryAfter);
            ctx.Response.Headers.CacheControl = "no-store";
            ctx.Response.ContentType = "text/html; charset=utf-8";
            var message = System.Net.WebUtility.HtmlEncode(unavailable.Message);
            await ctx.Response.WriteAsync($$"""
                <!DOCTYPE html>
                <html lang="nb" data-color-scheme="light" data-size="md">
                <head>
                    <meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Ikke tilgjengelig akkurat nå – Samstyring</title>
                    <link rel="stylesheet" href="/lib/designsystemet/theme-digdir.css">
                    <link rel="stylesheet" href="/lib/designsystemet/index.css">
                    <link rel="stylesheet" href="/css/site.css">
                </head>
                <body>
                <main id="main" class="site-main">
                    <h1 class="ds-heading" data-size="lg">Ikke tilgjengelig akkurat nå</h1>
                    <p class="ds-paragraph">{{message}}</p>
                    <p class="ds-paragraph"><a class="ds-link" href="/">Til forsiden</a></p>
                </main>
                </body>
                </html>
                """);
        }
    }
}
