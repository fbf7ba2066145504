using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// Deletes an attachment and its file. Only the secretariat changes them. Bytes kept in the database go with the row
/// (attachment_contents cascades); a file in the attachment directory (see <see cref="AttachmentStore"/>) is removed only
/// after the delete is committed.
/// </summary>
[UseCase]
public sealed class DeleteAttachment(SamstyringDb db, SamstyringOptions options)
{
    private readonly AttachmentStore _store = new(options);

    public async Task HandleAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var a = await db.Attachments.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw AttachmentRules.Missing(id);
        var path = a.StoragePath;
        db.Attachments.Remove(a);
        await db.SaveChangesAsync(ct);
        // After the commit: had the delete failed, the attachment would still need its file. With the bytes in the database
        // there may still be a file from before they were (see AttachmentStore), which goes too.
        if (path is not null) _store.Delete(path);
    }
}
