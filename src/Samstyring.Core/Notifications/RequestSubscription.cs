using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>What a reader asks for: an address and a topic (<c>body:{slug}</c> or <c>roadmap</c>).</summary>
public sealed record SubscriptionInput(string? Email, string? Topic);

/// <summary>
/// Starts a subscription (double opt-in): stores it as pending with a new confirmation token and queues the confirmation
/// mail. Open to everyone, signed in or not. The caller learns nothing about the address: an address already confirmed
/// gets no mail and the same answer, and a pending one is sent a new link at most every 10 minutes, so the form cannot be
/// used to flood someone's inbox. Pending subscriptions past their expiry are removed first, in a save of their own
/// (<see cref="RemoveLapsedSubscriptions"/>), so a simultaneous request removing the same ones cannot lose this one.
/// </summary>
[UseCase]
public sealed class RequestSubscription(SamstyringDb db, SiteAddress site, RemoveLapsedSubscriptions lapsed)
{
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(10);

    public async Task HandleAsync(SubscriptionInput input, CancellationToken ct = default)
    {
        // No access check: anyone may subscribe; the confirmation mail proves the address is the reader's.
        var v = new Validator();
        var email = input.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email)) v.Add("email", "Skriv e-postadressen din.");
        else if (!Outbox.IsAddress(email)) v.Add("email", $"«{Validator.Truncate(email)}» er ikke en e-postadresse (skriv for eksempel navn@virksomhet.no).");
        var topic = input.Topic?.Trim();
        string? label = null;
        if (string.IsNullOrEmpty(topic)) v.Add("topic", "Velg hva du vil abonnere på.");
        else if (topic.Length > Subscription.TopicMax) v.Add("topic", "Ukjent tema for abonnement.");
        else label = await SubscriptionTopics.LabelAsync(db, topic, ct);
        if (topic is { Length: > 0 } && label is null) v.Add("topic", $"Ukjent tema for abonnement: «{Validator.Truncate(topic)}». Bruk «roadmap» eller «body:» og organets kortnavn.");
        v.ThrowIfInvalid();

        await lapsed.HandleAsync(100, ct);
        var now = db.UtcNow;
        var existing = await db.Subscriptions.SingleOrDefaultAsync(s => s.Email == email && s.Topic == topic, ct);
        if (existing is { Status: SubscriptionStatus.Confirmed }
            || (existing is not null && existing.ExpiresAt >= now && existing.ConfirmationSentAt > now - ResendAfter))
            return;

        var (token, hash) = Subscription.NewToken();
        if (existing is null || existing.ExpiresAt < now)
        {
            if (existing is not null) db.Subscriptions.Remove(existing);
            existing = new Subscription { Email = email!, Topic = topic!, ConfirmTokenHash = hash, CreatedAt = now, Status = SubscriptionStatus.Pending };
            db.Subscriptions.Add(existing);
        }
        existing.ConfirmTokenHash = hash;
        existing.ConfirmationSentAt = now;
        existing.ExpiresAt = now.AddDays(Subscription.PendingDays);
        await Outbox.EnqueueAsync(db, [SubscriptionMails.Confirmation(site, email!, label!, token)], ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            // A simultaneous request for the same address and topic saved first and queued its mail: the answer is the same.
        }
    }
}
