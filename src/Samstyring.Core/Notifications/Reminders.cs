using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>When reminders go out (<c>Samstyring:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>Days before a case's comment deadline that members who have not given input are reminded.</summary>
    public int CommentDaysBefore { get; set; } = 3;
    /// <summary>Days before a reporting period's deadline that owners who have not reported are reminded.</summary>
    public int ReportDaysBefore { get; set; } = 7;
    /// <summary>How often the web host looks for reminders that are due; 0 turns the schedule off (the CLI command still works).</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// A reminder that has been queued: one per kind, subject (the case or the period), recipient and deadline, so however often
/// the reminder jobs run, and on however many nodes at once, each reminder is queued once. Written in the same transaction as
/// its outbox message. Working state like the outbox: not audited, not backed up (a restored database may remind once more
/// about a deadline still ahead, as its outbox is not restored either).
/// </summary>
public class ReminderReceipt
{
    public const int KindMax = 40;
    public const int SubjectMax = 100;

    public int Id { get; set; }
    /// <summary>E.g. <c>comment-reminder</c>; the same text as the outbox message's kind.</summary>
    public required string Kind { get; set; }
    /// <summary>What the reminder is about, e.g. <c>case:17</c> or <c>period:2021-T3</c>.</summary>
    public required string SubjectKey { get; set; }
    /// <summary>The body member (comment reminders) or the user (reporting reminders) it went to.</summary>
    public int RecipientId { get; set; }
    public DateOnly Deadline { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ReminderReceiptConfiguration : IEntityTypeConfiguration<ReminderReceipt>
{
    public void Configure(EntityTypeBuilder<ReminderReceipt> b)
    {
        b.ToTable("reminder_receipts");
        b.Property(r => r.Kind).HasMaxLength(ReminderReceipt.KindMax);
        b.Property(r => r.SubjectKey).HasMaxLength(ReminderReceipt.SubjectMax);
        b.HasIndex(r => new { r.Kind, r.SubjectKey, r.RecipientId, r.Deadline }).IsUnique();
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}

/// <summary>One reminder an area wants sent, with the receipt that keeps it to once.</summary>
public sealed record Reminder(string SubjectKey, int RecipientId, DateOnly Deadline, OutgoingMail Mail);

/// <summary>
/// How the areas queue reminders once: the reminders that have no receipt yet are queued in the outbox together with their
/// receipts, in one save. When a run on another node saved the same receipts first, the unique key refuses this save; the
/// reminders are then worked out again without those it queued.
/// </summary>
public static class Reminders
{
    private const int Tries = 5;

    /// <summary>Queues what <paramref name="build"/> finds that was not queued before; returns how many were queued.</summary>
    public static async Task<int> QueueOnceAsync(SamstyringDb db, Func<CancellationToken, Task<IReadOnlyList<Reminder>>> build, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var wanted = (await build(ct)).Where(r => Outbox.IsAddress(r.Mail.To)).ToList();
            if (wanted.Count == 0) return 0;
            var kinds = wanted.Select(r => r.Mail.Kind).Distinct().ToList();
            var deadlines = wanted.Select(r => r.Deadline).Distinct().ToList();
            var sent = (await db.ReminderReceipts.AsNoTracking().Where(r => kinds.Contains(r.Kind) && deadlines.Contains(r.Deadline))
                    .Select(r => new { r.Kind, r.SubjectKey, r.RecipientId, r.Deadline }).ToListAsync(ct))
                .Select(r => (r.Kind, r.SubjectKey, r.RecipientId, r.Deadline)).ToHashSet();
            var due = wanted.Where(r => sent.Add((r.Mail.Kind, r.SubjectKey, r.RecipientId, r.Deadline))).ToList();
            if (due.Count == 0) return 0;
            var now = db.UtcNow;
            foreach (var r in due)
                db.ReminderReceipts.Add(new ReminderReceipt { Kind = r.Mail.Kind, SubjectKey = r.SubjectKey, RecipientId = r.RecipientId, Deadline = r.Deadline, CreatedAt = now });
            var queued = await Outbox.EnqueueAsync(db, due.Select(r => r.Mail), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return queued;
            }
            catch (ConcurrencyConflictException) when (attempt < Tries)
            {
                // Another run saved some of these first: nothing of this try was saved; look again.
                await Task.Delay(Random.Shared.Next(20, 100) * attempt, ct);
            }
        }
    }
}
