extern alias web;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Xunit.Abstractions;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// The Atom feed of decisions and the iCalendar feed of meetings as subscribers meet them: identities that do not depend
/// on the host name a request used (Samstyring:PublicUrl, or a fixed default), entries dated by the decision, conditional
/// requests, and both feeds read back by real clients (Python's feedparser and icalendar).
/// </summary>
public abstract class FeedTests(SamstyringFactory factory, ITestOutputHelper output) : WebTest(factory)
{
    private const string Board = "nasjonalt-e-helserad";
    private static readonly XNamespace A = "http://www.w3.org/2005/Atom";
    private static readonly CurrentUser OfficeUser = new("kontor", "Porteføljekontoret", Role.PortfolioOffice, null);
    private static readonly ConcurrentDictionary<SamstyringFactory, Task<Scenario>> Scenarios = new();

    /// <summary>A body of its own with a decided case (decision later corrected), and meetings planned, with notice, and cancelled.</summary>
    private sealed record Scenario(string Slug, int DecidedMeetingId, int CaseId, int CorrectedCaseId, int PlannedId, int NoticeId, int CancelledId);

    private Task<Scenario> SetUpAsync() => Scenarios.GetOrAdd(Factory, f => CreateAsync(f));

    private static async Task<Scenario> CreateAsync(SamstyringFactory factory)
    {
        var hex = Guid.NewGuid().ToString("N")[..10];
        var slug = "feed-" + hex;
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<CreateBody>().HandleAsync(new BodyInput(slug, $"Feedorgan {hex}", $"FO{hex[..4]}", "2020-01-01", "other",
            "Laget av feedtestene.", "none", null, null, "Mandat."), OfficeUser);

        var held = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2021-11-15", "10:00", "12:00", "Oslo", false, "ordinary"), OfficeUser);
        var decided = await sp.GetRequiredService<AddCase>().HandleAsync(held.Id, new CaseInput("Vedtatt sak", "orientering", null, null, null, null, "Tas til orientering.",
            false, null, null, null), OfficeUser);
        var corrected = await sp.GetRequiredService<AddCase>().HandleAsync(held.Id, new CaseInput("Rettet sak", "orientering", null, null, null, null, "Tas til orientering.",
            false, null, null, null), OfficeUser);
        await sp.GetRequiredService<SendNotice>().HandleAsync(held.Id, held.Version, OfficeUser);
        await sp.GetRequiredService<RecordDecision>().HandleAsync(decided.Id, "Organet tok saken til orientering.", decided.Version, OfficeUser);
        var first = await sp.GetRequiredService<RecordDecision>().HandleAsync(corrected.Id, "Organet tok saken til orientring.", corrected.Version, OfficeUser);
        // The secretariat corrects a typo in the decision later: that is a change subscribers should see.
        await sp.GetRequiredService<RecordDecision>().HandleAsync(corrected.Id, "Organet tok saken til orientering.", first.Version, OfficeUser);

        var planned = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2031-03-01", "09:00", "11:00", "Teams", true, "ordinary"), OfficeUser);
        var notice = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2031-04-01", "09:00", "11:00", "Oslo", false, "ordinary"), OfficeUser);
        await sp.GetRequiredService<AddCase>().HandleAsync(notice.Id, new CaseInput("Sak i innkalt møte", "orientering", null, null, null, null, "Tas til orientering.", false, null, null, null), OfficeUser);
        notice = await sp.GetRequiredService<SendNotice>().HandleAsync(notice.Id, (await sp.GetRequiredService<CouncilQueries>().GetMeetingAsync(notice.Id, OfficeUser)).Version, OfficeUser);
        var cancelled = await sp.GetRequiredService<PlanMeeting>().HandleAsync(new MeetingInput(slug, "2031-05-01", "09:00", "11:00", "Oslo", false, "extra"), OfficeUser);
        await sp.GetRequiredService<CancelMeeting>().HandleAsync(cancelled.Id, cancelled.Version, OfficeUser);
        return new Scenario(slug, held.Id, decided.Id, corrected.Id, planned.Id, notice.Id, cancelled.Id);
    }

