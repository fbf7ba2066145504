using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Notifications;

/// <summary>
/// The scheduled mail work, on Quartz.NET with a database job store while mail is configured: the outbox sender every
/// <see cref="MailOptions.PollSeconds"/> and the reminders every <see cref="ReminderOptions.IntervalMinutes"/>. On
/// PostgreSQL the store is clustered, so however many nodes run, each firing runs on one of them; on SQLite (one node by
/// nature) the schedule is kept in <c>scheduler.db</c> next to the database, so it survives a restart without its writes
/// ever waiting on the application's. Quartz creates its tables (<c>qrtz_*</c>) when they are missing.
/// </summary>
public static class MailSchedule
{
    public static readonly JobKey Sender = new("outbox-sender", "notifications");
    public static readonly JobKey Reminders = new("reminders", "notifications");
    public const string SqliteFileName = "scheduler.db";

    public static IServiceCollection AddMailSchedule(this IServiceCollection services, SamstyringOptions options)
    {
        // Without mail, reminders would only pile up in the outbox and be stale when it is turned on; the CLI still runs them.
        // The eInnsyn sender shares the scheduler (EInnsynSchedule).
        if (!options.Mail.Enabled && !options.EInnsyn.Scheduled) return services;
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                if (options.UsesPostgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, options.ConnectionString!);
                    // A node that stops checking in is taken as gone after the threshold, and what it held runs elsewhere.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
                else
                {
                    var path = Path.Combine(Path.GetDirectoryName(options.SqlitePath)!, SqliteFileName);
                    store.UseSqlite(SqliteFactory.Instance, new SqliteConnectionStringBuilder
                    {
                        DataSource = path, DefaultTimeout = Math.Max(1, options.BusyTimeoutSeconds), Pooling = true,
                    }.ConnectionString);
                }
                store.ProvisionSchema();
                // One history for the cluster (qrtz_execution_history), trimmed by Quartz: which node ran which firing.
                store.UseExecutionHistory();
                store.UseSystemTextJsonSerializer();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // After Quartz's own hosted service is registered, so the jobs are in place before the scheduler starts firing.
        services.AddHostedService<MailScheduleSetup>();
        return services;
    }
}

/// <summary>
/// Puts this node's configuration of the two jobs into the shared store at start, replacing what an earlier start (or
/// another node) left there, and removes the reminders when they are switched off: a persistent store would otherwise
/// keep firing a job the configuration no longer has. A node that joins restarts both triggers from now, which runs the
/// reminders once more; their receipts keep that from repeating a message.
/// </summary>
internal sealed class MailScheduleSetup(ISchedulerFactory factory, MailOptions mail, ReminderOptions reminders, Core.EInnsyn.EInnsynOptions einnsyn) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await EInnsyn.EInnsynSchedule.ScheduleAsync(scheduler, einnsyn, cancellationToken);
        if (!mail.Enabled)
        {
            await scheduler.DeleteJob(MailSchedule.Sender, cancellationToken);
            await scheduler.DeleteJob(MailSchedule.Reminders, cancellationToken);
            return;
        }
        var sender = JobBuilder.Create<OutboxJob>().WithIdentity(MailSchedule.Sender).StoreDurably().Build();
        await scheduler.ScheduleJob(sender, [Every("outbox-every", MailSchedule.Sender, TimeSpan.FromSeconds(Math.Clamp(mail.PollSeconds, 1, 3600)))],
            new ScheduleJobOptions { Replace = true }, cancellationToken);
        if (reminders.IntervalMinutes > 0)
        {
            var job = JobBuilder.Create<ReminderJob>().WithIdentity(MailSchedule.Reminders).StoreDurably().Build();
            await scheduler.ScheduleJob(job, [Every("reminders-every", MailSchedule.Reminders, TimeSpan.FromMinutes(Math.Min(reminders.IntervalMinutes, 24 * 60)))],
                new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
        else await scheduler.DeleteJob(MailSchedule.Reminders, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A firing missed while every node was down is not made up for one by one: the next round does all that is due.
    internal static ITrigger Every(string name, JobKey job, TimeSpan interval) =>
        TriggerBuilder.Create().ForJob(job).WithIdentity(name, job.Group).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
}

/// <summary>
/// Delivers what is due in the outbox (<see cref="SendOutbox"/>), round after round while rounds come back full, at most
/// a bounded number per firing so a long queue does not hold the job past its next turn. Never on two nodes at once (the
/// clustered store keeps it to one), and were it to, each message is still taken by one sender only.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(IServiceScopeFactory scopes, MailOptions options, ILogger<OutboxJob> log) : IJob
{
    private const int MaxRoundsPerFiring = 20;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        for (var i = 0; i < MaxRoundsPerFiring && !ct.IsCancellationRequested; i++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<SendOutbox>().HandleAsync(ct);
                if (round.Retrying + round.Failed > 0)
                    log.LogWarning("E-post: {Sent} sendt, {Retrying} prøves igjen senere, {Failed} ga opp", round.Sent, round.Retrying, round.Failed);
                if (round.Sent + round.Retrying + round.Failed < options.BatchSize) return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A database that is briefly away must not stop the sender for good: the next firing tries again.
                log.LogError(e, "E-postsenderen feilet; prøver igjen ved neste kjøring");
                return;
            }
        }
    }
}

/// <summary>
/// Runs the reminder use cases (and removes subscriptions never confirmed). Each reminder has a receipt written with its
/// outbox message, so a reminder is queued once even when a run repeats.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(SendCommentReminders comments, SendReportingReminders reports, RemoveLapsedSubscriptions lapsed,
    ILogger<ReminderJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            var c = await comments.HandleAsync(ct);
            var r = await reports.HandleAsync(ct);
            if (c + r > 0) log.LogInformation("Påminnelser lagt i utboksen: {Comments} om innspill, {Reports} om statusrapporter", c, r);
            var removed = await lapsed.HandleAsync(ct: ct);
            if (removed > 0) log.LogInformation("Fjernet {Count} abonnementer som aldri ble bekreftet", removed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A database that is briefly away: the next run tries again, and receipts keep what was queued from repeating.
            log.LogError(e, "Påminnelsene feilet; prøver igjen ved neste kjøring");
        }
    }
}
