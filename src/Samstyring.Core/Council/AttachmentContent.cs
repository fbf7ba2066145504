using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// The bytes of an attachment kept in the database (PostgreSQL, see <see cref="SamstyringOptions.AttachmentsInDatabase"/>),
/// one row per attachment, written in the transaction that saves the attachment and deleted with it (cascade).
/// <see cref="AttachmentStore"/> streams it in and out with SQL; the model never loads it, so it is neither audited nor a
/// table of the backup, which carries the bytes as files like those on disk.
/// </summary>
public class AttachmentContent
{
    public int AttachmentId { get; set; }
    public byte[] Content { get; set; } = [];
}

public class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public const string Table = "attachment_contents";

    public void Configure(EntityTypeBuilder<AttachmentContent> b)
    {
        b.ToTable(Table);
        b.HasKey(x => x.AttachmentId);
        b.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
