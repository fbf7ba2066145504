using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Council.Bodies;

/// <summary>A new version of a body's mandate, optionally with the case that adopted it. Earlier versions stay.</summary>
[Authorize(Policy = "office")]
public sealed class MandateModel(BodyUseCases bodies, SamstyringDb db) : CouncilOfficePage
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ValidFrom { get; set; }
    [BindProperty] public string? AdoptedInCase { get; set; }

    public Body Body { get; private set; } = null!;
    public string CurrentName => Body.Names.Count > 0 ? Body.NameOn(db.Today).Name : Body.Slug;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Body = await bodies.GetAsync(slug, ct);
        ValidFrom = DateValue(db.Today);
        // Start from the text in force, since a revision usually changes a few sentences.
        Text = Body.MandateOn(db.Today)?.Text;
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => bodies.AddMandateAsync(slug, new MandateInput(Text, ValidFrom, AdoptedInCase), CurrentUser, ct)))
        {
            Flash = "Den nye mandatversjonen er lagret.";
            return Redirect($"/sekretariat/organer/{slug}#mandat");
        }
        Body = await bodies.GetAsync(slug, ct);
        return Page();
    }
}