    private static HttpClient ClientFor(WebApplicationFactory<web::Program> factory, string baseAddress) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = false });

    private static (string FeedId, List<string> EntryIds, List<string> Links) AtomIds(string xml)
    {
        var feed = XDocument.Parse(xml).Root!;
        return (feed.Element(A + "id")!.Value,
            feed.Elements(A + "entry").Select(e => e.Element(A + "id")!.Value).ToList(),
            feed.Descendants(A + "link").Select(l => l.Attribute("href")!.Value).ToList());
    }

    private static List<string> Lines(string ics, string property) =>
        ics.Replace("\r\n ", "").Split("\r\n").Where(l => l.StartsWith(property + ":", StringComparison.Ordinal)).Select(l => l[(property.Length + 1)..]).ToList();

    [Fact]
    public async Task Ids_and_uids_do_not_depend_on_the_host_a_request_used()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        using var one = ClientFor(Factory, "http://samstyring.example.no/");
        using var two = ClientFor(Factory, "http://127.0.0.1:8080/");
        foreach (var slug in new[] { Board, s.Slug })
        {
            var atom1 = AtomIds(await one.GetStringAsync($"/bodies/{slug}/decisions.atom"));
            var atom2 = AtomIds(await two.GetStringAsync($"/bodies/{slug}/decisions.atom"));
            Assert.NotEmpty(atom1.EntryIds);
            Assert.Equal(atom1.FeedId, atom2.FeedId);
            Assert.Equal(atom1.EntryIds, atom2.EntryIds);
            // Without Samstyring:PublicUrl the authority is the fixed name «samstyring», never the request's host.
            Assert.All(atom1.EntryIds.Append(atom1.FeedId), id => Assert.StartsWith("tag:samstyring,2021-01-01:", id));

            var uids1 = Lines(await one.GetStringAsync($"/bodies/{slug}/meetings.ics"), "UID");
            var uids2 = Lines(await two.GetStringAsync($"/bodies/{slug}/meetings.ics"), "UID");
            Assert.NotEmpty(uids1);
            Assert.Equal(uids1, uids2);
            Assert.All(uids1, uid => Assert.Matches("^meeting-[0-9]+@samstyring$", uid));
        }
    }

    [Fact]
    public async Task With_a_public_url_links_ids_and_uids_use_it_whatever_the_host()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        await using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("Samstyring:PublicUrl", "https://Samstyring.Example.no/portal/"));
        using var client = ClientFor(configured, "http://10.0.0.7:5080/");
        var atom = AtomIds(await client.GetStringAsync($"/bodies/{s.Slug}/decisions.atom"));
        Assert.Equal($"tag:samstyring.example.no,2021-01-01:bodies/{s.Slug}/decisions", atom.FeedId);
        Assert.Contains($"tag:samstyring.example.no,2021-01-01:case/{s.CaseId}", atom.EntryIds);
        Assert.All(atom.Links, l => Assert.StartsWith("https://samstyring.example.no/portal/", l));
        Assert.Contains($"https://samstyring.example.no/portal/bodies/{s.Slug}/decisions.atom", atom.Links);
        Assert.Contains($"https://samstyring.example.no/portal/saker/{s.CaseId}", atom.Links);

        var ics = await client.GetStringAsync($"/bodies/{s.Slug}/meetings.ics");
        Assert.Contains($"meeting-{s.PlannedId}@samstyring.example.no", Lines(ics, "UID"));
        Assert.All(Lines(ics, "URL"), u => Assert.StartsWith("https://samstyring.example.no/portal/moter/", u));
        Assert.DoesNotContain("10.0.0.7", ics);
    }

    [Theory]
    [InlineData("samstyring.example.no")]
    [InlineData("ftp://samstyring.example.no")]
    [InlineData("https://samstyring.example.no/?x=1")]
    public void A_public_url_that_is_not_an_absolute_http_url_stops_the_start(string value)
    {
        if (!Factory.Ready()) return;
        using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("Samstyring:PublicUrl", value));
        var e = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        Assert.Contains("Samstyring:PublicUrl", e.ToString());
    }

    [Fact]
    public async Task Entries_carry_the_date_of_the_decision_not_the_day_the_data_was_loaded()
    {
        if (!Factory.Ready()) return;
        var decisions = await Anonymous.GetArrayAsync($"/api/v1/bodies/{Board}/decisions");
        var decidedOn = decisions.ToDictionary(d => d.Int("id"), d => DateOnly.Parse(d.Str("decidedOn"), CultureInfo.InvariantCulture));
        var feed = XDocument.Parse(await Anonymous.GetStringAsync($"/bodies/{Board}/decisions.atom")).Root!;
        var entries = feed.Elements(A + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var e in entries)
        {
            var id = int.Parse(e.Element(A + "id")!.Value.Split('/')[^1], CultureInfo.InvariantCulture);
            var published = Instant(e, "published");
            var updated = Instant(e, "updated");
            Assert.Equal(decidedOn[id], OsloDate(published));
            // The demo decisions (2021) were never changed after they were recorded; other tests add later ones.
            if (decidedOn[id].Year <= 2021) Assert.Equal(published, updated);
            Assert.True(updated >= published);
        }
        Assert.Equal(entries.Max(e => Instant(e, "updated")), Instant(feed, "updated"));
    }

    [Fact]
    public async Task A_later_change_to_a_decision_moves_updated_but_not_published()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var feed = XDocument.Parse(await Anonymous.GetStringAsync($"/bodies/{s.Slug}/decisions.atom")).Root!;
        XElement Entry(int id) => feed.Elements(A + "entry").Single(e => e.Element(A + "id")!.Value.EndsWith($"case/{id}", StringComparison.Ordinal));

        var untouched = Entry(s.CaseId);
        Assert.Equal(new DateOnly(2021, 11, 15), OsloDate(Instant(untouched, "published")));
        Assert.Equal(Instant(untouched, "published"), Instant(untouched, "updated"));

        var corrected = Entry(s.CorrectedCaseId);
        Assert.Equal(new DateOnly(2021, 11, 15), OsloDate(Instant(corrected, "published")));
        var changed = Instant(corrected, "updated");
        Assert.True(changed > DateTimeOffset.UtcNow.AddHours(-1) && changed <= DateTimeOffset.UtcNow.AddMinutes(1), $"updated {changed:O} is the time of the correction");
        Assert.Equal(changed, Instant(feed, "updated"));
    }

    [Theory]
    [InlineData("decisions.atom")]
    [InlineData("meetings.ics")]
    public async Task The_feeds_answer_conditional_requests_with_304(string file)
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var path = $"/bodies/{s.Slug}/{file}";
        using var first = await Anonymous.GetAsync(path);
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag;
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(etag);
        Assert.NotNull(lastModified);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, path);
        byTag.Headers.IfNoneMatch.Add(etag!);
        using (var r = await Anonymous.SendAsync(byTag))
        {
            Assert.Equal(HttpStatusCode.NotModified, r.StatusCode);
            Assert.Equal(etag, r.Headers.ETag);
        }
        using var byDate = new HttpRequestMessage(HttpMethod.Get, path);
        byDate.Headers.IfModifiedSince = lastModified;
        using (var r = await Anonymous.SendAsync(byDate))
            Assert.Equal(HttpStatusCode.NotModified, r.StatusCode);
        using var older = new HttpRequestMessage(HttpMethod.Get, path);
        older.Headers.IfModifiedSince = lastModified!.Value.AddSeconds(-1);
        using (var r = await Anonymous.SendAsync(older))
            await r.AssertStatusAsync(HttpStatusCode.OK);
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        using var otherTag = new HttpRequestMessage(HttpMethod.Get, path);
        otherTag.Headers.IfNoneMatch.ParseAdd("\"something-else\"");
        otherTag.Headers.IfModifiedSince = lastModified;
        using (var r = await Anonymous.SendAsync(otherTag))
            await r.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_calendar_marks_meetings_tentative_confirmed_or_cancelled()
    {
        if (!Factory.Ready()) return;
        var s = await SetUpAsync();
        var ics = (await Anonymous.GetStringAsync($"/bodies/{s.Slug}/meetings.ics")).Replace("\r\n ", "");
        string StatusOf(int meetingId)
        {
            var ev = Regex.Matches(ics, "BEGIN:VEVENT\r\n(.*?)END:VEVENT", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
                .Single(e => e.Contains($"UID:meeting-{meetingId}@", StringComparison.Ordinal));
            return Regex.Match(ev, "STATUS:([A-Z]+)").Groups[1].Value;
        }
        Assert.Equal("TENTATIVE", StatusOf(s.PlannedId));
        Assert.Equal("CONFIRMED", StatusOf(s.NoticeId));
        Assert.Equal("CONFIRMED", StatusOf(s.DecidedMeetingId));
        Assert.Equal("CANCELLED", StatusOf(s.CancelledId));
    }

    /// <summary>
    /// Python's feedparser and icalendar read both feeds. Without python3 the test says so and stops (scripts/test.sh
    /// installs it); on CI a missing python3 fails. A python3 without the two modules is a failure, not a skip.
    /// </summary>
    [Fact]
    public async Task Python_feedparser_and_icalendar_read_the_feeds()
    {
        if (!Factory.Ready()) return;
        var python = FindPython();
        if (python is null)
        {
            var message = "SKIPPED Python_feedparser_and_icalendar_read_the_feeds: python3 was not found (install python3, python3-feedparser and python3-icalendar).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            output.WriteLine(message);
            Console.Error.WriteLine(message);
            return;
        }
        var s = await SetUpAsync();
        var dir = Directory.CreateTempSubdirectory("samstyring-feeds-");
        try
        {
            var atomFile = Path.Combine(dir.FullName, "decisions.atom");
            var icsFile = Path.Combine(dir.FullName, "meetings.ics");
            var scriptFile = Path.Combine(dir.FullName, "read.py");
            await File.WriteAllBytesAsync(atomFile, await Anonymous.GetByteArrayAsync($"/bodies/{s.Slug}/decisions.atom"));
            await File.WriteAllBytesAsync(icsFile, await Anonymous.GetByteArrayAsync($"/bodies/{s.Slug}/meetings.ics"));
            await File.WriteAllTextAsync(scriptFile, ReaderScript);
            var result = await RunAsync(python, scriptFile, atomFile, icsFile);
            Assert.True(result.ExitCode == 0, $"{python} {scriptFile} failed ({result.ExitCode}): {result.Error}");
            var json = JsonNode.Parse(result.Output)!;

            var atom = json["atom"]!;
            Assert.False(atom["bozo"]!.GetValue<bool>(), $"feedparser: {atom["bozoException"]}");
            Assert.Equal($"tag:samstyring,2021-01-01:bodies/{s.Slug}/decisions", atom.Str("id"));
            var entries = atom["entries"]!.AsArray();
            Assert.Equal(2, entries.Count);
            foreach (var e in entries)
            {
                Assert.StartsWith("tag:samstyring,2021-01-01:case/", e.Str("id"));
                Assert.StartsWith("http://localhost/saker/", e.Str("link"));
                // feedparser's parsed dates (UTC): the meeting of 15 November 2021.
                Assert.StartsWith("2021-11-15", e.Str("published"));
            }
            Assert.Contains(entries, e => e.Str("updated").StartsWith("2021-11-15", StringComparison.Ordinal));
            Assert.Contains(entries, e => !e.Str("updated").StartsWith("2021-11-15", StringComparison.Ordinal));

            var events = json["ics"]!.AsArray();
            Assert.Equal(4, events.Count);
            var byUid = events.ToDictionary(e => e.Str("uid"), e => e!);
            Assert.Equal("TENTATIVE", byUid[$"meeting-{s.PlannedId}@samstyring"].Str("status"));
            Assert.Equal("CONFIRMED", byUid[$"meeting-{s.NoticeId}@samstyring"].Str("status"));
            Assert.Equal("CANCELLED", byUid[$"meeting-{s.CancelledId}@samstyring"].Str("status"));
            // 1 March 2031 09:00 in Oslo (winter time) is 08:00 UTC.
            Assert.Equal("2031-03-01T08:00:00+00:00", byUid[$"meeting-{s.PlannedId}@samstyring"].Str("start"));
            Assert.Equal($"http://localhost/moter/{s.PlannedId}", byUid[$"meeting-{s.PlannedId}@samstyring"].Str("url"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private const string ReaderScript = """
        import json, sys, time
        import feedparser, icalendar

        def iso(t):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None

        with open(sys.argv[1], "rb") as f:
            atom = feedparser.parse(f.read())
        with open(sys.argv[2], "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        print(json.dumps({
            "atom": {
                "bozo": bool(atom.bozo),
                "bozoException": str(atom.get("bozo_exception", "")),
                "id": atom.feed.get("id"),
                "entries": [{"id": e.get("id"), "link": e.get("link"), "published": iso(e.get("published_parsed")),
                             "updated": iso(e.get("updated_parsed"))} for e in atom.entries],
            },
            "ics": [{"uid": str(e.get("uid")), "status": str(e.get("status")), "start": e.decoded("dtstart").isoformat(),
                     "url": str(e.get("url"))} for e in cal.walk("VEVENT")],
        }))
        """;

    /// <summary>The Debian python3 first (where apt installs the modules), as scripts/test.sh does; then python3 on the PATH.</summary>
    private static string? FindPython()
    {
        if (File.Exists("/usr/bin/python3")) return "/usr/bin/python3";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "python3"))) return Path.Combine(dir, "python3");
        return null;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })
                      ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private static DateTimeOffset Instant(XElement e, string name)
    {
        var text = e.Element(A + name)?.Value ?? throw new Xunit.Sdk.XunitException($"no <{name}> in {e}");
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static DateOnly OsloDate(DateTimeOffset t) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo")).DateTime);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFeedTests(SqliteFactory factory, ITestOutputHelper output) : FeedTests(factory, output);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFeedTests(PostgresFactory factory, ITestOutputHelper output) : FeedTests(factory, output);
