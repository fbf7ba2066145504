using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Tests.Council;
using Samstyring.Core.Tests.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// A restore brings attachment files back whole or not at all: they are staged and checked against their checksums,
/// moved into place before the database commits, and put back when it does not. A restore killed at any point leaves
/// a state a rerun finishes. The kill is simulated in process: at a checkpoint the files on disk are copied aside and
/// the restore is stopped by an exception (so an open transaction is rolled back, as when the process dies); when it
/// has ended, the files are put back exactly as they were at the checkpoint, undoing whatever clean-up ran after it.
/// </summary>
public abstract class RestoreTests(BackupWithFiles source)
{
    private static readonly CurrentUser Office = CurrentUser.System;

    /// <summary>
    /// Runs the test against a migrated, empty database with its own data directory (not at all without PostgreSQL outside
    /// CI). These tests are about files on disk, so PostgreSQL gets an attachment directory too (else it keeps the bytes in
    /// the database: <see cref="RestoreIntoDatabaseTests"/>).
    /// </summary>
    private async Task WithTargetAsync(Func<ScratchDatabase, ServiceProvider, Task> test)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(source.Provider);
        if (scratch is null) return;
        BackupWithFiles.UseDirectory(scratch.Options);
        await using var services = scratch.BuildServices();
        await using (var scope = services.CreateAsyncScope())
            await SamstyringSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
        await test(scratch, services);
    }

    private static async Task<RestoreResult> RestoreAsync(IServiceProvider services, byte[] backup, bool force, Func<string, Task>? checkpoint = null)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "test";
        var restore = scope.ServiceProvider.GetRequiredService<Restore>();
        restore.Checkpoint = checkpoint;
        return await restore.HandleAsync(new MemoryStream(backup), force, Office);
    }

    private sealed class SimulatedCrash : Exception;

    /// <summary>Runs a restore that dies at <paramref name="point"/>, leaving files and database as a killed process would.</summary>
    private static async Task CrashAtAsync(IServiceProvider services, SamstyringOptions options, byte[] backup, bool force, string point)
    {
        string? snapshot = null;
        await Assert.ThrowsAsync<SimulatedCrash>(() => RestoreAsync(services, backup, force, name =>
        {
            if (name != point) return Task.CompletedTask;
            snapshot = Snapshot(options.DataDirectory);
            throw new SimulatedCrash();
        }));
        Assert.NotNull(snapshot);
        PutBack(options.DataDirectory, snapshot);
    }

    private static readonly string[] FileFolders = [AttachmentStore.FolderName, Restore.StagingFolderName];

    private static string Snapshot(string dataDirectory)
    {
        var copy = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", "snapshot-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in FileFolders.Where(f => Directory.Exists(Path.Combine(dataDirectory, f))))
            CopyTree(Path.Combine(dataDirectory, folder), Path.Combine(copy, folder));
        Directory.CreateDirectory(copy);
        return copy;
    }

    private static void PutBack(string dataDirectory, string snapshot)
    {
        foreach (var folder in FileFolders)
        {
            var live = Path.Combine(dataDirectory, folder);
            if (Directory.Exists(live)) Directory.Delete(live, recursive: true);
            if (Directory.Exists(Path.Combine(snapshot, folder))) CopyTree(Path.Combine(snapshot, folder), live);
        }
        Directory.Delete(snapshot, recursive: true);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>Every attachment row with a file has that file, whole; nothing else is under attachments/ and no staging is left.</summary>
    private static async Task AssertFilesMatchDatabaseAsync(IServiceProvider services, SamstyringOptions options, int expected)
    {
        await using var scope = services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Attachments.AsNoTracking()
            .Where(a => a.StoragePath != null).Select(a => new { a.StoragePath, a.Sha256, a.SizeBytes }).ToListAsync();
        Assert.Equal(expected, rows.Count);
        var store = new AttachmentStore(options);
        foreach (var r in rows)
        {
            var bytes = await File.ReadAllBytesAsync(store.FullPath(r.StoragePath!));
            Assert.Equal(r.SizeBytes, bytes.Length);
            Assert.Equal(r.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        Assert.Equal(rows.Select(r => r.StoragePath!).Order(StringComparer.Ordinal), store.ListFiles().Where(store.IsStoredPath));
        Assert.False(Directory.Exists(new RestoreFiles(options).Root), "the staging folder was left behind");
    }

    private static Task<int> AttachmentRowsAsync(IServiceProvider services) => QueryAsync(services, db => db.Attachments.CountAsync(a => a.StoragePath != null));

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    [Fact]
    public async Task A_restore_brings_every_file_back_checked()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            var result = await RestoreAsync(services, backup, force: false);
            Assert.Equal(BackupWithFiles.FileCount, result.FilesRestored);
            Assert.Empty(result.FilesMissing);
            Assert.Null(result.Recovery);
            await AssertFilesMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);
        });
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("placed:1")]
    [InlineData("placed:12")]
    [InlineData("before-commit")]
    [InlineData("committed")]
    public async Task Killed_at_any_point_a_rerun_of_the_same_command_succeeds(string point)
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            await CrashAtAsync(services, scratch.Options, backup, force: false, point);

            // What the crash left: the database is all or nothing, and no row points at a file that is not whole.
            var rows = await AttachmentRowsAsync(services);
            Assert.Equal(point == "committed" ? BackupWithFiles.FileCount : 0, rows);
            Assert.True(Directory.Exists(new RestoreFiles(scratch.Options).Root));

            var rerun = await RestoreAsync(services, backup, force: false);
            Assert.NotNull(rerun.Recovery);
            await AssertFilesMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);
        });
    }

    [Fact]
    public async Task Killed_while_replacing_damaged_files_a_forced_rerun_succeeds()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            await RestoreAsync(services, backup, force: false);
            // Three files damaged since, as the issue found them: truncated, changed, missing.
            var store = new AttachmentStore(scratch.Options);
            var files = store.ListFiles();
            await File.WriteAllBytesAsync(store.FullPath(files[0]), (await File.ReadAllBytesAsync(store.FullPath(files[0])))[..100]);
            await File.WriteAllBytesAsync(store.FullPath(files[1]), new byte[(await File.ReadAllBytesAsync(store.FullPath(files[1]))).Length]);
            File.Delete(store.FullPath(files[2]));

            await CrashAtAsync(services, scratch.Options, backup, force: true, "placed:2");
            await RestoreAsync(services, backup, force: true);
            await AssertFilesMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);
        });
    }

    [Fact]
    public async Task A_failure_before_the_commit_leaves_the_previous_state()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            var failure = await Assert.ThrowsAsync<IOException>(() => RestoreAsync(services, backup, force: false,
                name => name == "placed:12" ? throw new IOException("Disken er full (test).") : Task.CompletedTask));
            Assert.Equal("Disken er full (test).", failure.Message);
            Assert.False(await QueryAsync(services, db => db.Organizations.AnyAsync()));
            await AssertFilesMatchDatabaseAsync(services, scratch.Options, 0);
        });
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_checksum_stops_the_restore_before_the_database_changes()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            var victim = FileEntries(backup)[5];
            var length = EntryLength(backup, victim);
            var changed = Rewrite(backup, victim, s => s.Write(new byte[length]));
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RestoreAsync(services, changed, force: false));
            Assert.Contains(victim[BackupManifest.FilesPrefix.Length..], e.Message);
            Assert.Contains("sjekksummen (SHA-256)", e.Message);

            // A file entry that unpacks to more than its row says is refused before it is unpacked.
            var bomb = Rewrite(backup, victim, s => WriteZeros(s, 300L * 1024 * 1024));
            e = await Assert.ThrowsAsync<ValidationFailedException>(() => RestoreAsync(services, bomb, force: false));
            Assert.Contains(victim[BackupManifest.FilesPrefix.Length..], e.Message);

            Assert.False(await QueryAsync(services, db => db.Organizations.AnyAsync()));
            await AssertFilesMatchDatabaseAsync(services, scratch.Options, 0);
        });
    }

    [Fact]
    public async Task A_backup_leaves_out_a_damaged_file_names_it_and_still_restores()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            await RestoreAsync(services, await source.BackupAsync(), force: false);
            var store = new AttachmentStore(scratch.Options);
            var damaged = store.ListFiles()[3];
            await File.WriteAllBytesAsync(store.FullPath(damaged), "ødelagt"u8.ToArray());

            var again = new MemoryStream();
            BackupManifest manifest;
            await using (var scope = services.CreateAsyncScope())
                manifest = await scope.ServiceProvider.GetRequiredService<Backup>().HandleAsync(again, Office);
            Assert.Equal([damaged], manifest.SkippedFiles);
            Assert.DoesNotContain(damaged, manifest.Files!);

            var result = await RestoreAsync(services, again.ToArray(), force: true);
            Assert.Equal([damaged], result.FilesMissing);
            Assert.Equal(BackupWithFiles.FileCount - 1, result.FilesRestored);
        });
    }

    [Fact]
    public async Task Zip_bombs_long_lines_and_extra_rows_are_refused_at_named_bounds()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            const string table = "tables/audit_log.jsonl";

            async Task<string> RefusedAsync(byte[] hostile)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RestoreAsync(services, hostile, force: false));
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                Assert.True(allocated < 512L * 1024 * 1024, $"the process allocated {allocated / 1024 / 1024} MB");
                Assert.False(await QueryAsync(services, db => db.Organizations.AnyAsync()));
                await AssertFilesMatchDatabaseAsync(services, scratch.Options, 0);
                return Assert.Single(e.Errors["file"]);
            }

            // 300 MB of blank lines packed into a few hundred KB: refused by its size against its packed size.
            var bomb = Rewrite(backup, table, s => WriteRepeated(s, (byte)'\n', 300L * 1024 * 1024));
            Assert.Contains($"{BackupLimits.MaxCompressionRatio} ganger", await RefusedAsync(bomb));

            // The same with a header that claims 1 000 bytes: read no further than that.
            var lying = HostileFiles.WithLyingSize(bomb, table, 1000);
            Assert.Contains("audit_log", await RefusedAsync(lying));

            // One row of 10 MB.
            var longLine = Rewrite(backup, table, s =>
            {
                s.Write("{\"Id\":1,\"x\":\""u8);
                WriteRepeated(s, (byte)'a', 10L * 1024 * 1024);
                s.Write("\"}\n"u8);
            });
            Assert.Contains($"{BackupLimits.MaxLineBytes / 1024 / 1024} MB", await RefusedAsync(longLine));

            // More rows than the manifest says: stopped at the first one too many.
            var rows = Encoding.UTF8.GetString(Read(backup, table));
            var extra = Rewrite(backup, table, s => { for (var i = 0; i < 3; i++) s.Write(Encoding.UTF8.GetBytes(rows)); });
            Assert.Contains("flere rader enn", await RefusedAsync(extra));

            // Too many entries.
            var crowded = Rewrite(backup, null, null, extraEntries: BackupLimits.MaxEntries);
            Assert.Contains(Norwegian.Number(BackupLimits.MaxEntries), await RefusedAsync(crowded));
        });
    }

    private static List<string> FileEntries(byte[] backup)
    {
        using var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    private static long EntryLength(byte[] backup, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read);
        return zip.GetEntry(name)!.Length;
    }

    private static byte[] Read(byte[] backup, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read);
        using var s = zip.GetEntry(name)!.Open();
        var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The backup with one entry's content written anew, and optionally many empty entries added.</summary>
    private static byte[] Rewrite(byte[] backup, string? entryName, Action<Stream>? write, int extraEntries = 0)
    {
        var output = new MemoryStream();
        using (var from = new ZipArchive(new MemoryStream(backup), ZipArchiveMode.Read))
        using (var to = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in from.Entries)
            {
                // The hostile entry packed as tightly as it goes, as an attacker would.
                using var target = to.CreateEntry(e.FullName, e.FullName == entryName ? CompressionLevel.Optimal : CompressionLevel.Fastest).Open();
                if (e.FullName == entryName) write!(target);
                else
                {
                    using var s = e.Open();
                    s.CopyTo(target);
                }
            }
            for (var i = 0; i < extraEntries; i++) to.CreateEntry($"extra/{i}", CompressionLevel.NoCompression).Open().Dispose();
        }
        return output.ToArray();
    }

    private static void WriteZeros(Stream s, long count) => WriteRepeated(s, 0, count);

    private static void WriteRepeated(Stream s, byte b, long count)
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, b);
        for (; count >= block.Length; count -= block.Length) s.Write(block);
        s.Write(block.AsSpan(0, (int)count));
    }
}

