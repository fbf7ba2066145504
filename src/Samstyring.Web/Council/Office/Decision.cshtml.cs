using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// Records the decision as adopted. The text starts as the proposed decision with its {{placeholders}} left in, so the
/// secretary must complete them: the use case refuses text that still has one.
/// </summary>
[Authorize(Policy = "office")]
public sealed class DecisionModel(RecordDecision recordDecision, CouncilQueries queries) : Bodies.CouncilOfficePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Decision { get; set; }

    public CaseView Case { get; private set; } = null!;
    public MeetingView? Meeting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Fill();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => recordDecision.HandleAsync(Id, Decision, Version, CurrentUser, ct)))
        {
            await LoadAsync(ct);
            Flash = Case.Standing == StandingCase.MinutesApproval && Meeting is { ApprovesMinutesOf.Count: > 0 } mv
                ? $"Vedtaket i sak {Case.Number} er registrert, og referatet fra {string.Join(" og ", mv.ApprovesMinutesOf.Select(x => "møte " + x.Number))} er godkjent."
                : $"Vedtaket i sak {Case.Number} er registrert.";
            return Redirect($"/saker/{Id}");
        }
        await LoadAsync(ct);
        MoveErrors("status", "");
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill();
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Case = await queries.GetCaseAsync(Id, CurrentUser, ct);
        Meeting = Case.MeetingId is { } mid ? await queries.GetMeetingAsync(mid, CurrentUser, ct) : null;
    }

    private void Fill()
    {
        Decision = Case.Decision ?? Case.ProposedDecision;
        Version = Case.Version;
    }
}
