using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// The files behind attachments. Every file has a stored name, yyyy/{random}{ext}; the user's file name is never part of
/// a path. Where the bytes live (<see cref="SamstyringOptions.AttachmentsInDatabase"/>):
/// <list type="bullet">
/// <item>In a directory (SQLite, or <c>Samstyring:AttachmentDirectory</c> set): {AttachmentDirectory}/yyyy/{random}{ext},
/// by default under {DataDirectory}/attachments; several nodes share it by mounting the same directory. A file is first
/// written to attachments/tmp, flushed to disk and then moved into place, so a crash leaves either nothing or a complete
/// file, never half a file under a stored path; the upload removes the file again when its row is not saved, and a delete
/// removes the file only after the row is gone.</item>
/// <item>In the database (PostgreSQL without an attachment directory): a row in attachment_contents, written in the
/// transaction that saves the attachment and deleted with it, so a crash or a failed save leaves both or neither. Every
/// node reads it, and nothing needs a shared disk. The upload is still staged in attachments/tmp (local to the node) while
/// it is counted, hashed and checked, and streamed from there into the database.</item>
/// </list>
/// Reading looks in the database first (PostgreSQL) and then in the directory, so the files of a deployment from before
/// attachments were kept in the database still download; <c>samstyring attachments to-database</c> moves them in.
/// </summary>
public sealed partial class AttachmentStore(SamstyringOptions options)
{
    public const string FolderName = "attachments";
    private const string TempFolder = "tmp";

    public string Root => options.AttachmentRoot;

    /// <summary>New attachments are written to the database (attachment_contents) rather than to <see cref="Root"/>.</summary>
    public bool InDatabase => options.AttachmentsInDatabase;

