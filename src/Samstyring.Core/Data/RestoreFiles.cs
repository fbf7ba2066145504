using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Core.Data;

/// <summary>
/// An attachment file a restore brings back: where it goes, the size and SHA-256 its row in the backup gives, and the
/// attachments that name it (whose attachment_contents rows it becomes when the bytes are kept in the database).
/// </summary>
internal sealed record RestoredFile(string Path, string Sha256, long SizeBytes, IReadOnlyList<int> AttachmentIds);

/// <summary>An attachment file as the database describes it now.</summary>
internal sealed record StoredFile(string Path, string? Sha256, long? SizeBytes);

/// <summary>
/// The attachment files of a restore, kept in step with the database. Under {DataDirectory}/restore-staging/ (the same
/// file system as the attachments, so a move is a rename):
/// <list type="bullet">
/// <item><c>backup</c>: which backup is being restored (the SHA-256 of its manifest);</item>
/// <item><c>new/…</c>: the files unpacked from the backup and checked against their rows, before anything is moved;</item>
/// <item><c>journal.jsonl</c>: one line per file moved into place, written to disk before the move;</item>
/// <item><c>old/…</c>: a file that was in the way, moved aside, so it can be put back;</item>
/// <item><c>committed</c>: written once the database has committed.</item>
/// </list>
/// The files go into place inside the database transaction, just before it commits. If it does not commit, or the
/// process dies, <see cref="RecoverAsync"/> (run by the failing restore, or else by the next one) goes through the
/// journal and makes every moved file agree with the database as it then is, whichever way the commit went.
/// </summary>
internal sealed class RestoreFiles(SamstyringOptions options)
{
    public const string FolderName = "restore-staging";

    private readonly AttachmentStore _store = new(options);

    /// <summary>
    /// {DataDirectory}/restore-staging, beside the default attachment folder; with an attachment directory of its own,
    /// inside it, so the staged files are still on the attachments' file system (a shared mount) and a move stays a rename.
    /// </summary>
    public string Root => Path.GetFullPath(string.IsNullOrWhiteSpace(options.AttachmentDirectory)
        ? Path.Combine(options.DataDirectory, FolderName)
        : Path.Combine(options.AttachmentRoot, FolderName));
    private string BackupFile => Path.Combine(Root, "backup");
    private string JournalFile => Path.Combine(Root, "journal.jsonl");
    private string CommittedFile => Path.Combine(Root, "committed");
    private string Staged(string path) => Path.Combine(Root, "new", path.Replace('/', Path.DirectorySeparatorChar));
    private string Replaced(string path) => Path.Combine(Root, "old", path.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A restore was interrupted and left its staging folder.</summary>
    public bool Exists => Directory.Exists(Root);

    /// <summary>The backup the staging folder belongs to, and whether its database had committed.</summary>
    public (string? BackupId, bool Committed) State() =>
        (File.Exists(BackupFile) ? File.ReadAllText(BackupFile).Trim() : null, File.Exists(CommittedFile));

    /// <summary>
    /// Unpacks every file into new/ and checks its size and SHA-256 against its row, counting what is really unpacked
    /// (no more than the row's size is read). The first that does not match refuses the whole backup.
    /// </summary>
    public async Task StageAsync(ZipArchive zip, IReadOnlyList<RestoredFile> files, string backupId, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        await WriteDurablyAsync(BackupFile, backupId, ct);
        var buffer = new byte[81920];
        foreach (var f in files)
        {
            var entry = zip.GetEntry(BackupManifest.FilesPrefix + f.Path)!;
            var target = Staged(f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var source = BoundedZip.Open(entry, f.SizeBytes, () => Mismatch(f), () => Mismatch(f)))
            await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                int n;
                while ((n = await source.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    size += n;
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                await output.FlushAsync(ct);
                output.Flush(flushToDisk: true);
            }
            if (size != f.SizeBytes || !string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), f.Sha256, StringComparison.OrdinalIgnoreCase))
                throw Mismatch(f);
        }
    }

