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
        VersionRequiredException r => TypedResults.Problem(r.Message, statusCode: 428, title: "Versjon mangler"),
        // The server's stored file is broken: neither the client's fault (4xx) nor likely to pass by itself (503), and
        // not gone on purpose (410, which caches would keep). Not caught by Run, so it is also logged as an error.
        DamagedFileException d => TypedResults.Problem(d.Message, statusCode: 500, title: "Vedlegget er skadet"),
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => TypedResults.Problem(
            "Skjemaet er utløpt eller ugyldig. Last inn siden på nytt og prøv igjen.", statusCode: 400, title: "Ugyldig forespørsel"),
        InvalidDataException => TypedResults.Problem("Skjemaet eller filen kunne ikke leses: det har ugyldige tegn eller er større enn tillatt.",
            statusCode: 400, title: "Ugyldig forespørsel"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TypedResults.Problem(
            "Forespørselen er større enn serveren tar imot. Send en mindre fil eller mindre data.", statusCode: 413, title: "For stor forespørsel"),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => TypedResults.Problem(
            "Serveren tar ikke imot denne innholdstypen. Kontroller Content-Type (API-et tar JSON: application/json).", statusCode: 415, title: "Ukjent innholdstype"),
        BadHttpRequestException b => TypedResults.Problem("Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig og har riktige felttyper.",
            statusCode: b.StatusCode, title: "Ugyldig forespørsel"),
        _ when DatabaseFailure.IsUnstorableText(e) => TypedResults.Problem(
            "Teksten har tegn som ikke kan lagres eller søkes etter (for eksempel NUL). Fjern dem og prøv igjen.", statusCode: 400, title: "Ugyldig forespørsel"),
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

    public static string RetryAfterSeconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>413 for a body or file over its limit; <paramref name="detail"/> names the limit.</summary>
    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "For stor fil");

    /// <summary>The status an exception answers with, for the error page as for problem details.</summary>
    public static int StatusFor(Exception e) => From(e) is IStatusCodeHttpResult { StatusCode: { } status } ? status : 500;

    /// <summary>
    /// The exception handler's logging: an expected outcome (a 4xx such as 404, 403, 400, 412, 428) is logged by us at
    /// information level without a stack trace, and 503 (the database cannot take it just now) as a warning; only a real
    /// error (500) is left to the middleware, which logs it at error level with its stack trace.
    /// </summary>
    public static bool LogExpected(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        var status = StatusFor(context.Exception);
        if (status == StatusCodes.Status500InternalServerError) return false;
        var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResults));
        // A page's error is logged after the error page has run, with the request's path still pointing at it.
        var path = context.HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.HttpContext.Request.Path.Value;
        log.Log(status == StatusCodes.Status503ServiceUnavailable ? LogLevel.Warning : LogLevel.Information,
            "{Method} {Path} svarte {Status}: {Reason}", context.HttpContext.Request.Method, path, status, context.Exception.Message);
        return true;
    }

    /// <summary>Problem details for an exception no handler caught (API, feeds, documents; pages get the error page).</summary>
    public static async Task HandleExceptionAsync(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error ?? new Exception();
        await From(error).ExecuteAsync(ctx);
    }

    /// <summary>Runs a use case and maps its domain exceptions; anything else is a real error.</summary>
    public static async Task<IResult> Run(Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (Exception e) when (e is ValidationFailedException or NotFoundException or ForbiddenException or ConcurrencyConflictException or VersionRequiredException)
        {
            return From(e);
        }
    }
}
