using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Samstyring.Core.Common;
using Samstyring.Core.Data.Migrations;
using Samstyring.Core.Portfolio;
// A backup's enum columns from before ApiCodes: the code of each C# name, by table and column.
using CodesByName = System.Collections.Generic.Dictionary<(string Table, string Column), System.Collections.Generic.Dictionary<string, string>>;

namespace Samstyring.Core.Data;

/// <summary>What a backup holds; stored as manifest.json at the root of the backup ZIP.</summary>
/// <param name="Files">The attachment files in the backup.</param>
/// <param name="SkippedFiles">
/// Files an attachment row names that were missing or damaged (not the row's size and SHA-256) when the backup was
/// taken, and so were left out: a restore checks every file against its row.
/// </param>
public sealed record BackupManifest(
    int FormatVersion, string? MigrationId, DateTime CreatedAt, string Provider, IReadOnlyList<BackupTable> Tables,
    IReadOnlyList<string>? Files = null, IReadOnlyList<string>? SkippedFiles = null)
{
    /// <summary>Attachment files travel with the database as files/attachments/{yyyy}/{name} in the ZIP.</summary>
    public const string FilesPrefix = "files/attachments/";
}

/// <summary>One table in the backup: its file in the ZIP, its columns and how many rows it has.</summary>
public sealed record BackupTable(string Name, string File, IReadOnlyList<string> Columns, long Rows);

/// <summary>
/// The portable backup format, the same for SQLite and PostgreSQL: a ZIP with manifest.json and one
/// JSON-lines file per table (tables/{name}.jsonl, one object per row with every column). Tables
/// come in foreign-key order, so a restore can insert them front to back. The tables and columns are
/// taken from the EF model, so a new table is covered without touching this file.
/// </summary>
internal static class BackupFormat
{
    public const int Version = 1;
    public const string ManifestFile = "manifest.json";

    public static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A table of the model with its columns and the EF mapping that converts their values.</summary>
    public sealed record TableInfo(string Name, IReadOnlyList<ColumnInfo> Columns, IReadOnlyList<ColumnInfo> Key, IReadOnlyList<IForeignKey> ForeignKeys)
    {
        /// <summary>A single generated integer key whose sequence must follow the restored rows (PostgreSQL).</summary>
        public ColumnInfo? IdentityColumn => Key.Count == 1 && Key[0].Property.ValueGenerated == ValueGenerated.OnAdd
                                             && Key[0].ProviderType is var t && (t == typeof(int) || t == typeof(long))
            ? Key[0] : null;
    }

    public sealed record ColumnInfo(string Name, IProperty Property, RelationalTypeMapping Mapping, Type ProviderType, bool Nullable);

