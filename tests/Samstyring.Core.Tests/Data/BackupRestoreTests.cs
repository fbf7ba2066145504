using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>Backup → restore into a fresh database gives the same rows, column for column, on both providers.</summary>
public class BackupRestoreTests
{
    /// <summary>The first line that differs between two table files, as "expected / actual".</summary>
    private static string FirstDifference(string expected, string actual)
    {
        var (a, b) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "(ingen linje)", i < b.Length ? b[i] : "(ingen linje)");
            if (x != y) return $"linje {i + 1}\n  skrevet: {x}\n  lest:    {y}";
        }
        return "(like)";
    }

    private static readonly CurrentUser Office = CurrentUser.System;

    [Fact]
    public Task RoundTrip_Sqlite() => RoundTripAsync(Provider.Sqlite, Provider.Sqlite);

    [Fact]
    public Task RoundTrip_Postgres() => RoundTripAsync(Provider.Postgres, Provider.Postgres);

    /// <summary>The format is portable: a SQLite backup restores into PostgreSQL with the same data.</summary>
    [Fact]
    public Task RoundTrip_SqliteToPostgres() => RoundTripAsync(Provider.Sqlite, Provider.Postgres);

    private static async Task RoundTripAsync(Provider from, Provider to)
    {
        await using var source = await ScratchDatabase.CreateAsync(from);
        await using var target = await ScratchDatabase.CreateAsync(to);
        if (source is null || target is null) return; // PostgreSQL not configured outside CI (ScratchDatabase fails on CI)

        await using var sourceServices = source.BuildServices();
        await sourceServices.InitializeDatabaseAsync(demo: true);
        // A change through a use case, so the audit log has entries to carry over.
        var changed = await SendAsync(sourceServices, async s =>
        {
            var db = s.GetRequiredService<SamstyringDb>();
            var id = await db.Initiatives.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            var version = await db.Initiatives.Where(i => i.Id == id).Select(i => i.Version).SingleAsync();
            var i0 = await db.Initiatives.AsNoTracking().SingleAsync(i => i.Id == id);
            return await s.GetRequiredService<UpdateInitiative>().HandleAsync(id,
                new InitiativeInput(i0.Name, "Endret før sikkerhetskopi – «æøå» \"sitat\"\nny linje", i0.OwnerId, i0.Kind.Code(), null,
                    "2021-02-03", "2023-04-05", "Åse Øvrebø", i0.Segment?.Code()), version, Office);
        });
        Assert.True(await QueryAsync(sourceServices, db => db.AuditLog.AnyAsync(a => a.EntityId == changed.Id.ToString(CultureInfo.InvariantCulture))));

        // An attachment file on disk travels with the database.
        var fileBytes = "%PDF-1.4\nvedlegg til sak 37/21 – æøå\n"u8.ToArray();
        var attachment = await SendAsync(sourceServices, async s =>
        {
            var caseId = await s.GetRequiredService<SamstyringDb>().Cases.Where(c => c.Number == 37 && c.Year == 2021).Select(c => c.Id).SingleAsync();
            return await s.GetRequiredService<Samstyring.Core.Council.UploadAttachment>().HandleAsync(caseId,
                new Samstyring.Core.Council.AttachmentUpload("kriterier.pdf", "9", "Kriterier i PDF", false, null), new MemoryStream(fileBytes), Office);
        });

        // An API token travels as its hash, and lets its holder in after the restore.
        var token = await SendAsync(sourceServices, s => s.GetRequiredService<Samstyring.Core.Accounts.CreateApiToken>().HandleAsync(
            new Samstyring.Core.Accounts.CreateApiTokenInput("Sikkerhetskopi", null, UserName: "medlem"), Office));

        var backup = new MemoryStream();
        var manifest = await SendAsync(sourceServices, s => s.GetRequiredService<Backup>().HandleAsync(backup, Office));
        Assert.Equal(1, manifest.FormatVersion);
        Assert.Equal([attachment.StoragePath!], manifest.Files);
        Assert.Contains(manifest.Tables, t => t.Name == "audit_log" && t.Rows > 0);
        Assert.Contains(manifest.Tables, t => t.Name == "organizations" && t.Rows > 357);
        // Principals come before the tables that point at them.
        var order = manifest.Tables.Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("organizations") < order.IndexOf("initiatives"));
        Assert.True(order.IndexOf("initiatives") < order.IndexOf("status_reports"));

        await using var targetServices = target.BuildServices();
        await SendAsync(targetServices, async s => { await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>()); return 0; });
        backup.Position = 0;
        await SendAsync(targetServices, s => s.GetRequiredService<Restore>().HandleAsync(backup, force: false, Office));

        if (from == to)
            Assert.Equal(await DumpAsync(source), await DumpAsync(target));
        // The file comes back where the target keeps them: on disk (SQLite), in the database (PostgreSQL).
        var restored = await SendAsync(targetServices, async s =>
        {
            var (_, stream) = await s.GetRequiredService<Samstyring.Core.Council.CouncilQueries>().OpenAttachmentAsync(attachment.Id, Office);
            await using (stream)
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                return copy.ToArray();
            }
        });
        Assert.Equal(fileBytes, restored);
        // A backup does not carry the attachment texts: the restore reads them again from the files, for search.
        var textStatus = await QueryAsync(sourceServices, db => db.AttachmentTexts.Where(t => t.AttachmentId == attachment.Id).Select(t => t.Status).SingleAsync());
        Assert.Equal(textStatus, await QueryAsync(targetServices, db => db.AttachmentTexts.Where(t => t.AttachmentId == attachment.Id).Select(t => t.Status).SingleAsync()));
        Assert.Equal(to == Provider.Postgres ? 1 : 0, await QueryAsync(targetServices, db => db.AttachmentContents.CountAsync()));
        Assert.Equal(to == Provider.Sqlite, File.Exists(Path.Combine(target.Options.DataDirectory, "attachments", attachment.StoragePath!)));
        // Provider-independent comparison: a backup of the restored database holds the same rows.
        var again = new MemoryStream();
        await SendAsync(targetServices, s => s.GetRequiredService<Backup>().HandleAsync(again, Office));
        // PostgreSQL keeps timestamps to the microsecond, SQLite to 100 ns: across providers compare to the microsecond.
        var (written, rewritten) = (TableFiles(backup, from != to), TableFiles(again, from != to));
        Assert.Equal(written.Keys.Order(), rewritten.Keys.Order());
        foreach (var (table, rows) in written)
            Assert.True(rows == rewritten[table], $"{table} ble ikke gjenopprettet likt:\n{FirstDifference(rows, rewritten[table])}");
        // Used only now, since a use writes «last used».
        Assert.Equal("medlem", (await SendAsync(targetServices, s => s.GetRequiredService<Samstyring.Core.Accounts.AuthenticateApiToken>().HandleAsync(token.Secret))).User?.UserName);

        // Keys go on after the restored ones (PostgreSQL identity sequences were moved), and the audit log keeps working.
        var auditBefore = await QueryAsync(targetServices, db => db.AuditLog.MaxAsync(a => a.Id));
        var created = await SendAsync(targetServices, s => s.GetRequiredService<ProposeInitiative>().HandleAsync(
            new InitiativeInput("Nytt etter gjenoppretting", "", changed.OwnerId, "project", "ide", null, null, null), Office));
        Assert.True(created.Id > await QueryAsync(sourceServices, db => db.Initiatives.MaxAsync(i => i.Id)));
        Assert.True(await QueryAsync(targetServices, db => db.AuditLog.MaxAsync(a => a.Id)) > auditBefore);

        // A database with data is refused; --force replaces it.
        backup.Position = 0;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(targetServices, s => s.GetRequiredService<Restore>().HandleAsync(backup, force: false, Office)));
        Assert.Contains("--force", refused.Message);
        backup.Position = 0;
        await SendAsync(targetServices, s => s.GetRequiredService<Restore>().HandleAsync(backup, force: true, Office));
        Assert.False(await QueryAsync(targetServices, db => db.Initiatives.AnyAsync(i => i.Name == "Nytt etter gjenoppretting")));
        if (from == to) Assert.Equal(await DumpAsync(source), await DumpAsync(target));
    }

    [Fact]
    public Task Restore_ThatCannotWriteItsFiles_LeavesTheDatabaseAsItWas_Sqlite() => FilesCannotBeWrittenAsync(Provider.Sqlite);

    [Fact]
    public Task Restore_ThatCannotWriteItsFiles_LeavesTheDatabaseAsItWas_Postgres() => FilesCannotBeWrittenAsync(Provider.Postgres);

    /// <summary>
    /// The attachment folder cannot be created (a file is in its way): the restore fails, and the database must not
    /// be left complete with its files missing, as a restore that wrote the files after its commit left it.
    /// </summary>
    private static async Task FilesCannotBeWrittenAsync(Provider provider)
    {
        await using var source = await ScratchDatabase.CreateAsync(provider);
        await using var target = await ScratchDatabase.CreateAsync(provider);
        if (source is null || target is null) return;
        await using var sourceServices = source.BuildServices();
        await sourceServices.InitializeDatabaseAsync(demo: true);
        await SendAsync(sourceServices, async s =>
        {
            var caseId = await s.GetRequiredService<SamstyringDb>().Cases.Where(c => c.Number == 37 && c.Year == 2021).Select(c => c.Id).SingleAsync();
            return await s.GetRequiredService<Samstyring.Core.Council.UploadAttachment>().HandleAsync(caseId,
                new Samstyring.Core.Council.AttachmentUpload("kriterier.pdf", "9", "Kriterier i PDF", false, null), new MemoryStream("%PDF-1.4\nvedlegg"u8.ToArray()), Office);
        });
        var backup = new MemoryStream();
        await SendAsync(sourceServices, s => s.GetRequiredService<Backup>().HandleAsync(backup, Office));

        // Files on disk, whatever the provider (PostgreSQL would otherwise keep them in the database).
        target.Options.AttachmentDirectory = Path.Combine(target.Options.DataDirectory, "attachments");
        await using var targetServices = target.BuildServices();
        await SendAsync(targetServices, async s => { await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>()); return 0; });
        await File.WriteAllTextAsync(Path.Combine(target.Options.DataDirectory, "attachments"), "i veien");
        backup.Position = 0;
        await Assert.ThrowsAnyAsync<IOException>(() => SendAsync(targetServices, s => s.GetRequiredService<Restore>().HandleAsync(backup, force: false, Office)));

        Assert.False(await QueryAsync(targetServices, db => db.Organizations.AnyAsync()), "the database was restored without its files");
        Assert.False(await QueryAsync(targetServices, db => db.Attachments.AnyAsync()));
    }

    [Fact]
    public async Task Restore_RejectsFilesThatAreNotBackups()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Provider.Sqlite);
        await using var services = scratch!.BuildServices();
        await SendAsync(services, async s => { await SamstyringSetup.MigrateAsync(s.GetRequiredService<SamstyringDb>()); return 0; });

        var junk = new MemoryStream("dette er ikke en zip"u8.ToArray());
        var e1 = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(services, s => s.GetRequiredService<Restore>().HandleAsync(junk, false, Office)));
        Assert.Contains("ikke en sikkerhetskopi", e1.Message);

        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true)) archive.CreateEntry("annet.txt");
        zip.Position = 0;
        var e2 = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(services, s => s.GetRequiredService<Restore>().HandleAsync(zip, false, Office)));
        Assert.Contains("manifest", e2.Message);
    }

    private static Dictionary<string, string> TableFiles(MemoryStream backup, bool toMicroseconds)
    {
        backup.Position = 0;
        using var zip = new ZipArchive(backup, ZipArchiveMode.Read, leaveOpen: true);
        return zip.Entries.Where(e => e.FullName.StartsWith("tables/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e =>
            {
                var text = new StreamReader(e.Open()).ReadToEnd();
                return toMicroseconds ? System.Text.RegularExpressions.Regex.Replace(text, @"(T\d{2}:\d{2}:\d{2}\.\d{6})\d""", "$1\"") : text;
            });
    }

    /// <summary>Every table, every row, every column as the provider returns it (no EF conversions in between).</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(ScratchDatabase scratch)
    {
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var tables = BackupFormat.Tables(db);
        await using DbConnection conn = scratch.CreateConnection();
        await conn.OpenAsync();
        var dump = new Dictionary<string, List<string>>();
        foreach (var t in tables)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {BackupFormat.Quote(db, t.Name)} ORDER BY {BackupFormat.Quote(db, t.Key[0].Name)}";
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync())
            {
                var cells = new List<string>();
                for (var i = 0; i < r.FieldCount; i++)
                {
                    var v = r.GetValue(i);
                    cells.Add(r.GetName(i) + "=" + (v switch
                    {
                        DBNull => "NULL",
                        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                        byte[] b => Convert.ToBase64String(b),
                        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
                    }) + ":" + v.GetType().Name);
                }
                rows.Add(string.Join("|", cells));
            }
            dump[t.Name] = rows;
        }
        Assert.NotEmpty(dump["audit_log"]);
        return dump;
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "test";
        return await action(scope.ServiceProvider);
    }

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }
}
