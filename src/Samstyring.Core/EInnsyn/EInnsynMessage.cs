using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.EInnsyn;

public enum EInnsynStatus { Pending, Sent, Failed }

/// <summary>
/// One record for eInnsyn (a meeting with its notice and cases, a meeting's minutes, or a case's decision), written in the
/// same transaction as the event that makes it public (the outbox pattern). The payload is the JSON body as built from the
/// public view then; the sender adds what only eInnsyn knows (the parent's id, the previous and next meeting) when it sends.
/// Working state like the e-mail outbox: not audited (the event is), not backed up; queueing again rebuilds it.
/// </summary>
public class EInnsynMessage
{
    public const int KeyMax = 200;
    public const int ErrorMax = 1000;

    public int Id { get; set; }
    /// <summary><see cref="EInnsynRecords.MeetingKind"/>, <see cref="EInnsynRecords.MinutesKind"/> or <see cref="EInnsynRecords.DecisionKind"/>.</summary>
    public required string Kind { get; set; }
    public int BodyId { get; set; }
    public int MeetingId { get; set; }
    public int? CaseId { get; set; }
    /// <summary>At most one record per key: queueing the same meeting, minutes or decision text again adds nothing.</summary>
    public required string DedupKey { get; set; }
    /// <summary>The object's externalId in eInnsyn, by which the sender finds out whether an earlier try was created after all.</summary>
    public required string ExternalId { get; set; }
    /// <summary>POST (create) or PATCH (a corrected decision).</summary>
    public required string Method { get; set; }
    /// <summary>What is shown to the office: "Møte 6/2021", "Vedtak i sak 39/21".</summary>
    public required string Title { get; set; }
    public required string Payload { get; set; }
    public EInnsynStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the sender may next take it; moved ahead while a sender holds it, so two senders never take the same.</summary>
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The HTTP status of the last answer from eInnsyn (none after a network error).</summary>
    public int? HttpStatus { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The id eInnsyn gave the object.</summary>
    public string? EInnsynId { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? ResentBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// The id eInnsyn gave an object of ours (a meeting, its notice and minutes, a case, a decision): the path of a child
/// (<c>/moetesak/{id}/vedtak</c>) and the previous and next meeting's reference need it.
/// </summary>
public class EInnsynObjectId
{
    public int Id { get; set; }
    /// <summary><c>meeting</c>, <c>notice</c>, <c>minutes</c>, <c>case</c> or <c>decision</c>.</summary>
    public required string Kind { get; set; }
    public int SourceId { get; set; }
    public required string EInnsynId { get; set; }
    public DateTime PublishedAt { get; set; }
}

public class EInnsynMessageConfiguration : IEntityTypeConfiguration<EInnsynMessage>
{
    public void Configure(EntityTypeBuilder<EInnsynMessage> b)
    {
        b.ToTable("einnsyn_outbox");
        b.Property(m => m.Kind).HasMaxLength(20);
        b.Property(m => m.DedupKey).HasMaxLength(EInnsynMessage.KeyMax);
        b.Property(m => m.ExternalId).HasMaxLength(EInnsynMessage.KeyMax);
        b.Property(m => m.Method).HasMaxLength(10);
        b.Property(m => m.Title).HasMaxLength(400);
        b.Property(m => m.Status).HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(EInnsynMessage.ErrorMax);
        b.Property(m => m.EInnsynId).HasMaxLength(100);
        b.Property(m => m.CreatedBy).HasMaxLength(80);
        b.Property(m => m.ResentBy).HasMaxLength(80);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.DedupKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.MeetingId);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}

public class EInnsynObjectIdConfiguration : IEntityTypeConfiguration<EInnsynObjectId>
{
    public void Configure(EntityTypeBuilder<EInnsynObjectId> b)
    {
        b.ToTable("einnsyn_ids");
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.EInnsynId).HasMaxLength(100);
        b.HasIndex(x => new { x.Kind, x.SourceId }).IsUnique();
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
