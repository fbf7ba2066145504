using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

public sealed record BodyNameDto(string Name, string? ShortName, DateOnly ValidFrom);

public sealed record BodyDto(int Id, string Name, string Slug, string? ShortName, BodyKind Kind, IReadOnlyList<BodyNameDto> Names, bool Demo, string Url, int Version)
{
    public static BodyDto From(BodySummary b) => new(b.Id, b.Name, b.Slug, b.ShortName, b.Kind,
        b.Names.Select(n => new BodyNameDto(n.Name, n.ShortName, n.ValidFrom)).ToList(), b.IsDemo, CouncilApi.BodyUrl(b.Slug), b.Version);
}

public sealed record MandateDto(DateOnly ValidFrom, string Text, string? AdoptedInCase, int? AdoptedInCaseId);

public sealed record MemberDto(int Id, string Name, string? Title, string Organization, int OrganizationId, MemberRole Role, string RoleText,
    string? SubstituteFor, DateOnly TermStart, DateOnly? TermEnd, bool Demo, int Version)
{
    public static MemberDto From(MemberView m) => new(m.Id, m.Name, m.Title, m.Organization, m.OrganizationId, m.Role, m.RoleText,
        m.SubstituteFor, m.TermStart, m.TermEnd, m.IsDemo, m.Version);
}

public sealed record QuorumRuleDto(QuorumRule Rule, int? Count, string Text);

public sealed record BodyDetailsDto(int Id, string Name, string Slug, string? ShortName, BodyKind Kind, string? Solution, string Description,
    QuorumRuleDto Quorum, IReadOnlyList<BodyNameDto> Names, MandateDto? Mandate, IReadOnlyList<MandateDto> EarlierMandates,
    IReadOnlyList<MemberDto> Members, DateOnly? MembersOn, IReadOnlyList<MeetingDto> Meetings, bool Demo, string Url, CouncilFeedsDto Feeds, int Version);

public sealed record CouncilFeedsDto(string Decisions, string Meetings);

/// <param name="NoticeSent">False for a planned meeting: its date, time and place are preliminary and its agenda is not public yet.</param>
public sealed record MeetingDto(int Id, string Number, DateOnly Date, string Body, string BodyName, string StartTime, string EndTime,
    string Place, bool IsVideo, MeetingKind Kind, MeetingStatus Status, bool NoticeSent, bool Demo, string Url, int Version)
{
    public static MeetingDto From(MeetingSummary m) => new(m.Id, m.Number, m.Date, m.BodySlug, m.BodyName, CouncilApi.Time(m.StartTime),
        CouncilApi.Time(m.EndTime), m.Place, m.IsVideo, m.Kind, m.Status, m.NoticeSent, m.IsDemo, CouncilApi.MeetingUrl(m.Id), m.Version);
}

public sealed record AgendaItemDto(int Position, string? StartsAt, AgendaItemKind Kind, string? Title, string? Presenter, int? CaseId, string? CaseNumber);

public sealed record AttachmentRefDto(int Id, string Label, string Title, long? Size, string? FileName, string? ContentType, bool Confidential,
    string? LegalBasis, bool Redacted, string? Url, int Version)
{
    public static AttachmentRefDto From(AttachmentView a) => new(a.Id, a.Label, a.DisplayTitle, a.SizeBytes, a.FileName, a.ContentType,
        a.Confidential, a.LegalBasis, a.Redacted, a.HasFile && !a.Redacted ? AttachmentsApi.DownloadUrl(a.Id) : null, a.Version);
}

public sealed record RelatedDecisionDto(int CaseId, string Body, string BodyName, string Number, string? Title, string? Meeting, DateOnly? MeetingDate,
    DateOnly? DecidedOn, string? Decision, bool Redacted);

public sealed record CaseReferenceDto(CaseReferenceKind Kind, int TargetId, string Label);

public sealed record CommentDto(string Author, string? Organization, DateOnly ReceivedOn, string Text);

// Comments is null for readers outside the council (members' input is internal working material), [] when none came in.

