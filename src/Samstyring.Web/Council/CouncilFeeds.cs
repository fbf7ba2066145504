using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Documents;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

/// <summary>
/// Subscribable feeds of a body: its adopted decisions (Atom) and its meetings (iCalendar). Feeds are public artefacts
/// that get copied and cached anywhere, so they are always built as for an anonymous reader, whoever asks, and their
/// identities (Atom ids, UIDs) and links come from <see cref="PublicSite"/>, never from the host a request used.
/// </summary>
public static class CouncilFeeds
{
    /// <summary>The tag: URI date for ids; it must never change, or every reader sees every entry as new.</summary>
    private static readonly DateOnly TagDate = new(2021, 1, 1);

    public static string DecisionsUrl(string slug) => $"/bodies/{slug}/decisions.atom";
    public static string MeetingsUrl(string slug) => $"/bodies/{slug}/meetings.ics";

    public static void Map(IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/bodies").WithTags("Råd og utvalg");
        feeds.MapGet("/{slug}/decisions.atom", Decisions).WithName("BodyDecisionsFeed")
            .WithSummary("Atom-strøm med organets vedtak, nyeste først (offentlig; aldri saker unntatt offentlighet).")
            .Produces<string>(200, "application/atom+xml").ProducesProblem(404);
        feeds.MapGet("/{slug}/meetings.ics", Meetings).WithName("BodyMeetingsCalendar")
            .WithSummary("Kalender (iCalendar) med organets møter, også planlagte og avlyste (offentlig).")
            .Produces<string>(200, "text/calendar").ProducesProblem(404);
    }

