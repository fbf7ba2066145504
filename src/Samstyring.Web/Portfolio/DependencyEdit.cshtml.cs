using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>Changes or deletes one dependency (delete asks for confirmation first).</summary>
[Authorize]
public sealed class DependencyEditModel(GetInitiative getInitiative, SaveDependency save, GetDependencyForm form) : DependencyFormPage(form)
{
    [BindProperty(SupportsGet = true)] public int DependencyId { get; set; }
    [BindProperty] public int Version { get; set; }
    public bool ConfirmDelete { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        FillStored(await LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => save.UpdateAsync(DependencyId, Input(), Version, CurrentUser, ct)))
        {
            Flash = "Avhengigheten er endret.";
            return Redirect($"/tiltak/{await InitiativeIdAsync(ct)}#avhengigheter");
        }
        MoveTargetErrors();
        var stored = await LoadAsync(ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            FillStored(stored);
        }
        return Page();
    }

    /// <summary>GET ?handler=slett shows the confirmation; the confirmation posts to ?handler=slett.</summary>
    public async Task OnGetSlettAsync(CancellationToken ct)
    {
        FillStored(await LoadAsync(ct));
        ConfirmDelete = true;
    }

    public async Task<IActionResult> OnPostSlettAsync(CancellationToken ct)
    {
        var initiativeId = await InitiativeIdAsync(ct);
        await save.DeleteAsync(DependencyId, CurrentUser, ct);
        Flash = "Avhengigheten er slettet.";
        return Redirect($"/tiltak/{initiativeId}#avhengigheter");
    }

    private Task<int> InitiativeIdAsync(CancellationToken ct) => Form.InitiativeIdAsync(DependencyId, ct);

    private async Task<Dependency> LoadAsync(CancellationToken ct)
    {
        var details = await LoadEditableAsync(getInitiative, await InitiativeIdAsync(ct), ct);
        Initiative = details.Initiative;
        var d = details.Dependencies.Single(x => x.Id == DependencyId);
        await LoadOptionsAsync(ct);
        return d;
    }

    private void FillStored(Dependency d)
    {
        Fill(d);
        Version = d.Version;
    }
}
