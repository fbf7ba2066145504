using System.Text;
using System.Xml.Linq;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Tests.Documents;

public sealed class FeedWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static CalendarEvent Meeting(string summary = "Møte 6/2021 i samstyringsrådet", CalendarEventStatus status = CalendarEventStatus.Confirmed) => new(
        "council-meeting-6-2021@samstyring.no",
        new DateTime(2021, 12, 9, 9, 0, 0, DateTimeKind.Utc), new DateTime(2021, 12, 9, 11, 0, 0, DateTimeKind.Utc),
        summary, "Teams", "Sakliste:\nSak 20/21", "https://samstyring.no/rad/motter/6-2021",
        new DateTime(2021, 11, 25, 12, 30, 0, DateTimeKind.Utc), 2, status);

    // ---- iCalendar ----

    [Fact]
    public void ICalendar_escapes_text_values()
    {
        Assert.Equal(@"a\;b\,c\\d\nnewline", ICalendar.EscapeText("a;b,c\\d\nnewline"));
        Assert.Equal(@"x\ny\nz", ICalendar.EscapeText("x\r\ny\rz"));

        var ics = ICalendar.Write("Råd", [Meeting("a;b,c\\d\nnewline")]);
        Assert.Contains("\r\nSUMMARY:a\\;b\\,c\\\\d\\nnewline\r\n", ics);
        Assert.Contains("\r\nDESCRIPTION:Sakliste:\\nSak 20/21\r\n", ics);
    }

    [Fact]
    public void ICalendar_writes_the_calendar_and_event_properties()
    {
        var ics = ICalendar.Write("Nasjonalt samstyringsråd", [Meeting(), Meeting(status: CalendarEventStatus.Cancelled) with { Uid = "x@y" },
            Meeting(status: CalendarEventStatus.Tentative) with { Uid = "z@y" }]);
        var lines = Unfold(ics).Split("\r\n");

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal(["VERSION:2.0", "PRODID:-//Samstyring//Samstyring//NO", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:Nasjonalt samstyringsråd", "X-WR-TIMEZONE:Europe/Oslo"], lines[1..7]);
        Assert.Equal("END:VCALENDAR", lines[^2]);
        Assert.Equal("", lines[^1]); // the last line ends with CRLF too

        Assert.Equal(3, lines.Count(l => l == "BEGIN:VEVENT"));
        Assert.Contains("UID:council-meeting-6-2021@samstyring.no", lines);
        Assert.Contains("DTSTAMP:20211125T123000Z", lines);
        Assert.Contains("DTSTART:20211209T090000Z", lines);
        Assert.Contains("DTEND:20211209T110000Z", lines);
        Assert.Contains("LOCATION:Teams", lines);
        Assert.Contains("URL:https://samstyring.no/rad/motter/6-2021", lines);
        Assert.Contains("LAST-MODIFIED:20211125T123000Z", lines);
        Assert.Contains("SEQUENCE:2", lines);
        Assert.Equal(1, lines.Count(l => l == "STATUS:CONFIRMED"));
        Assert.Equal(1, lines.Count(l => l == "STATUS:CANCELLED"));
        Assert.Equal(1, lines.Count(l => l == "STATUS:TENTATIVE"));
    }

    [Fact]
    public void ICalendar_omits_empty_optional_properties()
    {
        var ics = ICalendar.Write("R", [Meeting() with { Location = null, Description = " ", Url = null }]);
        Assert.DoesNotContain("LOCATION", ics);
        Assert.DoesNotContain("DESCRIPTION", ics);
        Assert.DoesNotContain("URL:", ics);
    }

    [Fact]
    public void ICalendar_folds_long_lines_at_75_octets_without_breaking_utf8()
    {
        var summary = string.Concat(Enumerable.Repeat("Ærlig talt, søknadsbehandling for Østlandet og Nord-Norge går på skinner – æøå ÆØÅ 🇳🇴 ", 4));
        var ics = ICalendar.Write("Rådet", [Meeting(summary)]);

        var physical = ics.Split("\r\n");
        Assert.Contains(physical, l => l.StartsWith(' ')); // it really was folded
        foreach (var line in physical)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.True(bytes.Length <= 75, $"{bytes.Length} octets: {line}");
            Assert.Equal(line, StrictUtf8.GetString(bytes)); // no lone surrogate, so no split character
        }
        Assert.DoesNotContain(physical, l => l.Length > 0 && char.IsHighSurrogate(l[^1]));

        var unfolded = Unfold(ics).Split("\r\n");
        Assert.Contains("SUMMARY:" + ICalendar.EscapeText(summary), unfolded);
    }

    [Fact]
    public void ICalendar_uses_crlf_everywhere()
    {
        var ics = ICalendar.Write("Råd", [Meeting(new string('x', 300) + "\nlinje 2\r\nlinje 3")]);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        for (var i = 0; i < ics.Length; i++)
        {
            if (ics[i] == '\n') Assert.True(i > 0 && ics[i - 1] == '\r', $"bare LF at {i}");
            if (ics[i] == '\r') Assert.True(i + 1 < ics.Length && ics[i + 1] == '\n', $"bare CR at {i}");
        }
    }

    [Fact]
    public void ICalendar_oslo_time_to_utc_follows_winter_and_summer_time()
    {
        var winter = ICalendar.OsloToUtc(new DateOnly(2021, 12, 9), new TimeOnly(10, 0));
        Assert.Equal(new DateTime(2021, 12, 9, 9, 0, 0), winter);
        Assert.Equal(DateTimeKind.Utc, winter.Kind);

        Assert.Equal(new DateTime(2021, 9, 22, 8, 0, 0), ICalendar.OsloToUtc(new DateOnly(2021, 9, 22), new TimeOnly(10, 0)));

        // RFC 5545 §3.3.5: a repeated time is the first occurrence, a skipped time uses the offset before the gap.
        Assert.Equal(new DateTime(2021, 10, 31, 0, 30, 0), ICalendar.OsloToUtc(new DateOnly(2021, 10, 31), new TimeOnly(2, 30)));
        Assert.Equal(new DateTime(2021, 3, 28, 1, 30, 0), ICalendar.OsloToUtc(new DateOnly(2021, 3, 28), new TimeOnly(2, 30)));
    }

    // RFC 5545 §3.1: unfolding removes every CRLF followed by one space or tab.
    private static string Unfold(string s) => s.Replace("\r\n ", "").Replace("\r\n\t", "");

    // ---- Atom ----

    private static string Feed(params AtomEntry[] entries) => AtomFeed.Write(
        "urn:samstyring:council:feed", "Samstyringsrådet <script>alert(1)</script>",
        "https://samstyring.no/rad/feed.atom", "https://samstyring.no/rad",
        new DateTimeOffset(2021, 12, 9, 10, 0, 0, TimeSpan.FromHours(1)), entries);

    [Fact]
    public void Atom_feed_parses_with_namespace_language_and_escaped_text()
    {
        var xml = Feed(
            new AtomEntry("tag:samstyring.no,2021-12-09:meeting/6-2021", "Møte <script>alert(1)</script> & co",
                new DateTimeOffset(2021, 12, 1, 8, 0, 0, TimeSpan.Zero), "https://samstyring.no/rad/motter/6-2021",
                "Kort <b>sammendrag</b>", "Innhold <script>alert('x')</script>\nlinje 2", "Møte"),
            new AtomEntry("urn:samstyring:decision:20-21", "Vedtak", new DateTimeOffset(2021, 11, 1, 8, 0, 0, TimeSpan.Zero),
                "https://samstyring.no/rad/vedtak/20-21", null, null, null));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        Assert.DoesNotContain("<script>", xml);
        Assert.Contains("&lt;script&gt;", xml);

        var feed = XDocument.Parse(xml).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("nb", (string?)feed.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("urn:samstyring:council:feed", feed.Element(Atom + "id")!.Value);
        Assert.Equal("Samstyringsrådet <script>alert(1)</script>", feed.Element(Atom + "title")!.Value);
        Assert.Equal("text", (string?)feed.Element(Atom + "title")!.Attribute("type"));
        Assert.Equal("2021-12-09T09:00:00Z", feed.Element(Atom + "updated")!.Value);
        Assert.Equal("Samstyring", feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var self = feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.Equal("https://samstyring.no/rad/feed.atom", (string?)self.Attribute("href"));
        Assert.Equal("https://samstyring.no/rad",
            (string?)feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href"));

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(["tag:samstyring.no,2021-12-09:meeting/6-2021", "urn:samstyring:decision:20-21"],
            entries.Select(e => e.Element(Atom + "id")!.Value)); // order as given
        var first = entries[0];
        Assert.Equal("Møte <script>alert(1)</script> & co", first.Element(Atom + "title")!.Value);
        Assert.Equal("Innhold <script>alert('x')</script>\nlinje 2", first.Element(Atom + "content")!.Value);
        Assert.All(first.Elements().Where(e => e.Name.LocalName is "title" or "summary" or "content"),
            e => Assert.Equal("text", (string?)e.Attribute("type")));
        Assert.DoesNotContain(first.Descendants(), e => e.Name.LocalName == "script");
        Assert.Equal("Møte", (string?)first.Element(Atom + "category")!.Attribute("term"));
        Assert.Equal("2021-12-01T08:00:00Z", first.Element(Atom + "updated")!.Value);
        Assert.Equal("https://samstyring.no/rad/motter/6-2021", (string?)first.Element(Atom + "link")!.Attribute("href"));

        Assert.Null(entries[1].Element(Atom + "summary"));
        Assert.Null(entries[1].Element(Atom + "content"));
        Assert.Null(entries[1].Element(Atom + "category"));
    }

    [Fact]
    public void Atom_entries_carry_published_before_updated_when_given()
    {
        var xml = Feed(
            new AtomEntry("urn:x:1", "Vedtak", new DateTimeOffset(2022, 1, 5, 9, 30, 0, TimeSpan.Zero), "https://x/1", null, null, null,
                Published: new DateTimeOffset(2021, 12, 9, 16, 0, 0, TimeSpan.FromHours(1))),
            new AtomEntry("urn:x:2", "Uten dato", new DateTimeOffset(2021, 11, 1, 8, 0, 0, TimeSpan.Zero), "https://x/2", null, null, null));
        var entries = XDocument.Parse(xml).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal("2021-12-09T15:00:00Z", entries[0].Element(Atom + "published")!.Value);
        Assert.Equal("2022-01-05T09:30:00Z", entries[0].Element(Atom + "updated")!.Value);
        Assert.Null(entries[1].Element(Atom + "published"));
    }

    [Fact]
    public void Empty_atom_feed_is_still_valid()
    {
        var feed = XDocument.Parse(Feed()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Empty(feed.Elements(Atom + "entry"));
        foreach (var required in new[] { "id", "title", "updated", "author" })
            Assert.NotNull(feed.Element(Atom + required));
    }

    [Fact]
    public void Atom_drops_characters_xml_cannot_carry()
    {
        var xml = Feed(new AtomEntry("urn:x:1", "a\u0001b", DateTimeOffset.UnixEpoch, "https://x", null, "c\u0000d", null));
        var entry = XDocument.Parse(xml).Root!.Element(Atom + "entry")!;
        Assert.Equal("ab", entry.Element(Atom + "title")!.Value);
        Assert.Equal("cd", entry.Element(Atom + "content")!.Value);
    }

    [Fact]
    public void Tag_id_has_rfc_4151_form()
    {
        Assert.Equal("tag:samstyring.no,2021-12-09:meeting/6-2021",
            AtomFeed.TagId("samstyring.no", new DateOnly(2021, 12, 9), "meeting/6-2021"));
        Assert.Equal("tag:samstyring.no,2021-01-05:sak/r%C3%A5d%2020",
            AtomFeed.TagId("Samstyring.no", new DateOnly(2021, 1, 5), "sak/råd 20"));
        Assert.Throws<ArgumentException>(() => AtomFeed.TagId("a,b", new DateOnly(2021, 1, 1), "x"));
    }
}
