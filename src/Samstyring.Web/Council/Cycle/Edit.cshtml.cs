using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Cycle;

/// <summary>Changes or deletes a recurring case of the årshjul (delete asks for confirmation first).</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(UpdateCycleItem updateCycleItem, DeleteCycleItem deleteCycleItem, CouncilQueries queries) : CycleItemFormPage(queries)
{
    [BindProperty] public int Version { get; set; }
    public CycleItem Item { get; private set; } = null!;
    public bool ConfirmDelete { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        FillStored();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var ok = TryInput(out var input) && await TryAsync(() => updateCycleItem.HandleAsync(id, input, Version, CurrentUser, ct));
        if (ok)
        {
            Flash = $"«{Title?.Trim()}» er endret.";
            return Redirect("/arshjul");
        }
        await LoadAsync(id, ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            FillStored();
        }
        return Page();
    }

    public async Task OnGetSlettAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        FillStored();
        ConfirmDelete = true;
    }

    public async Task<IActionResult> OnPostSlettAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await deleteCycleItem.HandleAsync(id, null, CurrentUser, ct);
        Flash = $"«{Item.Title}» er slettet fra årshjulet.";
        return Redirect("/arshjul");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Item = await Queries.GetCycleItemAsync(id, ct);
        await LoadOptionsAsync(ct);
    }

    private void FillStored()
    {
        Fill(Item);
        Version = Item.Version;
    }
}
