using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// The Norwegian error page a browser gets in place of the page it asked for, with the status code of the failure (not a
/// redirect): re-executed for a bare status code, or for an exception thrown by a page.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>The use case's own message for an expected refusal (not found, no access); never for a real error.</summary>
    public string? Detail { get; private set; }

    public void OnGet(int? status) => Show(status);
    public void OnPost(int? status) => Show(status);
    public void OnPut(int? status) => Show(status);
    public void OnDelete(int? status) => Show(status);

    private void Show(int? status)
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Status = status is >= 400 and <= 599 ? status.Value
            : Response.StatusCode >= 400 ? Response.StatusCode
            : error is null ? 500 : ProblemResults.StatusFor(error);
        Response.StatusCode = Status;
        (Title, Text) = Describe(Status);
        if (error is NotFoundException or ForbiddenException or ValidationFailedException) Detail = error.Message;
    }

    private static (string Title, string Text) Describe(int status) => status switch
    {
        400 => ("Ugyldig forespørsel", "Forespørselen kunne ikke behandles. Skjemaet kan være utløpt: last inn siden på nytt og prøv igjen."),
        401 => ("Ikke innlogget", "Du må logge inn for å se dette."),
        403 => ("Ingen tilgang", "Du har ikke tilgang til denne siden eller handlingen. Logg inn med en bruker som har riktig rolle."),
        404 => ("Siden finnes ikke", "Vi fant ikke det du lette etter. Sjekk adressen, eller gå til forsiden."),
        405 => ("Metoden er ikke tillatt", "Siden kan ikke brukes på denne måten."),
        409 or 412 => ("Endret av noen andre", "Noen andre har lagret endringer i mellomtiden. Last inn siden på nytt."),
        413 => ("For stor forespørsel", "Det du sendte, er større enn det som er tillatt."),
        414 or 431 => ("For lang adresse", "Adressen eller forespørselen er for lang."),
        503 => ("Tjenesten er midlertidig utilgjengelig", "Samstyring kan ikke lagre eller hente data akkurat nå. Prøv igjen om litt."),
        >= 500 => ("Noe gikk galt", "Det oppstod en uventet feil. Prøv igjen senere."),
        _ => ("Noe gikk galt", "Forespørselen kunne ikke behandles."),
    };
}
