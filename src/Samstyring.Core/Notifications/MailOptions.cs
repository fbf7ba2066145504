namespace Samstyring.Core.Notifications;

/// <summary>How the SMTP connection is secured (<c>Samstyring:Mail:Security</c>).</summary>
public enum MailSecurity { None, StartTls, Tls }

/// <summary>
/// Outgoing e-mail (<c>Samstyring:Mail</c>). Without a host nothing is sent: messages still wait in the outbox, where the
/// office sees them, so turning mail on later delivers what the events of the meantime queued.
/// </summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public MailSecurity Security { get; set; } = MailSecurity.None;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender address, e.g. <c>samstyring@ehelse.no</c>.</summary>
    public string From { get; set; } = "samstyring@localhost";
    public string FromName { get; set; } = "Samstyring";
    /// <summary>How often the sender looks for messages that are due.</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>Tries before a message is marked failed; the wait doubles from 30 seconds up to an hour (about a day in all).</summary>
    public int MaxAttempts { get; set; } = 30;
    /// <summary>Messages sent per round.</summary>
    public int BatchSize { get; set; } = 50;
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Where the public reaches the site, for links and calendar UIDs in messages that leave it: the origin from
/// <c>Samstyring:PublicUrl</c> (null when not set) and the DNS name ids are minted under.
/// </summary>
public sealed record SiteAddress(string? Origin, string Authority)
{
    public const string DefaultAuthority = "samstyring";

    public static readonly SiteAddress Unset = new(null, DefaultAuthority);

    /// <summary>From an absolute http(s) URL as the web host reads <c>Samstyring:PublicUrl</c>; <see cref="Unset"/> otherwise.</summary>
    public static SiteAddress From(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? new(u.GetLeftPart(UriPartial.Path).TrimEnd('/'), u.IdnHost.ToLowerInvariant())
            : Unset;

    /// <summary>An absolute link to a path of the site; the path alone when no public URL is set.</summary>
    public string Link(string path) => (Origin ?? "") + path;

    /// <summary>The UID of a meeting in calendars: the same in the feed and in the notice's attachment, so they merge.</summary>
    public string MeetingUid(int meetingId) => $"meeting-{meetingId}@{Authority}";
}
