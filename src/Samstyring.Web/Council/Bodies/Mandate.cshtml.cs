using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>A new version of a body's mandate, optionally with the case that adopted it. Earlier versions stay.</summary>
[Authorize(Policy = "office")]
public sealed class MandateModel(AddMandate addMandate, CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ValidFrom { get; set; }
    [BindProperty] public string? AdoptedInCase { get; set; }

    public Body Body { get; private set; } = null!;
    public string CurrentName => Body.Names.Count > 0 ? Body.NameOn(clock.Today()).Name : Body.Slug;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        ValidFrom = DateValue(clock.Today());
        // Start from the text in force, since a revision usually changes a few sentences.
        Text = Body.MandateOn(clock.Today())?.Text;
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => addMandate.HandleAsync(slug, new MandateInput(Text, ValidFrom, AdoptedInCase), CurrentUser, ct)))
        {
            Flash = "Den nye mandatversjonen er lagret.";
            return Redirect($"/sekretariat/organer/{slug}#mandat");
        }
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        return Page();
    }
}
