using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Council;

/// <summary>
/// Changes a meeting's date, times, place and kind (not its year: the number is the year's). When the notice has gone out
/// and the time or place changes, the members are told by e-mail.
/// </summary>
[UseCase]
public sealed class UpdateMeeting(SamstyringDb db, SiteAddress site)
{
    public async Task<Meeting> HandleAsync(int id, MeetingInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        var v = new Validator();
        var values = MeetingRules.ValidateDetails(v, input);
        if (values.Date is { } d && d.Year != meeting.Year)
            v.Add("date", $"Møtet er nummerert {meeting.NumberText} og kan ikke flyttes til et annet år. Avlys det og planlegg et nytt møte i stedet.");
        if (meeting.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled)
            v.Add("status", $"Et møte med status «{meeting.Status.Label()}» kan ikke endres.");
        v.ThrowIfInvalid();
        var before = (meeting.Date, meeting.StartTime, meeting.EndTime, meeting.PlaceText);
        values.ApplyTo(meeting);
        meeting.UpdatedAt = db.UtcNow;
        if (meeting.Status == MeetingStatus.NoticeSent && before != (meeting.Date, meeting.StartTime, meeting.EndTime, meeting.PlaceText))
            await MeetingNotices.QueueAsync(db, site, meeting, MeetingMailKind.Change, ct);
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
