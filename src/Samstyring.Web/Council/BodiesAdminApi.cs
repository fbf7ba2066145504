using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

public sealed record BodyUpdateBody(string? Kind, string? Description, string? QuorumRule, int? QuorumCount, int? NationalSolutionId, int? SortOrder, int? Version)
{
    public BodySettingsInput ToInput() => new(Kind, Description, QuorumRule, QuorumCount, NationalSolutionId, SortOrder);
}

/// <summary>A member as the secretariat writes it; <c>email</c> is where the meeting notices go (never shown publicly).</summary>
public sealed record MemberBody(string? Name, string? Title, int? OrganizationId, string? Role, int? SubstituteForId, string? TermStart, string? TermEnd, int? Version,
    string? Email = null)
{
    public MemberInput ToInput() => new(Name, Title, OrganizationId, Role, SubstituteForId, TermStart, TermEnd, Email);
}

public sealed record EndTermBody(string? TermEnd, int? Version);

public sealed record CycleItemBody(string? Body, int? Month, string? Title, string? Type, string? Description, string? ProposedDecision, int? Version)
{
    public CycleInput ToInput() => new(Body, Month, Title, Type, Description, ProposedDecision);
}

public sealed record CycleMeetingBody(string? Body, int? Month, string? Date, string? StartTime, string? EndTime, string? Location, bool IsVideo, string? Kind)
{
    public MeetingInput ToInput() => new(Body, Date, StartTime, EndTime, Location, IsVideo, Kind);
}

/// <summary>A body as the secretariat changes it; <c>version</c> is what the next change must send.</summary>
public sealed record BodyWriteDto(
    int Id, string Slug, BodyKind Kind, string Description, QuorumRule QuorumRule, int? QuorumCount, int? NationalSolutionId, int SortOrder,
    IEnumerable<BodyNameDto> Names, int Version);

public sealed record BodyNameWriteDto(int Id, string Name, string? ShortName, DateOnly ValidFrom);

public sealed record MandateWriteDto(int Id, DateOnly ValidFrom, string Text, int? AdoptedInCaseId);

public sealed record MemberWriteDto(
    int Id, string Name, string? Title, int OrganizationId, MemberRole Role, int? SubstituteForId, DateOnly TermStart, DateOnly? TermEnd, int Version,
    string? Email);

public sealed record MemberOrganizationDto(int Id, string Name);

public sealed record MemberRefDto(int Id, string Name);

/// <summary>A member in the members list; <c>current</c> tells whether the term covers today.</summary>
public sealed record BodyMemberDto(
    int Id, string Name, string? Title, MemberOrganizationDto Organization, MemberRole Role, MemberRefDto? SubstituteFor, DateOnly TermStart,
    DateOnly? TermEnd, bool Current, int Version);

/// <summary>A standing case in the årshjul; <c>body</c> is the body's slug.</summary>
public sealed record CycleItemWriteDto(
    int Id, string Body, int Month, string Title, CaseType Type, string? Description, string? ProposedDecision, int Version);

public sealed record CycleBodyDto(int Id, string Slug, string Name, string? ShortName);

public sealed record CycleMeetingDto(int Id, string Body, string BodyName, string Number, DateOnly Date, MeetingKind Kind, MeetingStatus Status);

public sealed record CycleMonthDto(int Month, string Name, IEnumerable<CycleItemWriteDto> Items, IEnumerable<CycleMeetingDto> Meetings);

public sealed record CycleYearDto(int Year, IEnumerable<CycleBodyDto> Bodies, IEnumerable<CycleMonthDto> Months);

public sealed record PlannedCaseDto(int Id, string Number, string Title, CaseType Type);

/// <summary>A meeting planned from the årshjul, with the case created for each standing case.</summary>
public sealed record PlannedMeetingDto(int Id, string Number, DateOnly Date, int Version, IEnumerable<PlannedCaseDto> Cases);

