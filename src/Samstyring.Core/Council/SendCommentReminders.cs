using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;
using static Samstyring.Core.Notifications.MailHtml;

namespace Samstyring.Core.Council;

/// <summary>
/// Reminds members of a case's comment deadline (frist for innspill): from <see cref="ReminderOptions.CommentDaysBefore"/>
/// days before it until the day itself, the body's members, observers and substitutes who serve on the deadline, have an
/// address and have not given input get one e-mail per case and deadline. Input counts as given when the case has input
/// from the member's organisation (members speak for it) or in the member's name. A case exempt from public access is named
/// by number with «Unntatt offentlighet» and its legal basis only, as in the meeting notice: mail leaves the system. Run by
/// the schedule and by <c>samstyring notify reminders</c>; no user acts, so there is no access check.
/// </summary>
[UseCase]
public sealed class SendCommentReminders(SamstyringDb db, SiteAddress site, ReminderOptions options)
{
    public const string Kind = "comment-reminder";
    public const string CasePath = "/saker/";

    /// <summary>Queues the reminders that are due and not sent before; returns how many were queued.</summary>
    public Task<int> HandleAsync(CancellationToken ct = default) => Reminders.QueueOnceAsync(db, FindAsync, ct);

    private async Task<IReadOnlyList<Reminder>> FindAsync(CancellationToken ct)
    {
        var today = db.Today;
        var last = today.AddDays(Math.Max(0, options.CommentDaysBefore));
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.CommentDeadline != null && c.CommentDeadline >= today && c.CommentDeadline <= last)
            .Select(c => new
            {
                c.Id, c.BodyId, c.Number, c.Year, c.Title, c.Confidential, c.LegalBasis, Deadline = c.CommentDeadline!.Value, c.CommentDeadlineNote,
                Given = c.Comments.Select(x => new { x.OrganizationId, x.Author }).ToList(),
            })
            .ToListAsync(ct);
        if (cases.Count == 0) return [];
        var bodyIds = cases.Select(c => c.BodyId).Distinct().ToList();
        var members = await db.BodyMembers.AsNoTracking()
            .Where(m => bodyIds.Contains(m.BodyId) && m.Email != null && m.Role != MemberRole.Secretariat).ToListAsync(ct);
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);

        var reminders = new List<Reminder>();
        foreach (var c in cases.OrderBy(c => c.Deadline).ThenBy(c => c.Id))
        {
            var number = CouncilCase.FormatNumber(c.Number, c.Year);
            var title = c.Confidential
                ? $"{CaseView.RedactedTitle}{(string.IsNullOrWhiteSpace(c.LegalBasis) ? "" : $" ({c.LegalBasis})")}"
                : c.Title;
            var bodyName = bodies[c.BodyId].NameOn(c.Deadline).Name;
            var deadline = Norwegian.Date(c.Deadline);
            var link = site.Link(CasePath + c.Id);
            var subject = $"Påminnelse: frist for innspill til sak {number} er {deadline}";
            // What input is asked for is case content: left out of the mail for an exempt case.
            var note = c.Confidential || string.IsNullOrWhiteSpace(c.CommentDeadlineNote) ? null : c.CommentDeadlineNote.Trim();
            foreach (var m in members.Where(m => m.BodyId == c.BodyId && m.ServesOn(c.Deadline)).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (c.Given.Any(g => g.OrganizationId == m.OrganizationId || string.Equals(g.Author.Trim(), m.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                    continue;
                var role = m.Role.Label().ToLowerInvariant();
                var lead = $"Sak {number} {title} i {bodyName} er sendt på innspill, og fristen er {deadline}. Vi har ikke fått innspill fra deg eller virksomheten din ennå.";
                var text = new StringBuilder();
                text.AppendLine(lead).AppendLine();
                if (note is not null) text.AppendLine($"Det bes om: {note}").AppendLine();
                text.AppendLine($"Saken og skjemaet for innspill: {link}");
                text.AppendLine().AppendLine($"Du får denne påminnelsen som {role} i {bodyName}. Svar ikke på denne e-posten; kontakt sekretariatet.");
                var h = new StringBuilder("<!DOCTYPE html><html lang=\"nb\"><body>");
                h.Append("<p>").Append(E(lead)).Append("</p>");
                if (note is not null) h.Append("<p><strong>Det bes om:</strong> ").Append(E(note)).Append("</p>");
                h.Append("<p><a href=\"").Append(E(link)).Append("\">Saken og skjemaet for innspill</a></p>");
                h.Append("<p>Du får denne påminnelsen som ").Append(E(role)).Append(" i ").Append(E(bodyName)).Append(".</p></body></html>");
                reminders.Add(new Reminder($"case:{c.Id}", m.Id, c.Deadline, new OutgoingMail(Kind, m.Email!, m.Name, subject, text.ToString(), h.ToString())));
            }
        }
        return reminders;
    }
}
