using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

public sealed record SubmissionRow(int Id, string Name, string Owner, InitiativeKind Kind, SubmissionState Submission, DateTime? LastStepAt, string? LastComment);

/// <summary>The KS coordinator's inbox: municipal submissions to endorse or return before the office decides.</summary>
[Authorize(Roles = nameof(Role.KsCoordinator))]
public sealed class KsInboxModel(ReviewMunicipalSubmission review, SamstyringDb db) : InitiativePage
{
    [BindProperty] public int InitiativeId { get; set; }
    /// <summary>"endorse" or "return" (the button pressed).</summary>
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public List<SubmissionRow> Waiting { get; private set; } = [];
    public List<SubmissionRow> Handled { get; private set; } = [];

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
        if (CurrentUser is not { Role: Role.KsCoordinator }) throw new ForbiddenException("Siden er for KS-koordinatoren.");
        var municipal = db.Initiatives.AsNoTracking().Where(i => i.Owner.Type == OrganizationType.Kommune);
        Waiting = await Rows(municipal.Where(i => i.Submission == SubmissionState.Proposed).OrderBy(i => i.CreatedAt)).ToListAsync(ct);
        // Recently handled by KS: the last KS step per initiative, newest first.
        Handled = await Rows(municipal
                .Where(i => i.SubmissionSteps.Any(s => s.Action == SubmissionAction.KsEndorsed || s.Action == SubmissionAction.KsReturned))
                .OrderByDescending(i => i.SubmissionSteps.Where(s => s.Action == SubmissionAction.KsEndorsed || s.Action == SubmissionAction.KsReturned).Max(s => s.At)))
            .Take(20).ToListAsync(ct);
    }

    private static IQueryable<SubmissionRow> Rows(IQueryable<Initiative> q) => q.Select(i => new SubmissionRow(
        i.Id, i.Name, i.Owner.Name, i.Kind, i.Submission,
        i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => (DateTime?)s.At).FirstOrDefault(),
        i.SubmissionSteps.OrderByDescending(s => s.At).Select(s => s.Comment).FirstOrDefault()));
}
