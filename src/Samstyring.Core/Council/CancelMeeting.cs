using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Council;

/// <summary>Cancels a meeting without decisions; the minutes it was to approve go to the next meeting.</summary>
[UseCase]
public sealed class CancelMeeting(SamstyringDb db, SiteAddress site)
{
    public async Task<Meeting> HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status is not (MeetingStatus.Planned or MeetingStatus.NoticeSent))
            throw ValidationFailedException.For("status", $"Et møte med status «{meeting.Status.Label()}» kan ikke avlyses.");
        if (await db.Cases.AnyAsync(c => c.MeetingId == id && c.Decision != null, ct))
            throw ValidationFailedException.For("status", "Møtet har vedtak og kan ikke avlyses.");
        // Those who got the notice are told; a meeting never noticed was only tentative in their calendars.
        var noticed = meeting.Status == MeetingStatus.NoticeSent;
        meeting.Status = MeetingStatus.Cancelled;
        meeting.UpdatedAt = db.UtcNow;
        if (noticed) await MeetingNotices.QueueAsync(db, site, meeting, MeetingMailKind.Cancellation, ct);
        // Minutes this meeting was to approve go to the next meeting instead.
        var approvalIds = await db.Cases.Where(c => c.MeetingId == id && c.Standing == StandingCase.MinutesApproval).Select(c => c.Id).ToListAsync(ct);
        foreach (var m in await db.Meetings.Where(m => m.MinutesApprovalCaseId != null && approvalIds.Contains(m.MinutesApprovalCaseId.Value)).ToListAsync(ct))
            m.MinutesApprovalCaseId = null;
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
