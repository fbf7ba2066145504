using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

[Authorize]
public sealed class DependencyNewModel(GetInitiative getInitiative, SaveDependency save, GetDependencyForm form) : DependencyFormPage(form)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Criticality = Core.Portfolio.Criticality.Medium.Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await TryAsync(() => save.AddAsync(Id, Input(), CurrentUser, ct)))
        {
            Flash = "Avhengigheten er registrert.";
            return Redirect($"/tiltak/{Id}#avhengigheter");
        }
        MoveTargetErrors();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var d = await LoadEditableAsync(getInitiative, Id, ct);
        Initiative = d.Initiative;
        await LoadOptionsAsync(ct);
    }
}
