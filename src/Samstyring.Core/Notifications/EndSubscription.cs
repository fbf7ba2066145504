using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>
/// Ends a subscription with the token of the unsubscribe link in one of its mails (RFC 8058 one-click or the page's
/// button). The subscription and its tokens are deleted: nothing of the address is kept but the masked audit entry.
/// </summary>
[UseCase]
public sealed class EndSubscription(SamstyringDb db)
{
    public const string Invalid = "Lenken er ugyldig, eller abonnementet er allerede avsluttet.";

    /// <summary>Returns what the subscription was for, as the reader should see it.</summary>
    public async Task<string> HandleAsync(string? token, CancellationToken ct = default)
    {
        // No access check: the token is the authorisation.
        if (!Subscription.IsToken(token)) throw new NotFoundException(Invalid);
        var hash = Subscription.Hash(token!);
        var id = await db.SubscriptionTokens.Where(t => t.TokenHash == hash).Select(t => (int?)t.SubscriptionId).SingleOrDefaultAsync(ct)
                 ?? throw new NotFoundException(Invalid);
        var s = await db.Subscriptions.Include(x => x.Tokens).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(Invalid);
        var label = await SubscriptionTopics.LabelAsync(db, s.Topic, ct) ?? s.Topic;
        db.Subscriptions.Remove(s);
        // The mail program's one-click and the reader's button at the same moment: ended either way.
        try { await db.SaveChangesAsync(ct); }
        catch (ConcurrencyConflictException) { }
        return label;
    }
}
