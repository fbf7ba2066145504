using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The office moves an initiative through its lifecycle (pause, complete, leave the portfolio with a reason).</summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class LifecycleModel(GetInitiative getInitiative, ChangeLifecycle change) : InitiativePage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(Name = "lifecycle")] public string? NewLifecycle { get; set; }
    [BindProperty] public string? LeftReason { get; set; }
    [BindProperty] public string? LeftOn { get; set; }
    [BindProperty] public int Version { get; set; }

    public Initiative Initiative { get; private set; } = null!;
    public IReadOnlyList<Lifecycle> Allowed => Core.Portfolio.Initiative.AllowedTransitions(Initiative.Lifecycle);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Version = Initiative.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => change.HandleAsync(Id, NewLifecycle, LeftReason, LeftOn, Version, CurrentUser, ct)))
        {
            Flash = "Livsløpet er endret.";
            return Redirect($"/tiltak/{Id}");
        }
        await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Version = Initiative.Version;
        }
        else MoveErrors("segment", "lifecycle");
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PortfolioAccess.RequireOffice(CurrentUser);
        Initiative = (await getInitiative.HandleAsync(Id, CurrentUser, ct)).Initiative;
    }
}