    /// <summary>
    /// Copies the upload to a temporary file while counting and hashing it. Past <paramref name="maxBytes"/> the rest
    /// is read and counted but not written, so the caller can tell the user how large the file was.
    /// </summary>
    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var tempDir = Path.Combine(Root, TempFolder);
        Directory.CreateDirectory(tempDir);
        var tempPath = Path.Combine(tempDir, Guid.NewGuid().ToString("N") + ".part");
        var staged = new StagedFile(tempPath);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[16];
            var headLength = 0;
            long size = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var n = Math.Min(read, head.Length - headLength);
                        Array.Copy(buffer, 0, head, headLength, n);
                        headLength += n;
                    }
                    if (size + read <= maxBytes)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), ct);
                        sha.AppendData(buffer, 0, read);
                    }
                    size += read;
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            staged.SizeBytes = size;
            staged.Head = head[..headLength];
            staged.Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>A new stored name ("2026/3f…9a.pdf"): the file's path under <see cref="Root"/>, and its name in a backup.</summary>
    public static string NewStoredPath(string extension, DateTime now) => $"{now.Year:0000}/{Guid.NewGuid():N}{extension}";

    /// <summary>Moves a staged file into place and returns its path relative to <see cref="Root"/> ("2026/3f…9a.pdf").</summary>
    public string Commit(StagedFile staged, string extension, DateTime now)
    {
        var relative = NewStoredPath(extension, now);
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Move(staged.TempPath, full);
        staged.Committed = true;
        return relative;
    }

    public Stream OpenRead(string relativePath) =>
        new FileStream(FullPath(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>
    /// Opens a stored file only if it is still the file that was stored; null when it is missing, has another length
    /// or other content. The length is checked every time. The SHA-256 is checked the first time and again whenever
    /// the file's length or time of last write changes (remembered in memory per file), so a file a crash or a
    /// restore cut short or replaced is never handed out as whole, while an unchanged one is hashed only once.
    /// </summary>
    public async Task<Stream?> OpenVerifiedAsync(string relativePath, long? sizeBytes, string? sha256, CancellationToken ct = default)
    {
        var full = FullPath(relativePath);
        FileStream file;
        try
        {
            file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            if (sizeBytes is { } expected && file.Length != expected)
            {
                await file.DisposeAsync();
                return null;
            }
            if (sha256 is not null)
            {
                // Taken from the open handle: a file renamed into place meanwhile cannot slip past.
                var stamp = new Verification(file.Length, File.GetLastWriteTimeUtc(file.SafeFileHandle), sha256);
                if (!Verified.TryGetValue(full, out var known) || known != stamp)
                {
                    var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
                    if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
                    {
                        await file.DisposeAsync();
                        return null;
                    }
                    file.Position = 0;
                    if (Verified.Count >= MaxRemembered) Verified.Clear();
                    Verified[full] = stamp;
                }
            }
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes a staged upload into attachment_contents for the attachment <paramref name="attachmentId"/>, in the
    /// transaction the attachment's row was saved in (the caller commits both, or neither). Streamed from the staged file.
    /// </summary>
    public static async Task SaveContentAsync(SamstyringDb db, int attachmentId, StagedFile staged, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction?.GetDbTransaction()
                 ?? throw new InvalidOperationException("Innholdet i et vedlegg lagres i samme transaksjon som vedlegget.");
        await using var file = new FileStream(staged.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await InsertContentAsync(db.Database.GetDbConnection(), tx, attachmentId, file, ct);
    }

    /// <summary>Inserts the bytes of an attachment (PostgreSQL streams the bytea from <paramref name="content"/>).</summary>
    internal static async Task InsertContentAsync(DbConnection connection, DbTransaction tx, int attachmentId, Stream content, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandTimeout = 600;
        cmd.CommandText = $"""INSERT INTO "{AttachmentContentConfiguration.Table}" ("AttachmentId", "Content") VALUES (@id, @content)""";
        AddParameter(cmd, "@id", DbType.Int32, attachmentId);
        AddParameter(cmd, "@content", DbType.Binary, content);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether the database holds the bytes of an attachment.</summary>
    internal static async Task<bool> HasContentAsync(DbConnection connection, DbTransaction? tx, int attachmentId, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""SELECT 1 FROM "{AttachmentContentConfiguration.Table}" WHERE "AttachmentId" = @id""";
        AddParameter(cmd, "@id", DbType.Int32, attachmentId);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>
    /// The attachment's bytes, wherever they are: from the database when it holds them (PostgreSQL), else the file under
    /// <see cref="Root"/>. Null when they are missing or no longer what was stored (length and SHA-256), so a damaged file is
    /// never handed out as whole.
    /// </summary>
    public async Task<Stream?> OpenAsync(SamstyringDb db, int attachmentId, string storedPath, long? sizeBytes, string? sha256, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var (found, content) = await ReadContentAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                    attachmentId, sizeBytes, sha256, ct);
                if (found) return content;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return await OpenVerifiedAsync(storedPath, sizeBytes, sha256, ct);
    }

    /// <summary>
    /// Reads the bytes the database holds for an attachment into a temporary file (deleted when the stream is closed),
    /// counting and hashing them, so the connection is free again before a slow client has the first byte and a damaged
    /// content is never sent. Found: whether there is a row at all; Content: null when the row does not match its attachment.
    /// </summary>
    internal async Task<(bool Found, Stream? Content)> ReadContentAsync(DbConnection connection, DbTransaction? tx, int attachmentId,
        long? sizeBytes, string? sha256, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandTimeout = 600;
        cmd.CommandText = $"""SELECT "Content" FROM "{AttachmentContentConfiguration.Table}" WHERE "AttachmentId" = @id""";
        AddParameter(cmd, "@id", DbType.Int32, attachmentId);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct)) return (false, null);
        var tempDir = Path.Combine(Root, TempFolder);
        Directory.CreateDirectory(tempDir);
        var spool = new FileStream(Path.Combine(tempDir, Guid.NewGuid().ToString("N") + ".read"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            // Never more than the row says (plus one byte, to see that there is more): a wrong length is damage, not a download.
            var limit = (sizeBytes ?? Data.BackupLimits.MaxFileBytes) + 1;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var source = reader.GetStream(0))
            {
                var buffer = new byte[81920];
                int read;
                while (size < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - size)), ct)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await spool.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }
            }
            if ((sizeBytes is { } expected && size != expected)
                || (sha256 is not null && !string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase)))
            {
                await spool.DisposeAsync();
                return (true, null);
            }
            await spool.FlushAsync(ct);
            spool.Position = 0;
            return (true, spool);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private static void AddParameter(DbCommand cmd, string name, DbType type, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.DbType = type;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>Whether the file at <paramref name="fullPath"/> exists with exactly this length and SHA-256.</summary>
    public static async Task<bool> MatchesAsync(string fullPath, string sha256, long? sizeBytes, CancellationToken ct = default)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists || (sizeBytes is { } n && info.Length != n)) return false;
        await using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct)), sha256, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Verification(long Length, DateTime LastWriteUtc, string Sha256);

    /// <summary>Files found whole, by full path; forgotten wholesale past <see cref="MaxRemembered"/> (they are then hashed again).</summary>
    private static readonly ConcurrentDictionary<string, Verification> Verified = new();

    private const int MaxRemembered = 10_000;

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    /// <summary>Removes a stored file; a file already gone is fine. Returns false if it could not be removed.</summary>
    public bool Delete(string relativePath)
    {
        try
        {
            File.Delete(FullPath(relativePath));
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>The full path of a stored file. Only paths this store wrote are accepted, so a tampered row cannot reach outside.</summary>
    public string FullPath(string relativePath)
    {
        if (!StoredPath().IsMatch(relativePath))
            throw new InvalidOperationException($"Ugyldig lagringssti for vedlegg: «{relativePath}».");
        return Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>All stored files (not temporary ones), as relative paths. For tests and housekeeping.</summary>
    public IReadOnlyList<string> ListFiles() => !Directory.Exists(Root) ? [] :
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();

    public bool IsStoredPath(string relativePath) => StoredPath().IsMatch(relativePath);

    [GeneratedRegex(@"^[0-9]{4}/[0-9a-f]{32}\.[a-z]{3,4}$")]
    private static partial Regex StoredPath();

    /// <summary>An upload written to a temporary file. Disposing removes it unless it was committed.</summary>
    public sealed class StagedFile(string tempPath) : IDisposable
    {
        public string TempPath { get; } = tempPath;
        public long SizeBytes { get; internal set; }
        /// <summary>The first bytes, for the magic-number check.</summary>
        public byte[] Head { get; internal set; } = [];
        public string Sha256 { get; internal set; } = "";
        internal bool Committed { get; set; }

        /// <summary>Whether the whole file is valid UTF-8 without NUL characters (for .txt and .csv).</summary>
        public bool IsUtf8Text()
        {
            var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            var bytes = new byte[81920];
            var chars = new char[81921];
            using var file = File.OpenRead(TempPath);
            try
            {
                int read;
                while ((read = file.Read(bytes)) > 0)
                {
                    if (bytes.AsSpan(0, read).Contains((byte)0)) return false;
                    decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                decoder.GetChars([], 0, 0, chars, 0, flush: true);
                return true;
            }
            catch (DecoderFallbackException) { return false; }
        }

        public void Dispose()
        {
            if (Committed) return;
            try { File.Delete(TempPath); }
            catch (IOException) { /* left in attachments/tmp; never referenced */ }
        }
    }
}

/// <summary>The file types an attachment may have, recognised by extension and by their first bytes.</summary>
public sealed record AttachmentFileType(string Extension, string ContentType, string Description, byte[]? Magic, bool Text = false)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static readonly IReadOnlyList<AttachmentFileType> All =
    [
        new(".pdf", "application/pdf", "PDF", Pdf),
        new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", Zip),
        new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", Zip),
        new(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint", Zip),
        new(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument-tekst", Zip),
        new(".ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-regneark", Zip),
        new(".odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument-presentasjon", Zip),
        new(".png", "image/png", "PNG-bilde", Png),
        new(".jpg", "image/jpeg", "JPEG-bilde", Jpeg),
        new(".jpeg", "image/jpeg", "JPEG-bilde", Jpeg),
        new(".txt", "text/plain; charset=utf-8", "tekst", null, Text: true),
        new(".csv", "text/csv; charset=utf-8", "CSV", null, Text: true),
    ];

    public static string AllowedList => string.Join(", ", All.Select(t => t.Extension));

    /// <summary>The value for an &lt;input type="file" accept="…"&gt;.</summary>
    public static string Accept => string.Join(",", All.Select(t => t.Extension));

    public static AttachmentFileType? ForExtension(string? extension) =>
        All.FirstOrDefault(t => string.Equals(t.Extension, extension, StringComparison.OrdinalIgnoreCase));

    public bool Matches(AttachmentStore.StagedFile file) =>
        Text ? file.IsUtf8Text() : Magic is not null && file.Head.AsSpan().StartsWith(Magic);
}
