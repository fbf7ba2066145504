using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Records that a meeting whose notice was sent has been held.</summary>
[UseCase]
public sealed class MarkMeetingHeld(SamstyringDb db)
{
    public async Task<Meeting> HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status != MeetingStatus.NoticeSent)
            throw ValidationFailedException.For("status", meeting.Status == MeetingStatus.Planned
                ? "Send innkallingen før møtet registreres som avholdt."
                : $"Et møte med status «{meeting.Status.Label()}» kan ikke registreres som avholdt.");
        meeting.Status = MeetingStatus.Held;
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
