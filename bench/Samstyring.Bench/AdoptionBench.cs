using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Solutions;

/// <summary>
/// Adoption (innføring) of national solutions at scale, on SQLite and on PostgreSQL: 15 solutions from the reference
/// catalogue, and for each of them and each municipality a recorded change every month for 10 years (357 × 15 × 120 =
/// 642 600 rows in adoption_changes), stages taking a random walk that mostly advances and sometimes steps back. Each
/// solution also has three municipal targets (so the per-target series are computed) and counts for two other groups.
/// The rows are bulk loaded (SQLite: prepared INSERTs in one transaction; PostgreSQL: binary COPY, then ANALYZE).
///
/// Measures Core directly (no read cache; every call is a fresh scope, as one web request), cycling through the 15 solutions:
///   - SolutionQueries.SummaryAsync(key) for today (the adoption summary, /adoption/summary uncached);
///   - the map SVG exactly as GET /api/v1/solutions/{key}/adoption-map.svg builds it: SummaryAsync, AdoptionOnAsync on the
///     summary's date, AdoptionReport.MapSvg;
///   - SolutionQueries.AdoptionOnAsync(key, today − 5 years) (the state per municipality at a past date).
/// Prints RESULT provider label n p50 p95 p99 max cpu_p50 alloc_mb_p50 output_size, times in ms. CPU time is this process's
/// (all threads): on SQLite the whole cost, on PostgreSQL the client's share only.
///   adoption [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--solutions N] [--months N]
///            [--iterations N] [--warmup N] [--max-seconds N] [--explain] [--keep] [--reuse] [--stored-changes-only]
/// Without --connection-string, PostgreSQL is SAMSTYRING_TEST_POSTGRES with the database samstyring_adoption_bench (needs
/// CREATEDB; the database is dropped and created, and dropped again at the end unless --keep).
/// </summary>
static class AdoptionBench
{
    private static readonly string[] Sources =
    [
        "Opplastet liste fra NHN", "Rapportert av kommunen", "Statusmøte med KS", "Innføringsprosjektet, månedsrapport", "Sak i produktstyret",
    ];

    public static async Task<int> RunAsync(Args opts)
    {
        var solutionCount = opts.Int("solutions", 15);
        var months = opts.Int("months", 120);
        var iterations = opts.Int("iterations", 200);
        var warmup = opts.Int("warmup", 20);
        var maxSeconds = opts.Int("max-seconds", 45);
        var explain = opts.Flag("explain");
        var keep = opts.Flag("keep");
        var reuse = opts.Flag("reuse");
        // Only the rows the product would store: both ways in (RecordAdoptionChange, ImportAdoption) skip a stage that is unchanged.
        StoredOnly = opts.Flag("stored-changes-only");

        var (targets, tempDir) = CoreBench.Targets(opts, "adoption", "samstyring_adoption_bench");
        foreach (var (provider, options) in targets)
        {
            await using var services = Args.Services(options);
            var (keys, info) = reuse && await ExistingAsync(services, solutionCount, months) is { } existing
                ? (existing, "reusing the database of an earlier run (--reuse)")
                : await GenerateAsync(services, options, solutionCount, months);
            Console.WriteLine($"{provider}: {info}");
            if (provider == "SQLite") Console.WriteLine($"{provider}: database_mb={new FileInfo(options.SqlitePath).Length / 1048576.0:0}");
            if (explain) await ExplainAsync(services, keys[0]);

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var past = today.AddYears(-5);
            await Measure(provider, "SummaryAsync (i dag)", services, keys, warmup, iterations, maxSeconds, async (q, key) =>
            {
                var s = await q.SummaryAsync(key);
                return s.Municipalities;
            });
            await Measure(provider, "Kart-SVG (FindAsync + AdoptionOnAsync + MapSvg, i dag)", services, keys, warmup, iterations, maxSeconds, async (q, key) =>
            {
                var solution = await q.FindAsync(key);
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                return AdoptionReport.MapSvg(solution.Name, today, await q.AdoptionOnAsync(key, today)).Length;
            });
            await Measure(provider, $"AdoptionOnAsync ({past:yyyy-MM-dd}, 5 år tilbake)", services, keys, warmup, iterations, maxSeconds, async (q, key) =>
                (await q.AdoptionOnAsync(key, past)).Count);

            if (!keep) await CoreBench.DropAsync(services);
        }
        if (!keep) CoreBench.RemoveTempDir(tempDir);
        return 0;
    }

    // ------------------------------------------------------------------ data

