using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>
/// The office assesses an initiative against the current criteria set (case 37/21), then decides:
/// take it into the portfolio in a segment, or not.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class AssessModel(GetInitiative getInitiative, AssessInclusion assess, DecideInclusion decide, GetCriteriaSets criteriaSets) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public bool Criterion1Met { get; set; }
    [BindProperty] public List<string> Criterion2Ways { get; set; } = [];
    [BindProperty] public List<string> AlsoWanted { get; set; } = [];
    [BindProperty] public bool MinorHelsenorgeOnly { get; set; }
    [BindProperty] public bool Criterion2MetByDialogue { get; set; }
    [BindProperty] public string? Dialogue { get; set; }
    [BindProperty] public bool Include { get; set; }
    [BindProperty] public string? Segment { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public Initiative Initiative { get; private set; } = null!;
    public CriteriaSet Set { get; private set; } = null!;
    public InclusionAssessment? Latest { get; private set; }
    /// <summary>Which form failed, so its errors show there and not in the other one.</summary>
    public string? FailedForm { get; private set; }

    public IEnumerable<Criterion> Of(CriterionKind kind) => Set.Criteria.Where(c => c.Kind == kind).OrderBy(c => c.Order);
    public string CriterionText(string code) => Set.Criteria.FirstOrDefault(c => c.Code == code)?.Text ?? code;
    public bool Decided => Initiative.Submission is SubmissionState.Included or SubmissionState.Rejected;
    public bool WaitsForKs => Initiative.Owner.Type == Core.Actors.OrganizationType.Kommune && Initiative.Submission == SubmissionState.Proposed;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Latest is { } a)
        {
            // Start from the latest assessment: a reassessment usually changes little.
            Criterion1Met = a.Criterion1Met;
            Criterion2Ways = a.Criterion2WayCodes.ToList();
            AlsoWanted = a.AlsoWantedCodes.ToList();
            MinorHelsenorgeOnly = a.MinorHelsenorgeOnly;
            Criterion2MetByDialogue = a.Criterion2MetByDialogue;
            Dialogue = a.Dialogue;
        }
        Segment = Initiative.Segment?.Code();
    }

    public async Task<IActionResult> OnPostAssessAsync(CancellationToken ct)
    {
        var input = new AssessmentInput(Criterion1Met, Criterion2Ways, AlsoWanted, MinorHelsenorgeOnly, Criterion2MetByDialogue, Dialogue);
        InclusionAssessment? a = null;
        if (await TryAsync(async () => a = await assess.HandleAsync(Id, input, CurrentUser, ct)))
        {
            Flash = a!.MayBeIncluded
                ? $"Vurdering {a.Number} er lagret: begge kriteriene er oppfylt, og tiltaket kan tas inn."
                : $"Vurdering {a.Number} er lagret: kriteriene er ikke oppfylt.";
            return Redirect($"/tiltak/{Id}/vurder#beslutning");
        }
        FailedForm = "assess";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        if (await TryAsync(() => decide.HandleAsync(Id, Include, Include ? Segment : null, Comment, CurrentUser, ct)))
        {
            Flash = Include ? "Tiltaket er tatt inn i porteføljen." : "Tiltaket er ikke tatt inn i porteføljen. Begrunnelsen er registrert.";
            return Redirect($"/tiltak/{Id}");
        }
        FailedForm = "decide";
        MoveErrors("id", "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PortfolioAccess.RequireOffice(CurrentUser);
        Initiative = (await getInitiative.HandleAsync(Id, CurrentUser, ct)).Initiative;
        Set = await criteriaSets.CurrentAsync(ct);
        Latest = Initiative.Assessments.OrderByDescending(a => a.Number).FirstOrDefault();
    }
}
