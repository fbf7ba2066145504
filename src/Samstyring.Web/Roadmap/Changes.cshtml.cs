using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Roadmap;

/// <summary>
/// What changed between two roadmap versions: services added or removed, plans moved (with the delay) or postponed
/// indefinitely, new actor groups. Without versions chosen it compares the newest version with the one before it.
/// A version the user may not see is "not found", as in the API.
/// </summary>
public sealed class ChangesModel(RoadmapQueries queries) : SamstyringPage
{
    [BindProperty(SupportsGet = true, Name = "fra")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "til")] public string? To { get; set; }

    public IReadOnlyList<RoadmapVersionSummary> Versions { get; private set; } = [];
    public RoadmapDiff? Diff { get; private set; }
    /// <summary>Why there is nothing to compare, in words for the reader.</summary>
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Versions = await queries.ListVersionsAsync(CurrentUser, ct);
        // The API's names work too, so an address written as for the API does not quietly compare two other versions.
        From = Clean(From ?? Request.Query["from"]);
        To = Clean(To ?? Request.Query["to"]);
        var named = new[] { From, To }.OfType<string>().Distinct().ToList();
        if (To is null && Versions.Count > 0) To = Versions[0].Number;
        if (To is not null && From is null && Versions.Any(x => x.Number == To)) From = await queries.PreviousVersionAsync(To, CurrentUser, ct);
        // Versions named in the address that the reader may not see are "not found" alike, so the page does not tell which
        // drafts exist; the public is told they may simply not be published yet.
        var unknown = named.Where(n => Versions.All(x => x.Number != n)).Select(Validator.Truncate).ToList();
        if (unknown.Count > 0)
        {
            var which = Norwegian.List(unknown);
            Message = RoadmapAccess.CanSeeDrafts(CurrentUser)
                ? $"Fant ikke {(unknown.Count == 1 ? "veikartversjon" : "veikartversjonene")} {which}. Velg blant versjonene i listen."
                : unknown.Count == 1
                    ? $"Versjon {which} er ikke publisert, eller den finnes ikke. Velg blant de publiserte versjonene i listen."
                    : $"Versjonene {which} er ikke publisert, eller de finnes ikke. Velg blant de publiserte versjonene i listen.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (Versions.Count < 2 && From is null)
        {
            Message = Versions.Count == 0 ? "Det er ikke publisert noe veikart ennå." : "Det finnes bare én versjon av veikartet, så det er ingenting å sammenligne med ennå.";
            return;
        }
        if (From is null || To is null)
        {
            Message = "Velg to versjoner å sammenligne.";
            return;
        }
        if (From == To)
        {
            Message = "Velg to forskjellige versjoner.";
            return;
        }
        try
        {
            Diff = await queries.DiffAsync(From, To, CurrentUser, ct);
        }
        catch (NotFoundException e)
        {
            // Unknown and hidden versions read the same, so the page does not tell which drafts exist.
            Message = e.Message + " Velg blant versjonene i listen.";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public string ApiQuery => RoadmapHtml.Query(("from", From), ("to", To));

    private static string? Clean(string? number) => string.IsNullOrWhiteSpace(number) ? null : number.Trim();
}