    /// <summary>The solution keys when the database already holds this dataset (--reuse, while changing the code under test).</summary>
    private static async Task<List<string>?> ExistingAsync(IServiceProvider services, int solutionCount, int months)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        try
        {
            if (!await db.Database.CanConnectAsync()) return null;
            var municipalities = await db.Organizations.CountAsync(o => o.MunicipalityNumber != null);
            if (await db.AdoptionChanges.CountAsync() != (long)solutionCount * municipalities * months) return null;
            return await db.NationalSolutions.OrderBy(s => s.Key).Take(solutionCount).Select(s => s.Key).ToListAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<(List<string> Keys, string Info)> GenerateAsync(IServiceProvider services, SamstyringOptions options, int solutionCount, int months)
    {
        var total = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Database.EnsureDeletedAsync();
        await services.InitializeDatabaseAsync(false);

        await using var scope2 = services.CreateAsyncScope();
        var db = scope2.ServiceProvider.GetRequiredService<SamstyringDb>();
        db.AuditEnabled = false;
        var municipalities = await db.Organizations.Where(o => o.MunicipalityNumber != null).OrderBy(o => o.MunicipalityNumber).Select(o => o.Id).ToListAsync();
        var solutions = await db.NationalSolutions.OrderBy(s => s.Key).Take(solutionCount).ToListAsync();
        if (solutions.Count < solutionCount) throw new ArgumentException($"the catalogue has only {solutions.Count} solutions");

        // Targets (one on "in use" as a share, one far ahead, one on another stage as a count) and counts for two groups.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var s in solutions)
        {
            db.AdoptionTargets.AddRange(
                new AdoptionTarget { SolutionId = s.Id, Group = AdoptionGroup.Municipalities, Stage = AdoptionStage.InUse, Measure = TargetMeasure.Percent, Value = 75, DueOn = today.AddYears(-3), CaseReference = "Sak 38/21", Version = 1 },
                new AdoptionTarget { SolutionId = s.Id, Group = AdoptionGroup.Municipalities, Stage = AdoptionStage.InUse, Measure = TargetMeasure.Percent, Value = 100, DueOn = today.AddYears(3), CaseReference = "Sak 12/25", Version = 1 },
                new AdoptionTarget { SolutionId = s.Id, Group = AdoptionGroup.Municipalities, Stage = AdoptionStage.TechnicallyReady, Measure = TargetMeasure.Count, Value = 300, DueOn = today.AddYears(1), CaseReference = "Sak 4/24", Version = 1 },
                new AdoptionTarget { SolutionId = s.Id, Group = AdoptionGroup.HealthTrusts, Stage = AdoptionStage.InUse, Measure = TargetMeasure.Percent, Value = 100, DueOn = today.AddYears(-2), CaseReference = "Sak 38/21", Version = 1 });
            for (var y = 0; y < 10; y++)
            {
                var on = new DateOnly(today.Year - 10 + y, 6, 30);
                db.AdoptionCounts.Add(new AdoptionCount { SolutionId = s.Id, Group = AdoptionGroup.HealthTrusts, Stage = AdoptionStage.InUse, Count = Math.Min(20, 2 * y + 2), Total = 20, On = on, Source = "Syntetisk", RecordedBy = "bench", RecordedAt = DateTime.UtcNow });
                db.AdoptionCounts.Add(new AdoptionCount { SolutionId = s.Id, Group = AdoptionGroup.GpOffices, Stage = AdoptionStage.InUse, Count = 150 * y, Total = 1700, On = on, Source = "Syntetisk", RecordedBy = "bench", RecordedAt = DateTime.UtcNow });
            }
        }
        await db.SaveChangesAsync();

        var rows = Changes(solutions.Select(s => s.Id).ToList(), municipalities, months, today);
        var insert = Stopwatch.StartNew();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        if (conn is NpgsqlConnection pg)
        {
            await CopyAsync(pg, rows);
            // autovacuum would do this within a minute on a live server; do it now so the plans are the steady-state ones.
            await using var analyze = new NpgsqlCommand("ANALYZE", pg);
            await analyze.ExecuteNonQueryAsync();
        }
        else await InsertAsync((SqliteConnection)conn, rows);
        await conn.CloseAsync();
        var perSolution = rows.Count / solutions.Count;
        return (solutions.Select(s => s.Key).ToList(),
            $"solutions={solutions.Count} municipalities={municipalities.Count} months={months} changes={rows.Count} changes_per_solution={perSolution} "
            + $"first={rows.Min(r => r.On):yyyy-MM-dd} last={rows.Max(r => r.On):yyyy-MM-dd} insert_seconds={insert.Elapsed.TotalSeconds:0.0} generate_seconds={total.Elapsed.TotalSeconds:0.0}");
    }

    private static bool StoredOnly;

    private sealed record Row(int SolutionId, int OrganizationId, AdoptionStage Stage, DateOnly On, string Source);

    /// <summary>
    /// A change every month for every municipality: the stage advances with a pace of the municipality's own (5–30 % a month),
    /// steps back 3 % of the time, else is confirmed unchanged. Months end with the last one before today.
    /// </summary>
    private static List<Row> Changes(List<int> solutionIds, List<int> municipalities, int months, DateOnly today)
    {
        var rows = new List<Row>(solutionIds.Count * municipalities.Count * months);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-months);
        var sources = new string[months];
        for (var k = 0; k < months; k++)
        {
            var m = first.AddMonths(k);
            sources[k] = $"{Sources[k % Sources.Length]} {m.Month:00}/{m.Year}";
        }
        foreach (var s in solutionIds)
        {
            var rng = new Random(20261205 + s);
            foreach (var org in municipalities)
            {
                var pace = 5 + rng.Next(26);
                var stage = AdoptionStage.NotStarted;
                for (var k = 0; k < months; k++)
                {
                    var roll = rng.Next(100);
                    var was = stage;
                    if (roll < pace && stage < AdoptionStage.InUse) stage++;
                    else if (roll >= 97 && stage > AdoptionStage.NotStarted) stage--;
                    var day = rng.Next(28);
                    if (StoredOnly && stage == was) continue;
                    rows.Add(new Row(s, org, stage, first.AddMonths(k).AddDays(day), sources[k]));
                }
            }
        }
        return rows;
    }