    /// <summary>
    /// Every table of the model in foreign-key order (principals first); self-references are left to the restore. Working
    /// state (sign-in sessions) is not data to keep: after a restore everyone signs in again.
    /// </summary>
    public static List<TableInfo> Tables(DbContext db)
    {
        var tables = new Dictionary<string, TableInfo>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null && !e.IsOwned()
                                                                    && e.FindAnnotation(SamstyringDb.Transient) is null))
        {
            var name = entity.GetTableName()!;
            if (tables.ContainsKey(name)) continue; // table splitting/TPH: the first type maps the table (none today)
            var id = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var columns = entity.GetProperties()
                .Select(p => (Property: p, Column: p.GetColumnName(id)))
                .Where(x => x.Column is not null)
                .Select(x =>
                {
                    var mapping = x.Property.GetRelationalTypeMapping();
                    var provider = mapping.Converter?.ProviderClrType ?? x.Property.ClrType;
                    return new ColumnInfo(x.Column!, x.Property, mapping, Nullable.GetUnderlyingType(provider) ?? provider, x.Property.IsColumnNullable(id));
                })
                .ToList();
            var key = entity.FindPrimaryKey()!.Properties.Select(p => columns.Single(c => c.Property == p)).ToList();
            tables[name] = new TableInfo(name, columns, key, entity.GetForeignKeys().ToList());
        }

        // Topological order over the foreign keys; a table waits for every other table it points to.
        var ordered = new List<TableInfo>();
        var done = new HashSet<string>();
        var visiting = new HashSet<string>();
        void Visit(TableInfo t)
        {
            if (done.Contains(t.Name)) return;
            if (!visiting.Add(t.Name)) return; // a cycle across tables: broken by deferring nullable keys on restore
            foreach (var fk in t.ForeignKeys)
            {
                var principal = fk.PrincipalEntityType.GetTableName();
                if (principal is not null && principal != t.Name && tables.TryGetValue(principal, out var p)) Visit(p);
            }
            visiting.Remove(t.Name);
            done.Add(t.Name);
            ordered.Add(t);
        }
        foreach (var t in tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal)) Visit(t);
        return ordered;
    }

    /// <summary>The attachments table and the positions of its key and file columns (path, SHA-256, size) among <see cref="TableInfo.Columns"/>.</summary>
    public static (string Table, int Id, int Path, int Sha256, int Size) AttachmentColumns(DbContext db, IReadOnlyList<TableInfo> tables)
    {
        var name = db.Model.FindEntityType(typeof(Council.Attachment))!.GetTableName()!;
        var columns = tables.Single(t => t.Name == name).Columns.ToList();
        int Index(string property) => columns.FindIndex(c => c.Property.Name == property);
        return (name, Index(nameof(Council.Attachment.Id)), Index(nameof(Council.Attachment.StoragePath)), Index(nameof(Council.Attachment.Sha256)),
            Index(nameof(Council.Attachment.SizeBytes)));
    }

    public static string Quote(DbContext db, string identifier) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(identifier);

    public static void WriteValue(Utf8JsonWriter w, DbDataReader r, int i, Type type)
    {
        if (r.IsDBNull(i)) { w.WriteNullValue(); return; }
        if (type == typeof(string)) w.WriteStringValue(r.GetFieldValue<string>(i));
        else if (type == typeof(bool)) w.WriteBooleanValue(r.GetFieldValue<bool>(i));
        else if (type == typeof(int)) w.WriteNumberValue(r.GetFieldValue<int>(i));
        else if (type == typeof(long)) w.WriteNumberValue(r.GetFieldValue<long>(i));
        else if (type == typeof(short)) w.WriteNumberValue(r.GetFieldValue<short>(i));
        else if (type == typeof(byte)) w.WriteNumberValue(r.GetFieldValue<byte>(i));
        else if (type == typeof(double)) w.WriteNumberValue(r.GetFieldValue<double>(i));
        else if (type == typeof(float)) w.WriteNumberValue(r.GetFieldValue<float>(i));
        // Without trailing zeros: PostgreSQL gives numeric(18,4) as 120.0000 where SQLite gives 120.0, and a backup is the
        // same whichever database it came from (dividing by 1.000…m drops the zeros and keeps the value exact).
        else if (type == typeof(decimal)) w.WriteStringValue((r.GetFieldValue<decimal>(i) / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
        else if (type == typeof(DateTime)) w.WriteStringValue(r.GetFieldValue<DateTime>(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        else if (type == typeof(DateTimeOffset)) w.WriteStringValue(r.GetFieldValue<DateTimeOffset>(i).ToString("O", CultureInfo.InvariantCulture));
        else if (type == typeof(DateOnly)) w.WriteStringValue(r.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else if (type == typeof(TimeOnly)) w.WriteStringValue(r.GetFieldValue<TimeOnly>(i).ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        else if (type == typeof(TimeSpan)) w.WriteStringValue(r.GetFieldValue<TimeSpan>(i).ToString("c", CultureInfo.InvariantCulture));
        else if (type == typeof(Guid)) w.WriteStringValue(r.GetFieldValue<Guid>(i));
        else if (type == typeof(byte[])) w.WriteBase64StringValue(r.GetFieldValue<byte[]>(i));
        else throw new NotSupportedException($"Sikkerhetskopien støtter ikke kolonnetypen {type.Name}.");
    }

    public static object? ReadValue(JsonElement e, Type type)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        if (type == typeof(string)) return e.GetString();
        if (type == typeof(bool)) return e.GetBoolean();
        if (type == typeof(int)) return e.GetInt32();
        if (type == typeof(long)) return e.GetInt64();
        if (type == typeof(short)) return e.GetInt16();
        if (type == typeof(byte)) return e.GetByte();
        if (type == typeof(double)) return e.GetDouble();
        if (type == typeof(float)) return e.GetSingle();
        if (type == typeof(decimal)) return decimal.Parse(e.GetString()!, CultureInfo.InvariantCulture);
        if (type == typeof(DateTime)) return DateTime.ParseExact(e.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);
        if (type == typeof(DateOnly)) return DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (type == typeof(TimeOnly)) return TimeOnly.ParseExact(e.GetString()!, "HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        if (type == typeof(TimeSpan)) return TimeSpan.ParseExact(e.GetString()!, "c", CultureInfo.InvariantCulture);
        if (type == typeof(Guid)) return e.GetGuid();
        if (type == typeof(byte[])) return e.GetBytesFromBase64();
        throw new NotSupportedException($"Sikkerhetskopien støtter ikke kolonnetypen {type.Name}.");
    }

    public static async Task<DbConnection> OpenAsync(DbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return connection;
    }

    public static async Task<string?> LastMigrationAsync(DbContext db, CancellationToken ct) =>
        (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
}

/// <summary>
/// Writes a consistent copy of the whole database (every table of the model, the audit log and
/// accounts included) to a stream in the portable backup format. All tables are read in one
/// snapshot transaction, so users can keep working while it runs.
/// </summary>
[UseCase]
public sealed class Backup(SamstyringDb db, SamstyringOptions options)
{
    public async Task<BackupManifest> HandleAsync(Stream output, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var tables = BackupFormat.Tables(db);
        var connection = await BackupFormat.OpenAsync(db, ct);
        try
        {
            var migration = await BackupFormat.LastMigrationAsync(db, ct);
            // SQLite: a deferred transaction reads one snapshot (WAL) without blocking writers.
            // PostgreSQL: REPEATABLE READ gives one snapshot for every statement in the transaction.
            await using var tx = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

            var written = new List<BackupTable>();
            var attachments = BackupFormat.AttachmentColumns(db, tables);
            var attachmentFiles = new List<(int Id, StoredFile File)>();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var t in tables)
                {
                    var file = $"tables/{t.Name}.jsonl";
                    var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                    long rows = 0;
                    await using (var stream = entry.Open())
                    {
                        await using var cmd = connection.CreateCommand();
                        cmd.Transaction = tx;
                        cmd.CommandText = $"SELECT {string.Join(", ", t.Columns.Select(c => BackupFormat.Quote(db, c.Name)))} FROM {BackupFormat.Quote(db, t.Name)}"
                                          + $" ORDER BY {string.Join(", ", t.Key.Select(c => BackupFormat.Quote(db, c.Name)))}";
                        await using var reader = await cmd.ExecuteReaderAsync(ct);
                        var buffer = new MemoryStream();
                        while (await reader.ReadAsync(ct))
                        {
                            buffer.SetLength(0);
                            await using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                            {
                                w.WriteStartObject();
                                for (var i = 0; i < t.Columns.Count; i++)
                                {
                                    w.WritePropertyName(t.Columns[i].Name);
                                    BackupFormat.WriteValue(w, reader, i, t.Columns[i].ProviderType);
                                }
                                w.WriteEndObject();
                            }
                            buffer.WriteByte((byte)'\n');
                            buffer.Position = 0;
                            await buffer.CopyToAsync(stream, ct);
                            rows++;
                            if (t.Name == attachments.Table && !reader.IsDBNull(attachments.Path))
                                attachmentFiles.Add((reader.GetInt32(attachments.Id), new StoredFile(reader.GetString(attachments.Path),
                                    reader.IsDBNull(attachments.Sha256) ? null : reader.GetString(attachments.Sha256),
                                    reader.IsDBNull(attachments.Size) ? null : reader.GetInt64(attachments.Size))));
                        }
                    }
                    written.Add(new BackupTable(t.Name, file, t.Columns.Select(c => c.Name).ToList(), rows));
                }

                // Attachment files live beside the database, or in it (attachment_contents, read in this snapshot); either
                // way they go in the ZIP as files, so a backup restores whichever way the target keeps them. Only the files
                // the attachment rows of this snapshot name, and only when they are still what was stored: a restore checks
                // every file against its row and refuses the whole backup for one that does not match.
                var store = new Council.AttachmentStore(options);
                var files = new List<string>();
                var skipped = new List<string>();
                foreach (var (id, f) in attachmentFiles.Where(f => store.IsStoredPath(f.File.Path)).DistinctBy(f => f.File.Path)
                             .OrderBy(f => f.File.Path, StringComparer.Ordinal))
                {
                    var (inDatabase, content) = connection is SqliteConnection ? (false, null)
                        : await store.ReadContentAsync(connection, tx, id, f.SizeBytes, f.Sha256, ct);
                    await using var source = inDatabase ? content : await store.OpenVerifiedAsync(f.Path, f.SizeBytes, f.Sha256, ct);
                    if (source is null)
                    {
                        skipped.Add(f.Path);
                        continue;
                    }
                    var entry = zip.CreateEntry(BackupManifest.FilesPrefix + f.Path, CompressionLevel.Fastest);
                    await using var target = entry.Open();
                    await source.CopyToAsync(target, ct);
                    files.Add(f.Path);
                }
                var manifest = new BackupManifest(BackupFormat.Version, migration, db.UtcNow,
                    db.Database.IsNpgsql() ? "postgresql" : "sqlite", written, files, skipped.Count > 0 ? skipped : null);
                await using (var m = zip.CreateEntry(BackupFormat.ManifestFile).Open())
                    await JsonSerializer.SerializeAsync(m, manifest, BackupFormat.ManifestJson, ct);
                await tx.CommitAsync(ct);
                return manifest;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// What a backup can make a restore read and keep, in one place (listed in the README). A backup is the operator's own
/// file, but it may be damaged, or not one of ours: these stop it before it fills memory or disk.
/// </summary>
public static class BackupLimits
{
    /// <summary>Entries in the ZIP: the manifest, one file per table and one per attachment file.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>manifest.json unpacked; it lists the tables and every attachment file.</summary>
    public const long MaxManifestBytes = 32L * 1024 * 1024;

    /// <summary>One row of a table file (one JSON line), the audit log's values before and after included.</summary>
    public const int MaxLineBytes = 8 * 1024 * 1024;

    /// <summary>Rows the manifest may give one table. A table file may not have more rows than its manifest gives.</summary>
    public const long MaxRowsPerTable = 100_000_000;

    /// <summary>A table file unpacks to at most this many times its packed size (JSON lines pack 5 to 20 times, a zip bomb about 1 000 times) …</summary>
    public const int MaxCompressionRatio = 200;

    /// <summary>… but any table file may unpack to this much, however well it packs.</summary>
    public const long RatioFreeBytes = 64L * 1024 * 1024;

    /// <summary>An attachment file: the size its row gives, and never more than this (four times the upload limit).</summary>
    public const long MaxFileBytes = 4 * Council.AttachmentAccess.MaxBytes;
}

/// <summary>What a restore did. <see cref="Recovery"/> tells about an earlier restore that was interrupted and was tidied up first.</summary>
public sealed record RestoreResult(BackupManifest Manifest, int FilesRestored, IReadOnlyList<string> FilesMissing, string? Recovery);

/// <summary>
/// Reads a backup back into an empty, migrated database, keeping every primary key, so the result
/// equals the original row for row. Refuses a database that has data unless <c>force</c> is set,
/// in which case every table is emptied first. One transaction: all or nothing, attachment files
/// included: they are staged and checked against the checksums in the backup's attachment rows, and
/// moved into place just before the database commits (see <see cref="RestoreFiles"/>). A restore that
/// was killed leaves its staging folder behind; the next one first puts the files back in step with
/// the database, then restores again (or, when the killed one had committed this very backup, only tidies up).
/// </summary>
[UseCase]
public sealed class Restore(SamstyringDb db, SamstyringOptions options)
{
    /// <summary>The folder under the data directory where a restore stages its files.</summary>
    public const string StagingFolderName = RestoreFiles.FolderName;

    /// <summary>Called at named points ("staged", "placed:3", "before-commit", "committed") so tests can stop a restore there.</summary>
    internal Func<string, Task>? Checkpoint { get; set; }

    private Task StepAsync(string name) => Checkpoint?.Invoke(name) ?? Task.CompletedTask;

    public async Task<RestoreResult> HandleAsync(Stream input, bool force, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        using var zip = OpenZip(input);
        var (manifest, backupId) = ReadManifest(zip);

        var tables = BackupFormat.Tables(db);
        var (codesByName, upgrade) = await CheckMigrationAsync(manifest, ct);
        CheckTables(zip, manifest, tables);
        var expected = await ReadAttachmentFilesAsync(zip, manifest, tables, ct);
        var present = expected.Where(f => zip.GetEntry(BackupManifest.FilesPrefix + f.Path) is not null).ToList();
        var missing = expected.Except(present).Select(f => f.Path).ToList();

        var saveAudit = db.AuditEnabled;
        db.AuditEnabled = false; // the backup carries the audit log itself
        var files = new RestoreFiles(options);
        var connection = await BackupFormat.OpenAsync(db, ct);
        try
        {
            var (recovery, alreadyRestored) = await RecoverInterruptedRestoreAsync(files, backupId, ct);
            if (alreadyRestored)
            {
                await Search.TextExtraction.ExtractAttachmentTexts.RunAsync(db, options, all: false, ct);
                await Search.SearchIndex.BuildIfEmptyAsync(db, ct);
                return new RestoreResult(manifest, present.Count, missing,
                    "En tidligere gjenoppretting av denne sikkerhetskopien ble avbrutt etter at databasen var lagret. "
                    + "Vedleggsfilene er kontrollert og ryddet opp, og gjenopprettingen er fullført.");
            }

            await RestoreInOneTransactionAsync(connection, zip, manifest, codesByName, upgrade, tables, files, present, backupId, force, recovery, ct);
            files.MarkCommitted();
            await StepAsync("committed");
            files.Finish();
            // A backup carries the files but not their texts: read them again, then rebuild the index, which the restore
            // wrote past with SQL (searches find nothing until it is rebuilt here).
            await Search.TextExtraction.ExtractAttachmentTexts.RunAsync(db, options, all: false, ct);
            await Search.SearchIndex.RebuildAsync(db, ct);
            return new RestoreResult(manifest, present.Count, missing, recovery is null ? null : recovery + " Gjenopprettingen er kjørt på nytt og er fullført.");
        }
        finally
        {
            db.AuditEnabled = saveAudit;
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The backup as a ZIP archive, refused when it is not one or has more entries than a restore reads.</summary>
    private static ZipArchive OpenZip(Stream input)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw Refused("Filen er ikke en sikkerhetskopi fra Samstyring (ikke en gyldig ZIP-fil).");
        }
        if (zip.Entries.Count > BackupLimits.MaxEntries)
        {
            using (zip)
                throw Refused($"Sikkerhetskopien har {Norwegian.Number(zip.Entries.Count)} filer i ZIP-filen; høyst {Norwegian.Number(BackupLimits.MaxEntries)} kan leses.");
        }
        return zip;
    }

    /// <summary>
    /// Refuses a backup made by a newer version of Samstyring, or at an older schema version the database cannot take it from.
    /// A backup made just before <see cref="ApiCodes"/> has the same tables and columns, but its enum values are C# names
    /// ("Green"): it is restored with the codes the migration gives them, returned here by table and column (null when no
    /// names need renaming).
    /// </summary>
    private async Task<(CodesByName? Codes, IReadOnlyList<string> Upgrade)> CheckMigrationAsync(BackupManifest manifest, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToList();
        if (manifest.MigrationId is { } mid && !known.Contains(mid))
            throw Refused($"Sikkerhetskopien er laget av en nyere versjon av Samstyring (migrering {mid}). Oppgrader programmet før du gjenoppretter.");
        var applied = await BackupFormat.LastMigrationAsync(db, ct);
        if (manifest.MigrationId == applied) return (null, []);
        var from = manifest.MigrationId is null ? -1 : known.IndexOf(manifest.MigrationId);
        var to = applied is null ? -1 : known.IndexOf(applied);
        var between = from >= 0 && from < to ? known.GetRange(from + 1, to - from) : null;
        // An older backup restores when every migration since either only added what it lacks (rows keep their columns;
        // new tables start empty, new columns take their default) and has its data changes replayed on the restored rows,
        // or, for ApiCodes, renamed enum values, which the restore does the same way.
        if (between is not null && between.All(m => Upgrades.ContainsKey(m) || m == ApiCodes.Id)
            && (!between.Contains(ApiCodes.Id) || manifest.MigrationId == ApiCodes.Previous))
            return (between.Contains(ApiCodes.Id) ? ApiCodes.CodesByName() : null,
                between.Where(Upgrades.ContainsKey).SelectMany(m => Upgrades[m]).ToList());
        throw Refused($"Sikkerhetskopien har skjemaversjon {manifest.MigrationId ?? "(ingen)"}, databasen har {applied ?? "(ingen)"}. Kjør «samstyring migrate» på en tom database med samme versjon.");
    }

    /// <summary>
    /// Migrations a backup from before them still restores across: they add tables, and columns that are nullable or have
    /// a default, and their data changes (SQL) are run on the restored rows.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Upgrades = new Dictionary<string, string[]>
    {
        [Migrations.Solutions.Id] = [],
        [Migrations.DataCorrections.Id] = Migrations.DataCorrections.DataSql,
        [Migrations.Financing.Id] = [],
        [Migrations.Strategy.Id] = [],
        [Migrations.Benefits.Id] = [],
        [Migrations.Evaluation.Id] = [],
        [Migrations.Mail.Id] = [],
        [Migrations.EvaluationStrategyLink.Id] = [],
        [Migrations.LoginThrottle.Id] = [],
        [Migrations.ExternalSignIn.Id] = [],
        [Migrations.Reminders.Id] = [],
        [Migrations.Subscriptions.Id] = [],
        [Migrations.ApiTokens.Id] = [],
        [Migrations.SharedNodeState.Id] = [],
        [Migrations.LatestReportFigures.Id] = Migrations.LatestReportFigures.DataSql,
        [Migrations.EInnsyn.Id] = [],
        [Migrations.Search.Id] = [],
        [Migrations.SearchTerms.Id] = [],
        [Migrations.SearchKeys.Id] = [],
    };

    /// <summary>
    /// Refuses a table or column this version does not know, a missing table file, and a row count or unpacked size beyond
    /// <see cref="BackupLimits"/>, before anything is unpacked.
    /// </summary>
    private static void CheckTables(ZipArchive zip, BackupManifest manifest, List<BackupFormat.TableInfo> tables)
    {
        var byName = tables.ToDictionary(t => t.Name);
        foreach (var t in manifest.Tables)
        {
            if (!byName.TryGetValue(t.Name, out var info))
                throw Refused($"Sikkerhetskopien har tabellen «{t.Name}», som denne versjonen ikke kjenner.");
            var unknown = t.Columns.Except(info.Columns.Select(c => c.Name)).ToList();
            if (unknown.Count > 0)
                throw Refused($"Tabellen «{t.Name}» i sikkerhetskopien har ukjente kolonner: {string.Join(", ", unknown)}.");
            var entry = zip.GetEntry(t.File) ?? throw Refused($"Sikkerhetskopien mangler filen {t.File}.");
            if (t.Rows < 0 || t.Rows > BackupLimits.MaxRowsPerTable)
                throw Refused($"Tabellen «{t.Name}» i sikkerhetskopien oppgir {Norwegian.Number(t.Rows)} rader; høyst {Norwegian.Number(BackupLimits.MaxRowsPerTable)} kan leses.");
            // The sizes the ZIP declares, before anything is unpacked; what is really unpacked is counted as it is read.
            if (entry.Length > UnpackedLimit(entry)) throw Bomb(entry);
        }
    }

    /// <summary>
    /// A restore that was killed left its staging folder: first make the files agree with the database again. Gives what
    /// to tell about it (null when there was none), and whether the killed restore had already committed this very backup.
    /// </summary>
    private async Task<(string? Recovery, bool AlreadyRestored)> RecoverInterruptedRestoreAsync(RestoreFiles files, string backupId, CancellationToken ct)
    {
        if (!files.Exists) return (null, false);
        var (previousBackup, committed) = files.State();
        await files.RecoverAsync(await StoredFilesAsync(ct), ct);
        if (committed && previousBackup == backupId) return (null, true);
        return ("En tidligere gjenoppretting ble avbrutt før den var ferdig. Vedleggsfilene ble satt tilbake slik at de stemmer med databasen.", false);
    }

    /// <summary>
    /// Empties (when allowed), stages the files, inserts every row and moves the files into place, then commits. On any
    /// failure the files are put back in step with the database before the failure goes on.
    /// </summary>
    private async Task RestoreInOneTransactionAsync(DbConnection connection, ZipArchive zip, BackupManifest manifest, CodesByName? codesByName,
        IReadOnlyList<string> upgrade,
        List<BackupFormat.TableInfo> tables, RestoreFiles files, List<RestoredFile> present, string backupId, bool force, string? recovery, CancellationToken ct)
    {
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await EmptyAsync(connection, tx, tables, force, recovery, ct);
            await files.StageAsync(zip, present, backupId, ct);
            await StepAsync("staged");
            await InsertAsync(connection, tx, zip, manifest, codesByName, tables, ct);
            foreach (var sql in upgrade)
            {
                await using var command = Command(connection, tx, sql);
                await command.ExecuteNonQueryAsync(ct);
            }
            // Into the attachment directory, or (PostgreSQL without one) into attachment_contents in this very transaction.
            if (options.AttachmentsInDatabase) await files.StoreInDatabaseAsync(connection, tx, present, StepAsync, ct);
            else await files.PlaceAsync(present, StepAsync, ct);
            await StepAsync("before-commit");
            await tx.CommitAsync(ct);
        }
        catch
        {
            // Rolled back (or, had the commit itself failed, whichever way it went): the files back in step with the
            // database as it is. Should that fail too, the staging folder stays, and the next restore does it first.
            try
            {
                await files.RecoverAsync(await StoredFilesAsync(CancellationToken.None), CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException)
            {
                // The original failure is the one to report.
            }
            throw;
        }
    }

    /// <summary>Refuses a database with data unless forced; forced, empties every table.</summary>
    private async Task EmptyAsync(DbConnection connection, DbTransaction tx, List<BackupFormat.TableInfo> tables, bool force, string? recovery, CancellationToken ct)
    {
        var nonEmpty = new List<string>();
        foreach (var t in tables)
        {
            await using var count = Command(connection, tx, $"SELECT COUNT(*) FROM {Q(t.Name)}");
            if (Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0) nonEmpty.Add(t.Name);
        }
        if (nonEmpty.Count == 0) return;
        if (!force)
            throw ValidationFailedException.For("database", recovery is null
                ? $"Databasen er ikke tom (data i {string.Join(", ", nonEmpty)}). Gjenopprett til en tom database, eller bruk --force for å slette alt som finnes."
                : $"{recovery} Databasen er ikke tom (data i {string.Join(", ", nonEmpty)}): kjør samme kommando med --force for å erstatte alt med sikkerhetskopien.");
        // Keys that point at the table itself or at a later table (a cycle, such as meetings ⇄ cases) are
        // cleared first, so the rows can then go table by table in reverse order.
        var position = tables.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var t in tables)
            foreach (var fk in t.ForeignKeys.Where(f => f.PrincipalEntityType.GetTableName() is { } pt && position.TryGetValue(pt, out var pi) && pi >= position[t.Name]))
                foreach (var p in fk.Properties)
                {
                    var col = t.Columns.Single(c => c.Property == p);
                    if (!col.Nullable) continue;
                    await using var clear = Command(connection, tx, $"UPDATE {Q(t.Name)} SET {Q(col.Name)} = NULL");
                    await clear.ExecuteNonQueryAsync(ct);
                }
        // Sign-in sessions belong to the accounts being replaced (and are not in a backup): everyone signs in again.
        await using (var sessions = Command(connection, tx, $"DELETE FROM {Q("user_sessions")}"))
            await sessions.ExecuteNonQueryAsync(ct);
        // The bytes of the attachments being replaced (not a table of the backup: its files come back below).
        await using (var contents = Command(connection, tx, $"DELETE FROM {Q(Council.AttachmentContentConfiguration.Table)}"))
            await contents.ExecuteNonQueryAsync(ct);
        // Derived from the rows being replaced (not tables of the backup): the search index is rebuilt after the restore,
        // and attachment texts are extracted again from the files.
        await using (var index = Command(connection, tx, $"DELETE FROM {Q(Search.SearchDocumentConfiguration.Table)}"))
            await index.ExecuteNonQueryAsync(ct);
        await using (var texts = Command(connection, tx, $"DELETE FROM {Q(Search.AttachmentTextConfiguration.Table)}"))
            await texts.ExecuteNonQueryAsync(ct);
        foreach (var t in Enumerable.Reverse(tables))
        {
            await using var delete = Command(connection, tx, $"DELETE FROM {Q(t.Name)}");
            await delete.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction tx, ZipArchive zip, BackupManifest manifest, CodesByName? codesByName,
        List<BackupFormat.TableInfo> tables, CancellationToken ct)
    {
        var inserted = new HashSet<string>();
        var byTable = manifest.Tables.ToDictionary(t => t.Name);
        // Deferred keys are set once every table is in: across a cycle the principal may come later.
        var pending = new List<(BackupFormat.TableInfo Table, List<BackupFormat.ColumnInfo> Set, List<BackupFormat.ColumnInfo> Columns, List<(object?[] Key, object?[] Values)> Rows)>();
        foreach (var t in tables)
        {
            if (!byTable.TryGetValue(t.Name, out var entry)) { inserted.Add(t.Name); continue; }
            var columns = t.Columns.Where(c => entry.Columns.Contains(c.Name)).ToList();
            var codes = columns.Select(c => codesByName?.GetValueOrDefault((t.Name, c.Name))).ToArray();
            // A key pointing at its own table (or one not yet loaded) is written as NULL first and set afterwards.
            var deferred = t.ForeignKeys
                .Where(fk => fk.PrincipalEntityType.GetTableName() is { } p && (p == t.Name || !inserted.Contains(p)))
                .SelectMany(fk => fk.Properties).Select(p => columns.SingleOrDefault(c => c.Property == p))
                .OfType<BackupFormat.ColumnInfo>().ToHashSet();
            if (deferred.Any(c => !c.Nullable))
                throw new InvalidOperationException($"Tabellen {t.Name} har en obligatorisk fremmednøkkel i en syklus; gjenoppretting støttes ikke.");

            var later = new List<(object?[] Key, object?[] Values)>();
            long rows = 0;
            await using (var insert = Command(connection, tx,
                             $"INSERT INTO {Q(t.Name)} ({string.Join(", ", columns.Select(c => Q(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})"))
            {
                var parameters = columns.Select((c, i) => AddParameter(insert, c, "@p" + i)).ToArray();
                await insert.PrepareAsync(ct);
                await foreach (var values in ReadRowsAsync(zip, entry, columns, ct))
                {
                    ToCodes(values, codes);
                    for (var i = 0; i < columns.Count; i++)
                        SetValue(parameters[i], columns[i], deferred.Contains(columns[i]) ? null : values[i]);
                    await insert.ExecuteNonQueryAsync(ct);
                    if (deferred.Count > 0 && deferred.Any(c => values[columns.IndexOf(c)] is not null))
                        later.Add((t.Key.Select(k => values[columns.IndexOf(k)]).ToArray(), values));
                    rows++;
                }
            }
            if (rows != entry.Rows)
                throw Refused($"Tabellen «{t.Name}» skulle ha {entry.Rows} rader, men filen har {rows}. Sikkerhetskopien er skadet.");

            if (later.Count > 0) pending.Add((t, deferred.ToList(), columns, later));
            inserted.Add(t.Name);
        }

        foreach (var (t, set, columns, later) in pending)
        {
            await using var update = Command(connection, tx,
                $"UPDATE {Q(t.Name)} SET {string.Join(", ", set.Select((c, i) => $"{Q(c.Name)} = @s{i}"))} WHERE {string.Join(" AND ", t.Key.Select((c, i) => $"{Q(c.Name)} = @k{i}"))}");
            var sp = set.Select((c, i) => AddParameter(update, c, "@s" + i)).ToArray();
            var kp = t.Key.Select((c, i) => AddParameter(update, c, "@k" + i)).ToArray();
            foreach (var (key, values) in later)
            {
                for (var i = 0; i < set.Count; i++) SetValue(sp[i], set[i], values[columns.IndexOf(set[i])]);
                for (var i = 0; i < t.Key.Count; i++) SetValue(kp[i], t.Key[i], key[i]);
                await update.ExecuteNonQueryAsync(ct);
            }
        }

        if (db.Database.IsNpgsql())
        {
            foreach (var t in tables.Where(t => t.IdentityColumn is not null))
            {
                var col = t.IdentityColumn!.Name;
                // Identity sequences do not move when keys are inserted explicitly; point them past the highest key.
                await using var setval = Command(connection, tx,
                    $"SELECT setval(pg_get_serial_sequence('{Q(t.Name).Replace("'", "''")}', '{col.Replace("'", "''")}'), COALESCE((SELECT MAX({Q(col)}) FROM {Q(t.Name)}), 1), (SELECT MAX({Q(col)}) FROM {Q(t.Name)}) IS NOT NULL)");
                await setval.ExecuteScalarAsync(ct);
            }
        }
    }

    /// <summary>The enum names of a backup made before <see cref="ApiCodes"/> as the codes that migration gave them.</summary>
    private static void ToCodes(object?[] values, Dictionary<string, string>?[] codes)
    {
        for (var i = 0; i < values.Length; i++)
            if (codes[i] is { } byName && values[i] is string name && byName.TryGetValue(name, out var code)) values[i] = code;
    }

    /// <summary>
    /// The rows of a table file, one JSON line at a time, within <see cref="BackupLimits"/>: no line longer than
    /// <see cref="BackupLimits.MaxLineBytes"/>, no row more than the manifest gives, no more bytes than the entry declares.
    /// </summary>
    private static async IAsyncEnumerable<object?[]> ReadRowsAsync(ZipArchive zip, BackupTable table, List<BackupFormat.ColumnInfo> columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var entry = zip.GetEntry(table.File)!;
        await using var stream = BoundedZip.Open(entry, UnpackedLimit(entry), () => Bomb(entry), () => Damaged(entry));
        var lines = new JsonLineReader(stream, BackupLimits.MaxLineBytes);
        long row = 0;
        while (true)
        {
            ReadOnlyMemory<byte>? next;
            try
            {
                next = await lines.ReadAsync(ct);
            }
            catch (JsonLineReader.LineTooLongException)
            {
                throw Refused($"Rad {row + 1} i {table.File} er lengre enn {BackupLimits.MaxLineBytes / 1024 / 1024} MB, som er det meste én rad kan være. Sikkerhetskopien er skadet.");
            }
            if (next is not { } line) yield break;
            // A backup has one row per line and no blank lines; a file of blank lines is a zip bomb, not a table.
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
                throw Refused($"Rad {row + 1} i {table.File} er tom. Sikkerhetskopien er skadet.");
            if (++row > table.Rows)
                throw Refused($"Tabellen «{table.Name}» i sikkerhetskopien har flere rader enn de {Norwegian.Number(table.Rows)} manifestet oppgir. Sikkerhetskopien er skadet.");
            var values = new object?[columns.Count];
            try
            {
                using var doc = JsonDocument.Parse(line);
                for (var i = 0; i < columns.Count; i++)
                    values[i] = doc.RootElement.TryGetProperty(columns[i].Name, out var e) ? BackupFormat.ReadValue(e, columns[i].ProviderType) : null;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
            {
                throw Refused($"Rad {row} i {table.File} er ikke gyldig (feil JSON eller en verdi av feil type). Sikkerhetskopien er skadet.");
            }
            yield return values;
        }
    }

    /// <summary>The attachment files the backup's attachment rows name, with the size and SHA-256 each must have.</summary>
    private async Task<List<RestoredFile>> ReadAttachmentFilesAsync(ZipArchive zip, BackupManifest manifest, List<BackupFormat.TableInfo> tables, CancellationToken ct)
    {
        var attachments = BackupFormat.AttachmentColumns(db, tables);
        if (manifest.Tables.FirstOrDefault(t => t.Name == attachments.Table) is not { } table) return [];
        var all = tables.Single(t => t.Name == attachments.Table).Columns;
        var columns = new List<BackupFormat.ColumnInfo> { all[attachments.Path], all[attachments.Sha256], all[attachments.Size], all[attachments.Id] };
        var files = new Dictionary<string, RestoredFile>(StringComparer.Ordinal);
        var store = new Council.AttachmentStore(options);
        await foreach (var values in ReadRowsAsync(zip, table, columns, ct))
        {
            if (values[0] is not string path) continue;
            if (!store.IsStoredPath(path))
                throw Refused($"Sikkerhetskopien har et vedlegg med ugyldig lagringssti «{Validator.Truncate(path)}». Sikkerhetskopien er skadet.");
            if (values[1] is not string sha || values[2] is not long size || size < 0)
                throw Refused($"Vedlegget {path} i sikkerhetskopien mangler størrelse eller sjekksum. Sikkerhetskopien er skadet.");
            if (size > BackupLimits.MaxFileBytes)
                throw Refused($"Vedlegget {path} i sikkerhetskopien er {Norwegian.FileSize(size)}; høyst {BackupLimits.MaxFileBytes / 1024 / 1024} MB per fil kan leses.");
            if (files.TryGetValue(path, out var same) && (same.Sha256 != sha || same.SizeBytes != size))
                throw Refused($"To vedlegg i sikkerhetskopien har samme fil {path} med ulikt innhold. Sikkerhetskopien er skadet.");
            if (values[3] is not int id)
                throw Refused($"Vedlegget {path} i sikkerhetskopien mangler id. Sikkerhetskopien er skadet.");
            files[path] = new RestoredFile(path, sha, size, [.. same?.AttachmentIds ?? [], id]);
        }
        return files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The attachment files the database describes now, to put the files back in step with it.</summary>
    private async Task<List<StoredFile>> StoredFilesAsync(CancellationToken ct) =>
        await db.Attachments.AsNoTracking().Where(a => a.StoragePath != null)
            .Select(a => new StoredFile(a.StoragePath!, a.Sha256, a.SizeBytes)).ToListAsync(ct);

    /// <summary>What a table file may unpack to: a multiple of its packed size, or <see cref="BackupLimits.RatioFreeBytes"/>.</summary>
    private static long UnpackedLimit(ZipArchiveEntry entry) =>
        Math.Max(BackupLimits.RatioFreeBytes, entry.CompressedLength * BackupLimits.MaxCompressionRatio);

    private static ValidationFailedException Bomb(ZipArchiveEntry entry) => Refused(
        $"{entry.FullName} i sikkerhetskopien pakker ut til {Norwegian.FileSize(entry.Length)}, mer enn {BackupLimits.MaxCompressionRatio} ganger "
        + $"sin pakkede størrelse og over {BackupLimits.RatioFreeBytes / 1024 / 1024} MB. Filen er skadet eller laget for å fylle minnet (en zip-bombe).");

    private static ValidationFailedException Damaged(ZipArchiveEntry entry) => Refused(
        $"Sikkerhetskopien er skadet: {entry.FullName} pakker ikke ut til de {Norwegian.Number(entry.Length)} bytene den oppgir.");

    private static ValidationFailedException Refused(string message) => ValidationFailedException.For("file", message);

    private string Q(string identifier) => BackupFormat.Quote(db, identifier);

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        return cmd;
    }

    private static DbParameter AddParameter(DbCommand cmd, BackupFormat.ColumnInfo c, string name)
    {
        // The model's type mapping sets the provider's parameter type (timestamptz, date, …).
        var p = c.Mapping.CreateParameter(cmd, name, null, nullable: true);
        cmd.Parameters.Add(p);
        return p;
    }

    private static void SetValue(DbParameter p, BackupFormat.ColumnInfo c, object? value)
    {
        // PostgreSQL's timestamptz only takes UTC; the application stores UTC everywhere.
        if (value is DateTime { Kind: DateTimeKind.Unspecified } dt && c.Mapping.StoreType.Contains("with time zone", StringComparison.OrdinalIgnoreCase))
            value = DateTime.SpecifyKind(dt, DateTimeKind.Utc);
        p.Value = value ?? DBNull.Value;
    }

    /// <summary>The manifest, and a fingerprint of it that tells one backup from another (SHA-256 of its bytes).</summary>
    private static (BackupManifest Manifest, string BackupId) ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry(BackupFormat.ManifestFile)
                    ?? throw Refused("Filen er ikke en sikkerhetskopi fra Samstyring (mangler manifest.json).");
        if (entry.Length > BackupLimits.MaxManifestBytes)
            throw Refused($"manifest.json i sikkerhetskopien er {Norwegian.FileSize(entry.Length)} utpakket; høyst {BackupLimits.MaxManifestBytes / 1024 / 1024} MB kan leses.");
        BackupManifest? manifest;
        byte[] bytes;
        try
        {
            using var s = BoundedZip.Open(entry, BackupLimits.MaxManifestBytes, () => Damaged(entry), () => Damaged(entry));
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            bytes = copy.ToArray();
            manifest = JsonSerializer.Deserialize<BackupManifest>(bytes, BackupFormat.ManifestJson);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw Refused("Sikkerhetskopien har et skadet manifest.");
        }
        if (manifest?.Tables is null) throw Refused("Sikkerhetskopien har et skadet manifest.");
        if (manifest.FormatVersion != BackupFormat.Version)
            throw Refused($"Ukjent format på sikkerhetskopien (versjon {manifest.FormatVersion}); denne versjonen leser versjon {BackupFormat.Version}.");
        return (manifest, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }
}

/// <summary>
/// Reads newline-separated lines as UTF-8 bytes from a stream, refusing a line longer than the limit before it is
/// kept whole. The line returned lives in the reader's buffer until the next read.
/// </summary>
internal sealed class JsonLineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public sealed class LineTooLongException : Exception;

    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken ct)
    {
        var scanned = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline >= 0)
            {
                if (newline - _start > maxLineBytes) throw new LineTooLongException();
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                return line;
            }
            if (_end - _start > maxLineBytes) throw new LineTooLongException();
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, (int)Math.Min(_buffer.Length * 2L, maxLineBytes + 2L));
            scanned = _end;
            var n = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (n == 0)
            {
                if (_end == _start) return null;
                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return last;
            }
            _end += n;
        }
    }
}
