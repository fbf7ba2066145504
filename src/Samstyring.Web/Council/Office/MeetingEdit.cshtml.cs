using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// The secretariat's page for one meeting: its details, the status steps (send notice, held, cancel) as separate forms,
/// and the cases with links to the other office pages.
/// </summary>
[Authorize(Policy = "office")]
public sealed class MeetingEditModel(UpdateMeeting updateMeeting, SendNotice sendNotice, MarkMeetingHeld markMeetingHeld, CancelMeeting cancelMeeting,
    CouncilQueries queries) : MeetingFormPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public bool ConfirmCancel { get; set; }

    public MeetingView View { get; private set; } = null!;
    public MeetingSummary M => View.Meeting;
    public bool IsClosed => M.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled;

    /// <summary>Which form the errors belong to, so each is shown next to the form that was posted.</summary>
    public string? Posted { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await FillAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        RunAsync("details", () => updateMeeting.HandleAsync(Id, Input(null), Version, CurrentUser, ct), "Endringene i møtet er lagret.", ct);

    public Task<IActionResult> OnPostSendNoticeAsync(CancellationToken ct) =>
        RunAsync("status", () => sendNotice.HandleAsync(Id, Version, CurrentUser, ct),
            "Innkallingen er registrert som sendt. Dagsordenen og sakene er nå offentlige (unntatt saker som er unntatt offentlighet).", ct);

    public Task<IActionResult> OnPostMarkHeldAsync(CancellationToken ct) =>
        RunAsync("status", () => markMeetingHeld.HandleAsync(Id, Version, CurrentUser, ct), "Møtet er registrert som avholdt.", ct);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) =>
        RunAsync("status", () => ConfirmCancel
            ? cancelMeeting.HandleAsync(Id, Version, CurrentUser, ct)
            : throw ValidationFailedException.For("confirmCancel", "Kryss av for å bekrefte at møtet skal avlyses."), "Møtet er avlyst.", ct);

    private async Task<IActionResult> RunAsync(string form, Func<Task> action, string flash, CancellationToken ct)
    {
        ModelState.Clear();
        var ok = await TryAsync(action);
        if (ok)
        {
            Flash = flash;
            return Redirect($"/sekretariat/moter/{Id}/rediger");
        }
        Posted = form;
        await LoadAsync(ct);
        // Errors about the meeting as a whole have no input of their own on this page.
        MoveErrors("agenda", "");
        if (form == "status") MoveErrors("status", "");
        if (ConflictMessage is not null || form == "status")
        {
            // The status forms carry only the version; the details form shows what is stored after a conflict.
            var errors = ModelState.Where(e => e.Value?.Errors.Count > 0).SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage))).ToList();
            ModelState.Clear();
            await FillAsync(ct);
            if (ConflictMessage is null) foreach (var (k, m) in errors) ModelState.AddModelError(k, m);
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => View = await queries.GetMeetingAsync(Id, CurrentUser, ct);

    private async Task FillAsync(CancellationToken ct)
    {
        var location = await queries.MeetingLocationAsync(Id, ct);
        Fill(M, location);
        Version = M.Version;
    }
}
