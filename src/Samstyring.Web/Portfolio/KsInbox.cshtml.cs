using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The KS coordinator's inbox: municipal submissions to endorse or return before the office decides.</summary>
[Authorize(Roles = nameof(Role.KsCoordinator))]
public sealed class KsInboxModel(ReviewMunicipalSubmission review, GetSubmissionQueues queues) : InitiativePage
{
    [BindProperty] public int InitiativeId { get; set; }
    /// <summary>"endorse" or "return" (the button pressed).</summary>
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public IReadOnlyList<SubmissionRow> Waiting { get; private set; } = [];
    public IReadOnlyList<SubmissionRow> Handled { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var endorse = Decision == "endorse";
        if (await TryAsync(() => review.HandleAsync(InitiativeId, endorse, Comment, CurrentUser, ct)))
        {
            Flash = endorse ? "Innmeldingen er anbefalt og sendt til porteføljekontoret." : "Innmeldingen er returnert til kommunen.";
            return Redirect("/ks");
        }
        // Errors belong to the row that was posted.
        MoveErrors("comment", $"comment-{InitiativeId}");
        MoveErrors("id", "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = await queues.ForKsAsync(CurrentUser, ct);
        (Waiting, Handled) = (q.Waiting, q.RecentlyHandled);
    }
}
