using System.Globalization;
using System.Text;
using System.Xml;

namespace Samstyring.Core.Documents;

/// <summary>
/// One entry of an Atom feed. <paramref name="Content"/> and <paramref name="Summary"/> are plain text.
/// <paramref name="Published"/> is when the entry first happened (RFC 4287 §4.2.9), <paramref name="Updated"/> its last
/// significant change (the same instant when there was none).
/// </summary>
public sealed record AtomEntry(
    string Id, string Title, DateTimeOffset Updated, string Url, string? Summary, string? Content, string? Category,
    DateTimeOffset? Published = null);

/// <summary>
/// Atom 1.0 (RFC 4287) feed writer. All text constructs are type="text", so whatever users typed is escaped
/// by the XML writer and a feed reader never renders it as HTML.
/// </summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static string Write(string feedId, string title, string selfUrl, string alternateUrl, DateTimeOffset updated,
        IEnumerable<AtomEntry> entries, string language = "nb")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedId);
        ArgumentException.ThrowIfNullOrWhiteSpace(selfUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(alternateUrl);
        ArgumentNullException.ThrowIfNull(entries);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            NewLineChars = "\n",
        };
        using var ms = new MemoryStream();
        using (var w = XmlWriter.Create(ms, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", Namespace);
            w.WriteAttributeString("xml", "lang", null, language);
            w.WriteElementString("id", Namespace, XmlText.Clean(feedId));
            Text(w, "title", title);
            w.WriteElementString("updated", Namespace, Rfc3339(updated));
            Link(w, "self", selfUrl, "application/atom+xml");
            Link(w, "alternate", alternateUrl, "text/html");
            w.WriteStartElement("author", Namespace);
            w.WriteElementString("name", Namespace, "Samstyring");
            w.WriteEndElement();
            w.WriteElementString("generator", Namespace, "Samstyring");

            foreach (var e in entries)
            {
                w.WriteStartElement("entry", Namespace);
                w.WriteElementString("id", Namespace, XmlText.Clean(e.Id));
                Text(w, "title", e.Title);
                if (e.Published is { } published) w.WriteElementString("published", Namespace, Rfc3339(published));
                w.WriteElementString("updated", Namespace, Rfc3339(e.Updated));
                Link(w, "alternate", e.Url, "text/html");
                if (!string.IsNullOrWhiteSpace(e.Category))
                {
                    w.WriteStartElement("category", Namespace);
                    w.WriteAttributeString("term", XmlText.Clean(e.Category));
                    w.WriteEndElement();
                }
                if (!string.IsNullOrWhiteSpace(e.Summary)) Text(w, "summary", e.Summary);
                if (!string.IsNullOrWhiteSpace(e.Content)) Text(w, "content", e.Content);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>A tag: URI (RFC 4151): "tag:authority,yyyy-MM-dd:specific". The date should be one on which the
    /// authority owned the name, and must never change for the same resource, so ids stay stable.</summary>
    public static string TagId(string authority, DateOnly date, string specific)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authority);
        ArgumentNullException.ThrowIfNull(specific);
        var a = authority.Trim().ToLowerInvariant();
        if (a.Any(c => c is ',' or ':' or '/' || char.IsWhiteSpace(c)))
            throw new ArgumentException("The authority must be a DNS name or an e-mail address.", nameof(authority));
        return $"tag:{a},{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{EscapeSpecific(specific)}";
    }

    // RFC 4151: specific = *( pchar / "/" / "?" ); anything else is percent-encoded as UTF-8.
    private static string EscapeSpecific(string s)
    {
        const string allowed = "-._~!$&'()*+,;=:@/?";
        var sb = new StringBuilder(s.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || allowed.Contains((char)rune.Value)))
            {
                sb.Append((char)rune.Value);
                continue;
            }
            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++) sb.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static void Text(XmlWriter w, string name, string? value)
    {
        w.WriteStartElement(name, Namespace);
        w.WriteAttributeString("type", "text");
        w.WriteString(XmlText.Clean(value));
        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", Namespace);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", XmlText.Clean(href));
        w.WriteEndElement();
    }

    // RFC 3339 in UTC, whole seconds: the form every feed reader accepts.
    private static string Rfc3339(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
