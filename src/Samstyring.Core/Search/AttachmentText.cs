using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Core.Search;

/// <summary>How the text of an attachment file came out.</summary>
public enum AttachmentTextStatus
{
    /// <summary>Text was extracted.</summary>
    [Label("Tekst hentet ut")] Ok,
    /// <summary>The file could be read but has no text (a scanned PDF without a text layer).</summary>
    [Label("Ingen tekst")] Empty,
    /// <summary>A format text is not taken from (images, spreadsheets).</summary>
    [Label("Formatet støttes ikke")] Unsupported,
    /// <summary>The file could not be read (damaged, encrypted).</summary>
    [Label("Kunne ikke leses")] Failed,
}

/// <summary>
/// The plain text of an attachment's file, extracted once (on upload, or later for existing files) so search can find the
/// attachment by what it says. One row per attachment, deleted with it. Derived data: not audited (a snapshot would copy
/// the whole text into the audit log) and not in a backup; it is extracted again from the files.
/// </summary>
public class AttachmentText
{
    /// <summary>About 100 000 characters is all search keeps of one document (a PostgreSQL tsvector is at most 1 MB).</summary>
    public const int SearchedChars = 100_000;

    public int AttachmentId { get; set; }
    public string? Text { get; set; }
    public AttachmentTextStatus Status { get; set; }
    public DateTime ExtractedAt { get; set; }
}

public class AttachmentTextConfiguration : IEntityTypeConfiguration<AttachmentText>
{
    public const string Table = "attachment_texts";

    public void Configure(EntityTypeBuilder<AttachmentText> b)
    {
        b.ToTable(Table);
        b.HasKey(x => x.AttachmentId);
        b.Property(x => x.AttachmentId).ValueGeneratedNever();
        b.Property(x => x.Status).HasMaxLength(20);
        b.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentText>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
