using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Samstyring.Core.Council;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// Numbering under load: many secretaries adding cases to one meeting and planning meetings in the same body and year at
/// once, while other threads keep every core busy (a slow, shared CI machine). Every request must succeed, and the numbers
/// must run without gaps or duplicates. And writers waiting for the database must not hold up everyone else.
/// </summary>
public abstract class NumberingStressTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    private const int Cases = 40;
    private const int Meetings = 20;

    [Fact]
    public async Task Forty_new_cases_and_twenty_new_meetings_at_once_under_CPU_load_all_succeed_without_gaps_or_duplicates()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("stress-" + Guid.NewGuid().ToString("N")[..6]);
        var meeting = await PlanMeetingAsync(slug, "2040-01-10");
        var meetingId = meeting.Int("id");

        // Open the connections first (PostgreSQL): sixty new logins at once on a starved CPU time out after 15 s, which
        // is not what this test is about.
        var warm = await Task.WhenAll(Enumerable.Range(1, Cases + Meetings).Select(_ => Task.Run(() => Office.GetAsync($"/api/v1/meetings/{meetingId}"))));
        foreach (var w in warm) w.Dispose();

        HttpResponseMessage[] responses;
        using (CpuBurner.Start())
        {
            // Task.Run: the requests start together instead of one after another on the test's thread.
            var cases = Enumerable.Range(1, Cases).Select(i => Task.Run(() =>
                Office.PostJsonAsync($"/api/v1/meetings/{meetingId}/cases", CaseBody($"Stresssak {i}"))));
            // Later dates than the first meeting: each new meeting also tries to claim its minutes (a second kind of clash).
            var meetings = Enumerable.Range(1, Meetings).Select(i => Task.Run(() =>
                Office.PostJsonAsync("/api/v1/meetings", MeetingBody(slug, $"2040-{1 + i / 2:00}-{10 + i % 2 * 5:00}"))));
            responses = await Task.WhenAll(cases.Concat(meetings));
        }
        try
        {
            foreach (var r in responses) await r.AssertStatusAsync(HttpStatusCode.Created);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }

        var stored = await WithDbAsync(async db => new
        {
            Meetings = await db.Meetings.Where(m => m.Body.Slug == slug).Select(m => m.Number).OrderBy(n => n).ToListAsync(),
            Cases = await db.Cases.Where(c => c.Body.Slug == slug).Select(c => c.Number).OrderBy(n => n).ToListAsync(),
            OnAgenda = await db.AgendaItems.Where(a => a.MeetingId == meetingId && a.CaseId != null).Select(a => a.Position).OrderBy(p => p).ToListAsync(),
            MinutesCases = await db.Cases.Where(c => c.Body.Slug == slug && c.Standing == StandingCase.MinutesApproval).Select(c => c.Id).ToListAsync(),
            Claimed = await db.Meetings.Where(m => m.Body.Slug == slug && m.MinutesApprovalCaseId != null).Select(m => m.MinutesApprovalCaseId!.Value).ToListAsync(),
        });
        Assert.Equal(Enumerable.Range(1, Meetings + 1), stored.Meetings);
        Assert.Equal(Enumerable.Range(1, stored.Cases.Count), stored.Cases);
        // The first meeting's standing case and the forty new ones, each once on its agenda in order.
        Assert.Equal(Enumerable.Range(1, Cases + 1), stored.OnAgenda);
        // Every minutes case a new meeting got approves the minutes of some earlier meeting: none lost its meetings to a rival.
        Assert.All(stored.MinutesCases, c => Assert.Contains(c, stored.Claimed));
    }

    [Fact]
    public async Task Twenty_writers_waiting_for_a_locked_database_do_not_hold_up_readers_and_all_get_their_numbers()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("laas-" + Guid.NewGuid().ToString("N")[..6]);
        var meetingId = (await PlanMeetingAsync(slug, "2041-03-03")).Int("id");
        using (var warm = await Anonymous.GetAsync($"/api/v1/bodies/{slug}")) await warm.AssertStatusAsync(HttpStatusCode.OK);

        var connectionString = await WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var holder = Factory.Provider == Provider.Sqlite ? (DbConnection)new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        // Another program holds the database: SQLite's write lock, or on PostgreSQL the lock that keeps writers off the meetings.
        await ExecuteAsync(holder, Factory.Provider == Provider.Sqlite ? "BEGIN EXCLUSIVE" : "BEGIN; LOCK TABLE meetings IN EXCLUSIVE MODE");
        Task<HttpResponseMessage[]> writers;
        var slowest = TimeSpan.Zero;
        try
        {
            writers = Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() =>
                Office.PostJsonAsync($"/api/v1/meetings/{meetingId}/cases", CaseBody($"Venter {i}")))));
            await Task.Delay(TimeSpan.FromSeconds(2)); // every writer is waiting by now
            for (var i = 0; i < 5; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                using (var live = await Anonymous.GetAsync("/livez")) await live.AssertStatusAsync(HttpStatusCode.OK);
                using (var read = await Anonymous.GetAsync($"/api/v1/bodies/{slug}")) await read.AssertStatusAsync(HttpStatusCode.OK);
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
            }
            Assert.False(writers.IsCompleted, "skriverne ventet ikke på låsen");
        }
        finally
        {
            await ExecuteAsync(holder, "ROLLBACK");
        }
        // A read that waited for the writers' lock would wait until the rollback below; 10 s leaves room for a busy machine.
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"En lesing tok {slowest.TotalMilliseconds:0} ms mens skriverne ventet.");

        var responses = await writers;
        try
        {
            foreach (var r in responses) await r.AssertStatusAsync(HttpStatusCode.Created);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        var numbers = await WithDbAsync(db => db.Cases.Where(c => c.Body.Slug == slug).Select(c => c.Number).OrderBy(n => n).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 21), numbers);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Keeps every core busy until disposed: what a loaded build machine does to the app's timing.</summary>
internal sealed class CpuBurner : IDisposable
{
    private volatile bool _stop;
    private readonly List<Thread> _threads = [];

    public static CpuBurner Start()
    {
        var burner = new CpuBurner();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            var t = new Thread(burner.Burn) { IsBackground = true, Name = "cpu-burner-" + i };
            burner._threads.Add(t);
            t.Start();
        }
        return burner;
    }

    private void Burn()
    {
        var x = 1UL;
        while (!_stop)
            for (var i = 0; i < 100_000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        GC.KeepAlive(x);
    }

    public void Dispose()
    {
        _stop = true;
        foreach (var t in _threads) t.Join();
    }
}

public sealed class NumberingStressSqliteTests(SqliteFactory factory) : NumberingStressTests(factory), IClassFixture<SqliteFactory>;

public sealed class NumberingStressPostgresTests(PostgresFactory factory) : NumberingStressTests(factory), IClassFixture<PostgresFactory>;
