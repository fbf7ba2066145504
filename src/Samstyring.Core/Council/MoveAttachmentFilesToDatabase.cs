using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Council;

/// <summary>What moving the attachment files into the database did; <c>Missing</c> names the files that were missing or damaged.</summary>
public sealed record MovedAttachmentFiles(int Moved, int AlreadyInDatabase, IReadOnlyList<string> Missing);

/// <summary>
/// Moves the attachment files of a PostgreSQL deployment from before attachments were kept in the database
/// ({DataDirectory}/attachments) into attachment_contents, so every app node can serve them. Until then they still download
/// from the node that has them (<see cref="AttachmentStore.OpenAsync"/>). Each file is checked against its row (length and
/// SHA-256), written in a transaction of its own and removed from disk once all are in. A file that is missing or damaged is
/// left where it is and named. Safe to run again, also while the web app runs.
/// </summary>
[UseCase]
public sealed class MoveAttachmentFilesToDatabase(SamstyringDb db, SamstyringOptions options)
{
    public async Task<MovedAttachmentFiles> HandleAsync(CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        if (!options.AttachmentsInDatabase)
            throw ValidationFailedException.For("database", options.UsesPostgres
                ? "Samstyring:AttachmentDirectory er satt, så vedleggene lagres i den mappen og ikke i databasen. Fjern innstillingen for å lagre dem i databasen."
                : "Vedlegg lagres i databasen bare med PostgreSQL. Med SQLite ligger de i datamappen.");
        var store = new AttachmentStore(options);
        var rows = await db.Attachments.AsNoTracking().Where(a => a.StoragePath != null).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.StoragePath, a.Sha256, a.SizeBytes }).ToListAsync(ct);
        int moved = 0, already = 0;
        var missing = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var row in rows)
            {
                await using var tx = await db.BeginWriteTransactionAsync(ct);
                var connection = db.Database.GetDbConnection();
                var dbTx = db.Database.CurrentTransaction!.GetDbTransaction();
                if (await AttachmentStore.HasContentAsync(connection, dbTx, row.Id, ct))
                {
                    already++;
                    continue;
                }
                if (!store.IsStoredPath(row.StoragePath!)) { missing.Add(row.StoragePath!); continue; }
                await using var file = await store.OpenVerifiedAsync(row.StoragePath!, row.SizeBytes, row.Sha256, ct);
                if (file is null)
                {
                    missing.Add(row.StoragePath!);
                    continue;
                }
                await AttachmentStore.InsertContentAsync(connection, dbTx, row.Id, file, ct);
                await tx.CommitAsync(ct);
                moved++;
                done.Add(row.StoragePath!);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        // Only when every row that names a file has its bytes in the database (two rows may share one file).
        foreach (var path in done.Where(p => !missing.Contains(p))) store.Delete(path);
        return new MovedAttachmentFiles(moved, already, missing);
    }
}
