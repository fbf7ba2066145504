using System.Globalization;
using System.Text;

namespace Samstyring.Core.Documents;

/// <summary>RFC 5545 §3.8.1.11 STATUS of an event.</summary>
public enum CalendarEventStatus { Confirmed, Tentative, Cancelled }

/// <summary>One meeting in a calendar feed. Times are UTC (a <see cref="DateTimeKind.Unspecified"/> value is taken as UTC).</summary>
public sealed record CalendarEvent(
    string Uid, DateTime StartUtc, DateTime EndUtc, string Summary, string? Location, string? Description, string? Url,
    DateTime LastModifiedUtc, int Sequence, CalendarEventStatus Status = CalendarEventStatus.Confirmed);

/// <summary>
/// iCalendar (RFC 5545) writer for subscribable calendar feeds: UTC date-times, escaped TEXT values, lines folded
/// at 75 octets without splitting a UTF-8 character, CRLF line endings.
/// </summary>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//Samstyring//Samstyring//NO";

    private const string Crlf = "\r\n";
    private const int MaxLineOctets = 75;

    private static readonly Lazy<TimeZoneInfo> Oslo = new(() => TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"));

    public static string Write(string calendarName, IEnumerable<CalendarEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:" + ProductId);
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        Line(sb, "X-WR-CALNAME:" + EscapeText(calendarName));
        Line(sb, "X-WR-TIMEZONE:Europe/Oslo");
        foreach (var e in events)
        {
            var start = Utc(e.StartUtc);
            var end = Utc(e.EndUtc);
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + EscapeText(e.Uid));
            // DTSTAMP is the last change rather than "now", so the same data gives the same bytes (and ETag)
            // and clients do not see every event as new on each poll.
            Line(sb, "DTSTAMP:" + FormatUtc(Utc(e.LastModifiedUtc)));
            Line(sb, "DTSTART:" + FormatUtc(start));
            // RFC 5545 requires DTEND to be later than DTSTART; without it the event is a point in time.
            if (end > start) Line(sb, "DTEND:" + FormatUtc(end));
            Line(sb, "SUMMARY:" + EscapeText(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location)) Line(sb, "LOCATION:" + EscapeText(e.Location));
            if (!string.IsNullOrWhiteSpace(e.Description)) Line(sb, "DESCRIPTION:" + EscapeText(e.Description));
            // URL is a URI value, not TEXT: no backslash escaping, but line breaks and controls must go.
            if (!string.IsNullOrWhiteSpace(e.Url)) Line(sb, "URL:" + RemoveControls(e.Url).Trim());
            Line(sb, "LAST-MODIFIED:" + FormatUtc(Utc(e.LastModifiedUtc)));
            Line(sb, "SEQUENCE:" + Math.Max(0, e.Sequence).ToString(CultureInfo.InvariantCulture));
            Line(sb, "STATUS:" + e.Status switch
            {
                CalendarEventStatus.Tentative => "TENTATIVE",
                CalendarEventStatus.Cancelled => "CANCELLED",
                _ => "CONFIRMED",
            });
            Line(sb, "END:VEVENT");
        }
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>
    /// Norwegian wall-clock time to UTC. A time that occurs twice (autumn) means the first occurrence and a time
    /// that does not exist (spring) uses the offset before the gap, as RFC 5545 §3.3.5 prescribes.
    /// </summary>
    public static DateTime OsloToUtc(DateOnly date, TimeOnly time)
    {
        var tz = Oslo.Value;
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (tz.IsAmbiguousTime(local)) offset = tz.GetAmbiguousTimeOffsets(local).Max();
        else if (tz.IsInvalidTime(local)) offset = tz.GetUtcOffset(local.AddDays(-1));
        else offset = tz.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and any line break as \n.</summary>
    public static string EscapeText(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var s = value.Replace("\r\n", "\n").Replace('\r', '\n');
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\t': sb.Append(c); break;
                // TEXT excludes the other control characters.
                case < ' ' or '\u007f': break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Appends one content line, folded so no physical line exceeds 75 octets (CRLF not counted).</summary>
    private static void Line(StringBuilder sb, string contentLine)
    {
        var octets = 0;
        Span<byte> buffer = stackalloc byte[4];
        // EnumerateRunes turns a lone surrogate into U+FFFD, so the output is always valid UTF-8.
        foreach (var rune in contentLine.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(buffer);
            if (octets + n > MaxLineOctets)
            {
                sb.Append(Crlf).Append(' ');
                octets = 1; // the leading space of the continuation line counts
            }
            sb.Append(rune.ToString());
            octets += n;
        }
        sb.Append(Crlf);
    }

    private static string RemoveControls(string s) => new(s.Where(c => !char.IsControl(c)).ToArray());

    private static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };

    private static string FormatUtc(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
