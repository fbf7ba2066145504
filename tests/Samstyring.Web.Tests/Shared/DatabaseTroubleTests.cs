using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// The database turns read-only or gets locked while the app runs: a change is a 503 with Retry-After and a Norwegian
/// problem (pages: a Norwegian 503 page), never a 500; reads go on; /healthz says it is degraded; and all is well again
/// once the database is. Tests run as root, so chmod proves nothing: read-only is SQLite's query_only on the app's
/// connections or PostgreSQL's default_transaction_read_only, and locked is another connection holding the lock.
/// </summary>
public abstract class DatabaseTroubleTests(SamstyringFactory factory) : WebTest(factory)
{
    private ITroubleMaker Trouble => (ITroubleMaker)Factory;

    [Fact]
    public async Task A_read_only_database_gives_503_for_changes_keeps_reads_and_is_reported_until_it_is_writable_again()
    {
        if (!Factory.Ready()) return;
        var slug = await NewBodyAsync();
        await AssertHealthyAsync();

        await Trouble.SetReadOnlyAsync(true);
        try
        {
            using (var refused = await Client(As.Office).PostJsonAsync("/api/v1/meetings", Meeting(slug, "2042-01-10")))
                await AssertUnavailableAsync(refused);
            using (var read = await Anonymous.GetAsync($"/api/v1/bodies/{slug}")) await read.AssertStatusAsync(HttpStatusCode.OK);
            await AssertUnavailablePageAsync(slug);
            await AssertDegradedAsync();
        }
        finally
        {
            await Trouble.SetReadOnlyAsync(false);
        }

        await AssertHealthyAsync();
        using var saved = await Client(As.Office).PostJsonAsync("/api/v1/meetings", Meeting(slug, "2042-01-10"));
        await saved.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("1/2042", (await saved.ReadJsonAsync()).Str("number"));
    }

    [Fact]
    public async Task A_locked_database_gives_503_for_changes_after_the_busy_timeout_and_works_again_when_released()
    {
        if (!Factory.Ready()) return;
        var slug = await NewBodyAsync();
        await AssertHealthyAsync();

        await using (await Trouble.LockAsync())
        {
            using (var refused = await Client(As.Office).PostJsonAsync("/api/v1/meetings", Meeting(slug, "2043-01-10")))
                await AssertUnavailableAsync(refused);
            using (var read = await Anonymous.GetAsync($"/api/v1/bodies/{slug}")) await read.AssertStatusAsync(HttpStatusCode.OK);
            // SQLite has one lock for the whole database, so the probe sees it; PostgreSQL locks a table, not the database.
            if (Factory.Provider == Provider.Sqlite) await AssertDegradedAsync();
        }

        await AssertHealthyAsync();
        using var saved = await Client(As.Office).PostJsonAsync("/api/v1/meetings", Meeting(slug, "2043-01-10"));
        await saved.AssertStatusAsync(HttpStatusCode.Created);
    }

    private async Task<string> NewBodyAsync()
    {
        var slug = "drift-" + Guid.NewGuid().ToString("N")[..6];
        using var response = await Client(As.Office).PostJsonAsync("/api/v1/bodies", new
        {
            slug, name = "Testorgan " + slug, shortName = (string?)null, establishedOn = "2030-01-01", kind = "board",
            description = "Laget av webtestene.", quorumRule = "majority", quorumCount = (int?)null, nationalSolutionId = (int?)null, mandate = "Teste drift.",
        });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return slug;
    }

    private static object Meeting(string body, string date) =>
        new { body, date, startTime = "10:00", endTime = "12:00", location = "Møterom", isVideo = false, kind = "ordinary" };

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await response.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta is { } after && after > TimeSpan.Zero, "Retry-After mangler");
        var problem = await response.ReadJsonAsync();
        Assert.Equal(503, problem.Int("status"));
        Assert.Equal("Ikke tilgjengelig akkurat nå", problem.Str("title"));
        Assert.True(ApiHelpers.LooksNorwegian(problem.Str("detail")), problem.Str("detail"));
        Assert.DoesNotContain("SQLite", problem.ToJsonString());
    }

    /// <summary>The secretariat's form for a new meeting answers a 503 page in Norwegian.</summary>
    private async Task AssertUnavailablePageAsync(string slug)
    {
        using var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"kontor:{SamstyringFactory.DemoPassword}")));
        using var form = await browser.GetAsync($"/sekretariat/moter/ny?organ={slug}");
        await form.AssertStatusAsync(HttpStatusCode.OK);
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var response = await browser.PostAsync("/sekretariat/moter/ny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["body"] = slug, ["date"] = "2042-02-10", ["startTime"] = "10:00", ["endTime"] = "12:00", ["location"] = "Oslo", ["kind"] = "ordinary",
            ["__RequestVerificationToken"] = token,
        }));
        await response.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nb\"", html);
        Assert.Contains("Ikke tilgjengelig akkurat nå", html);
    }

    private async Task AssertDegradedAsync()
    {
        using var health = await Anonymous.GetAsync("/healthz");
        await health.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(health.Headers.RetryAfter);
        Assert.StartsWith("degradert:", await health.Content.ReadAsStringAsync());
    }

    private async Task AssertHealthyAsync()
    {
        using var health = await Anonymous.GetAsync("/healthz");
        await health.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
    }
}