/// <summary>
/// The secretariat's API for bodies, members and the årshjul. Writes need the office role (the use cases check);
/// changes to existing records need the version the client started from (If-Match or «version»), else 412.
/// The members list and the årshjul are public reads.
/// </summary>
public static class BodiesAdminApi
{
    public static IEndpointRouteBuilder MapBodiesAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Organer og årshjul");
        api.MapGet("/bodies/{slug}/members", ListMembers).WithName("ListBodyMembers").WithSummary("Medlemmene av et organ, nåværende først (offentlig).")
            .Produces<List<BodyMemberDto>>().ProducesProblem(404);
        api.MapGet("/cycle", GetCycle).WithName("GetCycle").WithSummary("Årshjulet for et år: faste saker per organ og måned, og årets møter (offentlig).")
            .Produces<CycleYearDto>().ProducesValidationProblem();

        var write = api.MapGroup("").RequireAuthorization("office");
        MapBodyWrites(write);
        MapMemberWrites(write);
        MapCycleWrites(write);
        return app;
    }

    /// <summary>Bodies, their names and their mandates.</summary>
    private static void MapBodyWrites(RouteGroupBuilder write)
    {
        write.MapPost("/bodies", (BodyInput body, CreateBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var b = await uc.HandleAsync(body, user, ct);
                return Results.Created($"/api/v1/bodies/{b.Slug}", BodyDto(b));
            })).WithName("CreateBody").WithSummary("Opprett et organ (sekretariatet).")
            .Produces<BodyWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        write.MapPut("/bodies/{slug}", (string slug, BodyUpdateBody body, HttpRequest req, HttpResponse res, UpdateBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var b = await uc.HandleAsync(slug, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(b.Version);
                return Results.Ok(BodyDto(b));
            })).WithName("UpdateBody").WithSummary("Endre type, beskrivelse, vedtaksførhet og nasjonal løsning for et organ. Krever versjon i If-Match eller body.")
            .Produces<BodyWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/bodies/{slug}/names", (string slug, BodyNameInput body, RenameBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var n = await uc.HandleAsync(slug, body, user, ct);
                return Results.Created($"/api/v1/bodies/{slug}", new BodyNameWriteDto(n.Id, n.Name, n.ShortName, n.ValidFrom));
            })).WithName("RenameBody").WithSummary("Gi organet et nytt navn fra en dato; tidligere navn beholdes (sekretariatet).")
            .Produces<BodyNameWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        write.MapPost("/bodies/{slug}/mandates", (string slug, MandateInput body, AddMandate uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(slug, body, user, ct);
                return Results.Created($"/api/v1/bodies/{slug}", new MandateWriteDto(m.Id, m.ValidFrom, m.Text, m.AdoptedInCaseId));
            })).WithName("AddMandate").WithSummary("Legg til en ny versjon av mandatet (sekretariatet).")
            .Produces<MandateWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
    }

    /// <summary>The members of a body.</summary>
    private static void MapMemberWrites(RouteGroupBuilder write)
    {
        write.MapPost("/bodies/{slug}/members", (string slug, MemberBody body, AddMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(slug, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/bodies/{slug}/members", MemberSummary(m));
            })).WithName("AddMember").WithSummary("Legg til et medlem (sekretariatet).")
            .Produces<MemberWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        write.MapPut("/members/{id:int}", (int id, MemberBody body, HttpRequest req, HttpResponse res, UpdateMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(m.Version);
                return Results.Ok(MemberSummary(m));
            })).WithName("UpdateMember").WithSummary("Endre et medlem. Krever versjon i If-Match eller body.")
            .Produces<MemberWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/members/{id:int}/end-term", (int id, EndTermBody body, HttpRequest req, HttpResponse res, EndMemberTerm uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(id, body.TermEnd, Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(m.Version);
                return Results.Ok(MemberSummary(m));
            })).WithName("EndMemberTerm").WithSummary("Avslutt perioden til et medlem (medlemmer med oppmøte slettes aldri). Krever versjon i If-Match eller body.")
            .Produces<MemberWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/members/{id:int}", (int id, HttpRequest req, DeleteMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                return Results.NoContent();
            })).WithName("DeleteMember").WithSummary("Slett et medlem som er registrert ved en feil (ikke mulig når medlemmet har oppmøte).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
    }

    /// <summary>The yearly cycle (årshjulet) and meetings planned from it.</summary>
    private static void MapCycleWrites(RouteGroupBuilder write)
    {
        write.MapPost("/cycle", (CycleItemBody body, AddCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var i = await uc.HandleAsync(body.ToInput(), user, ct);
                return Results.Created($"/api/v1/cycle/{i.Id}", CycleItemDto(i, body.Body!.Trim()));
            })).WithName("AddCycleItem").WithSummary("Legg til en fast sak i årshjulet (sekretariatet).")
            .Produces<CycleItemWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        write.MapPut("/cycle/{id:int}", (int id, CycleItemBody body, HttpRequest req, HttpResponse res, UpdateCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var i = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(i.Version);
                return Results.Ok(CycleItemDto(i, body.Body!.Trim()));
            })).WithName("UpdateCycleItem").WithSummary("Endre en fast sak i årshjulet. Krever versjon i If-Match eller body.")
            .Produces<CycleItemWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/cycle/{id:int}", (int id, HttpRequest req, DeleteCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                return Results.NoContent();
            })).WithName("DeleteCycleItem").WithSummary("Slett en fast sak fra årshjulet (If-Match er valgfritt).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(412);
        write.MapPost("/cycle/meetings", (CycleMeetingBody body, PlanMeetingFromCycle uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                if (body.Month is null) throw ValidationFailedException.For("month", "Måned må velges.");
                var r = await uc.HandleAsync(body.Body?.Trim() ?? "", body.Month.Value, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/meetings/{r.Meeting.Id}", new PlannedMeetingDto(
                    r.Meeting.Id, r.Meeting.NumberText, r.Meeting.Date, r.Meeting.Version,
                    r.Cases.Select(c => new PlannedCaseDto(c.Id, c.NumberText, c.Title, c.Type))));
            })).WithName("PlanMeetingFromCycle")
            .WithSummary("Planlegg et møte fra årshjulet: møtet og én sak per fast sak for organet og måneden (sekretariatet).")
            .Produces<PlannedMeetingDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
    }

    private static Task<IResult> ListMembers(string slug, CouncilQueries queries, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return Results.Ok((await queries.ListBodyMembersAsync(slug, ct)).Select(m => new BodyMemberDto(
                m.Id, m.Name, m.Title,
                new MemberOrganizationDto(m.OrganizationId, m.Organization.Name),
                m.Role,
                m.SubstituteFor is { } s ? new MemberRefDto(s.Id, s.Name) : null,
                m.TermStart, m.TermEnd, m.ServesOn(today), m.Version)));
        });

    private static Task<IResult> GetCycle(CouncilQueries queries, CancellationToken ct, [FromQuery] int? year = null) =>
        ProblemResults.Run(async () =>
        {
            var y = await queries.GetCycleYearAsync(year ?? DateTime.UtcNow.Year, ct);
            var slugs = y.Bodies.ToDictionary(b => b.Id, b => b.Slug);
            return Results.Ok(new CycleYearDto(
                y.Year,
                y.Bodies.Select(b => new CycleBodyDto(b.Id, b.Slug, b.Name, b.ShortName)),
                Enumerable.Range(1, 12).Select(month => new CycleMonthDto(
                    month,
                    CycleItem.MonthName(month),
                    y.Items.Where(i => i.Month == month && slugs.ContainsKey(i.BodyId)).Select(i => CycleItemDto(i, slugs[i.BodyId])),
                    y.Meetings.Where(m => m.Date.Month == month).Select(m => new CycleMeetingDto(
                        m.Id, m.BodySlug, m.BodyName, m.Number, m.Date, m.Kind, m.Status))))));
        });

    private static BodyWriteDto BodyDto(Body b) => new(
        b.Id, b.Slug, b.Kind, b.Description, b.QuorumRule, b.QuorumCount, b.NationalSolutionId, b.SortOrder,
        b.Names.OrderBy(n => n.ValidFrom).Select(n => new BodyNameDto(n.Name, n.ShortName, n.ValidFrom)),
        b.Version);

    private static MemberWriteDto MemberSummary(BodyMember m) => new(
        m.Id, m.Name, m.Title, m.OrganizationId, m.Role, m.SubstituteForId, m.TermStart, m.TermEnd, m.Version, m.Email);

    private static CycleItemWriteDto CycleItemDto(CycleItem i, string bodySlug) => new(
        i.Id, bodySlug, i.Month, i.Title, i.Type, i.Description, i.ProposedDecision, i.Version);
}
