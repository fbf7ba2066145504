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
        // The server's stored file is broken: neither the client's fault (4xx) nor likely to pass by itself (503), and
        // not gone on purpose (410, which caches would keep). Not caught by Run, so it is also logged as an error.
        DamagedFileException d => TypedResults.Problem(d.Message, statusCode: 500, title: "Vedlegget er skadet"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TypedResults.Problem(
            "Forespørselen er større enn serveren tar imot. Send en mindre fil eller mindre data.", statusCode: 413, title: "For stor forespørsel"),
        BadHttpRequestException b => TypedResults.Problem("Forespørselen kunne ikke leses: " + b.Message, statusCode: 400, title: "Ugyldig forespørsel"),
        _ => TypedResults.Problem("Det oppstod en uventet feil. Prøv igjen senere.", statusCode: 500, title: "Serverfeil"),
    };

    /// <summary>413 for a body or file over its limit; <paramref name="detail"/> names the limit.</summary>
    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "For stor fil");

    public static async Task HandleExceptionAsync(HttpContext ctx)
    {
        var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error ?? new Exception();
        if (error is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
            error = new ForbiddenException("Skjemaet er utløpt eller ugyldig. Last inn siden på nytt og prøv igjen.");
        var result = From(error);
        if (!ctx.Request.Path.StartsWithSegments("/api"))
        {
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
