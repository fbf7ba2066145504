using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Council;

/// <summary>
/// Records the decision as adopted in the meeting. Needs a quorate meeting and no placeholder left. Adopting the
/// approval of minutes marks those meetings' minutes approved; adopting a case about a criteria set makes that set current.
/// A first decision on a case open to the public goes by e-mail to the body's confirmed subscribers, in the same
/// transaction; a case exempt from public access is left out entirely, as in the public decisions feed.
/// </summary>
[UseCase]
public sealed class RecordDecision(SamstyringDb db, SiteAddress site)
{
    public async Task<CouncilCase> HandleAsync(int id, string? decision, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(c, expectedVersion);
        var meeting = c.Meeting ?? throw ValidationFailedException.For("decision", "Saken er ikke satt opp i et møte.");
        var v = new Validator();
        v.Required("decision", decision, "Vedtak", CouncilCase.TextMax);
        if (CouncilCase.HasPlaceholder(decision))
            v.Add("decision", $"Vedtaket har tekst som skal fylles ut i møtet: «{CouncilCase.Placeholders(decision).First()}». Erstatt {{{{…}}}} med det som ble vedtatt.");
        if (meeting.Status is MeetingStatus.Planned)
            v.Add("decision", "Vedtak kan registreres når innkallingen er sendt.");
        if (meeting.Status is MeetingStatus.Cancelled)
            v.Add("decision", "Møtet er avlyst.");
        if (v.IsValid)
        {
            var members = await db.BodyMembers.Where(m => m.BodyId == meeting.BodyId).ToListAsync(ct);
            var attendance = await db.Attendance.Where(a => a.MeetingId == meeting.Id).ToListAsync(ct);
            var quorum = QuorumResult.For(c.Body, members, attendance, meeting.Date);
            if (!quorum.Met)
                v.Add("decision",
                    quorum.Voting == 0 ? QuorumResult.NoMembers
                    : quorum.Recorded ? $"Møtet er ikke vedtaksført: {quorum.Present} av {quorum.Voting} medlemmer er til stede, og kravet er minst {quorum.Required}."
                    : "Registrer oppmøtet før vedtak føres, så vedtaksførheten kan kontrolleres.");
        }
        List<Meeting> approved = [];
        if (v.IsValid && c.Standing == StandingCase.MinutesApproval)
        {
            approved = await db.Meetings.Where(m => m.MinutesApprovalCaseId == c.Id).ToListAsync(ct);
            foreach (var m in approved.Where(m => m.Status is not (MeetingStatus.Held or MeetingStatus.MinutesApproved)))
                v.Add("decision", $"Møte {m.NumberText} er ikke registrert som avholdt, så referatet kan ikke godkjennes ennå.");
            // Approved minutes close a meeting for good, so every case in it must have its decision first
            // (otherwise, for instance, the minutes that meeting was to approve would be left with nobody to approve them).
            var ids = approved.Select(m => m.Id).ToList();
            var open = await db.Cases.Where(x => x.MeetingId != null && ids.Contains(x.MeetingId.Value) && x.Decision == null && x.Type != CaseType.Eventuelt)
                .OrderBy(x => x.Number).ToListAsync(ct);
            foreach (var g in open.GroupBy(x => x.MeetingId))
                v.Add("decision", $"Møte {approved.Single(m => m.Id == g.Key).NumberText} har saker uten vedtak ({string.Join(", ", g.Select(x => x.NumberText))}). Før vedtakene der før referatet godkjennes.");
        }
        v.ThrowIfInvalid();

        // Recording the decision again with other words corrects it: a change after the decision, not a new one.
        var adopted = decision!.Trim();
        var first = c.Decision is null;
        if (c.Decision is { } earlier && earlier != adopted) c.DecisionChangedAt = db.UtcNow;
        c.Decision = adopted;
        c.DecidedOn = meeting.Date;
        c.UpdatedAt = db.UtcNow;
        // A decision means the meeting took place.
        if (meeting.Status == MeetingStatus.NoticeSent)
        {
            meeting.Status = MeetingStatus.Held;
            meeting.UpdatedAt = db.UtcNow;
        }
        foreach (var m in approved)
        {
            m.Status = MeetingStatus.MinutesApproved;
            m.UpdatedAt = db.UtcNow;
        }
        var sets = await db.CaseReferences.Where(r => r.CaseId == c.Id && r.Kind == CaseReferenceKind.CriteriaSet && r.CriteriaSetId != null)
            .Select(r => r.CriteriaSetId!.Value).ToListAsync(ct);
        if (sets.Count > 0)
        {
            var name = c.Body.NameOn(meeting.Date).Name;
            foreach (var set in await db.CriteriaSets.ToListAsync(ct))
            {
                if (sets.Contains(set.Id))
                {
                    set.AdoptedInCaseId = c.Id;
                    set.AdoptedByCase = $"{name} {c.NumberText}";
                    set.AdoptedOn = meeting.Date;
                    set.IsCurrent = set.Id == sets.Max();
                }
                else if (set.IsCurrent) set.IsCurrent = false;
            }
        }
        if (first && !c.Confidential)
        {
            // The subscribers are the public: they get what decisions.atom shows, and only the first time (a correction is not news).
            var name = c.Body.NameOn(meeting.Date).Name;
            await SubscriptionMails.QueueAsync(db, site, Subscription.BodyTopic(c.Body.Slug), "subscription-decision", $"decision:{c.Id}",
                $"Vedtak i {name}: sak {c.NumberText} {c.Title}",
                [$"Sak {c.NumberText} {c.Title}", $"Vedtak:\n{adopted}", $"Vedtatt av {name} i møte {meeting.NumberText} {Norwegian.Date(meeting.Date)}."],
                site.Link($"/saker/{c.Id}"), "Saken og vedtaket", ct);
        }
        // eInnsyn: the decision of a case open to the public, and the minutes it approves, with their meetings if not queued yet.
        var records = await EInnsyn.EInnsynRecords.ForMeetingAsync(db, site, meeting.Id, withMinutes: false, withDecisions: false, ct);
        if (!c.Confidential) records.Add(EInnsyn.EInnsynRecords.Decision(c, meeting, first: true));
        foreach (var m in approved)
            records.AddRange(await EInnsyn.EInnsynRecords.ForMeetingAsync(db, site, m.Id, withMinutes: true, withDecisions: false, ct));
        await EInnsyn.EInnsynQueue.EnqueueAsync(db, records, ct);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
