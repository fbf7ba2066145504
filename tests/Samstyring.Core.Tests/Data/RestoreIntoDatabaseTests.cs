using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// PostgreSQL without an attachment directory keeps the bytes of attachments in the database (attachment_contents). A
/// backup carries them as files, as it does files on disk, and a restore writes them back into the database in its one
/// transaction: all or nothing without a journal, checked against every row's size and SHA-256, and a killed restore is
/// finished by running it again. The backup format is the same whichever way a database keeps its files, so a backup
/// restores either way (SQLite → PostgreSQL is in <see cref="BackupRestoreTests"/>). PostgreSQL only: SQLite keeps files
/// on disk (<see cref="RestoreTests"/>).
/// </summary>
public sealed class RestoreIntoDatabaseTests(BackupWithFilesInDatabase source) : IClassFixture<BackupWithFilesInDatabase>
{
    private static readonly CurrentUser Office = CurrentUser.System;

    private static async Task WithTargetAsync(Func<ScratchDatabase, ServiceProvider, Task> test, bool directory = false)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Provider.Postgres);
        if (scratch is null) return;
        if (directory) BackupWithFiles.UseDirectory(scratch.Options);
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

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    /// <summary>Every attachment row with a file has its bytes in the database, whole; nothing on disk, no staging left.</summary>
    private static async Task AssertContentsMatchDatabaseAsync(IServiceProvider services, SamstyringOptions options, int expected)
    {
        var rows = await QueryAsync(services, db => db.Attachments.AsNoTracking().Where(a => a.StoragePath != null)
            .Select(a => new { a.Id, a.Sha256, a.SizeBytes, Content = db.AttachmentContents.Where(c => c.AttachmentId == a.Id).Select(c => c.Content).FirstOrDefault() })
            .ToListAsync());
        Assert.Equal(expected, rows.Count);
        foreach (var r in rows)
        {
            Assert.NotNull(r.Content);
            Assert.Equal(r.SizeBytes, r.Content!.Length);
            Assert.Equal(r.Sha256, Convert.ToHexStringLower(SHA256.HashData(r.Content)));
        }
        Assert.Equal(expected, await QueryAsync(services, db => db.AttachmentContents.CountAsync()));
        var store = new AttachmentStore(options);
        Assert.DoesNotContain(store.ListFiles(), store.IsStoredPath);
        Assert.False(Directory.Exists(new RestoreFiles(options).Root), "the staging folder was left behind");
    }

    [Fact]
    public async Task A_restore_writes_every_file_into_the_database_checked()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            if (backup.Length == 0) return;
            // The backup carries the bytes as files, not attachment_contents as a table.
            using (var zip = new ZipArchive(new MemoryStream(backup)))
            {
                Assert.Equal(BackupWithFiles.FileCount, zip.Entries.Count(e => e.FullName.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal)));
                Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains(AttachmentContentConfiguration.Table, StringComparison.Ordinal));
                Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("data_protection_keys", StringComparison.Ordinal));
            }
            var result = await RestoreAsync(services, backup, force: false);
            Assert.Equal(BackupWithFiles.FileCount, result.FilesRestored);
            Assert.Empty(result.FilesMissing);
            await AssertContentsMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);

            // Forced again over itself: the old bytes go with their rows, the new ones come in.
            await RestoreAsync(services, backup, force: true);
            await AssertContentsMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);
        });
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("stored:5")]
    [InlineData("before-commit")]
    [InlineData("committed")]
    public async Task Killed_at_any_point_a_rerun_of_the_same_command_succeeds(string point)
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            if (backup.Length == 0) return;
            var reached = false;
            await Assert.ThrowsAsync<IOException>(() => RestoreAsync(services, backup, force: false, name =>
            {
                if (name != point) return Task.CompletedTask;
                reached = true;
                throw new IOException("Prosessen døde (test).");
            }));
            Assert.True(reached);
            // All or nothing: the rows with their bytes, or neither.
            var committed = point == "committed";
            Assert.Equal(committed ? BackupWithFiles.FileCount : 0, await QueryAsync(services, db => db.Attachments.CountAsync(a => a.StoragePath != null)));
            Assert.Equal(committed ? BackupWithFiles.FileCount : 0, await QueryAsync(services, db => db.AttachmentContents.CountAsync()));

            var rerun = await RestoreAsync(services, backup, force: false);
            Assert.Equal(committed, rerun.Recovery is not null);
            await AssertContentsMatchDatabaseAsync(services, scratch.Options, BackupWithFiles.FileCount);
        });
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_checksum_stops_the_restore_before_the_database_changes()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            if (backup.Length == 0) return;
            string victim;
            long length;
            using (var zip = new ZipArchive(new MemoryStream(backup)))
            {
                var entry = zip.Entries.Where(e => e.FullName.StartsWith(BackupManifest.FilesPrefix, StringComparison.Ordinal)).OrderBy(e => e.FullName).ElementAt(5);
                (victim, length) = (entry.FullName, entry.Length);
            }
            var changed = new MemoryStream();
            changed.Write(backup);
            using (var zip = new ZipArchive(changed, ZipArchiveMode.Update, leaveOpen: true))
            {
                zip.GetEntry(victim)!.Delete();
                await using var s = zip.CreateEntry(victim).Open();
                s.Write(new byte[length]);
            }
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RestoreAsync(services, changed.ToArray(), force: false));
            Assert.Contains("sjekksummen (SHA-256)", e.Message);
            Assert.False(await QueryAsync(services, db => db.Organizations.AnyAsync()));
            await AssertContentsMatchDatabaseAsync(services, scratch.Options, 0);
        });
    }

    [Fact]
    public async Task A_backup_of_bytes_in_the_database_restores_to_files_on_disk()
    {
        await WithTargetAsync(async (scratch, services) =>
        {
            var backup = await source.BackupAsync();
            if (backup.Length == 0) return;
            var result = await RestoreAsync(services, backup, force: false);
            Assert.Equal(BackupWithFiles.FileCount, result.FilesRestored);
            Assert.Equal(0, await QueryAsync(services, db => db.AttachmentContents.CountAsync()));
            var store = new AttachmentStore(scratch.Options);
            var rows = await QueryAsync(services, db => db.Attachments.AsNoTracking().Where(a => a.StoragePath != null).ToListAsync());
            Assert.Equal(BackupWithFiles.FileCount, rows.Count);
            foreach (var r in rows)
                Assert.Equal(r.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(store.FullPath(r.StoragePath!)))));
        }, directory: true);
    }
}

/// <summary>The 23 files of <see cref="BackupWithFiles"/>, with their bytes in the PostgreSQL database. Empty without PostgreSQL.</summary>
public sealed class BackupWithFilesInDatabase() : BackupWithFiles(Provider.Postgres, inDatabase: true)
{
    public new async Task<byte[]> BackupAsync() => Available ? await base.BackupAsync() : [];
}
