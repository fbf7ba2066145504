using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Actors;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>An owner (for its own organisation) or the office (for any) proposes a candidate.</summary>
[Authorize]
public sealed class ProposeModel(ProposeInitiative propose, OrganizationQueries organizations) : InitiativePage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Phase { get; set; } = "ide";
    [BindProperty] public string? PlannedStart { get; set; }
    [BindProperty] public string? PlannedEnd { get; set; }
    [BindProperty] public string? ContactPerson { get; set; }
    [BindProperty] public int? OwnerId { get; set; }

    public bool IsOffice => CurrentUser?.IsOffice == true;
    public List<(string, string)> Owners { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Initiative? created = null;
        if (await TryAsync(async () => created = await propose.HandleAsync(
                new InitiativeInput(Name, Description, IsOffice ? OwnerId : null, Kind, Phase, PlannedStart, PlannedEnd, ContactPerson), CurrentUser, ct)))
        {
            Flash = "Tiltaket er foreslått. Porteføljekontoret vurderer det mot kriteriene"
                    + (created!.Owner.Type == Core.Actors.OrganizationType.Kommune ? " etter at KS-koordinatoren har behandlet innmeldingen." : ".");
            return Redirect($"/tiltak/{created.Id}");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!PortfolioAccess.CanPropose(CurrentUser)) throw new ForbiddenException("Du har ikke tilgang til å foreslå tiltak.");
        if (IsOffice) Owners = await organizations.OptionsAsync(ct: ct);
    }
}
