using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Documents;
using Samstyring.Core.Notifications;
using static Samstyring.Core.Notifications.MailHtml;

namespace Samstyring.Core.Council;

/// <summary>What a meeting mail says: the notice, a change of a noticed meeting, or its cancellation.</summary>
public enum MeetingMailKind { Notice, Change, Cancellation }

/// <summary>
/// The e-mails about a meeting to the body's members, observers and substitutes who serve on its date and have an address:
/// when the notice is sent, when a noticed meeting moves or changes place, and when it is cancelled. Each carries the
/// agenda, a link to the meeting page and the meeting as an <c>.ics</c> file with the calendar feed's UID, so a calendar
/// that holds the meeting from the feed updates it instead of adding a second one. Cases exempt from public access are
/// listed by number with «Unntatt offentlighet» only: mail leaves the system, and a member may forward it.
/// Queued in the caller's unit of work, so they go out exactly when the change commits.
/// </summary>
public static class MeetingNotices
{
    public const string MeetingPath = "/moter/";

    public static async Task<int> QueueAsync(SamstyringDb db, SiteAddress site, Meeting meeting, MeetingMailKind kind, CancellationToken ct)
    {
        var body = await db.Bodies.AsNoTracking().Include(b => b.Names).SingleAsync(b => b.Id == meeting.BodyId, ct);
        var recipients = (await db.BodyMembers.AsNoTracking()
                .Where(m => m.BodyId == meeting.BodyId && m.Email != null && m.Role != MemberRole.Secretariat)
                .ToListAsync(ct))
            .Where(m => m.ServesOn(meeting.Date)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        if (recipients.Count == 0) return 0;
        var cases = kind == MeetingMailKind.Cancellation ? [] : await db.Cases.AsNoTracking().Where(c => c.MeetingId == meeting.Id)
            .OrderBy(c => c.Year).ThenBy(c => c.Number).Select(c => new { c.Number, c.Year, c.Title, c.Confidential, c.LegalBasis }).ToListAsync(ct);
        var agenda = cases.Select(c => $"{CouncilCase.FormatNumber(c.Number, c.Year)} {(c.Confidential ? $"{CaseView.RedactedTitle}{(string.IsNullOrWhiteSpace(c.LegalBasis) ? "" : $" ({c.LegalBasis})")}" : c.Title)}").ToList();

        var name = body.NameOn(meeting.Date).Name;
        var what = $"møte {meeting.NumberText} i {name}";
        var when = $"{Norwegian.Culture.DateTimeFormat.GetDayName(meeting.Date.DayOfWeek)} {Norwegian.Date(meeting.Date)} {meeting.TimeText}";
        var link = site.Link(MeetingPath + meeting.Id);
        var subject = kind switch
        {
            MeetingMailKind.Notice => $"Innkalling til {what}, {Norwegian.Date(meeting.Date)}",
            MeetingMailKind.Change => $"Endret: {what}, {Norwegian.Date(meeting.Date)}",
            _ => $"Avlyst: {what}, {Norwegian.Date(meeting.Date)}",
        };
        var lead = kind switch
        {
            MeetingMailKind.Notice => $"Du innkalles til {what}.",
            MeetingMailKind.Change => $"Tid eller sted for {what} er endret. Oppdatert tid og sted står under.",
            _ => $"{char.ToUpperInvariant(what[0])}{what[1..]} er avlyst.",
        };
        var ics = Encoding.UTF8.GetBytes(ICalendar.Write($"Møter i {name}", [new CalendarEvent(
            site.MeetingUid(meeting.Id), ICalendar.OsloToUtc(meeting.Date, meeting.StartTime), ICalendar.OsloToUtc(meeting.Date, meeting.EndTime),
            $"{(meeting.Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} {meeting.Number} i {body.NameOn(meeting.Date).ShortName ?? name}",
            meeting.PlaceText, string.Join("\n", agenda.Prepend(agenda.Count > 0 ? "Saker:" : "").Where(l => l.Length > 0).Append(link)), link,
            meeting.UpdatedAt, meeting.Version + 1,
            kind == MeetingMailKind.Cancellation ? CalendarEventStatus.Cancelled : CalendarEventStatus.Confirmed)]));

        var mails = recipients.Select(r =>
        {
            var role = r.Role.Label().ToLowerInvariant();
            var text = new StringBuilder();
            text.AppendLine(lead).AppendLine();
            text.AppendLine($"Tid: {when}");
            if (!string.IsNullOrWhiteSpace(meeting.PlaceText)) text.AppendLine($"Sted: {meeting.PlaceText}");
            if (agenda.Count > 0) { text.AppendLine().AppendLine("Saksliste:"); foreach (var a in agenda) text.AppendLine("  " + a); }
            text.AppendLine().AppendLine($"Møtet og sakspapirene: {link}");
            text.AppendLine(kind == MeetingMailKind.Cancellation
                ? "Vedlagt er avlysningen som kalenderoppføring (.ics)." : "Vedlagt er møtet som kalenderoppføring (.ics).");
            text.AppendLine().AppendLine($"Du får denne e-posten som {role} i {name}. Svar ikke på denne e-posten; kontakt sekretariatet.");
            var h = new StringBuilder("<!DOCTYPE html><html lang=\"nb\"><body>");
            h.Append("<p>").Append(E(lead)).Append("</p><p><strong>Tid:</strong> ").Append(E(when));
            if (!string.IsNullOrWhiteSpace(meeting.PlaceText)) h.Append("<br><strong>Sted:</strong> ").Append(E(meeting.PlaceText));
            h.Append("</p>");
            if (agenda.Count > 0) h.Append("<h2>Saksliste</h2><ul>").Append(string.Concat(agenda.Select(a => $"<li>{E(a)}</li>"))).Append("</ul>");
            h.Append("<p><a href=\"").Append(E(link)).Append("\">Møtet og sakspapirene</a></p>");
            h.Append("<p>Du får denne e-posten som ").Append(E(role)).Append(" i ").Append(E(name)).Append(".</p></body></html>");
            return new OutgoingMail(KindCode(kind), r.Email!, r.Name, subject, text.ToString(), h.ToString(),
                [new MailAttachment($"mote-{meeting.Number}-{meeting.Year}.ics", "text/calendar; charset=utf-8; method=PUBLISH", ics)]);
        });
        return await Outbox.EnqueueAsync(db, mails, ct);
    }

    public static string KindCode(MeetingMailKind kind) => kind switch
    {
        MeetingMailKind.Notice => "meeting-notice",
        MeetingMailKind.Change => "meeting-change",
        _ => "meeting-cancellation",
    };
}
