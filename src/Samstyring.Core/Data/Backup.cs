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
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Data;

/// <summary>What a backup holds; stored as manifest.json at the root of the backup ZIP.</summary>
public sealed record BackupManifest(
    int FormatVersion, string? MigrationId, DateTime CreatedAt, string Provider, IReadOnlyList<BackupTable> Tables,
    IReadOnlyList<string>? Files = null)
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
        else if (type == typeof(decimal)) w.WriteStringValue(r.GetFieldValue<decimal>(i).ToString(CultureInfo.InvariantCulture));
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
                        }
                    }
                    written.Add(new BackupTable(t.Name, file, t.Columns.Select(c => c.Name).ToList(), rows));
                }

                // Attachment files live beside the database; they go in the same ZIP.
                var store = new Council.AttachmentStore(options);
                var files = store.ListFiles().Where(store.IsStoredPath).ToList();
                foreach (var f in files)
                {
                    var entry = zip.CreateEntry(BackupManifest.FilesPrefix + f, CompressionLevel.Fastest);
                    await using var target = entry.Open();
                    await using var source = store.OpenRead(f);
                    await source.CopyToAsync(target, ct);
                }
                var manifest = new BackupManifest(BackupFormat.Version, migration, db.UtcNow,
                    db.Database.IsNpgsql() ? "postgresql" : "sqlite", written, files);
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
/// Reads a backup back into an empty, migrated database, keeping every primary key, so the result
/// equals the original row for row. Refuses a database that has data unless <c>force</c> is set,
/// in which case every table is emptied first. One transaction: all or nothing.
/// </summary>
[UseCase]
public sealed class Restore(SamstyringDb db, SamstyringOptions options)
{
    public async Task<BackupManifest> HandleAsync(Stream input, bool force, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw ValidationFailedException.For("file", "Filen er ikke en sikkerhetskopi fra Samstyring (ikke en gyldig ZIP-fil).");
        }
        using var _ = zip;
        var manifest = ReadManifest(zip);

        var tables = BackupFormat.Tables(db);
        var byName = tables.ToDictionary(t => t.Name);
        var known = db.Database.GetMigrations().ToList();
        if (manifest.MigrationId is { } mid && !known.Contains(mid))
            throw ValidationFailedException.For("file", $"Sikkerhetskopien er laget av en nyere versjon av Samstyring (migrering {mid}). Oppgrader programmet før du gjenoppretter.");
        var applied = await BackupFormat.LastMigrationAsync(db, ct);
        if (manifest.MigrationId != applied)
            throw ValidationFailedException.For("file", $"Sikkerhetskopien har skjemaversjon {manifest.MigrationId ?? "(ingen)"}, databasen har {applied ?? "(ingen)"}. Kjør «samstyring migrate» på en tom database med samme versjon.");
        foreach (var t in manifest.Tables)
        {
            if (!byName.TryGetValue(t.Name, out var info))
                throw ValidationFailedException.For("file", $"Sikkerhetskopien har tabellen «{t.Name}», som denne versjonen ikke kjenner.");
            var unknown = t.Columns.Except(info.Columns.Select(c => c.Name)).ToList();
            if (unknown.Count > 0)
                throw ValidationFailedException.For("file", $"Tabellen «{t.Name}» i sikkerhetskopien har ukjente kolonner: {string.Join(", ", unknown)}.");
            if (zip.GetEntry(t.File) is null)
                throw ValidationFailedException.For("file", $"Sikkerhetskopien mangler filen {t.File}.");
        }

        var saveAudit = db.AuditEnabled;
        db.AuditEnabled = false; // the backup carries the audit log itself
        var connection = await BackupFormat.OpenAsync(db, ct);
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var nonEmpty = new List<string>();
            foreach (var t in tables)
            {
                await using var count = Command(connection, tx, $"SELECT COUNT(*) FROM {Q(t.Name)}");
                if (Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0) nonEmpty.Add(t.Name);
            }
            if (nonEmpty.Count > 0)
            {
                if (!force)
                    throw ValidationFailedException.For("database",
                        $"Databasen er ikke tom (data i {string.Join(", ", nonEmpty)}). Gjenopprett til en tom database, eller bruk --force for å slette alt som finnes.");
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
                foreach (var t in Enumerable.Reverse(tables))
                {
                    await using var delete = Command(connection, tx, $"DELETE FROM {Q(t.Name)}");
                    await delete.ExecuteNonQueryAsync(ct);
                }
            }