public sealed record CaseDto(int Id, string Number, string Body, string BodyName, int? MeetingId, string? Meeting, DateOnly? MeetingDate,
    string Title, CaseType Type, StandingCase Standing, string? From, string? Officers, string? Purpose, string? Background,
    string? ProposedDecision, string? Decision, DateOnly? DecidedOn, bool Confidential, string? LegalBasis, bool Redacted,
    DateOnly? CommentDeadline, string? CommentDeadlineNote, string? StartsAt, string? Presenter,
    IReadOnlyList<AttachmentRefDto> Attachments, IReadOnlyList<RelatedDecisionDto> Related, IReadOnlyList<CaseReferenceDto> References,
    IReadOnlyList<CommentDto>? Comments, bool Demo, string Url, int Version)
{
    public static CaseDto Of(CaseView c) => new(c.Id, c.Number, c.BodySlug, c.BodyName, c.MeetingId, c.MeetingNumber, c.MeetingDate,
        c.Title, c.Type, c.Standing, c.From, c.Officers, c.Purpose, c.Background, c.ProposedDecision, c.Decision, c.DecidedOn,
        c.Confidential, c.LegalBasis, c.Redacted, c.CommentDeadline, c.CommentDeadlineNote, c.StartsAt is { } s ? CouncilApi.Time(s) : null,
        c.Presenter, c.Attachments.Select(AttachmentRefDto.From).ToList(),
        c.Related.Select(r => new RelatedDecisionDto(r.CaseId, r.BodySlug, r.BodyName, r.Number, r.Title, r.MeetingNumber, r.MeetingDate, r.DecidedOn, r.Decision, r.Redacted)).ToList(),
        c.References.Select(r => new CaseReferenceDto(r.Kind, r.TargetId, r.Label)).ToList(),
        c.Comments?.Select(x => new CommentDto(x.Author, x.Organization, x.ReceivedOn, x.Text)).ToList(),
        c.IsDemo, CouncilApi.CaseUrl(c.Id), c.Version);
}

public sealed record AttendanceDto(string Name, string Organization, MemberRole Role, AttendanceStatus? Status, bool ByVideo, string? SubstituteName, string Description);

public sealed record QuorumDto(bool Met, int Present, int Voting, int Required, bool Recorded, string Text);

public sealed record MeetingDetailsDto(int Id, string Number, DateOnly Date, string Body, string BodyName, string StartTime, string EndTime,
    string Place, bool IsVideo, MeetingKind Kind, MeetingStatus Status, bool NoticeSent, bool AgendaPublished, DateTime? NoticeSentAt,
    IReadOnlyList<AgendaItemDto> Agenda, IReadOnlyList<CaseDto> Cases, IReadOnlyList<AttendanceDto> Attendance, string? OtherAttendees,
    QuorumDto? Quorum, IReadOnlyList<MeetingDto> ApprovesMinutesOf, MeetingDto? MinutesApprovedIn, bool Demo, string Url, int Version)
{
    public static MeetingDetailsDto From(MeetingView v)
    {
        var m = v.Meeting;
        // The public gets attendance once the meeting is held; the secretariat and members follow it as it is recorded.
        var showAttendance = m.Status is MeetingStatus.Held or MeetingStatus.MinutesApproved || v.CanSeeConfidential;
        return new(m.Id, m.Number, m.Date, m.BodySlug, m.BodyName, CouncilApi.Time(m.StartTime), CouncilApi.Time(m.EndTime), m.Place, m.IsVideo,
            m.Kind, m.Status, m.NoticeSent, v.AgendaPublished, v.NoticeSentAt,
            v.Agenda.Select(a => new AgendaItemDto(a.Position, a.StartsAt is { } s ? CouncilApi.Time(s) : null, a.Kind,
                a.Case?.Title ?? a.Title, a.Presenter, a.Case?.Id, a.Case?.Number)).ToList(),
            v.Cases.Select(CaseDto.Of).ToList(),
            showAttendance ? v.Attendance.Select(a => new AttendanceDto(a.Name, a.Organization, a.Role, a.Status, a.ByVideo, a.SubstituteName, a.Description)).ToList() : [],
            showAttendance ? v.OtherAttendees : null,
            showAttendance ? new QuorumDto(v.Quorum.Met, v.Quorum.Present, v.Quorum.Voting, v.Quorum.Required, v.Quorum.Recorded, v.Quorum.Text) : null,
            v.ApprovesMinutesOf.Select(MeetingDto.From).ToList(), v.MinutesApprovedIn is { } ai ? MeetingDto.From(ai) : null,
            m.IsDemo, CouncilApi.MeetingUrl(m.Id), m.Version);
    }
}

