using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>
/// Removes subscriptions never confirmed within <see cref="Subscription.PendingDays"/> days: the address was only ever
/// given, not proved, so it is not kept. Run by the reminder schedule and before every new subscription, in a save of its
/// own, so a simultaneous run that removed the same rows first costs nothing else. No user acts: no access check.
/// </summary>
[UseCase]
public sealed class RemoveLapsedSubscriptions(SamstyringDb db)
{
    /// <summary>Removes at most <paramref name="max"/> lapsed subscriptions; returns how many.</summary>
    public async Task<int> HandleAsync(int max = 1000, CancellationToken ct = default)
    {
        var now = db.UtcNow;
        var lapsed = await db.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending && s.ExpiresAt < now)
            .OrderBy(s => s.Id).Take(max).ToListAsync(ct);
        if (lapsed.Count == 0) return 0;
        db.Subscriptions.RemoveRange(lapsed);
        try
        {
            await db.SaveChangesAsync(ct);
            return lapsed.Count;
        }
        catch (ConcurrencyConflictException)
        {
            // Another run removed some of them first; what is left goes next time.
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}
