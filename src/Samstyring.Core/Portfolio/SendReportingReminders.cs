using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;
using static Samstyring.Core.Notifications.MailHtml;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// Reminds of a reporting period's deadline. From <see cref="ReminderOptions.ReportDaysBefore"/> days before it until the
/// day itself, each initiative owner (role Tiltakseier, with an address) whose organisation has initiatives in the
/// portfolio without a report for the period gets one e-mail listing them. From the day after the deadline, for a week
/// (so a node that was down that day still sends it), the office (Porteføljekontor users with an address) gets one
/// e-mail listing who is missing, the same list as <see cref="GetMissingReports"/>. Run by the schedule and by
/// <c>samstyring notify reminders</c>; no user acts, so there is no access check.
/// </summary>
[UseCase]
public sealed class SendReportingReminders(SamstyringDb db, SiteAddress site, ReminderOptions options)
{
    public const string OwnerKind = "report-reminder";
    public const string OfficeKind = "report-missing";
    /// <summary>How many days after a deadline the office's list of missing reports is still sent.</summary>
    public const int SummaryDays = 7;

    /// <summary>Queues the reminders that are due and not sent before; returns how many were queued.</summary>
    public Task<int> HandleAsync(CancellationToken ct = default) => Reminders.QueueOnceAsync(db, FindAsync, ct);

    private sealed record Missing(int Id, string Name, int OwnerId, string Owner, string? ContactPerson);

    private async Task<IReadOnlyList<Reminder>> FindAsync(CancellationToken ct)
    {
        var today = db.Today;
        var ownersUntil = today.AddDays(Math.Max(0, options.ReportDaysBefore));
        var summarySince = today.AddDays(-SummaryDays);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => (p.Deadline >= today && p.Deadline <= ownersUntil) || (p.Deadline < today && p.Deadline >= summarySince))
            .OrderBy(p => p.Deadline).ThenBy(p => p.Code).ToListAsync(ct);
        if (periods.Count == 0) return [];
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Email != null && (u.Role == Role.PortfolioOffice || (u.Role == Role.InitiativeOwner && u.OrganizationId != null)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Role, u.OrganizationId }).ToListAsync(ct);
        if (users.Count == 0) return [];

        var reminders = new List<Reminder>();
        foreach (var p in periods)
        {
            var periodId = p.Id;
            // As the office's list of missing reports: initiatives in the portfolio without a report for the period.
            var missing = await db.Initiatives.AsNoTracking()
                .Where(i => (i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused)
                            && !db.StatusReports.Any(r => r.InitiativeId == i.Id && r.PeriodId == periodId))
                .OrderBy(i => i.Owner.Name).ThenBy(i => i.Name)
                .Select(i => new Missing(i.Id, i.Name, i.OwnerId, i.Owner.Name, i.ContactPerson)).ToListAsync(ct);
            if (missing.Count == 0) continue;
            var key = $"period:{p.Code}";
            var deadline = Norwegian.Date(p.Deadline);
            if (p.Deadline >= today)
            {
                foreach (var u in users.Where(u => u.Role == Role.InitiativeOwner))
                {
                    var theirs = missing.Where(m => m.OwnerId == u.OrganizationId).ToList();
                    if (theirs.Count == 0) continue;
                    reminders.Add(new Reminder(key, u.Id, p.Deadline, OwnerMail(p, deadline, u.Email!, u.DisplayName, theirs)));
                }
            }
            else
            {
                foreach (var u in users.Where(u => u.Role == Role.PortfolioOffice))
                    reminders.Add(new Reminder(key, u.Id, p.Deadline, OfficeMail(p, deadline, u.Email!, u.DisplayName, missing)));
            }
        }
        return reminders;
    }

    private OutgoingMail OwnerMail(ReportingPeriod p, string deadline, string to, string name, List<Missing> theirs)
    {
        var lead = theirs.Count == 1
            ? $"Fristen for statusrapport for {p.Name} er {deadline}. Dette tiltaket har ikke rapportert ennå:"
            : $"Fristen for statusrapport for {p.Name} er {deadline}. Disse {theirs.Count} tiltakene har ikke rapportert ennå:";
        var text = new StringBuilder().AppendLine(lead).AppendLine();
        foreach (var m in theirs) text.AppendLine($"  {m.Name}: {site.Link($"/tiltak/{m.Id}/rapporter")}");
        text.AppendLine().AppendLine("Du får denne påminnelsen som tiltakseier. Svar ikke på denne e-posten; kontakt porteføljekontoret.");
        var h = new StringBuilder("<!DOCTYPE html><html lang=\"nb\"><body><p>").Append(E(lead)).Append("</p><ul>");
        foreach (var m in theirs) h.Append("<li><a href=\"").Append(E(site.Link($"/tiltak/{m.Id}/rapporter"))).Append("\">").Append(E(m.Name)).Append("</a></li>");
        h.Append("</ul><p>Du får denne påminnelsen som tiltakseier.</p></body></html>");
        return new OutgoingMail(OwnerKind, to, name, $"Påminnelse: statusrapport for {p.Name} innen {deadline}", text.ToString(), h.ToString());
    }

    private OutgoingMail OfficeMail(ReportingPeriod p, string deadline, string to, string name, List<Missing> missing)
    {
        var lead = $"Fristen for statusrapport for {p.Name} var {deadline}. {Norwegian.Number(missing.Count)} tiltak mangler rapport:";
        string Line(Missing m) => $"{m.Owner}: {m.Name}{(string.IsNullOrWhiteSpace(m.ContactPerson) ? "" : $" (kontaktperson {m.ContactPerson})")}";
        var link = site.Link("/kontor");
        var text = new StringBuilder().AppendLine(lead).AppendLine();
        foreach (var m in missing) text.AppendLine("  " + Line(m));
        text.AppendLine().AppendLine($"Listen over manglende rapporter: {link}");
        text.AppendLine().AppendLine("Du får denne e-posten som porteføljekontor. Svar ikke på denne e-posten.");
        var h = new StringBuilder("<!DOCTYPE html><html lang=\"nb\"><body><p>").Append(E(lead)).Append("</p><ul>");
        foreach (var m in missing) h.Append("<li>").Append(E(Line(m))).Append("</li>");
        h.Append("</ul><p><a href=\"").Append(E(link)).Append("\">Listen over manglende rapporter</a></p>");
        h.Append("<p>Du får denne e-posten som porteføljekontor.</p></body></html>");
        return new OutgoingMail(OfficeKind, to, name, $"Mangler statusrapport for {p.Name} (frist {deadline})", text.ToString(), h.ToString());
    }
}
