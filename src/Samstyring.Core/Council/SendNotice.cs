using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Council;

/// <summary>
/// Marks the notice as sent: the agenda and case papers become public (unless confidential), and the notice goes by e-mail
/// to the body's members, observers and substitutes who have an address (<see cref="MeetingNotices"/>).
/// </summary>
[UseCase]
public sealed class SendNotice(SamstyringDb db, SiteAddress site)
{
    public async Task<Meeting> HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status != MeetingStatus.Planned)
            throw ValidationFailedException.For("status", $"Innkallingen kan bare sendes for et planlagt møte (møtet har status «{meeting.Status.Label()}»).");
        var cases = await db.Cases.Where(c => c.MeetingId == id).ToListAsync(ct);
        var v = new Validator();
        if (!cases.Any(c => c.Standing == StandingCase.None))
            v.Add("agenda", "Dagsordenen har ingen saker ut over de faste sakene. Legg til sakene før innkallingen sendes.");
        foreach (var c in cases.Where(c => c.Type != CaseType.Eventuelt && string.IsNullOrWhiteSpace(c.ProposedDecision)))
            v.Add("agenda", $"Sak {c.NumberText} mangler forslag til vedtak.");
        v.ThrowIfInvalid();
        meeting.Status = MeetingStatus.NoticeSent;
        meeting.NoticeSentAt = db.UtcNow;
        meeting.UpdatedAt = db.UtcNow;
        await MeetingNotices.QueueAsync(db, site, meeting, MeetingMailKind.Notice, ct);
        // The meeting is public now: its record for eInnsyn commits with it.
        await EInnsyn.EInnsynQueue.MeetingAsync(db, site, meeting.Id, ct);
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
