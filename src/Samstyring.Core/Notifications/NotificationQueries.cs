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
}
