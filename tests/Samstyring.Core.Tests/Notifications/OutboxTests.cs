using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Tests.Notifications;

/// <summary>
/// The e-mail outbox against a real SMTP server on loopback (netDumbster in the test process): messages are delivered
/// with text, HTML and attachments and read back as MIME; while the server is down they wait and are tried again, and when
/// it is back each arrives exactly once, also with two senders at work; a reminder key queues a message once; and the
/// meeting notice goes to the members who serve on the date, with the agenda and the meeting as <c>.ics</c>, never with the
/// title of an exempt case.
/// </summary>
public abstract class OutboxTests(TestDatabase db) : IDisposable
{
    private readonly int _port = FreePort();
    private SimpleSmtpServer? _server;

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private void StartServer() => _server = SimpleSmtpServer.Start(_port);

    private void StopServer()
    {
        _server?.Stop();
        _server = null;
    }

    public void Dispose()
    {
        StopServer();
        GC.SuppressFinalize(this);
    }

    private void UseServer()
    {
        var options = db.Services.GetRequiredService<MailOptions>();
        options.Host = "127.0.0.1";
        options.Port = _port;
        options.TimeoutSeconds = 5;
        options.From = "samstyring@ehelse.example.no";
    }

    private List<MimeMessage> Received() =>
        (_server?.ReceivedEmail ?? []).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    /// <summary>Queues the mails as an area would (in a unit of work of its own) and returns their ids.</summary>
    private async Task<List<int>> QueueAsync(params OutgoingMail[] mails) =>
        await db.QueryAsync(async x =>
        {
            await Outbox.EnqueueAsync(x, mails);
            await x.SaveChangesAsync();
            return x.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.Id).ToList();
        });

    private Task<SendRound> RoundAsync() => db.SendAsync((SendOutbox u) => u.HandleAsync());

    private Task<List<OutboxMessage>> MessagesAsync(IEnumerable<int> ids) =>
        db.QueryAsync(x => x.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync());

    /// <summary>As if the waits were over: every message waiting for a retry is due now.</summary>
    private Task MakeDueAsync(IEnumerable<int> ids) =>
        db.QueryAsync(x => x.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddMinutes(-1))));

    private static OutgoingMail Mail(string to, string subject, string? key = null) =>
        new("test", to, "Kari Nordmann", subject, $"Hei!\n\n{subject}\n", $"<p>{WebUtility.HtmlEncode(subject)}</p>",
            [new MailAttachment("vedlegg.txt", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Innhold æøå"))], key);

    [Fact]
    public async Task A_queued_message_is_delivered_with_text_html_and_attachment_and_marked_sent()
    {
        if (!db.Available) return;
        UseServer();
        StartServer();
        var subject = $"Test æøå {Guid.NewGuid():N}";
        var ids = await QueueAsync(Mail("kari@example.no", subject));

        var round = await RoundAsync();

        Assert.True(round.Sent >= 1, $"sendt: {round}");
        var m = Assert.Single(Received(), r => r.Subject == subject);
        Assert.Equal("kari@example.no", Assert.Single(m.To.Mailboxes).Address);
        Assert.Equal("Kari Nordmann", m.To.Mailboxes.Single().Name);
        Assert.Equal("samstyring@ehelse.example.no", m.From.Mailboxes.Single().Address);
        Assert.Contains(subject, m.TextBody);
        Assert.Contains(WebUtility.HtmlEncode(subject), m.HtmlBody);
        var attachment = Assert.Single(m.Attachments.OfType<MimePart>());
        Assert.Equal("vedlegg.txt", attachment.FileName);
        using (var content = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(content);
            Assert.Equal("Innhold æøå", Encoding.UTF8.GetString(content.ToArray()));
        }
        var stored = Assert.Single(await MessagesAsync(ids));
        Assert.Equal((OutboxStatus.Sent, 1), (stored.Status, stored.Attempts));
        Assert.NotNull(stored.SentAt);
        Assert.Equal(stored.MessageId, m.MessageId);
    }

    [Fact]
    public async Task While_the_server_is_down_messages_wait_and_when_it_is_back_each_arrives_once()
    {
        if (!db.Available) return;
        UseServer();
        var subjects = Enumerable.Range(1, 3).Select(i => $"Venter {i} {Guid.NewGuid():N}").ToArray();
        var ids = await QueueAsync(subjects.Select(s => Mail("ola@example.no", s)).ToArray());

        // Down: every message is kept, with the error and a later next try.
        await RoundAsync();
        var waiting = await MessagesAsync(ids);
        Assert.All(waiting, m =>
        {
            Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts));
            Assert.False(string.IsNullOrEmpty(m.LastError));
            Assert.True(m.NextAttemptAt > DateTime.UtcNow.AddSeconds(20), $"neste forsøk {m.NextAttemptAt:O}");
        });
        // Not due yet: a round now sends nothing, even with the server back.
        StartServer();
        await RoundAsync();
        Assert.DoesNotContain(Received(), r => subjects.Contains(r.Subject));

        await MakeDueAsync(ids);
        await RoundAsync();
        await MakeDueAsync(ids);
        await RoundAsync();

        Assert.Equal(subjects.Order(), Received().Where(r => subjects.Contains(r.Subject)).Select(r => r.Subject).Order());
        Assert.All(await MessagesAsync(ids), m => Assert.Equal((OutboxStatus.Sent, 2), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_each_message_once()
    {
        if (!db.Available) return;
        UseServer();
        StartServer();
        var subjects = Enumerable.Range(1, 12).Select(i => $"Samtidig {i} {Guid.NewGuid():N}").ToArray();
        await QueueAsync(subjects.Select(s => Mail("per@example.no", s)).ToArray());

        await Task.WhenAll(RoundAsync(), RoundAsync(), RoundAsync());

        var got = Received().Where(r => subjects.Contains(r.Subject)).Select(r => r.Subject).ToList();
        Assert.Equal(subjects.Order(), got.Order());
    }

    [Fact]
    public async Task A_message_with_a_key_is_queued_once_and_a_bad_address_not_at_all()
    {
        if (!db.Available) return;
        var key = $"paminnelse:{Guid.NewGuid():N}";
        var first = await QueueAsync(Mail("kari@example.no", "Påminnelse", key), Mail("ikke en adresse", "Feil"), Mail("a@b.no\r\nBcc: x@y.no", "Injisert"));
        var again = await QueueAsync(Mail("kari@example.no", "Påminnelse", key));
        Assert.Single(first);
        Assert.Empty(again);
    }

    [Fact]
    public async Task The_office_sends_a_failed_message_again_and_others_may_not()
    {
        if (!db.Available) return;
        var ids = await QueueAsync(Mail("kari@example.no", "Ga opp"));
        await db.QueryAsync(x => x.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.Attempts, 30)));
        var failed = Assert.Single(await MessagesAsync(ids));

        await Assert.ThrowsAsync<Common.ForbiddenException>(() => db.SendAsync((ResendMessage u) => u.HandleAsync(failed.Id, failed.Version, db.Member), db.Member));
        await Assert.ThrowsAsync<Common.ConcurrencyConflictException>(() => db.SendAsync((ResendMessage u) => u.HandleAsync(failed.Id, failed.Version + 5, db.Office), db.Office));
        await db.SendAsync((ResendMessage u) => u.HandleAsync(failed.Id, failed.Version, db.Office), db.Office);

        var resent = Assert.Single(await MessagesAsync(ids));
        Assert.Equal((OutboxStatus.Pending, 0, "kontor"), (resent.Status, resent.Attempts, resent.ResentBy));
        var again = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((ResendMessage u) => u.HandleAsync(resent.Id, resent.Version, db.Office), db.Office), "status");
        Assert.Contains("venter allerede", again["status"][0]);
    }

    [Fact]
    public async Task The_notice_goes_to_the_members_serving_on_the_date_with_the_agenda_and_the_meeting_as_ics()
    {
        if (!db.Available) return;
        UseServer();
        StartServer();
        var slug = $"epost-{Guid.NewGuid().ToString("N")[..8]}";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, "E-postrådet", null, "2017-01-01", "board", "Et råd laget av testene.", "majority", null, null, null), db.Office), db.Office);
        var org = await db.QueryAsync(x => x.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        Task<BodyMember> Add(string name, string role, string? email, string start = "2020-01-01", string? end = null) =>
            db.SendAsync((AddMember u) => u.HandleAsync(slug, new MemberInput(name, null, org, role, null, start, end, email), db.Office), db.Office);
        await Add("Kari Medlem", "member", "kari.medlem@example.no");
        await Add("Ola Observatør", "observer", "ola@example.no");
        await Add("Uten Adresse", "member", null);
        await Add("Gått Ut", "member", "gammel@example.no", "2018-01-01", "2019-12-31");
        await Add("Sekretær", "secretariat", "sekretariat@example.no");
        var bad = await TestHelpers.AssertInvalidAsync(() => Add("Feil", "member", "ikke-en-adresse"), "email");
        Assert.Contains("er ikke en e-postadresse", bad["email"][0]);

        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(new MeetingInput(slug, "2021-12-09", "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        CaseInput Case(string title, bool exempt) => new(title, "orientering", "Direktoratet for e-helse", "Kari", "Hensikten.", "Bakgrunnen.",
            "Rådet tar saken til orientering.", exempt, exempt ? "Offl. § 14" : null, null, null);
        var open = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, Case("Porteføljestatus", false), db.Office), db.Office);
        await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, Case("Hemmelig MARKØR-anskaffelse", true), db.Office), db.Office);
        var version = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());

        await db.SendAsync((SendNotice u) => u.HandleAsync(meeting.Id, version, db.Office), db.Office);
        var queued = await db.QueryAsync(x => x.OutboxMessages.AsNoTracking().Include(m => m.Attachments).Where(m => m.Kind == "meeting-notice" && m.Subject.Contains("E-postrådet")).ToListAsync());
        Assert.Equal(["kari.medlem@example.no", "ola@example.no"], queued.Select(m => m.To).Order());
        await RoundAsync();

        var mails = Received().Where(r => r.Subject!.Contains("E-postrådet")).ToList();
        Assert.Equal(["kari.medlem@example.no", "ola@example.no"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var kari = mails.Single(m => m.To.Mailboxes.Single().Address == "kari.medlem@example.no");
        Assert.Equal("Innkalling til møte 1/2021 i E-postrådet, 9. desember 2021", kari.Subject);
        Assert.Contains("Tid: torsdag 9. desember 2021 kl. 10.00–15.00", kari.TextBody);
        Assert.Contains($"{open.NumberText} Porteføljestatus", kari.TextBody);
        Assert.Contains("Unntatt offentlighet (Offl. § 14)", kari.TextBody);
        Assert.Contains($"/moter/{meeting.Id}", kari.TextBody);
        Assert.Contains("som medlem i E-postrådet", kari.TextBody);
        Assert.Contains("<li>" + WebUtility.HtmlEncode($"{open.NumberText} Porteføljestatus") + "</li>", kari.HtmlBody);
        var ics = Assert.Single(kari.Attachments.OfType<MimePart>());
        Assert.Equal("mote-1-2021.ics", ics.FileName);
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        var calendar = Encoding.UTF8.GetString(content.ToArray());
        Assert.Contains($"UID:meeting-{meeting.Id}@samstyring", calendar);
        Assert.Contains("DTSTART:20211209T090000Z", calendar);
        Assert.Contains("STATUS:CONFIRMED", calendar);
        foreach (var m in mails) Assert.DoesNotContain("MARKØR", m.TextBody + m.HtmlBody + calendar + m.Subject);

        // A change of time after the notice, then the cancellation: both go out, the cancellation as a cancelled event.
        version = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
        await db.SendAsync((UpdateMeeting u) => u.HandleAsync(meeting.Id, new MeetingInput(slug, "2021-12-09", "12:00", "15:00", "Oslo", false, "ordinary"), version, db.Office), db.Office);
        version = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
        await db.SendAsync((CancelMeeting u) => u.HandleAsync(meeting.Id, version, db.Office), db.Office);
        await RoundAsync();
        var later = Received().Where(r => r.Subject!.Contains("E-postrådet") && r.To.Mailboxes.Single().Address == "kari.medlem@example.no").Select(r => r.Subject).ToList();
        Assert.Equal(["Avlyst: møte 1/2021 i E-postrådet, 9. desember 2021", "Endret: møte 1/2021 i E-postrådet, 9. desember 2021",
            "Innkalling til møte 1/2021 i E-postrådet, 9. desember 2021"], later.Order());
        var cancellation = Received().Single(r => r.Subject!.StartsWith("Avlyst") && r.Subject!.Contains("E-postrådet") && r.To.Mailboxes.Single().Address == "ola@example.no");
        using var cancelled = new MemoryStream();
        await cancellation.Attachments.OfType<MimePart>().Single().Content!.DecodeToAsync(cancelled);
        Assert.Contains("STATUS:CANCELLED", Encoding.UTF8.GetString(cancelled.ToArray()));
    }
}

public sealed class OutboxTestsSqlite(SqliteDatabase db) : OutboxTests(db), IClassFixture<SqliteDatabase>;

public sealed class OutboxTestsPostgres(PostgresDatabase db) : OutboxTests(db), IClassFixture<PostgresDatabase>;
