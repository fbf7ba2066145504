using Quartz;
using Samstyring.Core.EInnsyn;
using Samstyring.Web.Notifications;

namespace Samstyring.Web.EInnsyn;

/// <summary>
/// The eInnsyn sender on the same Quartz scheduler as the e-mail outbox (<see cref="MailSchedule"/>): every
/// <see cref="EInnsynOptions.PollSeconds"/> while eInnsyn is configured, on one node at a time; removed from the shared
/// store when it is switched off.
/// </summary>
public static class EInnsynSchedule
{
    public static readonly JobKey Sender = new("sender", "einnsyn");

    public static async Task ScheduleAsync(IScheduler scheduler, EInnsynOptions options, CancellationToken ct)
    {
        if (!options.Scheduled)
        {
            await scheduler.DeleteJob(Sender, ct);
            return;
        }
        var job = JobBuilder.Create<EInnsynJob>().WithIdentity(Sender).StoreDurably().Build();
        await scheduler.ScheduleJob(job, [MailScheduleSetup.Every("einnsyn-every", Sender, TimeSpan.FromSeconds(Math.Clamp(options.PollSeconds, 1, 3600)))],
            new ScheduleJobOptions { Replace = true }, ct);
    }
}

/// <summary>Delivers what is due in the eInnsyn queue (<see cref="SendEInnsyn"/>), round after round while rounds come back full.</summary>
[DisallowConcurrentExecution]
public sealed class EInnsynJob(IServiceScopeFactory scopes, EInnsynOptions options, ILogger<EInnsynJob> log) : IJob
{
    private const int MaxRoundsPerFiring = 10;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        for (var i = 0; i < MaxRoundsPerFiring && !ct.IsCancellationRequested; i++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<SendEInnsyn>().HandleAsync(ct);
                if (round.Retrying + round.Failed > 0)
                    log.LogWarning("eInnsyn: {Sent} publisert, {Retrying} prøves igjen senere, {Failed} ga opp", round.Sent, round.Retrying, round.Failed);
                if (round.Total < options.BatchSize) return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A database that is briefly away must not stop the sender for good: the next firing tries again.
                log.LogError(e, "eInnsyn-senderen feilet; prøver igjen ved neste kjøring");
                return;
            }
        }
    }
}