/// <summary>What a test factory does to its database to make it read-only or locked.</summary>
public interface ITroubleMaker
{
    Task SetReadOnlyAsync(bool readOnly);

    /// <summary>Another connection takes the lock until disposed.</summary>
    Task<IAsyncDisposable> LockAsync();
}

/// <summary>SQLite: PRAGMA query_only on every connection the app opens (writes fail with SQLITE_READONLY), BEGIN EXCLUSIVE to lock.</summary>
public sealed class TroubleSqliteFactory : SqliteFactory, ITroubleMaker
{
    private readonly QueryOnly _queryOnly = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Samstyring:BusyTimeoutSeconds", "2");
        builder.ConfigureServices(s => s.ConfigureDbContext<SamstyringDb>(o => o.AddInterceptors(_queryOnly)));
    }

    public Task SetReadOnlyAsync(bool readOnly)
    {
        _queryOnly.On = readOnly;
        return Task.CompletedTask;
    }

    public async Task<IAsyncDisposable> LockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "samstyring.db")};Pooling=False");
        await connection.OpenAsync();
        await Holder.ExecuteAsync(connection, "BEGIN EXCLUSIVE");
        return new Holder(connection);
    }

    private sealed class QueryOnly : DbConnectionInterceptor
    {
        public volatile bool On;

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default) =>
            await Holder.ExecuteAsync(connection, $"PRAGMA query_only = {(On ? 1 : 0)}");

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Holder.ExecuteAsync(connection, $"PRAGMA query_only = {(On ? 1 : 0)}").GetAwaiter().GetResult();
    }
}

/// <summary>
/// PostgreSQL: default_transaction_read_only on the database (new sessions; the pool is cleared), and a table lock held by
/// another connection with lock_timeout set on the database, as an operator would, so a waiting change gives up in 2 s.
/// </summary>
public sealed class TroublePostgresFactory : PostgresFactory, ITroubleMaker
{
    private string? _connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Samstyring:BusyTimeoutSeconds", "2");
    }

    private string ConnectionString => _connectionString ??=
        Services.CreateScope().ServiceProvider.GetRequiredService<SamstyringDb>().Database.GetConnectionString()!;

    public async Task SetReadOnlyAsync(bool readOnly) => await AlterDatabaseAsync($"SET default_transaction_read_only = {(readOnly ? "on" : "off")}");

    public async Task<IAsyncDisposable> LockAsync()
    {
        await AlterDatabaseAsync("SET lock_timeout = '2s'");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await Holder.ExecuteAsync(connection, "BEGIN; LOCK TABLE meetings IN EXCLUSIVE MODE");
        return new Holder(connection);
    }

    private async Task AlterDatabaseAsync(string setting)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await Holder.ExecuteAsync(conn, $"ALTER DATABASE \"{database}\" {setting}");
        }
        // The setting applies to new sessions: let the app's pool open new ones.
        await using var pooled = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(pooled);
    }
}

/// <summary>A connection holding a lock; disposing it rolls back and lets go.</summary>
internal sealed class Holder(DbConnection connection) : IAsyncDisposable
{
    public static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync(connection, "ROLLBACK");
        await connection.DisposeAsync();
    }
}

public sealed class DatabaseTroubleSqliteTests(TroubleSqliteFactory factory) : DatabaseTroubleTests(factory), IClassFixture<TroubleSqliteFactory>;

public sealed class DatabaseTroublePostgresTests(TroublePostgresFactory factory) : DatabaseTroubleTests(factory), IClassFixture<TroublePostgresFactory>;
