using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>The one place that maps a use-case outcome to an HTTP response (RFC 9457 problem details, Norwegian text).</summary>
public static class ProblemResults
{
    public static IResult From(Exception e) => e switch
    {
        ValidationFailedException v => TypedResults.ValidationProblem(
            v.Errors.ToDictionary(x => x.Key, x => x.Value), title: "Ugyldige data", detail: "Rett opp feilene og prøv igjen."),
        NotFoundException n => TypedResults.Problem(n.Message, statusCode: 404, title: "Finnes ikke"),
        ForbiddenException f => TypedResults.Problem(f.Message, statusCode: 403, title: "Ingen tilgang"),
        ConcurrencyConflictException c => TypedResults.Problem(c.Message, statusCode: 412, title: "Endret av noen andre"),
        BadHttpRequestException b => TypedResults.Problem("Forespørselen kunne ikke leses: " + b.Message, statusCode: 400, title: "Ugyldig forespørsel"),
        _ when DatabaseFailure.AsUnavailable(e) is { } u => new RetryAfterResult(
            TypedResults.Problem(u.Message, statusCode: 503, title: "Ikke tilgjengelig akkurat nå"), u.RetryAfter),
        _ => TypedResults.Problem("Det oppstod en uventet feil. Prøv igjen senere.", statusCode: 500, title: "Serverfeil"),
    };

    /// <summary>A 503 says when to try again.</summary>
    private sealed class RetryAfterResult(IResult problem, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

        public Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
            return problem.ExecuteAsync(ctx);
        }
    }

    private static string RetryAfterSeconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The page for a 503, written here rather than by redirecting to a Razor page: the answer to the request itself must
    /// be the 503 (with Retry-After), and it must not need the database.
    /// </summary>
    private static async Task WriteUnavailablePageAsync(HttpContext ctx, ServiceUnavailableException u)
    {
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.Headers.RetryAfter = RetryAfterSeconds(u.RetryAfter);
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var message = System.Net.WebUtility.HtmlEncode(u.Message);
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

    public static async Task HandleExceptionAsync(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error ?? new Exception();
        if (error is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
            error = new ForbiddenException("Skjemaet er utløpt eller ugyldig. Last inn siden på nytt og prøv igjen.");
        var result = From(error);
        if (!ctx.Request.Path.StartsWithSegments("/api"))
        {
            if (DatabaseFailure.AsUnavailable(error) is { } unavailable)
            {
                await WriteUnavailablePageAsync(ctx, unavailable);
                return;
            }
            var status = result is IStatusCodeHttpResult s ? s.StatusCode ?? 500 : 500;
            ctx.Response.Redirect(status switch { 403 => "/ingen-tilgang", 404 => "/finnes-ikke", _ => "/feil" });
            return;
        }
        await result.ExecuteAsync(ctx);
    }

    /// <summary>Runs a use case and maps its domain exceptions; anything else is a real error.</summary>
    public static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException or ForbiddenException or ConcurrencyConflictException)
        {
            return From(e);
        }
    }
}
