using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

public sealed record OutboxRow(int Id, string Kind, string To, string ToName, string Subject, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError, string? ResentBy, int Attachments, int Version);

public sealed record OutboxCounts(int Pending, int Sent, int Failed);

public sealed record OutboxPage(IReadOnlyList<OutboxRow> Rows, int Total, OutboxCounts Counts, bool MailEnabled);

/// <summary>The outbox as the office reads it: newest first, filtered by status, a page at a time.</summary>
[UseCase]
public sealed class NotificationQueries(SamstyringDb db, MailOptions options)
{
    public const int PageSize = 50;

    public async Task<OutboxPage> OutboxAsync(OutboxStatus? status, int page, CurrentUser? user, CancellationToken ct = default)
    {
        NotificationAccess.RequireOffice(user);
        var all = db.OutboxMessages.AsNoTracking();
        var counts = await all.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var q = status is { } s ? all.Where(m => m.Status == s) : all;
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(m => m.Id).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.To, m.ToName, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt,
                m.LastError, m.ResentBy, m.Attachments.Count, m.Version))
            .ToListAsync(ct);
        int Count(OutboxStatus st) => counts.SingleOrDefault(c => c.Key == st)?.Count ?? 0;
        return new OutboxPage(rows, total, new OutboxCounts(Count(OutboxStatus.Pending), Count(OutboxStatus.Sent), Count(OutboxStatus.Failed)), options.Enabled);
    }

    /// <summary>Confirmed subscribers per topic, for the office: counts only, the addresses are not shown anywhere.</summary>
    public async Task<IReadOnlyList<SubscriberCount>> SubscriberCountsAsync(CurrentUser? user, CancellationToken ct = default)
    {
        NotificationAccess.RequireOffice(user);
        var rows = await db.Subscriptions.AsNoTracking().GroupBy(s => new { s.Topic, s.Status })
            .Select(g => new { g.Key.Topic, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var result = new List<SubscriberCount>();
        foreach (var g in rows.GroupBy(r => r.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
            result.Add(new SubscriberCount(g.Key, await SubscriptionTopics.LabelAsync(db, g.Key, ct) ?? g.Key,
                g.Where(r => r.Status == SubscriptionStatus.Confirmed).Sum(r => r.Count), g.Where(r => r.Status == SubscriptionStatus.Pending).Sum(r => r.Count)));
        return result;
    }

    /// <summary>What the confirmation token is for, for the page that asks the reader to press the button.</summary>
    public Task<string> ConfirmTopicAsync(string? token, CancellationToken ct = default)
    {
        var now = db.UtcNow;
        return TopicAsync(token, ConfirmSubscription.Invalid, h => db.Subscriptions
            .Where(s => s.ConfirmTokenHash == h && (s.Status == SubscriptionStatus.Confirmed || s.ExpiresAt >= now)).Select(s => s.Topic), ct);
    }

    /// <summary>What the unsubscribe token is for, for the page that asks the reader to press the button.</summary>
    public Task<string> UnsubscribeTopicAsync(string? token, CancellationToken ct = default) =>
        TopicAsync(token, EndSubscription.Invalid, h => db.SubscriptionTokens.Where(t => t.TokenHash == h)
            .Join(db.Subscriptions, t => t.SubscriptionId, s => s.Id, (t, s) => s.Topic), ct);

    private async Task<string> TopicAsync(string? token, string invalid, Func<string, IQueryable<string>> find, CancellationToken ct)
    {
        if (!Subscription.IsToken(token)) throw new NotFoundException(invalid);
        var topic = await find(Subscription.Hash(token!)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(invalid);
        return await SubscriptionTopics.LabelAsync(db, topic, ct) ?? topic;
    }
}

public sealed record SubscriberCount(string Topic, string Label, int Confirmed, int Pending);
