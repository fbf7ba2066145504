using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>A new case in a meeting: numbered next in the body's year and placed on the agenda before "Eventuelt".</summary>
[Authorize(Policy = "office")]
public sealed class CaseNewModel(AddCase addCase, CouncilQueries queries) : CaseFormPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Presenter { get; set; }
    [BindProperty] public string? StartsAt { get; set; }

    public MeetingSummary M { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        M = (await queries.GetMeetingAsync(Id, CurrentUser, ct)).Meeting;
        Type = CaseType.Godkjenning.Code();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        CouncilCase? created = null;
        if (await TryAsync(async () => created = await addCase.HandleAsync(Id, Input(Presenter, StartsAt), CurrentUser, ct)))
        {
            Flash = $"Sak {created!.NumberText} er lagt til i møtet.";
            return Redirect($"/saker/{created.Id}");
        }
        M = (await queries.GetMeetingAsync(Id, CurrentUser, ct)).Meeting;
        MoveErrors("status", "");
        return Page();
    }
}
