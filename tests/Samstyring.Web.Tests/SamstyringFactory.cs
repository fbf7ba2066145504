extern alias web;

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Samstyring.Web.Tests;

public enum Provider { Sqlite, Postgres }

/// <summary>The demo accounts (Seeder.DemoUsers) plus the anonymous visitor.</summary>
public enum As { Anonymous, Office, OwnerHso, OwnerOslo, Ks, Member, OperatorNhn, Tbu }

/// <summary>
/// The whole web app over TestServer with its own throwaway database filled with demo data: SQLite in a temp
/// directory, or a fresh PostgreSQL database on the server in SAMSTYRING_TEST_POSTGRES. One per test class.
/// </summary>
public abstract class SamstyringFactory : WebApplicationFactory<web::Program>
{
    public const string PostgresVariable = "SAMSTYRING_TEST_POSTGRES";
    public const string DemoPassword = "samstyring";

    private readonly ConcurrentDictionary<As, HttpClient> _clients = new();

    public abstract Provider Provider { get; }

    /// <summary>Ids of demo records looked up by name; they never change within one app instance.</summary>
    public ConcurrentDictionary<string, int> Ids { get; } = new();

    /// <summary>False only for PostgreSQL when no server is configured (outside CI).</summary>
    public abstract bool IsConfigured { get; }

    public static string UserName(As user) => user switch
    {
        As.Office => "kontor",
        As.OwnerHso => "eier-hso",
        As.OwnerOslo => "eier-oslo",
        As.Ks => "ks",
        As.Member => "medlem",
        As.OperatorNhn => "drift-nhn",
        As.Tbu => "tbu",
        _ => throw new ArgumentOutOfRangeException(nameof(user)),
    };

    /// <summary>A client that sends HTTP Basic credentials for the user (none for anonymous). Shared per user.</summary>
    public HttpClient Client(As user) => _clients.GetOrAdd(user, u =>
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        if (u != As.Anonymous)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName(u)}:{DemoPassword}")));
        return client;
    });

    /// <summary>A browser-like client with its own cookie jar, for the login flow and pages.</summary>
    public HttpClient BrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// A second app instance over the same database, as a second node behind a load balancer: a host, key-ring cache and
    /// memory of its own. With SQLite it shares the data directory (the database is in it); with PostgreSQL it gets a data
    /// directory of its own, so that only the database is shared. Disposed with this factory.
    /// </summary>
    public WebApplicationFactory<web::Program> AnotherNode(Action<IWebHostBuilder>? configure = null) => WithWebHostBuilder(b =>
    {
        if (Provider == Provider.Postgres)
            b.UseSetting("Samstyring:DataDirectory", Path.Combine(Path.GetTempPath(), "samstyring-web-tests", "node-" + Guid.NewGuid().ToString("N")));
        configure?.Invoke(b);
    });

    /// <summary>Makes the database unreachable for the running app, to see /healthz fail.</summary>
    public abstract Task BreakDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (host configuration) reaches Program.cs before it reads its options; app configuration would be too late.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Samstyring:DemoData", "true");
        if (!RealLoginLimits)
        {
            // The shared apps take many wrong passwords from the same (test) address on purpose; the throttle has tests of
            // its own, on apps with the real limits (ThrottledSqliteFactory).
            builder.UseSetting("Samstyring:Login:FreeAttempts", "100000");
            builder.UseSetting("Samstyring:Login:LockoutAttempts", "100000");
            builder.UseSetting("Samstyring:Login:AddressAttempts", "100000");
            builder.UseSetting("Samstyring:Login:UserFreeAttempts", "100000");
        }
        builder.ConfigureLogging(l => l.AddProvider(new ServerErrors()).AddProvider(new RequestLog()));
        ConfigureDatabase(builder);
    }

    protected abstract void ConfigureDatabase(IWebHostBuilder builder);

    /// <summary>Whether the app signs in with the default login limits (else with limits no test reaches).</summary>
    protected virtual bool RealLoginLimits => false;

    /// <summary>
    /// Whether the test should run. PostgreSQL without SAMSTYRING_TEST_POSTGRES: skipped by returning early, except on
    /// CI (CI=true), where it fails so that a misconfigured pipeline cannot look green.
    /// </summary>
    public bool Ready()
    {
        if (IsConfigured) return true;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"CI=true but {PostgresVariable} is not set: the PostgreSQL web tests cannot run. Run them through scripts/test.sh, " +
                "or set it to a connection string for a CREATEDB user with Database=postgres.");
        return false;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        _clients.Clear();
        await base.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task DropDatabaseAsync();
}

public class SqliteFactory : SamstyringFactory
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samstyring-web-tests", Guid.NewGuid().ToString("N"));

    public override Provider Provider => Provider.Sqlite;
    public override bool IsConfigured => true;
    public string DataDirectory => _directory;

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseSetting("Samstyring:DataDirectory", _directory);
        builder.UseSetting("ConnectionStrings:Samstyring", "");
    }

    public override Task BreakDatabaseAsync()
    {
        // Pooled connections would keep the unlinked file readable: close them, then take the directory away.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        try { if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a temp directory left behind is harmless */ }
        return Task.CompletedTask;
    }
}

public class PostgresFactory : SamstyringFactory
{
    private readonly string? _admin = Environment.GetEnvironmentVariable(PostgresVariable);
    private readonly string _databaseName = "samstyring_web_" + Guid.NewGuid().ToString("N")[..16];
    private bool _created;

    public override Provider Provider => Provider.Postgres;
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(_admin);
    private string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _databaseName }.ConnectionString;

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        if (!IsConfigured) throw new InvalidOperationException($"{PostgresVariable} is not set.");
        if (!_created)
        {
            using var conn = new NpgsqlConnection(_admin);
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            cmd.ExecuteNonQuery();
            _created = true;
        }
        builder.UseSetting("ConnectionStrings:Samstyring", ConnectionString);
    }

    public override async Task BreakDatabaseAsync()
    {
        await DropDatabaseAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        if (!_created) return;
        NpgsqlConnection.ClearAllPools();
        // FORCE ends the app's stray connections, but a non-superuser may not end an autovacuum worker (busy after the
        // seed's bulk inserts: 42501 or 55006), and a cluster shared by many classes may be out of connections (53300)
        // for a moment. Plain DROP waits for autovacuum to leave by itself; alternate the two, a few times.
        for (var attempt = 1; ; attempt++)
        {
            var force = attempt % 2 == 1 ? " WITH (FORCE)" : "";
            try
            {
                await using var conn = new NpgsqlConnection(_admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\"{force}", conn);
                await cmd.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException) when (attempt < 20)
            {
                await Task.Delay(250 * Math.Min(attempt, 4));
            }
        }
        _created = false;
    }
}

/// <summary>One SQLite app shared by the smaller test classes (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "shared SQLite app";
}

/// <summary>One PostgreSQL app shared by the smaller test classes (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "shared PostgreSQL app";
}

/// <summary>An app of its own with the default login limits, for the throttling tests.</summary>
public sealed class ThrottledSqliteFactory : SqliteFactory
{
    protected override bool RealLoginLimits => true;
}

public sealed class ThrottledPostgresFactory : PostgresFactory
{
    protected override bool RealLoginLimits => true;
}
