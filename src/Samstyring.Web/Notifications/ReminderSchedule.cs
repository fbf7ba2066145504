using Quartz;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Notifications;

/// <summary>
/// Runs the reminder use cases (and removes subscriptions never confirmed) on a schedule (Quartz, in-memory store): at start and then every
/// <see cref="ReminderOptions.IntervalMinutes"/>, on every node while mail is configured. Nodes need not agree on who runs
/// it: each reminder has a receipt, so a reminder is queued once whichever nodes run at the same time.
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

public static class ReminderSchedule
{
    public static IServiceCollection AddReminderSchedule(this IServiceCollection services, MailOptions mail, ReminderOptions reminders)
    {
        // Without mail, reminders would only pile up in the outbox and be stale when it is turned on; the CLI still runs them.
        if (!mail.Enabled || reminders.IntervalMinutes <= 0) return services;
        var key = new JobKey("reminders", "notifications");
        services.AddQuartz(q =>
        {
            q.AddJob<ReminderJob>(j => j.WithIdentity(key));
            q.AddTrigger(t => t.ForJob(key).WithIdentity("reminders-every", "notifications").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Min(reminders.IntervalMinutes, 24 * 60))).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
