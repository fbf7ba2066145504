using Microsoft.EntityFrameworkCore;
using MimeKit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>What one round of the sender did.</summary>
public sealed record SendRound(int Sent, int Retrying, int Failed);

/// <summary>
/// One round of the outbox sender: takes the messages that are due, oldest first, and hands them to the mail server. A
/// message is taken by moving its next try ahead in one conditional update, so two nodes never send the same message; a
/// node that dies holding one leaves it to be taken again after <see cref="Lease"/>. A refused or unreachable server is
/// tried again after 30 s, 1 min, 2 min … up to an hour between tries, until <see cref="MailOptions.MaxAttempts"/>.
/// </summary>
[UseCase]
public sealed class SendOutbox(SamstyringDb db, MailOptions options, IMailTransport transport)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task<SendRound> HandleAsync(CancellationToken ct = default)
    {
        if (!options.Enabled) return new SendRound(0, 0, 0);
        var now = db.UtcNow;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => new { m.Id, m.NextAttemptAt })
            .Take(Math.Clamp(options.BatchSize, 1, 1000)).ToListAsync(ct);
        var taken = new List<OutboxMessage>();
        foreach (var d in due)
        {
            // Only the sender whose update finds the row as it read it gets it.
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == d.Id && m.Status == OutboxStatus.Pending && m.NextAttemptAt == d.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 1)
                taken.Add(await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.Id == d.Id, ct));
        }
        if (taken.Count == 0) return new SendRound(0, 0, 0);

        var byMime = taken.ToDictionary(m => MailBuilder.Build(m, options), m => m);
        int sent = 0, retrying = 0, failed = 0;
        await transport.SendAsync(byMime.Keys.ToList(), async (mime, error) =>
        {
            var m = byMime[mime];
            var at = db.UtcNow;
            if (error is null)
            {
                sent++;
                await db.OutboxMessages.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Status, OutboxStatus.Sent).SetProperty(x => x.SentAt, at).SetProperty(x => x.LastError, (string?)null)
                    .SetProperty(x => x.Version, x => x.Version + 1), CancellationToken.None);
                return;
            }
            var attempts = m.Attempts + 1;
            var giveUp = attempts >= Math.Max(1, options.MaxAttempts);
            if (giveUp) failed++; else retrying++;
            var text = Cut($"{error.GetType().Name}: {error.Message}", 1000);
            await db.OutboxMessages.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(x => x.NextAttemptAt, at + Backoff(attempts)).SetProperty(x => x.LastError, text)
                .SetProperty(x => x.Version, x => x.Version + 1), CancellationToken.None);
        }, ct);
        // Messages the transport never reported on (cancelled mid-round) keep their lease and are taken again after it.
        return new SendRound(sent, retrying, failed);
    }

    /// <summary>The wait before try <paramref name="attempts"/> + 1: 30 s doubled per try, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
