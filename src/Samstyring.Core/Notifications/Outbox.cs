using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>A file that goes with a message, such as the meeting as <c>.ics</c>.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A message as an area writes it: plain text always, HTML beside it when the area has it.</summary>
public sealed record OutgoingMail(
    string Kind, string To, string ToName, string Subject, string Text, string? Html = null,
    IReadOnlyList<MailAttachment>? Attachments = null, string? DedupKey = null, IReadOnlyList<MailHeader>? Headers = null);

/// <summary>A header the message carries beside the usual ones; only those <see cref="MailHeader.Allowed"/> are written.</summary>
public sealed record MailHeader(string Name, string Value)
{
    /// <summary>The headers an area may add: the unsubscribe headers of RFC 2369 and RFC 8058.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id" };

    /// <summary>As stored in the outbox: one «Name: value» per line.</summary>
    public static string? Format(IReadOnlyList<MailHeader>? headers) =>
        headers is null || headers.Count == 0 ? null
        : string.Join("\n", headers.Where(h => Allowed.Contains(h.Name)).Select(h => $"{h.Name}: {string.Join(' ', h.Value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim()}"));

    public static IEnumerable<MailHeader> Parse(string? stored) =>
        (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && Allowed.Contains(p[0].Trim())).Select(p => new MailHeader(p[0].Trim(), p[1].Trim()));
}

/// <summary>
/// How the areas queue e-mail: the message is added to the caller's unit of work and commits with the event that causes
/// it, or not at all. Addresses are checked where they are registered; one that still does not parse is skipped here
/// rather than failing the event.
/// </summary>
public static class Outbox
{
    /// <summary>Queues the messages; returns how many were queued (a message whose key was queued before is left out).</summary>
    public static async Task<int> EnqueueAsync(SamstyringDb db, IEnumerable<OutgoingMail> mails, CancellationToken ct = default)
    {
        var list = mails.Where(m => IsAddress(m.To)).ToList();
        var keys = list.Where(m => m.DedupKey is not null).Select(m => m.DedupKey!).ToList();
        var taken = keys.Count == 0 ? [] : (await db.OutboxMessages.Where(m => m.DedupKey != null && keys.Contains(m.DedupKey)).Select(m => m.DedupKey!).ToListAsync(ct)).ToHashSet();
        var now = db.UtcNow;
        var queued = 0;
        foreach (var m in list)
        {
            if (m.DedupKey is { } key && !taken.Add(key)) continue;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Kind = m.Kind, To = m.To.Trim(), ToName = Cut(m.ToName, 200), Subject = Cut(OneLine(m.Subject), OutboxMessage.SubjectMax),
                TextBody = Cut(m.Text, OutboxMessage.BodyMax), HtmlBody = m.Html is null ? null : Cut(m.Html, OutboxMessage.BodyMax),
                DedupKey = m.DedupKey, Headers = MailHeader.Format(m.Headers), MessageId = $"{Guid.NewGuid():N}@samstyring", Status = OutboxStatus.Pending, NextAttemptAt = now,
                CreatedAt = now, CreatedBy = db.ActingUser,
                Attachments = (m.Attachments ?? []).Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
            });
            queued++;
        }
        return queued;
    }

    /// <summary>An address a mail server will take: one mailbox, no display name, no line breaks.</summary>
    public static bool IsAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > OutboxMessage.AddressMax) return false;
        var text = value.Trim();
        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || text.Count(c => c == '@') != 1) return false;
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text && parsed.Host.Contains('.', StringComparison.Ordinal);
    }

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
