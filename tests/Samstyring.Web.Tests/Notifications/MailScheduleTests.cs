extern alias web;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;
using web::Samstyring.Web.Notifications;
using Samstyring.Web.Tests.Council;

namespace Samstyring.Web.Tests.Notifications;

/// <summary>
/// The web app with mail configured runs the sender and the reminders on Quartz with the schedule kept in the database
/// (clustered on PostgreSQL): both jobs are stored with their triggers, the sender job delivers (here: tries and records
/// the failure), the reminder job queues a reminder with a link to the public URL, and on PostgreSQL a second node over the
/// same database shares the one schedule, so a firing runs on one node only.
/// </summary>
public abstract class MailScheduleTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    [Fact]
    public async Task The_schedule_is_kept_in_the_database_with_both_jobs_and_their_triggers()
    {
        if (!Factory.Ready()) return;
        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();
        Assert.True(meta.JobStorePersistent);
        Assert.Equal(Factory.Provider == Provider.Postgres, meta.JobStoreClustered);
        foreach (var key in new[] { MailSchedule.Sender, MailSchedule.Reminders })
            Assert.True(Assert.Single(await scheduler.GetTriggersOfJob(key)).MayFireAgain);

        // The rows are where the configuration says: in PostgreSQL's own tables, or in scheduler.db beside SQLite's file.
        var stored = Factory.Provider == Provider.Postgres
            ? await WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_job_details").SingleAsync())
            : await CountSqliteJobsAsync(Path.Combine(((SqliteFactory)Factory).DataDirectory, MailSchedule.SqliteFileName));
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task The_sender_job_hands_due_messages_to_the_mail_server_and_records_a_refusal()
    {
        if (!Factory.Ready()) return;
        // Subscribing queues a confirmation; the test server's mail goes to a port nobody listens on.
        var address = $"sender.{Guid.NewGuid().ToString("N")[..8]}@example.no";
        using (var response = await Client(As.Anonymous).PostJsonAsync("/api/v1/subscriptions", new { email = address, topic = "roadmap" }))
            await response.AssertStatusAsync(HttpStatusCode.Accepted);
        var queued = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == address));
        Assert.Equal(0, queued.Attempts);

        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(MailSchedule.Sender);
        var tried = await WaitForAsync(() => WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.To == address && m.LastError != null)));

        Assert.Equal(1, tried.Attempts);
        Assert.Equal(OutboxStatus.Pending, tried.Status);
        Assert.True(tried.NextAttemptAt > queued.NextAttemptAt, "a refused message waits before the next try");
    }

    [Fact]
    public async Task The_scheduled_job_queues_a_comment_reminder_with_a_link_to_the_public_url()
    {
        if (!Factory.Ready()) return;
        var scheduler = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        // A member of the board with an address, and a case on a later meeting whose comment deadline is tomorrow.
        var address = $"paminnelse.{Guid.NewGuid().ToString("N")[..8]}@example.no";
        var org = await OrganizationIdAsync("Helse Sør-Øst RHF");
        using (var added = await Office.PostJsonAsync($"/api/v1/bodies/{Board}/members", new
               {
                   name = "Kari Påminnelse", title = (string?)null, organizationId = org, role = "member", substituteForId = (int?)null,
                   termStart = "2020-01-01", termEnd = (string?)null, email = address,
               }))
            await added.AssertStatusAsync(HttpStatusCode.Created);
        var meeting = (await PlanMeetingAsync(Board, "2029-05-10")).Int("id");
        var caseId = (await AddCaseAsync(meeting, "Høring om frister")).Int("id");
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        await WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentDeadline, deadline)));

        await scheduler.TriggerJob(MailSchedule.Reminders);
        var mail = await WaitForAsync(() => WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.To == address)));

        Assert.Equal(SendCommentReminders.Kind, mail.Kind);
        Assert.EndsWith($"er {Norwegian.Date(deadline)}", mail.Subject);
        Assert.Contains($"https://samstyring.example.no/saker/{caseId}", mail.TextBody);
        Assert.Contains("Høring om frister", mail.TextBody);
    }

    [Fact]
    public async Task Two_nodes_over_one_postgresql_share_one_schedule_and_a_firing_runs_on_one_of_them()
    {
        if (!Factory.Ready() || Factory.Provider != Provider.Postgres) return;
        var first = await Factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await using var second = Factory.WithWebHostBuilder(_ => { });
        _ = second.Server; // starts the second node: same database, its own scheduler
        var other = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotEqual(first.SchedulerInstanceId, other.SchedulerInstanceId);

        var runs = new ManualRuns();
        first.ListenerManager.AddJobListener(runs, Matchers.Key(MailSchedule.Reminders));
        other.ListenerManager.AddJobListener(runs, Matchers.Key(MailSchedule.Reminders));

        // Both nodes have checked in, and the second one's start replaced the jobs rather than adding a second set.
        var nodes = 0;
        for (var i = 0; i < 100 && nodes < 2; i++, await Task.Delay(100))
            nodes = await WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync());
        Assert.Equal(2, nodes);
        Assert.Equal(2, await WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_job_details").SingleAsync()));

        // Fired five times through either node: each firing runs once, on one node, never on both.
        for (var i = 0; i < 5; i++)
            await (i % 2 == 0 ? first : other).TriggerJob(MailSchedule.Reminders);
        for (var i = 0; i < 150 && runs.Count < 5; i++) await Task.Delay(100);
        await Task.Delay(2000); // time for a second node's copy, had there been one
        Assert.Equal(5, runs.Count);
        Assert.Equal(5, runs.Distinct);
    }

    /// <summary>Counts the manual firings of a job (not its timed trigger) that ran to the end, on whichever node.</summary>
    private sealed class ManualRuns : IJobListener
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _fired = [];
        public string Name => "manual-runs";
        public int Count => _fired.Count;
        public int Distinct => _fired.Distinct().Count();

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (!context.Trigger.Key.Name.EndsWith("-every", StringComparison.Ordinal)) _fired.Add(context.FireInstanceId);
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<int> CountSqliteJobsAsync(string path)
    {
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM qrtz_job_details";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> find) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await find() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("Det ventede dukket ikke opp i utboksen innen 10 sekunder.");
    }
}

/// <summary>Mail on (to a port nobody listens on, so messages stay in the outbox), with a public URL, as production runs.</summary>
internal static class MailSettings
{
    public static void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Samstyring:Mail:Host", "127.0.0.1");
        builder.UseSetting("Samstyring:Mail:Port", "9");
        builder.UseSetting("Samstyring:Mail:PollSeconds", "3600");
        builder.UseSetting("Samstyring:PublicUrl", "https://samstyring.example.no");
    }
}

public sealed class MailSqliteFactory : SqliteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MailSettings.Apply(builder);
    }
}

public sealed class MailPostgresFactory : PostgresFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MailSettings.Apply(builder);
    }
}

public sealed class MailScheduleSqliteTests(MailSqliteFactory factory) : MailScheduleTests(factory), IClassFixture<MailSqliteFactory>;

public sealed class MailSchedulePostgresTests(MailPostgresFactory factory) : MailScheduleTests(factory), IClassFixture<MailPostgresFactory>;
