using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>Registers a Prosjektveiviser decision point (beslutningspunkt), which moves the initiative into the phase.</summary>
[Authorize]
public sealed class InitiativePhaseDecisionModel(GetInitiative getInitiative, RecordPhaseDecision record) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Phase { get; set; }
    [BindProperty] public string? DecidedOn { get; set; }
    [BindProperty] public string? DecidedBy { get; set; }
    [BindProperty] public string? Note { get; set; }

    public Initiative Initiative { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // Suggest the phase after the current one.
        var next = Math.Min((int)Initiative.Phase + 1, Enum.GetValues<Core.Portfolio.Phase>().Length - 1);
        Phase = ((Core.Portfolio.Phase)next).Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => record.HandleAsync(Id, Phase, DecidedOn, DecidedBy, Note, CurrentUser, ct)))
        {
            Flash = "Beslutningspunktet er registrert.";
            return Redirect($"/tiltak/{Id}#beslutningspunkter");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var d = await LoadEditableAsync(getInitiative, Id, ct);
        Initiative = d.Initiative;
    }
}
