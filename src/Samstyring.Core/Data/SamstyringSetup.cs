using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;

namespace Samstyring.Core.Data;

/// <summary>Bound from the "Samstyring" configuration section and ConnectionStrings:Samstyring.</summary>
public sealed class SamstyringOptions
{
    public string DataDirectory { get; set; } = "./data";
    /// <summary>PostgreSQL connection string; when empty, SQLite under <see cref="DataDirectory"/> is used.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Fill an empty database with demo data and demo accounts.</summary>
    public bool DemoData { get; set; } = true;
    /// <summary>Keep public reads in memory until the data changes. Off only to measure or debug the uncached path.</summary>
    public bool ReadCache { get; set; } = true;
    /// <summary>How long a change waits for a database that is busy with other changes before it gives up (HTTP 503).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, "samstyring.db"));
}

public static class SamstyringSetup
{
    public static IServiceCollection AddSamstyringCore(this IServiceCollection services, SamstyringOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditContext>();
        services.AddSingleton<DataVersion>();
        services.AddSingleton<ReadCache>();
        services.AddSingleton<DataVersionInterceptor>();
        if (!options.UsesPostgres) Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        // Options are built once (singleton); a context per request stays cheap.
        services.AddDbContext<SamstyringDb>((sp, o) => Configure(o, options).AddInterceptors(sp.GetRequiredService<DataVersionInterceptor>()),
            ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        foreach (var type in typeof(SamstyringSetup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttributes(typeof(UseCaseAttribute), false).Length > 0))
            services.AddScoped(type);
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, SamstyringOptions options)
    {
        if (options.UsesPostgres)
        {
            o.UseNpgsql(options.ConnectionString);
        }
        else
        {
            o.UseSqlite($"Data Source={options.SqlitePath};Default Timeout={Math.Max(1, options.BusyTimeoutSeconds)};Pooling=True");
            o.AddInterceptors(SqliteUnicodeLower.Instance);
        }
        // Migrations are hand-written without a model snapshot; MigrationSchemaTests guards the schema instead.
        return o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Creates or upgrades the schema, then fills reference (and optionally demo) data into an empty database.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool? demo = null, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var options = scope.ServiceProvider.GetRequiredService<SamstyringOptions>();
        await MigrateAsync(db, ct);
        await new Seeder(db).SeedAsync(demo ?? options.DemoData, ct);
    }

    public static async Task MigrateAsync(SamstyringDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>
/// SQLite's built-in lower() folds ASCII only, so "sør-øst" would not find "Helse Sør-Øst RHF".
/// Replacing it per connection makes case-insensitive search behave as on PostgreSQL.
/// </summary>
internal sealed class SqliteUnicodeLower : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteUnicodeLower Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(System.Data.Common.DbConnection connection) =>
        ((Microsoft.Data.Sqlite.SqliteConnection)connection).CreateFunction("lower", (string? s) => s?.ToLowerInvariant(), isDeterministic: true);
}

/// <summary>Marks a use-case handler; registered as scoped by <see cref="SamstyringSetup.AddSamstyringCore"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UseCaseAttribute : Attribute;
