using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Cycle;

/// <summary>The secretariat adds a recurring case to the årshjul.</summary>
[Authorize(Policy = "office")]
public sealed class NewModel(AddCycleItem addCycleItem, CouncilQueries queries) : CycleItemFormPage(queries)
{
    public async Task OnGetAsync([FromQuery(Name = "organ")] string? organ, [FromQuery(Name = "maned")] int? month, CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        BodySlug = organ;
        Month = month is >= 1 and <= 12 ? month.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        Type = CaseType.Orientering.Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (TryInput(out var input) && await TryAsync(() => addCycleItem.HandleAsync(input, CurrentUser, ct)))
        {
            Flash = $"«{Title?.Trim()}» er lagt til i årshjulet.";
            return Redirect("/arshjul");
        }
        await LoadOptionsAsync(ct);
        return Page();
    }
}
