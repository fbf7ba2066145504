using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

public sealed record BodyUpdateBody(string? Kind, string? Description, string? QuorumRule, int? QuorumCount, int? NationalSolutionId, int? SortOrder, int? Version)
{
    public BodySettingsInput ToInput() => new(Kind, Description, QuorumRule, QuorumCount, NationalSolutionId, SortOrder);
}

public sealed record MemberBody(string? Name, string? Title, int? OrganizationId, string? Role, int? SubstituteForId, string? TermStart, string? TermEnd, int? Version)
{
    public MemberInput ToInput() => new(Name, Title, OrganizationId, Role, SubstituteForId, TermStart, TermEnd);
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
        api.MapGet("/bodies/{slug}/members", ListMembers).WithSummary("Medlemmene av et organ, nåværende først (offentlig).");
        api.MapGet("/cycle", GetCycle).WithSummary("Årshjulet for et år: faste saker per organ og måned, og årets møter (offentlig).");

        var write = api.MapGroup("").RequireAuthorization("office");
        write.MapPost("/bodies", (BodyInput body, CreateBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var b = await uc.HandleAsync(body, user, ct);
                return Results.Created($"/api/v1/bodies/{b.Slug}", BodyDto(b));
            })).WithSummary("Opprett et organ (sekretariatet).");
        write.MapPut("/bodies/{slug}", (string slug, BodyUpdateBody body, HttpRequest req, HttpResponse res, UpdateBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var b = await uc.HandleAsync(slug, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(b.Version);
                return Results.Ok(BodyDto(b));
            })).WithSummary("Endre type, beskrivelse, vedtaksførhet og nasjonal løsning for et organ. Krever versjon i If-Match eller body.");
        write.MapPost("/bodies/{slug}/names", (string slug, BodyNameInput body, RenameBody uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var n = await uc.HandleAsync(slug, body, user, ct);
                return Results.Created($"/api/v1/bodies/{slug}", new { n.Id, n.Name, n.ShortName, n.ValidFrom });
            })).WithSummary("Gi organet et nytt navn fra en dato; tidligere navn beholdes (sekretariatet).");
        write.MapPost("/bodies/{slug}/mandates", (string slug, MandateInput body, AddMandate uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(slug, body, user, ct);
                return Results.Created($"/api/v1/bodies/{slug}", new { m.Id, m.ValidFrom, m.Text, adoptedInCaseId = m.AdoptedInCaseId });
            })).WithSummary("Legg til en ny versjon av mandatet (sekretariatet).");
        write.MapPost("/bodies/{slug}/members", (string slug, MemberBody body, AddMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(slug, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/bodies/{slug}/members", MemberSummary(m));
            })).WithSummary("Legg til et medlem (sekretariatet).");
        write.MapPut("/members/{id:int}", (int id, MemberBody body, HttpRequest req, HttpResponse res, UpdateMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(m.Version);
                return Results.Ok(MemberSummary(m));
            })).WithSummary("Endre et medlem. Krever versjon i If-Match eller body.");
        write.MapPost("/members/{id:int}/end-term", (int id, EndTermBody body, HttpRequest req, HttpResponse res, EndMemberTerm uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var m = await uc.HandleAsync(id, body.TermEnd, Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(m.Version);
                return Results.Ok(MemberSummary(m));
            })).WithSummary("Avslutt perioden til et medlem (medlemmer med oppmøte slettes aldri).");
        write.MapDelete("/members/{id:int}", (int id, HttpRequest req, DeleteMember uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                return Results.NoContent();
            })).WithSummary("Slett et medlem som er registrert ved en feil (ikke mulig når medlemmet har oppmøte).");
        write.MapPost("/cycle", (CycleItemBody body, AddCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var i = await uc.HandleAsync(body.ToInput(), user, ct);
                return Results.Created($"/api/v1/cycle/{i.Id}", CycleItemDto(i, body.Body!.Trim()));
            })).WithSummary("Legg til en fast sak i årshjulet (sekretariatet).");
        write.MapPut("/cycle/{id:int}", (int id, CycleItemBody body, HttpRequest req, HttpResponse res, UpdateCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var i = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                res.SetVersion(i.Version);
                return Results.Ok(CycleItemDto(i, body.Body!.Trim()));
            })).WithSummary("Endre en fast sak i årshjulet. Krever versjon i If-Match eller body.");
        write.MapDelete("/cycle/{id:int}", (int id, HttpRequest req, DeleteCycleItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, Versions.FromIfMatch(req), user, ct);
                return Results.NoContent();
            })).WithSummary("Slett en fast sak fra årshjulet (If-Match er valgfritt).");
        write.MapPost("/cycle/meetings", (CycleMeetingBody body, PlanMeetingFromCycle uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                if (body.Month is null) throw ValidationFailedException.For("month", "Måned må velges.");
                var r = await uc.HandleAsync(body.Body?.Trim() ?? "", body.Month.Value, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/meetings/{r.Meeting.Id}", new
                {
                    r.Meeting.Id, number = r.Meeting.NumberText, r.Meeting.Date, r.Meeting.Version,
                    cases = r.Cases.Select(c => new { c.Id, number = c.NumberText, c.Title, type = c.Type }),
                });
            })).WithSummary("Planlegg et møte fra årshjulet: møtet og én sak per fast sak for organet og måneden (sekretariatet).");
        return app;
    }

    private static Task<IResult> ListMembers(string slug, CouncilQueries queries, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return Results.Ok((await queries.ListBodyMembersAsync(slug, ct)).Select(m => new
            {
                m.Id, m.Name, m.Title,
                organization = new { id = m.OrganizationId, name = m.Organization.Name },
                role = m.Role,
                substituteFor = m.SubstituteFor is { } s ? new { s.Id, s.Name } : null,
                m.TermStart, m.TermEnd, current = m.ServesOn(today), m.Version,
            }));
        });

    private static Task<IResult> GetCycle(CouncilQueries queries, CancellationToken ct, [FromQuery] int? year = null) =>
        ProblemResults.Run(async () =>
        {
            var y = await queries.GetCycleYearAsync(year ?? DateTime.UtcNow.Year, ct);
            var slugs = y.Bodies.ToDictionary(b => b.Id, b => b.Slug);
            return Results.Ok(new
            {
                y.Year,
                bodies = y.Bodies.Select(b => new { b.Id, b.Slug, b.Name, b.ShortName }),
                months = Enumerable.Range(1, 12).Select(month => new
                {
                    month,
                    name = CycleItem.MonthName(month),
                    items = y.Items.Where(i => i.Month == month && slugs.ContainsKey(i.BodyId)).Select(i => CycleItemDto(i, slugs[i.BodyId])),
                    meetings = y.Meetings.Where(m => m.Date.Month == month).Select(m => new
                    {
                        m.Id, body = m.BodySlug, m.BodyName, m.Number, m.Date, kind = m.Kind, status = m.Status,
                    }),
                }),
            });
        });

    private static object BodyDto(Body b) => new
    {
        b.Id, b.Slug, kind = b.Kind, b.Description, quorumRule = b.QuorumRule, b.QuorumCount, b.NationalSolutionId, b.SortOrder,
        names = b.Names.OrderBy(n => n.ValidFrom).Select(n => new { n.Name, n.ShortName, n.ValidFrom }),
        b.Version,
    };

    private static object MemberSummary(BodyMember m) => new
    {
        m.Id, m.Name, m.Title, m.OrganizationId, role = m.Role, m.SubstituteForId, m.TermStart, m.TermEnd, m.Version,
    };

    private static object CycleItemDto(CycleItem i, string bodySlug) => new
    {
        i.Id, body = bodySlug, i.Month, i.Title, type = i.Type, i.Description, i.ProposedDecision, i.Version,
    };
}
