using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// A case's links: earlier cases in other bodies it follows up ("nuit 38/21"), and the portfolio items it is about
/// (an initiative, a reporting period's portfolio report, a criteria set).
/// </summary>
[Authorize(Policy = "office")]
public sealed class LinksModel(LinkCase linkCase, UnlinkCase unlinkCase, AddCaseReference addCaseReference, RemoveCaseReference removeCaseReference,
    CouncilQueries queries, GetInitiativeOptions initiatives, GetReportingPeriods periods, GetCriteriaSets criteriaSets) : Bodies.CouncilOfficePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Related { get; set; }
    [BindProperty] public int? LinkId { get; set; }
    [BindProperty] public int? ReferenceId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int? InitiativeId { get; set; }
    [BindProperty] public int? PeriodId { get; set; }
    [BindProperty] public int? CriteriaSetId { get; set; }

    public CaseView Case { get; private set; } = null!;
    public List<(string, string)> Initiatives { get; private set; } = [];
    public List<(string, string)> Periods { get; private set; } = [];
    public List<(string, string)> CriteriaSets { get; private set; } = [];

    public static readonly string InitiativeKind = CaseReferenceKind.Initiative.Code(), PeriodKind = CaseReferenceKind.PortfolioPeriod.Code(),
        CriteriaKind = CaseReferenceKind.CriteriaSet.Code();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            await linkCase.HandleAsync(Id, Related, CurrentUser, ct);
            return $"Saken viser nå til {Related?.Trim()}.";
        }, ct);

    public Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            await unlinkCase.HandleAsync(Id, LinkId ?? 0, CurrentUser, ct);
            return "Koblingen er fjernet.";
        }, ct);

    public Task<IActionResult> OnPostAddReferenceAsync(CancellationToken ct)
    {
        var target = Kind == InitiativeKind ? InitiativeId : Kind == PeriodKind ? PeriodId : CriteriaSetId;
        return RunAsync(async () =>
        {
            await addCaseReference.HandleAsync(Id, Kind, target, CurrentUser, ct);
            return "Saken viser nå til porteføljen.";
        }, ct, TargetField());
    }

    public Task<IActionResult> OnPostRemoveReferenceAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            await removeCaseReference.HandleAsync(Id, ReferenceId ?? 0, CurrentUser, ct);
            return "Referansen er fjernet.";
        }, ct);

    /// <summary>The select the posted reference form had, so its error shows there.</summary>
    private string TargetField() => Kind == InitiativeKind ? "initiativeId" : Kind == PeriodKind ? "periodId" : "criteriaSetId";

    private async Task<IActionResult> RunAsync(Func<Task<string>> action, CancellationToken ct, string? targetField = null)
    {
        ModelState.Clear();
        string? flash = null;
        if (await TryAsync(async () => flash = await action()))
        {
            Flash = flash;
            return Redirect($"/sekretariat/saker/{Id}/koblinger");
        }
        if (targetField is not null)
        {
            MoveErrors("targetId", targetField);
            MoveErrors("kind", targetField);
        }
        MoveErrors("status", "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Case = await queries.GetCaseAsync(Id, CurrentUser, ct);
        Initiatives = (await initiatives.HandleAsync(ct)).Select(i => (Str(i.Id), i.Name)).ToList();
        // Newest first: a case is most often about the latest portfolio report.
        Periods = (await periods.AllAsync(ct)).AsEnumerable().Reverse().Select(p => (Str(p.Id), p.Name)).ToList();
        CriteriaSets = (await criteriaSets.AllAsync(ct)).Select(s => (Str(s.Id), $"Versjon {s.Version}: {s.Title}")).ToList();
    }

    private static string Str(int id) => id.ToString(CultureInfo.InvariantCulture);
}
