using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Actors;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Data.Migrations;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// Enum values are stored as their API codes ("green", "rollout-project"); before <see cref="ApiCodes"/> they were stored
/// as their C# names ("Green", "RolloutProject"). The migration converts existing rows both ways, and a backup made
/// before it restores with the codes.
/// </summary>
public abstract class ApiCodesTests(Provider provider)
{
    private static readonly CurrentUser Office = CurrentUser.System;

    [Fact]
    public async Task Every_enum_property_is_stored_by_its_codes_and_the_migration_lists_every_value()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        await using var services = scratch.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();

        var renamed = ApiCodes.CodesByName();
        var columns = EnumColumns(db, all: true);
        Assert.True(columns.Count >= 30, "Fant for få enum-kolonner i modellen.");
        foreach (var (table, column, _, property) in columns)
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            Assert.Equal(typeof(EnumCodeConverter<>).MakeGenericType(type), property.GetTypeMapping().Converter?.GetType());
            var values = Enum.GetValues(type).Cast<Enum>().ToList();
            Assert.All(values, v => Assert.True(v.Code().Length <= property.GetMaxLength(), $"{table}.{column}: «{v.Code()}» er for lang."));
            // Columns and values added after the migration are stored by their codes from the start.
            if (AddedAfterApiCodes.Contains($"{table}.{column}")) continue;
            Assert.True(renamed.TryGetValue((table, column), out var byName), $"{table}.{column} mangler i {ApiCodes.Id}.");
            var added = AddedValuesAfterApiCodes.GetValueOrDefault($"{table}.{column}", []);
            Assert.Equal(values.Where(v => !added.Contains(v.ToString())).ToDictionary(v => v.ToString(), v => v.Code()), byName);
        }
        Assert.Equal(columns.Count - AddedAfterApiCodes.Count, renamed.Count);
    }

    [Fact]
    public async Task The_migration_gives_an_old_row_its_codes_and_Down_gives_the_names_back()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        await using var services = scratch.BuildServices();
        await services.MigrateToAsync(ApiCodes.Previous);

        var createdAt = provider == Provider.Sqlite ? "2026-01-01 00:00:00" : "2026-01-01 00:00:00+00";
        await using (var conn = scratch.CreateConnection())
        {
            await conn.OpenAsync();
            await ExecuteAsync(conn, """
                INSERT INTO "organizations" ("Key", "Name", "Type", "ActorGroup", "Region", "Version")
                VALUES ('gammel', 'Gammel rad', 'Rhf', 'Spesialisthelsetjenesten', 'HelseSorOst', 1)
                """);
            await ExecuteAsync(conn, $"""
                INSERT INTO "users" ("UserName", "DisplayName", "PasswordHash", "Role", "CreatedAt", "SecurityStamp")
                VALUES ('gammel', 'Gammel bruker', 'x', 'PortfolioOffice', '{createdAt}', '')
                """);
        }

        await services.MigrateToAsync(null);
        Assert.Equal(["rhf", "spesialisthelsetjenesten", "helse-sor-ost", "portfolio-office"], await ReadRawAsync(scratch));
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Key == "gammel");
            Assert.Equal((OrganizationType.Rhf, ActorGroup.Spesialisthelsetjenesten, HealthRegion.HelseSorOst),
                (organization.Type, organization.ActorGroup, organization.Region));
            Assert.Equal(Role.PortfolioOffice, (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "gammel")).Role);
            // Queries compare with the codes too.
            Assert.True(await db.Organizations.AnyAsync(o => o.Key == "gammel" && o.Region == HealthRegion.HelseSorOst));
        }

        await services.MigrateToAsync(ApiCodes.Previous);
        Assert.Equal(["Rhf", "Spesialisthelsetjenesten", "HelseSorOst", "PortfolioOffice"], await ReadRawAsync(scratch));
    }

    /// <summary>Every enum value in the demo data goes down to its C# name and comes back up as the same code.</summary>
    [Fact]
    public async Task The_demo_data_goes_down_to_names_and_up_again_unchanged()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync(demo: true);
        await RemoveLaterValuesAsync(services);
        List<EnumColumn> columns;
        await using (var scope = services.CreateAsyncScope())
            columns = EnumColumns(scope.ServiceProvider.GetRequiredService<SamstyringDb>());

        var before = await ReadColumnsAsync(scratch, columns);
        Assert.Contains(before, c => c.Value.Contains("rollout-project"));
        foreach (var (table, column, _, property) in columns)
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            var codes = Enum.GetValues(type).Cast<Enum>().Select(v => v.Code()).ToHashSet();
            Assert.All(before[$"{table}.{column}"], v => Assert.True(v is null || codes.Contains(v), $"{table}.{column}: «{v}»"));
        }

        await services.MigrateToAsync(ApiCodes.Previous);
        var down = await ReadColumnsAsync(scratch, columns);
        foreach (var (table, column, _, property) in columns)
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            var names = Enum.GetNames(type).ToHashSet();
            Assert.All(down[$"{table}.{column}"], v => Assert.True(v is null || names.Contains(v), $"{table}.{column}: «{v}»"));
        }

        await services.MigrateToAsync(null);
        Assert.Equal(before, await ReadColumnsAsync(scratch, columns));
    }

    /// <summary>
    /// A backup made before the migration (its manifest names the migration before, its rows the C# names) restores into
    /// a database at the migration with the codes: a new backup of it equals the backup of the database it came from.
    /// </summary>
    [Fact]
    public async Task A_backup_with_the_old_names_restores_with_the_codes()
    {
        await using var source = await ScratchDatabase.CreateAsync(provider);
        await using var target = await ScratchDatabase.CreateAsync(provider);
        if (source is null || target is null) return;
        await using var sourceServices = source.BuildServices();
        await sourceServices.InitializeDatabaseAsync(demo: true);
        await RemoveLaterValuesAsync(sourceServices);
        var backup = new MemoryStream();
        List<EnumColumn> columns;
        await using (var scope = sourceServices.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Backup>().HandleAsync(backup, Office);
            columns = EnumColumns(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
        }
        var old = WithOldNames(backup, columns);
        Assert.Contains("\"RolloutProject\"", TableFiles(old)["tables/initiatives.jsonl"]);

        await using var targetServices = target.BuildServices();
        await targetServices.MigrateToAsync(null);
        await using (var scope = targetServices.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "test";
            await scope.ServiceProvider.GetRequiredService<Restore>().HandleAsync(new MemoryStream(old.ToArray()), force: false, Office);
        }
        var again = new MemoryStream();
        await using (var scope = targetServices.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Backup>().HandleAsync(again, Office);
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            Assert.True(await db.Initiatives.AnyAsync(i => i.Kind == InitiativeKind.RolloutProject));
        }
        Assert.Equal(TableFiles(backup), TableFiles(again));
    }

    /// <summary>An enum property of the model, with its table, column and the table's key column.</summary>
    private sealed record EnumColumn(string Table, string Column, string Key, IProperty Property)
    {
        public Type Type => Nullable.GetUnderlyingType(Property.ClrType) ?? Property.ClrType;
    }

    /// <summary>The enum columns of the model; without <paramref name="all"/>, only those that existed at <see cref="ApiCodes"/>.</summary>
    private static List<EnumColumn> EnumColumns(SamstyringDb db, bool all = false) =>
        BackupFormat.Tables(db)
            .SelectMany(t => t.Columns.Select(c => new EnumColumn(t.Name, c.Name, t.Key[0].Name, c.Property)))
            .Where(c => c.Type.IsEnum && (all || !AddedAfterApiCodes.Contains($"{c.Table}.{c.Column}")))
            .ToList();

    /// <summary>Enum columns added by later migrations (<see cref="Solutions"/>, <see cref="Samstyring.Core.Data.Migrations.Financing"/>).</summary>
    private static readonly HashSet<string> AddedAfterApiCodes =
    [
        "national_solutions.Kind", "national_solutions.Lifecycle", "national_solutions.FinancingModel", "solution_events.Lifecycle",
        "adoption_changes.Stage", "adoption_counts.Group", "adoption_counts.Stage", "adoption_targets.Group", "adoption_targets.Stage",
        "adoption_targets.Measure",
        // Financing (issue 11)
        "price_models.Status", "price_model_steps.Step", "price_model_shares.Group", "price_model_shares.Key",
        "price_model_shares.Collection", "status_reports.FundingSource",
        // Strategy (issue 12)
        "strategies.Status", "strategy_steps.Status",
        // Evaluation against principles (issue 12)
        "principle_sets.Purpose", "evaluations.Purpose", "evaluations.Status",
        // Benefits (issue 12)
        "benefits.Type", "benefits.Stakeholder",
        // E-mail subscriptions (issue 13)
        "subscriptions.Status",
        // API tokens (issue 14)
        "api_tokens.Kind", "api_tokens.Role",
        // The latest report's figures on the initiative (issue 14)
        "initiatives.LatestStatus", "initiatives.LatestRisk",
    ];

    /// <summary>Enum values added after the migration, by column: no row could hold them as a C# name.</summary>
    private static readonly Dictionary<string, string[]> AddedValuesAfterApiCodes = new() { ["users.Role"] = ["Operator", "Tbu"] };

    /// <summary>
    /// Removes the demo rows that hold a value of <see cref="AddedValuesAfterApiCodes"/> (the operator account drift-nhn, the TBU account tbu): a
    /// database from before <see cref="ApiCodes"/> could not have them, so they have no C# name to go down to.
    /// </summary>
    private static async Task RemoveLaterValuesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var roles = AddedValuesAfterApiCodes["users.Role"].Select(Enum.Parse<Role>).ToList();
        await db.UserSessions.Where(x => roles.Contains(x.User.Role)).ExecuteDeleteAsync();
        await db.Users.Where(u => roles.Contains(u.Role)).ExecuteDeleteAsync();
    }

    /// <summary>The backup as one made before <see cref="ApiCodes"/>: the migration before it, and C# names for codes.</summary>
    private static MemoryStream WithOldNames(MemoryStream backup,
        List<EnumColumn> columns)
    {
        backup.Position = 0;
        var result = new MemoryStream();
        using (var from = new ZipArchive(backup, ZipArchiveMode.Read, leaveOpen: true))
        using (var to = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in from.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName == "manifest.json")
                {
                    var manifest = JsonSerializer.Deserialize<BackupManifest>(text, BackupFormat.ManifestJson)!;
                    text = JsonSerializer.Serialize(manifest with { MigrationId = ApiCodes.Previous }, BackupFormat.ManifestJson);
                }
                else if (entry.FullName.StartsWith("tables/", StringComparison.Ordinal))
                {
                    var table = entry.FullName["tables/".Length..^".jsonl".Length];
                    var enums = columns.Where(c => c.Table == table).ToList();
                    var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
                    {
                        var row = JsonNode.Parse(line)!.AsObject();
                        foreach (var c in enums)
                        {
                            if (row[c.Column]?.GetValue<string>() is not { } code) continue;
                            row[c.Column] = Enum.GetValues(c.Type).Cast<Enum>().Single(v => v.Code() == code).ToString();
                        }
                        return row.ToJsonString();
                    });
                    text = string.Concat(lines.Select(l => l + "\n"));
                }
                using var writer = new StreamWriter(to.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
        }
        result.Position = 0;
        return result;
    }

    private static Dictionary<string, string> TableFiles(MemoryStream backup)
    {
        backup.Position = 0;
        using var zip = new ZipArchive(backup, ZipArchiveMode.Read, leaveOpen: true);
        return zip.Entries.Where(e => e.FullName.StartsWith("tables/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    /// <summary>Migrates up or down to <paramref name="migration"/> (the latest when null).</summary>

    private static async Task<List<string?>> ReadRawAsync(ScratchDatabase scratch)
    {
        await using var conn = scratch.CreateConnection();
        await conn.OpenAsync();
        var organization = await RowsAsync(conn, """SELECT "Type", "ActorGroup", "Region" FROM "organizations" WHERE "Key" = 'gammel'""");
        var user = await RowsAsync(conn, """SELECT "Role" FROM "users" WHERE "UserName" = 'gammel'""");
        return [.. organization.Single(), .. user.Single()];
    }

    /// <summary>Each enum column's values as stored, in key order.</summary>
    private static async Task<Dictionary<string, List<string?>>> ReadColumnsAsync(ScratchDatabase scratch,
        List<EnumColumn> columns)
    {
        await using var conn = scratch.CreateConnection();
        await conn.OpenAsync();
        var values = new Dictionary<string, List<string?>>();
        foreach (var (table, column, key, _) in columns)
            values[$"{table}.{column}"] = (await RowsAsync(conn, $"""SELECT "{column}" FROM "{table}" ORDER BY "{key}" """)).Select(r => r[0]).ToList();
        return values;
    }

    private static async Task ExecuteAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<string?[]>> RowsAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray());
        return rows;
    }
}

public sealed class ApiCodesTestsSqlite() : ApiCodesTests(Provider.Sqlite);

public sealed class ApiCodesTestsPostgres() : ApiCodesTests(Provider.Postgres);