/// <summary>
/// The council model over HTTP, read-only and public: bodies, meetings, cases and decisions. Anonymous readers (and roles
/// other than the secretariat and members) get confidential content redacted by <see cref="CouncilQueries"/>; only their
/// responses are served from the shared cache, so a member's view is never cached for anyone else.
/// </summary>
public static class CouncilApi
{
    public static string BodyUrl(string slug) => $"/organer/{slug}";
    public static string MeetingUrl(int id) => $"/moter/{id}";
    public static string CaseUrl(int id) => $"/saker/{id}";
    public static string Time(TimeOnly t) => t.ToString("HH\\:mm", CultureInfo.InvariantCulture);

    public static IEndpointRouteBuilder MapCouncilApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Råd og utvalg");

        api.MapGet("/bodies", ListBodies).WithName("ListBodies")
            .WithSummary("Organene i styringsmodellen med gjeldende navn og navnehistorikk (offentlig).")
            .Produces<List<BodyDto>>();
        api.MapGet("/bodies/{slug}", GetBody).WithName("GetBody")
            .WithSummary("Ett organ med mandat, medlemmer og møter (offentlig).")
            .Produces<BodyDetailsDto>().ProducesProblem(404);
        api.MapGet("/bodies/{slug}/decisions", ListDecisions).WithName("ListBodyDecisions")
            .WithSummary("Vedtak fattet i organet, nyeste først (offentlig; vedtak unntatt offentlighet bare for sekretariatet og medlemmene).")
            .Produces<List<CaseDto>>().ProducesProblem(404);
        api.MapGet("/meetings", ListMeetings).WithName("ListMeetings")
            .WithSummary("Møter, nyeste først, valgfritt for ett organ (body=slug) og ett år (year=yyyy) (offentlig).")
            .Produces<List<MeetingDto>>().ProducesValidationProblem();
        api.MapGet("/meetings/{id:int}", GetMeeting).WithName("GetMeeting")
            .WithSummary("Ett møte med dagsorden, saker, oppmøte og vedtaksførhet (offentlig; et planlagt møte med dato og sted, dagsorden når innkallingen er sendt).")
            .Produces<MeetingDetailsDto>().ProducesProblem(404);
        api.MapGet("/cases/{id:int}", GetCase).WithName("GetCase")
            .WithSummary("Én sak med forslag til vedtak, vedtak, vedlegg og tilsluttende saker (offentlig; saker unntatt offentlighet vises bare med nummer og hjemmel; innspill bare for medlemmer og sekretariatet).")
            .Produces<CaseDto>().ProducesProblem(404);

