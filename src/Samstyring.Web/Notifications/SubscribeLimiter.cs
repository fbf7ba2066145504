using System.Threading.RateLimiting;

namespace Samstyring.Web.Notifications;

/// <summary>
/// A bound on subscribe requests per client address (the form and the API share it): every request may queue a mail to
/// an address someone typed, so one client cannot make the site send more than <see cref="PermitLimit"/> such mails in
/// <see cref="Window"/>. Core also sends one address at most one confirmation per topic each 10 minutes.
/// </summary>
public sealed class SubscribeLimiter : IDisposable
{
    public const int PermitLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public const string Refused = "For mange påmeldinger fra samme sted på kort tid. Vent noen minutter og prøv igjen.";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0 }));

    public bool TryTake(HttpContext ctx)
    {
        using var lease = _limiter.AttemptAcquire(ctx.Connection.RemoteIpAddress?.ToString() ?? "ukjent");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
