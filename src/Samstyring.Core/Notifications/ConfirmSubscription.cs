using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>
/// Confirms a pending subscription with the token from the confirmation mail; from now on it receives mail. Confirming
/// again is harmless. A token that is unknown, malformed or expired is «not found», never an error.
/// </summary>
[UseCase]
public sealed class ConfirmSubscription(SamstyringDb db)
{
    public const string Invalid = "Lenken er ugyldig eller utløpt. Meld deg på igjen for å få en ny lenke.";

    /// <summary>Returns what was subscribed to, as the reader should see it.</summary>
    public async Task<string> HandleAsync(string? token, CancellationToken ct = default)
    {
        // No access check: the token is the authorisation.
        if (!Subscription.IsToken(token)) throw new NotFoundException(Invalid);
        var hash = Subscription.Hash(token!);
        var now = db.UtcNow;
        var s = await db.Subscriptions.SingleOrDefaultAsync(x => x.ConfirmTokenHash == hash, ct);
        if (s is null || (s.Status == SubscriptionStatus.Pending && s.ExpiresAt < now)) throw new NotFoundException(Invalid);
        if (s.Status == SubscriptionStatus.Pending)
        {
            s.Status = SubscriptionStatus.Confirmed;
            s.ConfirmedAt = now;
            // A second click at the same moment confirmed it already: the same answer.
            try { await db.SaveChangesAsync(ct); }
            catch (ConcurrencyConflictException) { }
        }
        return await SubscriptionTopics.LabelAsync(db, s.Topic, ct) ?? s.Topic;
    }
}
