using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samstyring.Core.Data;

/// <summary>
/// What the benchmarks that call Core directly on SQLite and PostgreSQL share (adoption, financing): the databases to run on,
/// timing a call in a fresh DI scope as one web request, the RESULT line, and removing the databases afterwards.
/// </summary>
static class CoreBench
{
    /// <summary>A database to run on: SQLite in a data directory, PostgreSQL from the options or the environment.</summary>
    public sealed record Target(string Provider, SamstyringOptions Options);

    /// <summary>
    /// SQLite (in --data-dir, else a temporary directory) and PostgreSQL (--connection-string, else SAMSTYRING_TEST_POSTGRES with
    /// the database <paramref name="database"/>), less those skipped (--skip-sqlite, --skip-postgres). No read cache.
    /// </summary>
    public static (List<Target> Targets, string? TempDir) Targets(Args opts, string name, string database)
    {
        var targets = new List<Target>();
        string? tempDir = null;
        if (!opts.Flag("skip-sqlite"))
        {
            var dir = opts.Get("data-dir") ?? (tempDir = Path.Combine(Path.GetTempPath(), $"samstyring-{name}-bench-" + Guid.NewGuid().ToString("N")[..8]));
            targets.Add(new("SQLite", new SamstyringOptions { DataDirectory = dir, DemoData = false, ReadCache = false }));
        }
        if (!opts.Flag("skip-postgres"))
        {
            var cs = opts.Get("connection-string") ?? PostgresFromEnvironment(database);
            if (cs is null) Console.Error.WriteLine("no PostgreSQL (set SAMSTYRING_TEST_POSTGRES or --connection-string, or --skip-postgres); SQLite only");
            else targets.Add(new("PostgreSQL", new SamstyringOptions { ConnectionString = cs, DemoData = false, ReadCache = false }));
        }
        return (targets, tempDir);
    }

    private static string? PostgresFromEnvironment(string database)
    {
        var env = Environment.GetEnvironmentVariable("SAMSTYRING_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(env)) return null;
        return new NpgsqlConnectionStringBuilder(env) { Database = database }.ConnectionString;
    }

    /// <summary>Drops the benchmark's database (unless kept).</summary>
    public static async Task DropAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Database.EnsureDeletedAsync();
    }

    /// <summary>Removes the temporary SQLite directory, if one was made.</summary>
    public static void RemoveTempDir(string? tempDir)
    {
        if (tempDir is null) return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(tempDir, true); } catch (IOException) { }
    }

    /// <summary>
    /// Runs <paramref name="run"/> (given the service and the iteration number) warmup + iterations times, each in a fresh scope, for
    /// at most <paramref name="maxSeconds"/> (warm-up: a fifth of it), and prints
    /// RESULT provider label n p50 p95 p99 max cpu_p50 alloc_mb_p50 output, times in ms. CPU is this process's (all threads).
    /// </summary>
    public static async Task MeasureAsync<TService>(string provider, string label, IServiceProvider services, int warmup, int iterations,
        Func<TService, int, Task<int>> run, int maxSeconds = int.MaxValue / 2) where TService : notnull
    {
        var wall = new List<double>(iterations);
        var cpu = new List<double>(iterations);
        var alloc = new List<double>(iterations);
        var size = 0;
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < warmup && clock.Elapsed.TotalSeconds < maxSeconds / 5.0; i++)
        {
            await using var scope = services.CreateAsyncScope();
            size = await run(scope.ServiceProvider.GetRequiredService<TService>(), i);
        }
        clock.Restart();
        for (var i = 0; i < iterations && clock.Elapsed.TotalSeconds < maxSeconds; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocBefore = GC.GetTotalAllocatedBytes();
            var sw = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
                size = await run(scope.ServiceProvider.GetRequiredService<TService>(), i);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            alloc.Add((GC.GetTotalAllocatedBytes() - allocBefore) / 1048576.0);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        Console.WriteLine(string.Join('\t', "RESULT", provider, label, wall.Count.ToString(CultureInfo.InvariantCulture), F(Pct(wall, 50)), F(Pct(wall, 95)),
            F(Pct(wall, 99)), F(wall.Max()), F(Pct(cpu, 50)), F(Pct(alloc, 50)), size.ToString(CultureInfo.InvariantCulture)));
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
