using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// The migrations are written by hand (no EF design-time tooling), so this is what keeps them honest: a
/// database built by the migrations must have exactly the schema EF would build from the model.
/// </summary>
public abstract class MigrationSchemaTests(Provider provider)
{
    [Fact]
    public async Task Migrated_schema_equals_the_schema_built_from_the_model()
    {
        await using var migrated = await ScratchDatabase.CreateAsync(provider);
        if (migrated is null) return;
        await using var modelBuilt = (await ScratchDatabase.CreateAsync(provider))!;

        await using (var services = migrated.BuildServices())
        await using (var scope = services.CreateAsyncScope())
            await SamstyringSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
        await using (var services = modelBuilt.BuildServices())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            await db.Database.EnsureCreatedAsync();
            // The full-text structures EF cannot model; the Search migration runs the same statements.
            foreach (var sql in Samstyring.Core.Search.SearchSchema.ProviderSql(db.Database.ProviderName)) await db.Database.ExecuteSqlRawAsync(sql);
        }

        var fromMigrations = await ReadSchemaAsync(migrated);
        var fromModel = await ReadSchemaAsync(modelBuilt);

        Assert.Contains(fromModel, l => l.StartsWith("table initiatives", StringComparison.Ordinal));
        Assert.True(fromModel.Count(l => l.StartsWith("table ", StringComparison.Ordinal)) >= 13, "Fant for få tabeller i modellen.");
        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The migrated {provider} schema differs from the model.\nIn the model but not made by the migrations:\n  "
            + string.Join("\n  ", missing) + "\nMade by the migrations but not in the model:\n  " + string.Join("\n  ", extra));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless_and_records_the_migration()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync(demo: false);
        await services.InitializeDatabaseAsync(demo: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261123000000_InitialCreate", await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The schema as sorted lines: tables, columns (type, nullability, key/identity), indexes (uniqueness), foreign keys.</summary>
    private static async Task<List<string>> ReadSchemaAsync(ScratchDatabase scratch)
    {
        await using var conn = scratch.CreateConnection();
        await conn.OpenAsync();
        var lines = scratch.Provider == Provider.Sqlite ? await ReadSqliteAsync(conn) : await ReadPostgresAsync(conn);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection conn)
    {
        var lines = new List<string>();
        var tables = await RowsAsync(conn,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
        foreach (var t in tables)
        {
            var table = (string)t[0]!;
            var sql = (string)t[1]!;
            lines.Add($"table {table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            foreach (var c in await RowsAsync(conn, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{table}')"))
                lines.Add($"column {table}.{c[0]} type={c[1]} notnull={c[2]} pk={c[3]} default={c[4] ?? "-"}");
            foreach (var i in await RowsAsync(conn, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var cols = await RowsAsync(conn, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {table}.{i[0]} unique={i[1]} origin={i[2]} partial={i[3]} ({string.Join(", ", cols.Select(x => x[0]))})");
            }
            foreach (var f in await RowsAsync(conn,
                         $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"))
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on update {f[3]} on delete {f[4]}");
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection conn)
    {
        var lines = new List<string>();
        foreach (var t in await RowsAsync(conn,
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'"))
            lines.Add($"table {t[0]}");
        foreach (var c in await RowsAsync(conn, """
                     SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, datetime_precision,
                            is_nullable, column_default, is_identity, identity_generation
                     FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
                     """))
            lines.Add($"column {c[0]}.{c[1]} type={c[2]}({c[3] ?? c[4] ?? c[5]}) nullable={c[6]} default={c[7] ?? "-"} identity={c[8]}/{c[9] ?? "-"}");
        foreach (var i in await RowsAsync(conn,
                     "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
            lines.Add($"index {i[0]}.{i[1]}: {i[2]}");
        // Primary keys, foreign keys (with their delete rule), unique and check constraints.
        foreach (var k in await RowsAsync(conn, """
                     SELECT cl.relname, co.conname, pg_get_constraintdef(co.oid)
                     FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
                     WHERE co.connamespace = 'public'::regnamespace AND cl.relname <> '__EFMigrationsHistory'
                     """))
            lines.Add($"constraint {k[0]}.{k[1]}: {k[2]}");
        return lines;
    }

    private static async Task<List<object?[]>> RowsAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}

public sealed class MigrationSchemaTestsSqlite() : MigrationSchemaTests(Provider.Sqlite);

public sealed class MigrationSchemaTestsPostgres() : MigrationSchemaTests(Provider.Postgres);
