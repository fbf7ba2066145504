using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>The public overview is cached, but never shows old data once a change is committed.</summary>
public abstract class ReadCacheTests(TestDatabase db)
{
    private const string Name = "Nasjonal Tarmscreening";

    [Fact]
    public async Task A_change_made_by_this_instance_shows_at_once()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Helseplattformen");
        Assert.NotEqual(Rag.Red, await StatusSeenBy(db.Services, "Helseplattformen"));

        var version = await db.ReportVersionAsync(id, "2021-T3");
        await db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "red", "Stans.", "red", "Høy.", "Stoppet.", "Over budsjett.", version), db.Office), db.Office);

        Assert.Equal(Rag.Red, await StatusSeenBy(db.Services, "Helseplattformen"));
    }

    [Fact]
    public async Task A_change_committed_by_another_instance_shows_within_the_check_interval()
    {
        if (!db.Available) return;
        await using var otherInstance = db.Scratch.BuildServices();
        var id = await db.InitiativeIdAsync(Name);
        var version = await db.ReportVersionAsync(id, "2021-T3");
        Assert.Equal(Rag.Red, await StatusSeenBy(db.Services, Name));

        await using (var scope = otherInstance.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = db.OwnerHelseSorOst.UserName;
            await scope.ServiceProvider.GetRequiredService<ReportStatus>().HandleAsync(id,
                new StatusReportInput("2021-T3", "green", "I rute.", "green", "Lav.", "Leveranser i rute.", "Innenfor rammen.", version), db.OwnerHelseSorOst);
        }
        await Task.Delay(DataVersion.RemoteCheckInterval + TimeSpan.FromMilliseconds(300));

        Assert.Equal(Rag.Green, await StatusSeenBy(db.Services, Name));
    }

    [Fact]
    public async Task One_commit_changes_the_version_once_and_it_stays_until_the_next()
    {
        if (!db.Available) return;
        var data = db.Services.GetRequiredService<DataVersion>();
        async Task<string> Version()
        {
            await using var scope = db.Services.CreateAsyncScope();
            return await data.CurrentAsync(scope.ServiceProvider.GetRequiredService<SamstyringDb>(), default);
        }
        var id = await db.InitiativeIdAsync("Helseplattformen");
        // The timed check is due now, so it runs here, and the one after the commit is a second away.
        await Task.Delay(DataVersion.RemoteCheckInterval);
        var before = await Version();
        var version = await db.ReportVersionAsync(id, "2021-T3");
        await db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "yellow", "Forsinket.", "yellow", "Middels.", "Litt bak.", "Innenfor rammen.", version), db.Office), db.Office);

        var after = await Version();
        Assert.NotEqual(before, after);
        // The timed check of the audit log finds this commit's own row: that is no new change, and an ETag made from the
        // version just after the commit must still revalidate.
        await Task.Delay(DataVersion.RemoteCheckInterval + TimeSpan.FromMilliseconds(300));
        Assert.Equal(after, await Version());
    }

    [Fact]
    public async Task Readers_that_miss_at_the_same_time_share_one_read_and_a_failed_read_is_not_kept()
    {
        if (!db.Available) return;
        var cache = db.Services.GetRequiredService<ReadCache>();
        var key = $"test:{Guid.NewGuid():N}";
        var reads = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Read()
        {
            Interlocked.Increment(ref reads);
            await release.Task;
            return "svar";
        }
        async Task<string> Reader()
        {
            await using var scope = db.Services.CreateAsyncScope();
            return (await cache.GetOrAddAsync(key, scope.ServiceProvider.GetRequiredService<SamstyringDb>(), Read, default)).Value;
        }

        var readers = Enumerable.Range(0, 20).Select(_ => Task.Run(Reader)).ToList();
        await Task.Delay(200);
        release.SetResult();
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal("svar", v));
        Assert.Equal(1, reads);

        // A read that fails is not kept: the readers waiting for it read for themselves, and the next reader tries again.
        var failing = $"test:{Guid.NewGuid():N}";
        var attempts = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Flaky()
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await gate.Task;
                throw new InvalidOperationException("databasen svarte ikke");
            }
            return "andre forsøk";
        }
        async Task<string> FlakyReader()
        {
            await using var scope = db.Services.CreateAsyncScope();
            return (await cache.GetOrAddAsync(failing, scope.ServiceProvider.GetRequiredService<SamstyringDb>(), Flaky, default)).Value;
        }
        var first = Task.Run(FlakyReader);
        while (Volatile.Read(ref attempts) == 0) await Task.Delay(5);
        var waiting = Task.Run(FlakyReader);
        await Task.Delay(100);
        gate.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("andre forsøk", await waiting);
        Assert.Equal("andre forsøk", await FlakyReader());
    }

    [Fact]
    public async Task While_the_newest_answer_is_made_other_readers_get_the_previous_one_with_its_version_for_at_most_a_second()
    {
        if (!db.Available) return;
        var data = new DataVersion();
        var clock = new SteppedClock();
        var cache = new ReadCache(data, db.Services.GetRequiredService<SamstyringOptions>(), clock);
        await using var scope = db.Services.CreateAsyncScope();
        var sql = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        Task<(string Value, string Version)> Read(string key, Func<Task<string>> make) => cache.GetOrAddAsync(key, sql, make, default);

        var (first, v1) = await Read("oversikt", () => Task.FromResult("før endringen"));
        Assert.Equal("før endringen", first);

        data.Changed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var making = Task.Run(() => Read("oversikt", async () => { started.SetResult(); await gate.Task; return "etter endringen"; }));
        await started.Task;

        // Another reader meanwhile: the previous answer at once, labelled with its own version, and noted as older.
        var seen = await Task.Run(async () =>
        {
            var watch = ReadCache.Observe();
            var answer = await Read("oversikt", () => throw new InvalidOperationException("skulle ikke lese"));
            return (answer, watch.Any);
        }).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("før endringen", v1), seen.answer);
        Assert.True(seen.Any);

        // An answer built on that older one is given, with the older version, but not kept as the newest.
        var built = await Task.Run(() => Read("side 1", async () => (await Read("oversikt", () => throw new InvalidOperationException())).Value + " (side)"))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("før endringen (side)", v1), built);

        gate.SetResult();
        var (newest, v2) = await making;
        Assert.Equal("etter endringen", newest);
        Assert.NotEqual(v1, v2);
        Assert.Equal(("etter endringen", v2), await Read("oversikt", () => throw new InvalidOperationException("skulle vært i bufferen")));
        Assert.Equal(("etter endringen (side)", v2), await Read("side 1", async () => (await Read("oversikt", () => throw new InvalidOperationException())).Value + " (side)"));

        // A previous answer older than MaxStaleness is not given: the reader waits for the newest.
        data.Changed();
        clock.Advance(ReadCache.MaxStaleness + TimeSpan.FromMilliseconds(1));
        var slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Task.Run(() => Read("oversikt", async () => { await slowGate.Task; return "tredje"; }));
        await Task.Delay(100);
        var waiting = Task.Run(() => Read("oversikt", () => throw new InvalidOperationException("skulle ventet")));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        slowGate.SetResult();
        Assert.Equal("tredje", (await waiting).Value);
        Assert.Equal("tredje", (await slow).Value);
    }

    /// <summary>Monotonic time that moves only when told.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref _ticks);
        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static async Task<Rag?> StatusSeenBy(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<GetPortfolioOverview>().PageAsync(new OverviewFilter(Search: name), 1, 50);
        return page.Rows.Single(r => r.Name == name).LatestReport?.Status;
    }
}

public sealed class ReadCacheTestsSqlite(SqliteDatabase db) : ReadCacheTests(db), IClassFixture<SqliteDatabase>;

public sealed class ReadCacheTestsPostgres(PostgresDatabase db) : ReadCacheTests(db), IClassFixture<PostgresDatabase>;
