using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// An empty throwaway database on one provider: SQLite in a temp directory, or a PostgreSQL database with a
/// random name on the server in SAMSTYRING_TEST_POSTGRES (a CREATEDB user, Database=postgres). Removed on dispose.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SAMSTYRING_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;
    private readonly string? _directory;

    private ScratchDatabase(Provider provider, SamstyringOptions options, string? adminConnectionString, string? databaseName, string? directory)
    {
        Provider = provider;
        Options = options;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
        _directory = directory;
    }

    public Provider Provider { get; }
    public SamstyringOptions Options { get; }

    /// <summary>
    /// Null when PostgreSQL is asked for but SAMSTYRING_TEST_POSTGRES is unset (the tests then pass without running);
    /// on CI (CI=true) that is a failure instead, so a misconfigured pipeline cannot look green.
    /// </summary>
    public static async Task<ScratchDatabase?> CreateAsync(Provider provider)
    {
        if (provider == Provider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return new ScratchDatabase(provider, new SamstyringOptions { DataDirectory = dir, DemoData = true }, null, null, dir);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"CI=true but {PostgresVariable} is not set: the PostgreSQL half of the Core tests cannot run. " +
                    "Run the tests through scripts/test.sh, or set it to a connection string for a CREATEDB user with Database=postgres.");
            return null;
        }

        var name = "samstyring_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        // Files (attachments) still live under the data directory with PostgreSQL.
        var files = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", name);
        Directory.CreateDirectory(files);
        return new ScratchDatabase(provider, new SamstyringOptions { ConnectionString = cs, DataDirectory = files, DemoData = true }, admin, name, files);
    }

    /// <param name="clock">A clock the test sets, for answers that depend on the date or time; null: the real clock.</param>
    public ServiceProvider BuildServices(FixedClock? clock = null)
    {
        var services = new ServiceCollection().AddSamstyringCore(Options);
        if (clock is not null) services.AddSingleton<TimeProvider>(clock);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A raw connection to this database, for reading the catalog.</summary>
    public DbConnection CreateConnection() => Provider == Provider.Sqlite
        ? new SqliteConnection($"Data Source={Options.SqlitePath};Pooling=False")
        : new NpgsqlConnection(Options.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (Provider == Provider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory!, recursive: true); }
            catch (IOException) { /* a stray handle; the temp directory is cleaned by the OS */ }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_directory!, recursive: true); }
        catch (IOException) { /* cleaned by the OS */ }
        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync();
        // FORCE ends our own stray connections, but a non-superuser may not end an autovacuum worker
        // (busy after the seed's bulk inserts); plain DROP ends that one itself. Try both, a few times.
        for (var attempt = 1; ; attempt++)
        {
            var force = attempt % 2 == 1 ? " WITH (FORCE)" : "";
            try
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\"{force}", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}

/// <summary>
/// One migrated database with reference and demo data, shared by the tests of one class (seeding takes a
/// second or two; a class's tests run one after another). Tests that change data work on initiatives
/// they create themselves, or on demo rows no other test of the class looks at.
/// </summary>
public abstract class TestDatabase(Provider provider, DateOnly? today = null) : IAsyncLifetime
{
    private ScratchDatabase? _scratch;
    private ServiceProvider? _services;

    public Provider Provider { get; } = provider;

    /// <summary>The clock the use cases see when the database was made with a date (noon UTC that day); null: the real clock.</summary>
    public FixedClock? Clock { get; } = today is { } day ? new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)) : null;

    /// <summary>False only for PostgreSQL when SAMSTYRING_TEST_POSTGRES is unset outside CI: tests then return at once.</summary>
    public bool Available => _services is not null;

    public ScratchDatabase Scratch => _scratch ?? throw new InvalidOperationException("Databasen er ikke tilgjengelig.");
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Databasen er ikke tilgjengelig.");

    // The demo accounts (Seeder.DemoUsers), one per role.
    public CurrentUser Office { get; private set; } = null!;
    public CurrentUser OwnerHelseSorOst { get; private set; } = null!;
    public CurrentUser OwnerOslo { get; private set; } = null!;
    public CurrentUser KsCoordinator { get; private set; } = null!;
    public CurrentUser Member { get; private set; } = null!;
    /// <summary>drift-nhn: the operator of the solutions Norsk Helsenett SF runs (kjernejournal among them).</summary>
    public CurrentUser OperatorNhn { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(Provider);
        if (_scratch is null) return;
        Configure(_scratch.Options);
        _services = _scratch.BuildServices(Clock);
        await _services.InitializeDatabaseAsync(demo: true);
        var users = await QueryAsync(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName, u => u.ToCurrentUser()));
        Office = users["kontor"];
        OwnerHelseSorOst = users["eier-hso"];
        OwnerOslo = users["eier-oslo"];
        KsCoordinator = users["ks"];
        Member = users["medlem"];
        OperatorNhn = users["drift-nhn"];
    }

    /// <summary>Changes the options before the services are built (such as where attachment files go).</summary>
    protected virtual void Configure(SamstyringOptions options)
    {
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_scratch is not null) await _scratch.DisposeAsync();
    }

    /// <summary>Runs a use case in a fresh scope (a fresh DbContext), as one web request would. Audit entries name the acting user.</summary>
    public async Task<T> SendAsync<TUseCase, T>(Func<TUseCase, Task<T>> action, CurrentUser? actingUser = null) where TUseCase : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        SetAuditUser(scope, actingUser);
        return await action(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    public async Task SendAsync<TUseCase>(Func<TUseCase, Task> action, CurrentUser? actingUser = null) where TUseCase : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        SetAuditUser(scope, actingUser);
        await action(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>Reads (or arranges) data directly, in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }

    public Task<int> InitiativeIdAsync(string name) =>
        QueryAsync(db => db.Initiatives.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    public Task<int> OrganizationIdAsync(string key) =>
        QueryAsync(db => db.Organizations.Where(o => o.Key == key).Select(o => o.Id).SingleAsync());

    // The web host does the same per request (WebSetup): the audit trail names who acted.
    private static void SetAuditUser(AsyncServiceScope scope, CurrentUser? user) =>
        scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = user?.UserName ?? "anonym";
}

public sealed class SqliteDatabase() : TestDatabase(Provider.Sqlite);

public sealed class PostgresDatabase() : TestDatabase(Provider.Postgres);

/// <summary>
/// A database whose clock stands still on <see cref="Day"/>, for tests of the demo data's standing on a date: the demo
/// benefits have fixed due dates (the first on 31 December 2027), and a benefit past its due date short of its target is late.
/// </summary>
public sealed class SqliteDatabaseOnDemoDay() : TestDatabase(Provider.Sqlite, Day)
{
    public static readonly DateOnly Day = new(2026, 12, 1);
}

public sealed class PostgresDatabaseOnDemoDay() : TestDatabase(Provider.Postgres, SqliteDatabaseOnDemoDay.Day);

/// <summary>A clock that says the same instant until the test moves it.</summary>
public static class Migrating
{
    /// <summary>Migrates the scratch database up or down to <paramref name="migration"/> (null: the newest).</summary>
    public static async Task MigrateToAsync(this IServiceProvider services, string? migration)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SamstyringDb>().GetService<IMigrator>().MigrateAsync(migration);
    }
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
