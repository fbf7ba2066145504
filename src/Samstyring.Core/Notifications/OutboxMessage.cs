using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

public enum OutboxStatus { Pending, Sent, Failed }

/// <summary>
/// One e-mail to one recipient, written in the same transaction as the event that causes it (the outbox pattern), so a
/// message exists exactly when its event does. The sender delivers it with retries; the office sees every message here.
/// Working state like sessions: not audited (the event is), not backed up.
/// </summary>
public class OutboxMessage
{
    public const int AddressMax = 254;
    public const int SubjectMax = 300;
    public const int BodyMax = 200_000;
    public const int KeyMax = 200;
    public const int HeadersMax = 2000;

    public int Id { get; set; }
    /// <summary>What caused it, e.g. <c>meeting-notice</c>; shown to the office and used to group.</summary>
    public required string Kind { get; set; }
    public required string To { get; set; }
    public string ToName { get; set; } = "";
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    /// <summary>At most one message per key: a reminder for a recipient and deadline is queued once, however often its job runs.</summary>
    public string? DedupKey { get; set; }
    /// <summary>Extra headers, one «Name: value» per line (<see cref="MailHeader"/>), such as the unsubscribe headers of a subscription mail.</summary>
    public string? Headers { get; set; }
    /// <summary>The Message-ID header, fixed when queued, so a retry after a lost acknowledgement is the same message.</summary>
    public required string MessageId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the sender may next take it; moved ahead while a sender holds it, so two senders never take the same.</summary>
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? ResentBy { get; set; }
    public int Version { get; set; }

    public List<OutboxAttachment> Attachments { get; set; } = [];
}

public class OutboxAttachment
{
    public int Id { get; set; }
    public int MessageId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Kind).HasMaxLength(40);
        b.Property(m => m.To).HasMaxLength(OutboxMessage.AddressMax);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMax);
        b.Property(m => m.DedupKey).HasMaxLength(OutboxMessage.KeyMax);
        b.Property(m => m.MessageId).HasMaxLength(200);
        b.Property(m => m.Headers).HasMaxLength(OutboxMessage.HeadersMax);
        b.Property(m => m.Status).HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.CreatedBy).HasMaxLength(80);
        b.Property(m => m.ResentBy).HasMaxLength(80);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.DedupKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}

public class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> b)
    {
        b.ToTable("outbox_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.HasIndex(a => a.MessageId);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