    /// <summary>
    /// Moves the staged files into place. A file already in place with the same content stays; one in the way is moved
    /// to old/. Each move is in the journal, on disk, before it happens. <paramref name="step"/> is called after each move.
    /// </summary>
    public async Task PlaceAsync(IReadOnlyList<RestoredFile> files, Func<string, Task> step, CancellationToken ct)
    {
        await using var journal = new FileStream(JournalFile, FileMode.Append, FileAccess.Write, FileShare.Read);
        var moved = 0;
        foreach (var f in files)
        {
            var target = _store.FullPath(f.Path);
            var replaces = File.Exists(target);
            if (replaces && await AttachmentStore.MatchesAsync(target, f.Sha256, f.SizeBytes, ct))
            {
                File.Delete(Staged(f.Path));
                continue;
            }
            journal.Write(JsonSerializer.SerializeToUtf8Bytes(new JournalEntry(f.Path, replaces)));
            journal.WriteByte((byte)'\n');
            journal.Flush(flushToDisk: true);
            if (replaces)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Replaced(f.Path))!);
                File.Move(target, Replaced(f.Path), overwrite: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Staged(f.Path), target, overwrite: true);
            await step($"placed:{++moved}");
        }
    }

    /// <summary>
    /// With the bytes kept in the database: writes each staged file as the attachment_contents row of every attachment that
    /// names it, in the restore's transaction. Nothing is moved on disk, so nothing needs a journal: whatever happens, the
    /// database has the rows and their bytes, or neither. <paramref name="step"/> is called after each file.
    /// </summary>
    public async Task StoreInDatabaseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx,
        IReadOnlyList<RestoredFile> files, Func<string, Task> step, CancellationToken ct)
    {
        var stored = 0;
        foreach (var f in files)
        {
            foreach (var id in f.AttachmentIds)
            {
                await using var content = new FileStream(Staged(f.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await AttachmentStore.InsertContentAsync(connection, tx, id, content, ct);
            }
            await step($"stored:{++stored}");
        }
    }

    /// <summary>The database has committed: from here on a rerun of the same backup only needs to tidy up.</summary>
    public void MarkCommitted()
    {
        using var marker = new FileStream(CommittedFile, FileMode.Create, FileAccess.Write);
        marker.Flush(flushToDisk: true);
    }

    /// <summary>Removes the staging folder, and with it the files that were replaced.</summary>
    public void Finish() => Directory.Delete(Root, recursive: true);

    /// <summary>
    /// Makes every file the journal says was moved agree with <paramref name="database"/> (the attachment rows as they
    /// are now), then removes the staging folder. A file in place that the database wants stays; otherwise the file it
    /// replaced comes back, or, if there was none, the new one goes. Returns false when there was nothing to recover.
    /// </summary>
    public async Task<bool> RecoverAsync(IReadOnlyList<StoredFile> database, CancellationToken ct)
    {
        if (!Directory.Exists(Root)) return false;
        var wanted = database.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var e in ReadJournal())
        {
            // Only paths the store itself writes; a tampered journal cannot reach anything else.
            if (!_store.IsStoredPath(e.Path)) continue;
            var target = _store.FullPath(e.Path);
            var old = Replaced(e.Path);
            if (wanted.TryGetValue(e.Path, out var want) && want.Sha256 is not null
                && await AttachmentStore.MatchesAsync(target, want.Sha256, want.SizeBytes, ct))
                continue;
            if (File.Exists(old))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(old, target, overwrite: true);
            }
            else if (!e.Replaces && File.Exists(target)) File.Delete(target);
        }
        Directory.Delete(Root, recursive: true);
        return true;
    }

    private sealed record JournalEntry(string Path, bool Replaces);

    /// <summary>The journal's entries; a line cut short by a crash is ignored (it was written before its move, which did not happen).</summary>
    private IEnumerable<JournalEntry> ReadJournal()
    {
        if (!File.Exists(JournalFile)) yield break;
        foreach (var line in File.ReadLines(JournalFile, Encoding.UTF8))
        {
            JournalEntry? entry;
            try { entry = JsonSerializer.Deserialize<JournalEntry>(line); }
            catch (JsonException) { continue; }
            if (entry?.Path is not null) yield return entry;
        }
    }

    private static async Task WriteDurablyAsync(string path, string text, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await file.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await file.FlushAsync(ct);
        file.Flush(flushToDisk: true);
    }

    private static ValidationFailedException Mismatch(RestoredFile f) => ValidationFailedException.For("file",
        $"Vedlegget {f.Path} i sikkerhetskopien stemmer ikke med størrelsen og sjekksummen (SHA-256) som er lagret for det. "
        + "Sikkerhetskopien er skadet; ingenting er gjenopprettet.");
}