    private static readonly string[] Columns = ["SolutionId", "OrganizationId", "Stage", "On", "Source", "RecordedBy", "RecordedAt", "IsDemo"];

    private static async Task InsertAsync(SqliteConnection conn, List<Row> rows)
    {
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"adoption_changes\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, k) => $"$p{k}"))})";
        var ps = Columns.Select((_, k) => cmd.Parameters.Add(new SqliteParameter($"$p{k}", null))).ToArray();
        cmd.Prepare();
        foreach (var r in rows)
        {
            // The same text formats EF Core's SQLite provider writes.
            ps[0].Value = r.SolutionId;
            ps[1].Value = r.OrganizationId;
            ps[2].Value = r.Stage.Code();
            ps[3].Value = r.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            ps[4].Value = r.Source;
            ps[5].Value = "bench";
            ps[6].Value = r.On.ToDateTime(new TimeOnly(9, 0)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            ps[7].Value = 0;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<Row> rows)
    {
        await using var writer = await conn.BeginBinaryImportAsync(
            $"COPY \"adoption_changes\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(r.SolutionId, NpgsqlDbType.Integer);
            await writer.WriteAsync(r.OrganizationId, NpgsqlDbType.Integer);
            await writer.WriteAsync(r.Stage.Code(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(r.On, NpgsqlDbType.Date);
            await writer.WriteAsync(r.Source, NpgsqlDbType.Varchar);
            await writer.WriteAsync("bench", NpgsqlDbType.Varchar);
            await writer.WriteAsync(r.On.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
        }
        await writer.CompleteAsync();
    }

    // ------------------------------------------------------------------ measuring

    private static Task Measure(string provider, string label, ServiceProvider services, List<string> keys, int warmup, int iterations,
        int maxSeconds, Func<SolutionQueries, string, Task<int>> run) =>
        CoreBench.MeasureAsync<SolutionQueries>(provider, label, services, warmup, iterations, (q, i) => run(q, keys[i % keys.Count]), maxSeconds);

    /// <summary>The plan of the query that reads a solution's changes up to today (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN).</summary>
    private static async Task ExplainAsync(IServiceProvider services, string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var id = await db.NationalSolutions.Where(s => s.Key == key).Select(s => s.Id).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var pg = conn is NpgsqlConnection;
        var queries = new[]
        {
            ("changes up to today", $"SELECT \"OrganizationId\", \"Stage\", \"On\", \"Id\" FROM adoption_changes WHERE \"SolutionId\" = {id} AND \"On\" <= '{today:yyyy-MM-dd}'"),
            ("latest per municipality (AdoptionOnAsync)", $"SELECT c.\"OrganizationId\", c.\"Stage\", c.\"On\", c.\"Id\", c.\"Source\" FROM adoption_changes c WHERE c.\"SolutionId\" = {id} AND c.\"Id\" IN ("
                + $"SELECT (SELECT d.\"Id\" FROM adoption_changes d WHERE d.\"SolutionId\" = {id} AND d.\"OrganizationId\" = o.\"Id\" AND d.\"On\" <= '{today:yyyy-MM-dd}' "
                + "ORDER BY d.\"On\" DESC, d.\"Id\" DESC LIMIT 1) FROM organizations o WHERE o.\"MunicipalityNumber\" IS NOT NULL)"),
        };
        foreach (var (name, sql) in queries)
        {
            Console.WriteLine($"== {name}\n{sql}\n-- plan:");
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = (pg ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("   " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(k => reader.GetValue(k)?.ToString())));
        }
        await conn.CloseAsync();
    }
}
