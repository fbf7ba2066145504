using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Search.TextExtraction;

/// <summary>What reading the attachments' texts did: how many files were read, how it went per status, and the files that were missing or damaged.</summary>
public sealed record ExtractedAttachmentTexts(int Read, IReadOnlyDictionary<AttachmentTextStatus, int> ByStatus, IReadOnlyList<string> Missing);

/// <summary>
/// Reads the text of attachment files that have none yet (or of all, with <c>all</c>), for search: attachments uploaded
/// before search existed, and after a restore (a backup does not carry the texts). New uploads get their text as they
/// are saved (<see cref="UploadAttachment"/>). Each attachment is saved in a transaction of its own, with its index row,
/// so the command can be stopped and run again, also while the web app runs.
/// </summary>
[UseCase]
public sealed class ExtractAttachmentTexts(SamstyringDb db, SamstyringOptions options)
{
    public async Task<ExtractedAttachmentTexts> HandleAsync(bool all, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        return await RunAsync(db, options, all, ct);
    }

    internal static async Task<ExtractedAttachmentTexts> RunAsync(SamstyringDb db, SamstyringOptions options, bool all, CancellationToken ct)
    {
        var store = new AttachmentStore(options);
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.StoragePath != null && (all || !db.AttachmentTexts.Any(t => t.AttachmentId == a.Id)))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.StoragePath, a.SizeBytes, a.Sha256 })
            .ToListAsync(ct);
        var byStatus = Enum.GetValues<AttachmentTextStatus>().ToDictionary(s => s, _ => 0);
        var missing = new List<string>();
        var read = 0;
        foreach (var row in rows)
        {
            ExtractedText text;
            await using (var file = await store.OpenAsync(db, row.Id, row.StoragePath!, row.SizeBytes, row.Sha256, ct))
            {
                if (file is null)
                {
                    missing.Add(row.StoragePath!);
                    continue;
                }
                text = TextExtractor.FromStream(file, Path.GetExtension(row.StoragePath));
            }
            var saved = await db.AttachmentTexts.SingleOrDefaultAsync(t => t.AttachmentId == row.Id, ct);
            if (saved is null) db.AttachmentTexts.Add(saved = new AttachmentText { AttachmentId = row.Id });
            saved.Status = text.Status;
            saved.Text = text.Text;
            saved.ExtractedAt = db.UtcNow;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            byStatus[text.Status]++;
            read++;
        }
        return new ExtractedAttachmentTexts(read, byStatus, missing);
    }
}
