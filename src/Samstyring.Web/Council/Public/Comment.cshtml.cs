using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Actors;
using Samstyring.Web.Council.Bodies;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Public;

/// <summary>
/// Innspill on a case. A member writes only the text (sent in their own name, before the deadline); the secretariat
/// records input received by other means, with sender, organisation and date.
/// </summary>
[Authorize]
public sealed class CommentModel(CouncilQueries queries, AddComment addComment, OrganizationQueries actors, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Author { get; set; }
    [BindProperty] public string? OrganizationId { get; set; }
    [BindProperty] public string? ReceivedOn { get; set; }

    public CaseView C { get; private set; } = null!;
    public bool IsSecretariat => CouncilAccess.IsSecretariat(CurrentUser);
    public List<(string, string)> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CouncilAccess.CanComment(CurrentUser)) return Forbid();
        await LoadAsync(ct);
        if (IsSecretariat) ReceivedOn ??= clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CouncilAccess.CanComment(CurrentUser)) return Forbid();
        int? org = null;
        if (IsSecretariat && !string.IsNullOrWhiteSpace(OrganizationId))
        {
            if (int.TryParse(OrganizationId, NumberStyles.None, CultureInfo.InvariantCulture, out var o)) org = o;
            else ModelState.AddModelError("organizationId", "Velg en virksomhet fra listen.");
        }
        var input = IsSecretariat ? new CommentInput(Author, org, ReceivedOn, Text) : new CommentInput(null, null, null, Text);
        if (ModelState.ErrorCount == 0 && await TryAsync(() => addComment.HandleAsync(Id, input, CurrentUser, ct)))
        {
            Flash = "Innspillet er registrert.";
            return Redirect($"/saker/{Id}#innspill");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        C = await queries.GetCaseAsync(Id, CurrentUser, ct);
        if (IsSecretariat) Organizations = await actors.OptionsAsync(ct: ct);
    }
}
