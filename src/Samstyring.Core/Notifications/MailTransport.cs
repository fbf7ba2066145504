using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Samstyring.Core.Notifications;

/// <summary>Hands a finished message to the mail server. One implementation, SMTP; the seam lets tests count deliveries.</summary>
public interface IMailTransport
{
    Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<MimeMessage, Exception?, Task> delivered, CancellationToken ct);
}

/// <summary>SMTP through MailKit: one connection per round, each message acknowledged (or refused) on its own.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, Func<MimeMessage, Exception?, Task> delivered, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Security switch
            {
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, ct);
            if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is not there: every message of the round waits for its next try.
            foreach (var m in messages) await delivered(m, e);
            return;
        }
        foreach (var m in messages)
        {
            Exception? error = null;
            try { await client.SendAsync(m, ct); }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or MailKit.ServiceNotConnectedException) { error = e; }
            await delivered(m, error);
            if (error is not null && !client.IsConnected) break;
        }
        if (client.IsConnected) await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Builds the MIME message of an outbox row: text and HTML as alternatives, then the attachments.</summary>
public static class MailBuilder
{
    public static MimeMessage Build(OutboxMessage m, MailOptions options)
    {
        var message = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = new DateTimeOffset(DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc)) };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(m.ToName, m.To));
        message.Headers.Add("X-Samstyring-Kind", m.Kind);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        foreach (var h in MailHeader.Parse(m.Headers)) message.Headers.Add(h.Name, h.Value);
        var body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody };
        foreach (var a in m.Attachments.OrderBy(a => a.Id))
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }
}
