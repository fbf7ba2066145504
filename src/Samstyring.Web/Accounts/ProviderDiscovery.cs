using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>
/// Reads each identity provider's discovery document soon after the start, so the pages' <c>form-action</c> names the
/// provider's authorisation and end-session endpoints (ID-porten's are on another host than its issuer) before anyone
/// presses «Logg inn med …». A provider that cannot be reached is tried again, every minute at most; the handler also
/// adds an endpoint the moment it redirects to it.
/// </summary>
public sealed class ProviderDiscovery(SignInProviderList providers, IOptionsMonitor<OpenIdConnectOptions> options, FormTargets formTargets,
    ILogger<ProviderDiscovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waiting = providers.All.Select(p => p.Scheme).ToList();
        var delay = TimeSpan.FromSeconds(2);
        while (waiting.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var scheme in waiting.ToList())
            {
                try
                {
                    var configuration = await options.Get(scheme).ConfigurationManager!.GetConfigurationAsync(stoppingToken);
                    formTargets.Add(configuration.AuthorizationEndpoint);
                    formTargets.Add(configuration.EndSessionEndpoint);
                    waiting.Remove(scheme);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Kunne ikke lese oppsettet til innloggingsleverandøren {Provider}: {Error}", scheme, e.Message);
                }
            }
            if (waiting.Count > 0) await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }
}
