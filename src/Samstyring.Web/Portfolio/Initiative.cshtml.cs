using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>One initiative, public: details, reports, dependencies and its history.</summary>
public sealed class InitiativeModel(GetInitiative getInitiative, ResubmitInitiative resubmit, Samstyring.Core.Solutions.SolutionQueries solutions) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public InitiativeDetails Details { get; private set; } = null!;
    public Initiative I => Details.Initiative;
    public bool IsOffice => CurrentUser?.IsOffice == true;
    public bool CanResubmit => Details.CanEdit && I.Submission is SubmissionState.ReturnedByKs or SubmissionState.Rejected;

    /// <summary>The national solutions the initiative develops, rolls out or changes.</summary>
    public IReadOnlyList<Samstyring.Core.Solutions.SolutionLink> Solutions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Details = await getInitiative.HandleAsync(Id, CurrentUser, ct);
        Solutions = await solutions.LinkedToInitiativeAsync(Id, ct);
    }

    /// <summary>The owner sends a returned or rejected submission in again.</summary>
    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken ct)
    {
        if (CurrentUser is null) return Redirect($"/logg-inn?returnUrl={Uri.EscapeDataString($"/tiltak/{Id}")}");
        if (await TryAsync(() => resubmit.HandleAsync(Id, Comment, CurrentUser, ct)))
        {
            Flash = "Tiltaket er sendt inn på nytt.";
            return Redirect($"/tiltak/{Id}");
        }
        MoveErrors("id", "");
        Details = await getInitiative.HandleAsync(Id, CurrentUser, ct);
        Solutions = await solutions.LinkedToInitiativeAsync(Id, ct);
        return Page();
    }

    /// <summary>Criterion texts of an assessment's own set, so an old assessment keeps its wording.</summary>
    public static string CriterionText(InclusionAssessment a, string code) =>
        a.CriteriaSet.Criteria.FirstOrDefault(c => c.Code == code)?.Text ?? code;
}
