using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;

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
        BadHttpRequestException b => TypedResults.Problem("Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig og har riktige felttyper.",
            statusCode: b.StatusCode, title: "Ugyldig forespørsel"),
        _ => TypedResults.Problem("Det oppstod en uventet feil. Prøv igjen senere.", statusCode: 500, title: "Serverfeil"),
    };

    /// <summary>413 for a body or file over its limit; <paramref name="detail"/> names the limit.</summary>
    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "For stor fil");

    /// <summary>The status an exception answers with, for the error page as for problem details.</summary>
    public static int StatusFor(Exception e) => From(e) is IStatusCodeHttpResult { StatusCode: { } status } ? status : 500;

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
