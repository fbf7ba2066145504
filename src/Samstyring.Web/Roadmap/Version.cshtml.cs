using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Roadmap;

/// <summary>
/// One roadmap version (public when published): the chart with filters, the same content as tables, the milestones, the
/// treatment in NUIT and the board, and a link to what changed. Without a number: the latest published version, or for
/// the office and members (who see drafts) the newest version.
/// </summary>
public sealed class VersionModel(RoadmapQueries queries, Samstyring.Core.Solutions.SolutionQueries solutions, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true, Name = "omrade")] public string? Area { get; set; }
    [BindProperty(SupportsGet = true, Name = "aktorgruppe")] public string? ActorGroup { get; set; }
    [BindProperty(SupportsGet = true, Name = "losning")] public string? Solution { get; set; }

    /// <summary>The whole version (null when nothing is published and the user sees no drafts).</summary>
    public RoadmapView? View { get; private set; }
    /// <summary>The version with the filters applied (all of it when a filter is invalid): what the chart and the tables show.</summary>
    public RoadmapView Shown { get; private set; } = null!;
    public string Svg { get; private set; } = "";
    public IReadOnlyList<RoadmapVersionSummary> Versions { get; private set; } = [];
    public string? Previous { get; private set; }
    public bool CanEdit => RoadmapAccess.CanEdit(CurrentUser);
    public bool CanSeeDrafts => RoadmapAccess.CanSeeDrafts(CurrentUser);
    public RoadmapFilter Filter => new(Area, ActorGroup, Solution);
    /// <summary>A filter is applied: given, and one the version has.</summary>
    public bool Filtered => !Filter.IsEmpty && ModelState.IsValid;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Versions = await queries.ListVersionsAsync(CurrentUser, ct);
        if (string.IsNullOrWhiteSpace(Number))
            View = CanSeeDrafts
                ? Versions.Count > 0 ? await queries.GetVersionAsync(Versions[0].Number, CurrentUser, ct) : null
                : await queries.GetLatestPublishedAsync(ct);
        else
            View = await queries.GetVersionAsync(Number, CurrentUser, ct);
        if (View is null) return;
        Shown = View;
        // A filter the version does not have is shown as an error on its field, with the whole roadmap below it.
        if (!await TryAsync(() =>
            {
                // The version's own spelling, so the selects show the choice and the download links carry it.
                (Area, ActorGroup, Solution) = View.Resolve(Filter);
                Shown = View.Filter(Filter);
                return Task.CompletedTask;
            }))
        {
            MoveErrors("area", "omrade");
            MoveErrors("actorGroup", "aktorgruppe");
            MoveErrors("solution", "losning");
            HttpContext.Items[ErrorOrderKey] = new List<string> { "omrade", "aktorgruppe", "losning" };
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Svg = RoadmapChart.ToSvg(Shown, clock.Today());
        Previous = await queries.PreviousVersionAsync(View.Number, CurrentUser, ct);
        var keys = View.Services.SelectMany(x => x.Solutions).Select(x => x.Key).ToHashSet();
        Adoption = (await solutions.BriefsAsync(keys, null, ct)).ToDictionary(b => b.Key);
    }

    /// <summary>Today's adoption of the solutions the services concern, by key (those with adoption figures only).</summary>
    public IReadOnlyDictionary<string, Samstyring.Core.Solutions.AdoptionBrief> Adoption { get; private set; } = new Dictionary<string, Samstyring.Core.Solutions.AdoptionBrief>();

    /// <summary>The page's filters as a query string for the download links.</summary>
    public string ApiQuery => RoadmapHtml.Query(("area", Area), ("actorGroup", ActorGroup), ("solution", Solution));
}
