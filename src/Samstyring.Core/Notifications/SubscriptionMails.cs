using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using static Samstyring.Core.Notifications.MailHtml;

namespace Samstyring.Core.Notifications;

/// <summary>
/// The mails of subscriptions: the confirmation mail, and a message on a topic to its confirmed subscribers. Each topic
/// mail carries its own unsubscribe link (a new token per mail, only the hash stored) as a visible link and as the
/// <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers (RFC 2369, RFC 8058), so the reader's mail program can
/// offer one-click unsubscribe. Queued in the caller's unit of work: they go out exactly when the event commits.
/// </summary>
public static class SubscriptionMails
{
    public const string ConfirmPath = "/abonnement/bekreft";
    public const string UnsubscribePath = "/abonnement/avslutt";
    public const string ConfirmationKind = "subscription-confirm";

    public static OutgoingMail Confirmation(SiteAddress site, string email, string label, string token)
    {
        var link = site.Link($"{ConfirmPath}?token={token}");
        var text = new StringBuilder()
            .AppendLine($"Noen, forhåpentlig du, har bedt om å få e-post om {label} fra Samstyring til denne adressen.").AppendLine()
            .AppendLine($"Bekreft abonnementet her (lenken virker i {Subscription.PendingDays} dager):").AppendLine(link).AppendLine()
            .AppendLine("Har du ikke bedt om dette, kan du se bort fra e-posten. Du får ingen flere e-poster om du ikke bekrefter.")
            .ToString();
        var html = $"<!DOCTYPE html><html lang=\"nb\"><body><p>Noen, forhåpentlig du, har bedt om å få e-post om {E(label)} fra Samstyring til denne adressen.</p>"
                   + $"<p><a href=\"{E(link)}\">Bekreft abonnementet</a> (lenken virker i {Subscription.PendingDays} dager).</p>"
                   + "<p>Har du ikke bedt om dette, kan du se bort fra e-posten. Du får ingen flere e-poster om du ikke bekrefter.</p></body></html>";
        return new OutgoingMail(ConfirmationKind, email, "", $"Bekreft abonnement på {label}", text, html);
    }

    /// <summary>
    /// Queues <paramref name="subject"/> with the paragraphs and link to every confirmed subscriber of
    /// <paramref name="topic"/>; <paramref name="eventKey"/> makes it once per event and subscriber. Returns how many.
    /// </summary>
    public static async Task<int> QueueAsync(SamstyringDb db, SiteAddress site, string topic, string kind, string eventKey, string subject,
        IReadOnlyList<string> paragraphs, string link, string linkText, CancellationToken ct)
    {
        var subscribers = await db.Subscriptions.Where(s => s.Topic == topic && s.Status == SubscriptionStatus.Confirmed).OrderBy(s => s.Id).ToListAsync(ct);
        if (subscribers.Count == 0) return 0;
        var label = await SubscriptionTopics.LabelAsync(db, topic, ct) ?? topic;
        var now = db.UtcNow;
        var mails = new List<OutgoingMail>();
        foreach (var s in subscribers)
        {
            var (token, hash) = Subscription.NewToken();
            db.SubscriptionTokens.Add(new SubscriptionToken { SubscriptionId = s.Id, TokenHash = hash, CreatedAt = now });
            var unsubscribe = site.Link($"{UnsubscribePath}?token={token}");
            var text = new StringBuilder();
            foreach (var p in paragraphs) text.AppendLine(p).AppendLine();
            text.AppendLine($"{linkText}: {link}").AppendLine();
            text.AppendLine($"Du får denne e-posten fordi du abonnerer på {label}. Avslutt abonnementet: {unsubscribe}");
            var h = new StringBuilder("<!DOCTYPE html><html lang=\"nb\"><body>");
            foreach (var p in paragraphs) h.Append("<p>").Append(E(p).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
            h.Append("<p><a href=\"").Append(E(link)).Append("\">").Append(E(linkText)).Append("</a></p>");
            h.Append("<p>Du får denne e-posten fordi du abonnerer på ").Append(E(label)).Append(". <a href=\"").Append(E(unsubscribe))
                .Append("\">Avslutt abonnementet</a></p></body></html>");
            mails.Add(new OutgoingMail(kind, s.Email, "", subject, text.ToString(), h.ToString(), DedupKey: $"{eventKey}:{s.Id}",
                Headers: [new MailHeader("List-Unsubscribe", $"<{unsubscribe}>"), new MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]));
        }
        return await Outbox.EnqueueAsync(db, mails, ct);
    }
}
