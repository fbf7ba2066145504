using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Notifications;

/// <summary>
/// Reminders of deadlines, on a clock the tests move: members who have not given input on a case are reminded in the days
/// before its comment deadline, owners whose initiatives have not reported in the days before a period's deadline, and the
/// office gets the list of missing reports after it. Nothing before the window; each reminder once, also when the use case
/// runs twice or five times at once; an exempt case's content never in a mail; and a reminder read back from a real SMTP server.
/// </summary>
public abstract class ReminderTests(TestDatabase db) : IDisposable
{
    private readonly int _port = FreePort();
    private SimpleSmtpServer? _server;

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _server?.Stop();
        GC.SuppressFinalize(this);
    }

    private void At(DateOnly day) => db.Clock!.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private Task<int> CommentRemindersAsync() => db.SendAsync((SendCommentReminders u) => u.HandleAsync());

    private Task<int> ReportingRemindersAsync() => db.SendAsync((SendReportingReminders u) => u.HandleAsync());

    private Task<List<OutboxMessage>> MailsAsync(Func<OutboxMessage, bool> which) =>
        db.QueryAsync(async x => (await x.OutboxMessages.AsNoTracking().ToListAsync()).Where(which).OrderBy(m => m.Id).ToList());

    private sealed record Council(string Slug, int CaseId, string Number, string Kari, string Ola);

    /// <summary>A body of its own with a member and an observer with addresses, members who get nothing, and one case sent out for input.</summary>
    private async Task<Council> CouncilWithCaseAsync(string deadline, bool exempt = false, string title = "Tidsplan for EPJ-løftet")
    {
        var slug = $"p-{Guid.NewGuid().ToString("N")[..8]}";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, $"Påminnelsesrådet {slug}", null, "2017-01-01", "board", "Et råd laget av testene.", "majority", null, null, null), db.Office), db.Office);
        var orgs = await db.QueryAsync(x => x.Organizations.OrderBy(o => o.Id).Select(o => o.Id).Take(3).ToListAsync());
        Task<BodyMember> Add(string name, string role, int org, string? email, string start = "2020-01-01", string? end = null) =>
            db.SendAsync((AddMember u) => u.HandleAsync(slug, new MemberInput(name, null, org, role, null, start, end, email), db.Office), db.Office);
        var kari = $"kari.{slug}@example.no";
        var ola = $"ola.{slug}@example.no";
        await Add("Kari Medlem", "member", orgs[0], kari);
        await Add("Ola Observatør", "observer", orgs[1], ola);
        await Add("Uten Adresse", "member", orgs[2], null);
        await Add("Gått Ut", "member", orgs[2], $"gammel.{slug}@example.no", "2018-01-01", "2019-12-31");
        await Add("Sekretær", "secretariat", orgs[2], $"sekretariat.{slug}@example.no");
        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(new MeetingInput(slug, "2027-01-14", "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        var c = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, new CaseInput(title, "orientering", "Direktoratet for e-helse", "Kari",
            "Hensikten.", "Bakgrunnen.", "Rådet tar saken til orientering.", exempt, exempt ? "Offl. § 14" : null, deadline,
            exempt ? "Innspill på MARKØR-avtalen." : "Vi ber om innspill på tidsplanen."), db.Office), db.Office);
        return new Council(slug, c.Id, c.NumberText, kari, ola);
    }

    private Func<OutboxMessage, bool> To(Council c) => m => m.Kind == SendCommentReminders.Kind && m.To.Contains(c.Slug, StringComparison.Ordinal);

    [Fact]
    public async Task Members_who_have_not_given_input_are_reminded_once_in_the_days_before_the_deadline()
    {
        if (!db.Available) return;
        At(new DateOnly(2026, 12, 1));
        var council = await CouncilWithCaseAsync("2026-12-10");

        // Four days before: nothing yet.
        At(new DateOnly(2026, 12, 6));
        await CommentRemindersAsync();
        Assert.Empty(await MailsAsync(To(council)));
        // Ola's organisation has sent input (recorded by the secretariat).
        var olaOrg = await db.QueryAsync(x => x.BodyMembers.Where(m => m.Email == council.Ola).Select(m => m.OrganizationId).SingleAsync());
        await db.SendAsync((AddComment u) => u.HandleAsync(council.CaseId, new CommentInput("Ola Observatør", olaOrg, "2026-12-06", "Vi støtter planen."), db.Office), db.Office);

        // Three days before: Kari only (Ola has given input, one has no address, one has left, the secretariat is not reminded).
        At(new DateOnly(2026, 12, 7));
        Assert.True(await CommentRemindersAsync() >= 1);
        var kari = Assert.Single(await MailsAsync(To(council)));
        Assert.Equal((council.Kari, "Kari Medlem"), (kari.To, kari.ToName));
        Assert.Equal($"Påminnelse: frist for innspill til sak {council.Number} er 10. desember 2026", kari.Subject);
        Assert.Contains("Tidsplan for EPJ-løftet", kari.TextBody);
        Assert.Contains("fristen er 10. desember 2026", kari.TextBody);
        Assert.Contains("Det bes om: Vi ber om innspill på tidsplanen.", kari.TextBody);
        Assert.Contains($"/saker/{council.CaseId}", kari.TextBody);
        Assert.Contains("som medlem i Påminnelsesrådet", kari.TextBody);
        Assert.Contains($"href=\"/saker/{council.CaseId}\"", kari.HtmlBody);

        // Run again, the next day and on the deadline: nothing more.
        Assert.Equal(0, await CommentRemindersAsync());
        At(new DateOnly(2026, 12, 10));
        await CommentRemindersAsync();
        Assert.Single(await MailsAsync(To(council)));
        Assert.Equal(1, await db.QueryAsync(x => x.ReminderReceipts.CountAsync(r => r.SubjectKey == $"case:{council.CaseId}")));
        // After the deadline: nothing for a case whose deadline has passed.
        At(new DateOnly(2026, 12, 11));
        await CommentRemindersAsync();
        Assert.Single(await MailsAsync(To(council)));
    }

    [Fact]
    public async Task Five_runs_at_once_queue_each_reminder_once()
    {
        if (!db.Available) return;
        At(new DateOnly(2026, 12, 1));
        var council = await CouncilWithCaseAsync("2026-12-03", title: "Plan <script>alert(1)</script> ✓");

        var counts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CommentRemindersAsync()));

        var mails = await MailsAsync(To(council));
        Assert.Equal([council.Kari, council.Ola], mails.Select(m => m.To).Order());
        // The title is text in the HTML alternative, never markup.
        Assert.All(mails, m => Assert.Contains("Plan &lt;script&gt;alert(1)&lt;/script&gt; ✓", m.HtmlBody));
        Assert.All(mails, m => Assert.DoesNotContain("<script>", m.HtmlBody));
        Assert.True(counts.Sum() >= 2, $"lagt i kø: {string.Join(", ", counts)}");
        Assert.Equal(2, await db.QueryAsync(x => x.ReminderReceipts.CountAsync(r => r.SubjectKey == $"case:{council.CaseId}")));
    }

    [Fact]
    public async Task An_exempt_case_is_named_by_number_and_legal_basis_only()
    {
        if (!db.Available) return;
        At(new DateOnly(2026, 12, 1));
        var council = await CouncilWithCaseAsync("2026-12-02", exempt: true, title: "Hemmelig MARKØR-anskaffelse");

        await CommentRemindersAsync();

        var mails = await MailsAsync(To(council));
        Assert.Equal(2, mails.Count);
        foreach (var m in mails)
        {
            Assert.DoesNotContain("MARKØR", m.Subject + m.TextBody + m.HtmlBody);
            Assert.Contains($"{council.Number} Unntatt offentlighet (Offl. § 14)", m.TextBody);
        }
    }

    [Fact]
    public async Task A_reminder_is_delivered_to_the_member_through_the_mail_server()
    {
        if (!db.Available) return;
        var options = db.Services.GetRequiredService<MailOptions>();
        options.Host = "127.0.0.1";
        options.Port = _port;
        options.TimeoutSeconds = 5;
        _server = SimpleSmtpServer.Start(_port);
        At(new DateOnly(2026, 12, 1));
        var council = await CouncilWithCaseAsync("2026-12-04");

        await CommentRemindersAsync();
        await db.SendAsync((SendOutbox u) => u.HandleAsync());

        var received = _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Single().Address == council.Kari).ToList();
        var mail = Assert.Single(received);
        Assert.Equal("Kari Medlem", mail.To.Mailboxes.Single().Name);
        Assert.Equal($"Påminnelse: frist for innspill til sak {council.Number} er 4. desember 2026", mail.Subject);
        Assert.Contains("fristen er 4. desember 2026", mail.TextBody);
        Assert.Contains("fristen er 4. desember 2026", mail.HtmlBody);
        Assert.Equal(SendCommentReminders.Kind, mail.Headers["X-Samstyring-Kind"]);
    }

    /// <summary>A reporting period of its own (its name has the year 2090), due on <paramref name="deadline"/>.</summary>
    private async Task<ReportingPeriod> PeriodAsync(string code, DateOnly deadline)
    {
        await db.QueryAsync(async x =>
        {
            // Addresses for the demo accounts the reminders go to.
            foreach (var (user, email) in new[] { ("kontor", "kontor@example.no"), ("eier-hso", "eier-hso@example.no"), ("eier-oslo", "eier-oslo@example.no") })
                await x.Users.Where(u => u.UserName == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email));
            x.ReportingPeriods.Add(new ReportingPeriod
            {
                Code = code, Year = 2090, Cadence = ReportingCadence.Tertial, Number = int.Parse(code[^1..]),
                Start = deadline.AddMonths(-4), End = deadline.AddDays(-10), Deadline = deadline,
            });
            return await x.SaveChangesAsync();
        });
        return await db.QueryAsync(x => x.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Code == code));
    }

    private static Func<OutboxMessage, bool> About(ReportingPeriod p, string kind) => m => m.Kind == kind && m.Subject.Contains(p.Name, StringComparison.Ordinal);

    [Fact]
    public async Task Owners_who_have_not_reported_are_reminded_before_the_deadline_and_the_office_gets_the_missing_after_it()
    {
        if (!db.Available) return;
        var period = await PeriodAsync("2090-T1", new DateOnly(2026, 12, 20));
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var hso = await db.OrganizationIdAsync("helse-sor-ost");
        var osloInitiatives = await db.QueryAsync(x => x.Initiatives.Where(i => i.OwnerId == oslo && (i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused)).Select(i => i.Id).ToListAsync());
        var hsoNames = await db.QueryAsync(x => x.Initiatives.Where(i => i.OwnerId == hso && (i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused)).Select(i => i.Name).ToListAsync());
        Assert.NotEmpty(osloInitiatives);
        Assert.NotEmpty(hsoNames);

        // Eight days before: nothing yet.
        At(new DateOnly(2026, 12, 12));
        await ReportingRemindersAsync();
        Assert.Empty(await MailsAsync(About(period, SendReportingReminders.OwnerKind)));

        // Oslo reports every initiative it has in the portfolio.
        await db.QueryAsync(async x =>
        {
            foreach (var id in osloInitiatives)
                x.StatusReports.Add(new StatusReport { InitiativeId = id, PeriodId = period.Id, ReportedBy = "eier-oslo", ReportedAt = DateTime.UtcNow });
            return await x.SaveChangesAsync();
        });

        // Seven days before: Helse Sør-Øst's owner, once, with its initiatives; Oslo's owner and the office nothing.
        At(new DateOnly(2026, 12, 13));
        await ReportingRemindersAsync();
        var owner = Assert.Single(await MailsAsync(About(period, SendReportingReminders.OwnerKind)));
        Assert.Equal("eier-hso@example.no", owner.To);
        Assert.Equal("Påminnelse: statusrapport for 1. tertial 2090 innen 20. desember 2026", owner.Subject);
        foreach (var name in hsoNames) Assert.Contains(name, owner.TextBody);
        Assert.Contains("/tiltak/", owner.TextBody);
        Assert.Equal(0, await ReportingRemindersAsync());
        Assert.Empty(await MailsAsync(About(period, SendReportingReminders.OfficeKind)));

        // The day after the deadline: the office gets the missing ones, as its list shows them, once.
        At(new DateOnly(2026, 12, 21));
        await ReportingRemindersAsync();
        Assert.Equal(0, await ReportingRemindersAsync());
        var office = Assert.Single(await MailsAsync(About(period, SendReportingReminders.OfficeKind)));
        Assert.Equal("kontor@example.no", office.To);
        Assert.Equal("Mangler statusrapport for 1. tertial 2090 (frist 20. desember 2026)", office.Subject);
        var missing = await db.SendAsync((GetMissingReports u) => u.HandleAsync(period.Code, db.Office));
        Assert.NotEmpty(missing);
        foreach (var m in missing) Assert.Contains($"{m.Owner}: {m.Name}", office.TextBody);
        Assert.DoesNotContain("Oslo kommune:", office.TextBody);
        Assert.Single(await MailsAsync(About(period, SendReportingReminders.OwnerKind)));
    }

    [Fact]
    public async Task Five_reporting_runs_at_once_remind_each_owner_once()
    {
        if (!db.Available) return;
        var period = await PeriodAsync("2090-T2", new DateOnly(2026, 12, 25));
        At(new DateOnly(2026, 12, 24));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ReportingRemindersAsync()));

        var mails = await MailsAsync(About(period, SendReportingReminders.OwnerKind));
        Assert.Equal(["eier-hso@example.no", "eier-oslo@example.no"], mails.Select(m => m.To).Order());
    }
}

public sealed class ReminderTestsSqlite(SqliteDatabaseOnDemoDay db) : ReminderTests(db), IClassFixture<SqliteDatabaseOnDemoDay>;

public sealed class ReminderTestsPostgres(PostgresDatabaseOnDemoDay db) : ReminderTests(db), IClassFixture<PostgresDatabaseOnDemoDay>;
