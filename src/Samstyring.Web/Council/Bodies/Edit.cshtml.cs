using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The secretariat changes a body's settings (not its name: that is a dated rename, see Rename).</summary>
[Authorize(Policy = "office")]
public sealed class EditModel(UpdateBody updateBody, CouncilQueries queries, GetSolutionOptions solutions, TimeProvider clock) : BodySettingsPage(queries, solutions, clock)
{
    [BindProperty] public string? SortOrder { get; set; }
    [BindProperty] public int Version { get; set; }

    public Body Body { get; private set; } = null!;
    public string Name => Body.Names.Count > 0 ? Body.NameOn(Clock.Today()).Name : Body.Slug;

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        Fill();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        ModelState.Clear();
        var parsed = TryParseNumber("sortOrder", SortOrder, "Rekkefølge", out var order) & TryReadSettings(order, out var input);
        var ok = parsed && await TryAsync(() => updateBody.HandleAsync(slug, input, Version, CurrentUser, ct));
        await LoadAsync(slug, ct);
        if (ok)
        {
            Flash = "Innstillingene er lagret.";
            return Redirect($"/sekretariat/organer/{slug}");
        }
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill();
        }
        return Page();
    }

    private async Task LoadAsync(string slug, CancellationToken ct)
    {
        Body = await Queries.GetBodyWithHistoryAsync(slug, ct);
        await LoadOptionsAsync(ct);
    }

    private void Fill()
    {
        FillSettings(Body);
        SortOrder = Body.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Version = Body.Version;
    }
}
