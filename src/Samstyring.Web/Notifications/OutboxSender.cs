using Samstyring.Core.Notifications;

namespace Samstyring.Web.Notifications;

/// <summary>
/// Runs the outbox sender in the background on every node while mail is configured: a round every
/// <see cref="MailOptions.PollSeconds"/> (at once again when a round was full). Nodes share the work safely: each message is
/// taken by one of them (<see cref="SendOutbox"/>).
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, MailOptions options, ILogger<OutboxSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        var pause = TimeSpan.FromSeconds(Math.Clamp(options.PollSeconds, 0.1, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<SendOutbox>().HandleAsync(stoppingToken);
                full = round.Sent + round.Retrying + round.Failed >= options.BatchSize;
                if (round.Retrying + round.Failed > 0)
                    log.LogWarning("E-post: {Sent} sendt, {Retrying} prøves igjen senere, {Failed} ga opp", round.Sent, round.Retrying, round.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A database that is briefly away must not stop the sender for good.
                log.LogError(e, "E-postsenderen feilet; prøver igjen om {Seconds} s", pause.TotalSeconds);
            }
            if (!full) await Task.Delay(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