            var inserted = new HashSet<string>();
            var byTable = manifest.Tables.ToDictionary(t => t.Name);
            // Deferred keys are set once every table is in: across a cycle the principal may come later.
            var pending = new List<(BackupFormat.TableInfo Table, List<BackupFormat.ColumnInfo> Set, List<BackupFormat.ColumnInfo> Columns, List<(object?[] Key, object?[] Values)> Rows)>();
            foreach (var t in tables)
            {
                if (!byTable.TryGetValue(t.Name, out var entry)) { inserted.Add(t.Name); continue; }
                var columns = t.Columns.Where(c => entry.Columns.Contains(c.Name)).ToList();
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
                    using var reader = new StreamReader(zip.GetEntry(entry.File)!.Open(), Encoding.UTF8);
                    while (await reader.ReadLineAsync(ct) is { } line)
                    {
                        if (line.Length == 0) continue;
                        using var doc = JsonDocument.Parse(line);
                        var values = new object?[columns.Count];
                        for (var i = 0; i < columns.Count; i++)
                        {
                            var c = columns[i];
                            values[i] = doc.RootElement.TryGetProperty(c.Name, out var e) ? BackupFormat.ReadValue(e, c.ProviderType) : null;
                            SetValue(parameters[i], c, deferred.Contains(c) ? null : values[i]);
                        }
                        await insert.ExecuteNonQueryAsync(ct);
                        if (deferred.Count > 0 && deferred.Any(c => values[columns.IndexOf(c)] is not null))
                            later.Add((t.Key.Select(k => values[columns.IndexOf(k)]).ToArray(), values));
                        rows++;
                    }
                }
                if (rows != entry.Rows)
                    throw ValidationFailedException.For("file", $"Tabellen «{t.Name}» skulle ha {entry.Rows} rader, men filen har {rows}. Sikkerhetskopien er skadet.");

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
            await tx.CommitAsync(ct);
            await RestoreFilesAsync(zip, manifest, ct);
            return manifest;
        }
        finally
        {
            db.AuditEnabled = saveAudit;
            await db.Database.CloseConnectionAsync();
        }
    }

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

    /// <summary>Writes the attachment files back beside the restored database; only paths the store itself would write.</summary>
    private async Task RestoreFilesAsync(ZipArchive zip, BackupManifest manifest, CancellationToken ct)
    {
        var store = new Council.AttachmentStore(options);
        foreach (var f in manifest.Files ?? [])
        {
            if (!store.IsStoredPath(f) || zip.GetEntry(BackupManifest.FilesPrefix + f) is not { } entry) continue;
            var path = store.FullPath(f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var source = entry.Open();
            await using var target = new FileStream(path, FileMode.Create, FileAccess.Write);
            await source.CopyToAsync(target, ct);
        }
    }

    private static BackupManifest ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry(BackupFormat.ManifestFile)
                    ?? throw ValidationFailedException.For("file", "Filen er ikke en sikkerhetskopi fra Samstyring (mangler manifest.json).");
        BackupManifest? manifest;
        try
        {
            using var s = entry.Open();
            manifest = JsonSerializer.Deserialize<BackupManifest>(s, BackupFormat.ManifestJson);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw ValidationFailedException.For("file", "Sikkerhetskopien har et skadet manifest.");
        }
        if (manifest?.Tables is null) throw ValidationFailedException.For("file", "Sikkerhetskopien har et skadet manifest.");
        if (manifest.FormatVersion != BackupFormat.Version)
            throw ValidationFailedException.For("file", $"Ukjent format på sikkerhetskopien (versjon {manifest.FormatVersion}); denne versjonen leser versjon {BackupFormat.Version}.");
        return manifest;
    }
}