        CouncilFeeds.Map(app);
        return app;
    }

    /// <summary>
    /// Anonymous readers get the shared, cached answer (its ETag revalidates the cache); anyone logged in gets theirs built
    /// fresh and marked private, so a member's view of confidential content can never be served to someone else from a
    /// cache. A single changeable resource (<paramref name="version"/>) then carries its row version as ETag, the value
    /// If-Match takes on the writes.
    /// </summary>
    private static Task<IResult> Serve<T>(HttpContext http, CurrentUser? user, CachedJson cached, string key,
        Func<CurrentUser?, Task<T>> produce, Func<T, int>? version = null)
        where T : notnull =>
        ProblemResults.Run(async () =>
        {
            if (user is null) return await cached.ServeAsync(http, "council:anonymous:" + key, () => produce(null));
            var value = await produce(user);
            http.Response.Headers.CacheControl = "private, no-cache";
            if (version is not null) http.Response.SetVersion(version(value));
            return Results.Ok(value);
        });

    private static Task<IResult> ListBodies(HttpContext http, CouncilQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        Serve(http, user, cached, "bodies", async _ => (await q.ListBodiesAsync(http.RequestAborted)).Select(BodyDto.From).ToList());

    private static Task<IResult> GetBody(string slug, HttpContext http, CouncilQueries q, CachedJson cached, TimeProvider clock,
        [FromServices] CurrentUser? user) =>
        Serve(http, user, cached, "body:" + slug, async _ =>
        {
            var (b, mandates, members, meetings) = await q.GetBodyAsync(slug, ct: http.RequestAborted);
            var current = mandates.FirstOrDefault(m => m.ValidFrom <= clock.Today()) ?? mandates.LastOrDefault();
            MandateDto M(MandateView m) => new(m.ValidFrom, m.Text, m.AdoptedInCase, m.AdoptedInCaseId);
            // No one serving today (terms ended): the members of the last meeting, with the date they are for.
            DateOnly? membersOn = null;
            if (members.Count == 0 && meetings.Where(x => x.Date <= clock.Today() && x.Status != MeetingStatus.Cancelled).MaxBy(x => x.Date) is { } last)
            {
                membersOn = last.Date;
                members = (await q.MembersAsync(b.Id, http.RequestAborted))
                    .Where(x => x.TermStart <= last.Date && (x.TermEnd is null || x.TermEnd >= last.Date)).ToList();
            }
            return new BodyDetailsDto(b.Id, b.Name, b.Slug, b.ShortName, b.Kind, b.Solution, b.Description,
                new QuorumRuleDto(b.QuorumRule, b.QuorumCount, b.QuorumText),
                b.Names.Select(n => new BodyNameDto(n.Name, n.ShortName, n.ValidFrom)).ToList(),
                current is null ? null : M(current), mandates.Where(m => m != current).Select(M).ToList(),
                members.Select(MemberDto.From).ToList(), membersOn, meetings.Select(MeetingDto.From).ToList(), b.IsDemo, BodyUrl(b.Slug),
                new CouncilFeedsDto(CouncilFeeds.DecisionsUrl(b.Slug), CouncilFeeds.MeetingsUrl(b.Slug)), b.Version);
        }, body => body.Version);

    private static Task<IResult> ListDecisions(string slug, HttpContext http, CouncilQueries q, CachedJson cached,
        [FromServices] CurrentUser? user, [FromQuery] string? take = null) =>
        ProblemResults.Run(async () =>
        {
            var n = ParseInt("take", take, "Antall", 1, 500) ?? 100;
            await q.GetBodySummaryAsync(slug, http.RequestAborted); // 404 for an unknown body, not an empty list
            return await Serve(http, user, cached, $"decisions:{slug}:{n}", async reader =>
                (await q.ListDecisionsAsync(slug, reader, n, http.RequestAborted)).Select(CaseDto.Of).ToList());
        });

    private static Task<IResult> ListMeetings(HttpContext http, CouncilQueries q, CachedJson cached, [FromServices] CurrentUser? user,
        [FromQuery] string? body = null, [FromQuery] string? year = null) =>
        ProblemResults.Run(async () =>
        {
            var y = ParseInt("year", year, "Året", null, null);
            var slug = string.IsNullOrWhiteSpace(body) ? null : body.Trim().ToLowerInvariant();
            return await Serve(http, user, cached, $"meetings:{slug}:{y}", async _ =>
                (await q.ListMeetingsAsync(slug, y, http.RequestAborted)).Select(MeetingDto.From).ToList());
        });

    private static Task<IResult> GetMeeting(int id, HttpContext http, CouncilQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        Serve(http, user, cached, $"meeting:{id}", async reader => MeetingDetailsDto.From(await q.GetMeetingAsync(id, reader, http.RequestAborted)),
            meeting => meeting.Version);

    private static Task<IResult> GetCase(int id, HttpContext http, CouncilQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        Serve(http, user, cached, $"case:{id}", async reader => CaseDto.Of(await q.GetCaseAsync(id, reader, http.RequestAborted)),
            c => c.Version);

    /// <summary>A whole number from the query string, with a Norwegian message rather than the binder's English 400.</summary>
    private static int? ParseInt(string field, string? text, string label, int? min, int? max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw ValidationFailedException.For(field, $"{label} må være et helt tall, ikke «{(t.Length > 20 ? t[..20] + "…" : t)}».");
        if (n < min || n > max)
            throw ValidationFailedException.For(field, $"{label} må være mellom {min} og {max}.");
        return n;
    }
}
