using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;
using Samstyring.Core.Tests.Roadmap;

namespace Samstyring.Core.Tests.Notifications;

/// <summary>
/// E-mail subscriptions against a real SMTP server on loopback: subscribing sends a confirmation mail and nothing else; only
/// a confirmed subscriber gets a body's public decisions and the roadmap's publications, each mail with the RFC 8058
/// unsubscribe headers; an exempt case never reaches a subscriber; the unsubscribe link ends it at once; a wrong or
/// expired token is «not found»; the audit trail holds the address masked.
/// </summary>
public abstract partial class SubscriptionTests(TestDatabase database) : RoadmapTestBase(database), IDisposable
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

    private void StartServer()
    {
        var options = db.Services.GetRequiredService<MailOptions>();
        options.Host = "127.0.0.1";
        options.Port = _port;
        options.TimeoutSeconds = 5;
        _server = SimpleSmtpServer.Start(_port);
    }

    /// <summary>Sends what is due and returns the mails the server has received for <paramref name="to"/>.</summary>
    private async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await db.SendAsync((SendOutbox u) => u.HandleAsync());
        return (_server?.ReceivedEmail ?? []).Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(x => x.Address == to)).ToList();
    }

    [GeneratedRegex("token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    private static string TokenIn(string? text) => TokenPattern().Match(text ?? "").Groups[1].Value;

    private Task SubscribeAsync(string email, string topic) => db.SendAsync((RequestSubscription u) => u.HandleAsync(new SubscriptionInput(email, topic)));

    private static string Address(string who) => $"{who}.{Guid.NewGuid().ToString("N")[..8]}@example.no";

    [Fact]
    public async Task A_confirmed_subscriber_gets_public_decisions_with_unsubscribe_headers_and_never_an_exempt_one()
    {
        if (!db.Available) return;
        StartServer();
        var slug = $"abo-{Guid.NewGuid().ToString("N")[..8]}";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, "Abonnementsrådet", null, "2017-01-01", "board", "Laget av testene.", "none", null, null, null), db.Office), db.Office);
        var kari = Address("kari");
        var ola = Address("ola");
        await SubscribeAsync("  " + kari.ToUpperInvariant() + " ", "body:" + slug);
        await SubscribeAsync(ola, "body:" + slug);

        var confirmation = Assert.Single(await MailsToAsync(kari));
        Assert.Equal("Bekreft abonnement på vedtak i Abonnementsrådet", confirmation.Subject);
        Assert.Contains("/abonnement/bekreft?token=", confirmation.TextBody);
        Assert.Contains("Bekreft abonnementet", confirmation.HtmlBody);
        var token = TokenIn(confirmation.TextBody);
        // Asking again within minutes sends no second mail (the form cannot flood an inbox).
        await SubscribeAsync(kari, "body:" + slug);
        Assert.Single(await MailsToAsync(kari));

        // The token is stored only as its hash; the audit trail has the address masked.
        var stored = await db.QueryAsync(x => x.Subscriptions.AsNoTracking().SingleAsync(s => s.Email == kari));
        Assert.Equal((SubscriptionStatus.Pending, Subscription.Hash(token)), (stored.Status, stored.ConfirmTokenHash));
        var audit = await db.QueryAsync(x => x.AuditLog.AsNoTracking().Where(a => a.EntityType == nameof(Subscription)).Select(a => a.After ?? "").ToListAsync());
        Assert.DoesNotContain(audit, a => a.Contains(kari, StringComparison.Ordinal) || a.Contains(stored.ConfirmTokenHash, StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Contains(Subscription.Mask(kari), StringComparison.Ordinal));

        Assert.Equal("vedtak i Abonnementsrådet", await db.SendAsync((ConfirmSubscription u) => u.HandleAsync(token)));
        await db.SendAsync((ConfirmSubscription u) => u.HandleAsync(token)); // a second click is harmless
        var wrong = await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((ConfirmSubscription u) => u.HandleAsync(new string('A', 43))));
        Assert.Equal(ConfirmSubscription.Invalid, wrong.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((ConfirmSubscription u) => u.HandleAsync("<script>")));

        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(new MeetingInput(slug, "2021-12-09", "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        CaseInput Case(string title, bool exempt) => new(title, "orientering", "Direktoratet for e-helse", "Kari", "Hensikten.", "Bakgrunnen.",
            "Rådet tar saken til orientering.", exempt, exempt ? "Offl. § 14" : null, null, null);
        var open = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, Case("Porteføljestatus", false), db.Office), db.Office);
        var exempt = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, Case("Hemmelig MARKØR-anskaffelse", true), db.Office), db.Office);
        var later = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, Case("Neste sak", false), db.Office), db.Office);
        var mv = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
        await db.SendAsync((SendNotice u) => u.HandleAsync(meeting.Id, mv, db.Office), db.Office);
        async Task DecideAsync(int caseId, string text)
        {
            var cv = await db.QueryAsync(x => x.Cases.Where(k => k.Id == caseId).Select(k => k.Version).SingleAsync());
            await db.SendAsync((RecordDecision u) => u.HandleAsync(caseId, text, cv, db.Office), db.Office);
        }
        await DecideAsync(open.Id, "Rådet tar porteføljestatusen til orientering.");
        await DecideAsync(exempt.Id, "Rådet velger MARKØR-leverandøren.");

        var received = (await MailsToAsync(kari)).Where(m => (m.Subject ?? "").StartsWith("Vedtak", StringComparison.Ordinal)).ToList();
        var decision = Assert.Single(received);
        Assert.Equal($"Vedtak i Abonnementsrådet: sak {open.NumberText} Porteføljestatus", decision.Subject);
        Assert.Contains("Rådet tar porteføljestatusen til orientering.", decision.TextBody);
        Assert.Contains($"/saker/{open.Id}", decision.TextBody);
        var header = decision.Headers["List-Unsubscribe"];
        Assert.Matches("^</abonnement/avslutt\\?token=[A-Za-z0-9_-]{43}>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", decision.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = TokenIn(header);
        Assert.Contains($"/abonnement/avslutt?token={unsubscribe}", decision.TextBody);
        Assert.Contains("Avslutt abonnementet", decision.HtmlBody);
        foreach (var m in _server!.ReceivedEmail) Assert.DoesNotContain("MARKØR", MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))).ToString());
        // Ola never confirmed: only the confirmation mail.
        Assert.Equal(["Bekreft abonnement på vedtak i Abonnementsrådet"], (await MailsToAsync(ola)).Select(m => m.Subject));

        // Unsubscribing deletes the subscription and its tokens; the next decision does not reach Kari.
        Assert.Equal("vedtak i Abonnementsrådet", await db.SendAsync((EndSubscription u) => u.HandleAsync(unsubscribe)));
        Assert.False(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == kari)));
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((EndSubscription u) => u.HandleAsync(unsubscribe)));
        Assert.Equal(EndSubscription.Invalid, gone.Message);
        await DecideAsync(later.Id, "Rådet tar saken til orientering.");
        Assert.Single(await MailsToAsync(kari), m => (m.Subject ?? "").StartsWith("Vedtak", StringComparison.Ordinal));

        // An unconfirmed subscription lapses: its link no longer confirms.
        var olaToken = TokenIn((await MailsToAsync(ola)).Single().TextBody);
        await db.QueryAsync(x => x.Subscriptions.Where(s => s.Email == ola).ExecuteUpdateAsync(s => s.SetProperty(y => y.ExpiresAt, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((ConfirmSubscription u) => u.HandleAsync(olaToken)));

        // … and is removed (the address was never proved) by the schedule; a pending one within its days stays.
        Assert.True(await db.SendAsync((RemoveLapsedSubscriptions u) => u.HandleAsync()) >= 1);
        Assert.False(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == ola)));
        var per = Address("per");
        await SubscribeAsync(per, "body:" + slug);
        await db.SendAsync((RemoveLapsedSubscriptions u) => u.HandleAsync());
        Assert.True(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == per)));
        // Once lapsed, it is also removed when anyone subscribes, and that subscription is stored.
        await db.QueryAsync(x => x.Subscriptions.Where(s => s.Email == per).ExecuteUpdateAsync(s => s.SetProperty(y => y.ExpiresAt, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        var liv = Address("liv");
        await SubscribeAsync(liv, "body:" + slug);
        Assert.False(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == per)));
        Assert.True(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == liv)));
    }

    [Fact]
    public async Task A_confirmed_roadmap_subscriber_hears_of_a_publication()
    {
        if (!db.Available) return;
        StartServer();
        var per = Address("per");
        await SubscribeAsync(per, "roadmap");
        var token = TokenIn(Assert.Single(await MailsToAsync(per)).TextBody);
        Assert.Equal("publiseringer av veikartet", await db.SendAsync((ConfirmSubscription u) => u.HandleAsync(token)));
        var draft = await DraftAsync(kind: "change-list");
        await AdvanceAsync(draft.Number, "recommended", (await CaseAsync("prioritisation-committee")).Id);
        Assert.Single(await MailsToAsync(per)); // a recommendation is not a publication
        await AdvanceAsync(draft.Number, "published");
        var mail = Assert.Single(await MailsToAsync(per), m => m.Subject == $"Veikartet versjon {draft.Number} er publisert");
        Assert.Contains($"/veikart/{draft.Number}", mail.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Parallel_requests_for_one_address_give_one_subscription_and_parallel_confirms_and_unsubscribes_do_not_fail()
    {
        if (!db.Available) return;
        var anna = Address("anna");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SubscribeAsync(anna, "roadmap")));
        var mails = await db.QueryAsync(x => x.OutboxMessages.AsNoTracking().Where(m => m.To == anna).ToListAsync());
        var token = TokenIn(Assert.Single(mails).TextBody);
        var labels = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => db.SendAsync((ConfirmSubscription u) => u.HandleAsync(token))));
        Assert.All(labels, l => Assert.Equal("publiseringer av veikartet", l));
        var sub = await db.QueryAsync(x => x.Subscriptions.AsNoTracking().SingleAsync(s => s.Email == anna));
        Assert.Equal(SubscriptionStatus.Confirmed, sub.Status);

        var (unsubscribe, hash) = Subscription.NewToken();
        await db.QueryAsync(async x =>
        {
            x.SubscriptionTokens.Add(new SubscriptionToken { SubscriptionId = sub.Id, TokenHash = hash, CreatedAt = DateTime.UtcNow });
            return await x.SaveChangesAsync();
        });
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try { await db.SendAsync((EndSubscription u) => u.HandleAsync(unsubscribe)); return "ok"; }
            catch (NotFoundException) { return "404"; }
        }));
        Assert.Contains("ok", results);
        Assert.False(await db.QueryAsync(x => x.Subscriptions.AnyAsync(s => s.Email == anna)));
    }

    [Fact]
    public async Task A_bad_address_or_unknown_topic_is_refused_with_field_errors_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var before = await db.QueryAsync(x => x.Subscriptions.CountAsync());
        var errors = await TestHelpers.AssertInvalidAsync(() => SubscribeAsync("kari@", "body:finnes-ikke"), "email", "topic");
        Assert.Contains("er ikke en e-postadresse", errors["email"][0]);
        Assert.Contains("Ukjent tema", errors["topic"][0]);
        errors = await TestHelpers.AssertInvalidAsync(() => SubscribeAsync("kari@example.no\r\nBcc: x@example.no", new string('x', 5000)), "email", "topic");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RequestSubscription u) => u.HandleAsync(new SubscriptionInput(null, null))), "email", "topic");
        Assert.Equal(before, await db.QueryAsync(x => x.Subscriptions.CountAsync()));
    }
}

public sealed class SubscriptionTestsSqlite(SqliteDatabase db) : SubscriptionTests(db), IClassFixture<SqliteDatabase>;

public sealed class SubscriptionTestsPostgres(PostgresDatabase db) : SubscriptionTests(db), IClassFixture<PostgresDatabase>;