    private static Task<IResult> Decisions(string slug, HttpContext http, CouncilQueries q, PublicSite site) =>
        ProblemResults.Run(async () =>
        {
            var ct = http.RequestAborted;
            var body = await q.GetBodySummaryAsync(slug, ct);
            // user: null on purpose, also for members and the secretariat: the feed is public.
            var decisions = await q.ListDecisionsAsync(body.Slug, user: null, take: 50, ct: ct);
            var origin = site.Origin(http.Request);
            var entries = decisions.Where(c => !c.Confidential && !c.Redacted).Select(c =>
            {
                // Dated by the decision, and updated only by a later change to it: not by when the row was loaded or touched.
                var published = c.DecidedAt ?? Utc(c.UpdatedAt);
                var updated = c.DecisionChangedAt is { } changed && Utc(changed) > published ? Utc(changed) : published;
                return new AtomEntry(
                    AtomFeed.TagId(site.Authority, TagDate, $"case/{c.Id}"),
                    $"Sak {c.Number} {c.Title}",
                    updated,
                    origin + CouncilApi.CaseUrl(c.Id),
                    DecisionSummary(c),
                    c.Decision,
                    c.Type.Label(),
                    published);
            }).ToList();
            var feedUpdated = entries.Count == 0 ? new DateTimeOffset(TagDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : entries.Max(e => e.Updated);
            var xml = AtomFeed.Write(AtomFeed.TagId(site.Authority, TagDate, $"bodies/{body.Slug}/decisions"), $"Vedtak i {body.Name}",
                origin + DecisionsUrl(body.Slug), origin + CouncilApi.BodyUrl(body.Slug), feedUpdated, entries);
            return Conditional(http, xml, AtomFeed.ContentType, feedUpdated);
        });

    private static string DecisionSummary(CaseView c)
    {
        var where = c.MeetingNumber is { } n ? $"møte {n}" : "møte";
        var when = c.DecidedOn is { } d ? $" {Norwegian.Date(d)}" : "";
        return $"Vedtatt av {c.BodyName} i {where}{when}.";
    }

    private static Task<IResult> Meetings(string slug, HttpContext http, CouncilQueries q, PublicSite site) =>
        ProblemResults.Run(async () =>
        {
            var ct = http.RequestAborted;
            var body = await q.GetBodySummaryAsync(slug, ct);
            var meetings = await q.ListMeetingsAsync(body.Slug, null, ct);

            // Cases as an anonymous reader sees them: confidential titles are redacted, unpublished agendas are left out.
            var casesByMeeting = new Dictionary<int, List<CaseView>>();
            foreach (var year in meetings.Select(m => m.Date.Year).Distinct())
                foreach (var c in await q.ListCasesAsync(body.Slug, year, user: null, ct))
                    if (c.MeetingId is { } mid) (casesByMeeting.TryGetValue(mid, out var list) ? list : casesByMeeting[mid] = []).Add(c);

            var origin = site.Origin(http.Request);
            var events = meetings.OrderBy(m => m.Date).ThenBy(m => m.Id).Select(m =>
            {
                var published = m.Status is not (MeetingStatus.Planned or MeetingStatus.Cancelled);
                var url = origin + CouncilApi.MeetingUrl(m.Id);
                var cases = published && casesByMeeting.TryGetValue(m.Id, out var list) ? list : [];
                var lines = new List<string>();
                if (m.Status == MeetingStatus.Cancelled) lines.Add("Møtet er avlyst.");
                if (m.Tentative) lines.Add("Foreløpig: innkallingen er ikke sendt, og tid og sted kan bli endret. Sakene publiseres med innkallingen.");
                if (cases.Count > 0)
                {
                    lines.Add("Saker:");
                    lines.AddRange(cases.OrderBy(c => c.Year).ThenBy(c => c.Seq).Select(c =>
                        c.Redacted || c.Confidential ? $"{c.Number} {CaseView.RedactedTitle}" : $"{c.Number} {c.Title}"));
                }
                lines.Add(url);
                // The event changes with the meeting and with the titles of the cases it lists.
                var modified = cases.Select(c => Utc(c.UpdatedAt)).Append(Utc(m.UpdatedAt)).Max().UtcDateTime;
                return new CalendarEvent(
                    $"meeting-{m.Id}@{site.Authority}",
                    ICalendar.OsloToUtc(m.Date, m.StartTime),
                    ICalendar.OsloToUtc(m.Date, m.EndTime),
                    $"{(m.Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} {m.Number} i {ShortName(body, m.Date)}",
                    m.Place,
                    string.Join("\n", lines),
                    url,
                    modified,
                    m.Version,
                    m.Status switch
                    {
                        MeetingStatus.Planned => CalendarEventStatus.Tentative,
                        MeetingStatus.Cancelled => CalendarEventStatus.Cancelled,
                        _ => CalendarEventStatus.Confirmed,
                    });
            }).ToList();
            var lastModified = events.Count == 0
                ? new DateTimeOffset(TagDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : new DateTimeOffset(events.Max(e => e.LastModifiedUtc), TimeSpan.Zero);
            return Conditional(http, ICalendar.Write($"Møter i {body.Name}", events), ICalendar.ContentType, lastModified);
        });

    /// <summary>The short name in force on the date ("NUIT"), else the full name.</summary>
    public static string ShortName(BodySummary body, DateOnly date)
    {
        var name = body.Names.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom) ?? body.Names.MinBy(n => n.ValidFrom);
        return name is null ? body.Name : name.ShortName ?? name.Name;
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    /// <summary>
    /// The feed with validators for pollers: a strong ETag of the bytes and Last-Modified of the newest entry or event.
    /// If-None-Match decides when sent; If-Modified-Since only without it (RFC 9110 §13.2.2). A 304 repeats the validators.
    /// </summary>
    private static IResult Conditional(HttpContext http, string text, string contentType, DateTimeOffset lastModified)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        var modified = new DateTimeOffset(lastModified.UtcTicks - lastModified.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var response = http.Response.GetTypedHeaders();
        response.ETag = etag;
        response.LastModified = modified;
        http.Response.Headers.CacheControl = "public, no-cache";

        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch is { Count: > 0 } tags
            ? tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && modified <= since;
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bytes, contentType);
    }
}
