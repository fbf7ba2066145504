using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>
/// Keeps this node listening for the other nodes' changes (<see cref="ChangeNotifications"/>) while it runs, connecting
/// again after 1, 2, 4 … up to 30 s when the connection is lost. Meanwhile the read cache falls back to checking the
/// audit log every second, so a lost connection makes reads at most a second stale, never wrong for longer.
/// </summary>
public sealed class ChangeListener(ChangeNotifications changes, ILogger<ChangeListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!changes.Enabled) return;
        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            try
            {
                await changes.ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                if (DateTime.UtcNow - started > TimeSpan.FromMinutes(1)) wait = TimeSpan.FromSeconds(1);
                log.LogWarning(e, "Lytter ikke etter endringer fra andre noder (prøver igjen om {Seconds} s); lesing kan være opptil ett sekund gammel så lenge", wait.TotalSeconds);
            }
            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            wait = TimeSpan.FromSeconds(Math.Min(30, wait.TotalSeconds * 2));
        }
    }
}
