using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>A new name from a date (e.g. Nasjonalt e-helsestyre → Nasjonalt e-helseråd in 2022). The earlier names stay.</summary>
[Authorize(Policy = "office")]
public sealed class RenameModel(RenameBody renameBody, CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? ValidFrom { get; set; }

    public Body Body { get; private set; } = null!;
    public string CurrentName => Body.Names.Count > 0 ? Body.NameOn(clock.Today()).Name : Body.Slug;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        ValidFrom = DateValue(clock.Today());
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => renameBody.HandleAsync(slug, new BodyNameInput(Name, ShortName, ValidFrom), CurrentUser, ct)))
        {
            Flash = $"Organet heter «{Name?.Trim()}» fra {ValidFrom}. Tidligere navn er beholdt.";
            return Redirect($"/sekretariat/organer/{slug}#navn");
        }
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        return Page();
    }
}
