using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Documents;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

/// <summary>
/// Subscribable feeds of a body: its adopted decisions (Atom) and its meetings (iCalendar). Feeds are public artefacts
/// that get copied and cached anywhere, so they are always built as for an anonymous reader, whoever asks.
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

    private static Task<IResult> Decisions(string slug, HttpContext http, CouncilQueries q) =>
        ProblemResults.Run(async () =>
        {
            var ct = http.RequestAborted;
            var body = await q.GetBodySummaryAsync(slug, ct);
            // user: null on purpose, also for members and the secretariat: the feed is public.
            var decisions = await q.ListDecisionsAsync(body.Slug, user: null, take: 50, ct: ct);
            var origin = Origin(http.Request);
            var host = http.Request.Host.Host;
            var entries = decisions.Where(c => !c.Confidential && !c.Redacted).Select(c => new AtomEntry(
                AtomFeed.TagId(host, TagDate, $"case/{c.Id}"),
                $"Sak {c.Number} {c.Title}",
                new DateTimeOffset(DateTime.SpecifyKind(c.UpdatedAt, DateTimeKind.Utc)),
                origin + CouncilApi.CaseUrl(c.Id),
                DecisionSummary(c),
                c.Decision,
                c.Type.Label())).ToList();
            var updated = entries.Count == 0 ? new DateTimeOffset(TagDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : entries.Max(e => e.Updated);
            var xml = AtomFeed.Write(AtomFeed.TagId(host, TagDate, $"bodies/{body.Slug}/decisions"), $"Vedtak i {body.Name}",
                origin + DecisionsUrl(body.Slug), origin + CouncilApi.BodyUrl(body.Slug), updated, entries);
            return Text(http, xml, AtomFeed.ContentType);
        });

    private static string DecisionSummary(CaseView c)
    {
        var where = c.MeetingNumber is { } n ? $"møte {n}" : "møte";
        var when = c.DecidedOn is { } d ? $" {Norwegian.Date(d)}" : "";
        return $"Vedtatt av {c.BodyName} i {where}{when}.";
    }

    private static Task<IResult> Meetings(string slug, HttpContext http, CouncilQueries q, SamstyringDb db) =>
        ProblemResults.Run(async () =>
        {
            var ct = http.RequestAborted;
            var body = await q.GetBodySummaryAsync(slug, ct);
            var meetings = await q.ListMeetingsAsync(body.Slug, null, ct);
            var ids = meetings.Select(m => m.Id).ToList();
            var updated = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new { m.Id, m.UpdatedAt }).ToDictionaryAsync(m => m.Id, m => m.UpdatedAt, ct);

            // Cases as an anonymous reader sees them: confidential titles are redacted, unpublished agendas are left out.
            var casesByMeeting = new Dictionary<int, List<CaseView>>();
            foreach (var year in meetings.Select(m => m.Date.Year).Distinct())
                foreach (var c in await q.ListCasesAsync(body.Slug, year, user: null, ct))
                    if (c.MeetingId is { } mid) (casesByMeeting.TryGetValue(mid, out var list) ? list : casesByMeeting[mid] = []).Add(c);

            var origin = Origin(http.Request);
            var host = http.Request.Host.Host;
            var events = meetings.OrderBy(m => m.Date).ThenBy(m => m.Id).Select(m =>
            {
                var published = m.Status is not (MeetingStatus.Planned or MeetingStatus.Cancelled);
                var url = origin + CouncilApi.MeetingUrl(m.Id);
                var lines = new List<string>();
                if (m.Status == MeetingStatus.Cancelled) lines.Add("Møtet er avlyst.");
                if (published && casesByMeeting.TryGetValue(m.Id, out var cases))
                {
                    lines.Add("Saker:");
                    lines.AddRange(cases.OrderBy(c => c.Year).ThenBy(c => c.Seq).Select(c =>
                        c.Redacted || c.Confidential ? $"{c.Number} {CaseView.RedactedTitle}" : $"{c.Number} {c.Title}"));
                }
                lines.Add(url);
                var modified = updated.TryGetValue(m.Id, out var u) ? DateTime.SpecifyKind(u, DateTimeKind.Utc) : DateTime.UnixEpoch;
                return new CalendarEvent(
                    $"meeting-{m.Id}@{host}",
                    ICalendar.OsloToUtc(m.Date, m.StartTime),
                    ICalendar.OsloToUtc(m.Date, m.EndTime),
                    $"{(m.Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} {m.Number} i {ShortName(body, m.Date)}",
                    m.Place,
                    string.Join("\n", lines),
                    url,
                    modified,
                    m.Version,
                    m.Status == MeetingStatus.Cancelled);
            }).ToList();
            return Text(http, ICalendar.Write($"Møter i {body.Name}", events), ICalendar.ContentType);
        });

    /// <summary>The short name in force on the date ("NUIT"), else the full name.</summary>
    public static string ShortName(BodySummary body, DateOnly date)
    {
        var name = body.Names.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom) ?? body.Names.MinBy(n => n.ValidFrom);
        return name is null ? body.Name : name.ShortName ?? name.Name;
    }

    /// <summary>Absolute URLs are built from the request, so the feed points back at the host the reader used.</summary>
    private static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";

    private static IResult Text(HttpContext http, string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, no-cache";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(bytes, contentType);
    }
}