/// <summary>
/// A demo database with 23 attachment files (as in the issue), and its backup, made once per provider. The files are on
/// disk (PostgreSQL too, with an attachment directory), unless <paramref name="inDatabase"/> (PostgreSQL keeps the bytes).
/// </summary>
public abstract class BackupWithFiles(Provider provider, bool inDatabase = false) : TestDatabase(provider)
{
    public const int FileCount = 23;
    private byte[]? _backup;

    /// <summary>Files on disk whatever the provider: the attachment directory set to its default place.</summary>
    public static void UseDirectory(SamstyringOptions options) =>
        options.AttachmentDirectory = Path.Combine(options.DataDirectory, AttachmentStore.FolderName);

    protected override void Configure(SamstyringOptions options)
    {
        if (!inDatabase) UseDirectory(options);
    }

    public async Task<byte[]> BackupAsync()
    {
        if (_backup is not null) return _backup;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(this, MeetingStatus.NoticeSent);
        for (var i = 1; i <= FileCount; i++)
        {
            var label = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SendAsync((UploadAttachment u) => u.HandleAsync(caseId, new AttachmentUpload($"vedlegg-{i}.pdf", label, $"Vedlegg {i}", false, null),
                new MemoryStream(AttachmentTests.Pdf(20_000 + i)), Office), Office);
        }
        var output = new MemoryStream();
        await SendAsync((Backup b) => b.HandleAsync(output, Office), Office);
        return _backup = output.ToArray();
    }
}

public sealed class BackupWithFilesSqlite() : BackupWithFiles(Provider.Sqlite);

public sealed class BackupWithFilesPostgres() : BackupWithFiles(Provider.Postgres);

public sealed class RestoreSqliteTests(BackupWithFilesSqlite source) : RestoreTests(source), IClassFixture<BackupWithFilesSqlite>;

public sealed class RestorePostgresTests(BackupWithFilesPostgres source) : RestoreTests(source), IClassFixture<BackupWithFilesPostgres>;
