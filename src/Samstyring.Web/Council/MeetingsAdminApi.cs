using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council;

public sealed record MeetingBody(string? Body, string? Date, string? StartTime, string? EndTime, string? Location, bool IsVideo, string? Kind, int? Version)
{
    public MeetingInput ToInput() => new(Body, Date, StartTime, EndTime, Location, IsVideo, Kind);
}

/// <summary>For the status changes (notice, held, cancel) and withdrawal: only the version, which If-Match may give instead.</summary>
public sealed record VersionBody(int? Version);

public sealed record AgendaItemBody(int? CaseId, string? Kind, string? StartsAt, string? Title, string? Presenter);

public sealed record AgendaBody(int? Version, IReadOnlyList<AgendaItemBody>? Items);

public sealed record AttendanceRowBody(int MemberId, string? Status, bool ByVideo, string? SubstituteName, string? FromTime, int? UpToCaseId, string? Note);

public sealed record AttendanceBody(int? Version, string? OtherAttendees, IReadOnlyList<AttendanceRowBody>? Rows);

public sealed record CaseBody(string? Title, string? Type, string? From, string? Officers, string? Purpose, string? Background,
    string? ProposedDecision, bool Confidential, string? LegalBasis, string? CommentDeadline, string? CommentDeadlineNote,
    string? Presenter, string? StartsAt, int? Version)
{
    public CaseInput ToInput() => new(Title, Type, From, Officers, Purpose, Background, ProposedDecision, Confidential, LegalBasis,
        CommentDeadline, CommentDeadlineNote, Presenter, StartsAt);
}

public sealed record DecisionBody(string? Decision, int? Version);

public sealed record LinkBody(string? Related);

public sealed record ReferenceBody(string? Kind, int? TargetId);

public sealed record CommentBody(string? Text, string? Author, int? OrganizationId, string? ReceivedOn);

public sealed record CaseRefDto(int Id, string Number, string Title);

public sealed record MeetingWriteDto(int Id, string Number, string Body, DateOnly Date, MeetingStatus Status, int Version, IReadOnlyList<CaseRefDto> Cases, string Url);

public sealed record CaseLinkDto(int Id, int CaseId, int RelatedCaseId);

/// <summary>A reference from a case to the portfolio; <c>targetId</c> is the initiative's, reporting period's or criteria set's id.</summary>
public sealed record CaseReferenceWriteDto(int Id, int CaseId, CaseReferenceKind Kind, int? TargetId);

public sealed record CaseCommentWriteDto(int Id, int CaseId, string Author, int? OrganizationId, DateOnly ReceivedOn, string Text);

public sealed record CaseWriteDto(int Id, string Number, string Title, CaseType Type, int? MeetingId, bool Confidential, string? Decision, int Version, string Url);

/// <summary>
/// The secretariat's API for meetings and cases. Thin: every handler calls one use case (<see cref="PlanMeeting"/>,
/// <see cref="AddCase"/>, …), which checks who may do it (the office; members and the office may send input on a case).
/// Changes to an existing meeting or case need the version the client started from (If-Match or «version»), else 412.
/// </summary>
public static class MeetingsAdminApi
{
    public static IEndpointRouteBuilder MapMeetingsAdminApi(this IEndpointRouteBuilder app)
    {
        // The secretariat only: refused before the body is read, so no one else learns the rules of a change.
        var write = app.MapGroup("/api/v1").WithTags("Møter og saker (sekretariatet)").RequireAuthorization("office");
        var input = app.MapGroup("/api/v1").WithTags("Møter og saker (sekretariatet)").RequireAuthorization();

        MapMeetingWrites(write);
        MapCaseWrites(write);
        input.MapPost("/cases/{id:int}/comments", (int id, CommentBody body, AddComment uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var c = await uc.HandleAsync(id, new CommentInput(body.Author, body.OrganizationId, body.ReceivedOn, body.Text), user, ct);
                return Results.Created(CaseLocation(id), new CaseCommentWriteDto(c.Id, c.CaseId, c.Author, c.OrganizationId, c.ReceivedOn, c.Text));
            }))
            .WithName("AddCaseComment")
            .WithSummary("Gi innspill på en sak: medlemmer i eget navn innen fristen; sekretariatet registrerer innspill mottatt på annen måte (avsender og dato).")
            .Produces<CaseCommentWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    /// <summary>A meeting from plan to held or cancelled: details, notice, agenda and attendance.</summary>
    private static void MapMeetingWrites(RouteGroupBuilder write)
    {
        write.MapPost("/meetings", PlanMeeting).WithName("PlanMeeting")
            .WithSummary("Planlegg et møte: neste møtenummer i organets år, med de faste sakene (godkjenning av innkalling og av tidligere referater). Sekretariatet.")
            .Produces<MeetingWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403);
        write.MapPut("/meetings/{id:int}", UpdateMeeting).WithName("UpdateMeeting")
            .WithSummary("Endre dato, tid, sted og type for et møte (ikke år). Krever versjon i If-Match eller body.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/meetings/{id:int}/notice", (int id, [FromBody] VersionBody? body, HttpRequest req, HttpResponse res, SendNotice uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            MeetingResult(res, async () => await uc.HandleAsync(id, Versions.Expected(req, body?.Version), user, ct)))
            .WithName("SendMeetingNotice")
            .WithSummary("Send innkallingen: dagsorden og saksdokumenter blir offentlige (unntatt det som er unntatt offentlighet). Krever versjon.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/meetings/{id:int}/held", (int id, [FromBody] VersionBody? body, HttpRequest req, HttpResponse res, MarkMeetingHeld uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            MeetingResult(res, async () => await uc.HandleAsync(id, Versions.Expected(req, body?.Version), user, ct)))
            .WithName("MarkMeetingHeld")
            .WithSummary("Registrer møtet som avholdt. Krever versjon.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/meetings/{id:int}/cancel", (int id, [FromBody] VersionBody? body, HttpRequest req, HttpResponse res, CancelMeeting uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            MeetingResult(res, async () => await uc.HandleAsync(id, Versions.Expected(req, body?.Version), user, ct)))
            .WithName("CancelMeeting")
            .WithSummary("Avlys møtet; referater det skulle godkjenne går videre til neste møte. Krever versjon.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPut("/meetings/{id:int}/agenda", (int id, AgendaBody body, HttpRequest req, HttpResponse res, SaveAgenda uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            MeetingResult(res, async () =>
            {
                var items = (body.Items ?? []).Select(i => new AgendaInput(i.CaseId, i.Kind, i.StartsAt, i.Title, i.Presenter)).ToList();
                return await uc.HandleAsync(id, items, Versions.Expected(req, body.Version), user, ct);
            }))
            .WithName("SaveAgenda")
            .WithSummary("Erstatt dagsordenen: hver sak i møtet nøyaktig én gang, pauser med navn, tider i rekkefølge. Krever versjon.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPut("/meetings/{id:int}/attendance", (int id, AttendanceBody body, HttpRequest req, HttpResponse res, RecordAttendance uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            MeetingResult(res, async () =>
            {
                var rows = (body.Rows ?? []).Select(r => new AttendanceInput(r.MemberId, r.Status, r.ByVideo, r.SubstituteName, r.FromTime, r.UpToCaseId, r.Note)).ToList();
                return await uc.HandleAsync(id, rows, body.OtherAttendees, Versions.Expected(req, body.Version), user, ct);
            }))
            .WithName("RecordAttendance")
            .WithSummary("Erstatt oppmøtet for møtet (medlemmer, stedfortredere, delvis deltakelse, andre til stede). Krever versjon.")
            .Produces<MeetingWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    /// <summary>The cases of a meeting: add, change, decide, withdraw, and their links and references.</summary>
    private static void MapCaseWrites(RouteGroupBuilder write)
    {
        write.MapPost("/meetings/{id:int}/cases", (int id, CaseBody body, HttpResponse res, AddCase uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var c = await uc.HandleAsync(id, body.ToInput(), user, ct);
                res.SetVersion(c.Version);
                return Results.Created(CaseLocation(c.Id), CaseDto(c));
            }))
            .WithName("AddCase")
            .WithSummary("Legg til en sak i møtet: neste saksnummer i organets år, på dagsordenen før «Eventuelt». Sekretariatet.")
            .Produces<CaseWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/cases/{id:int}", (int id, CaseBody body, HttpRequest req, HttpResponse res, UpdateCase uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            CaseResult(res, async () => await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct)))
            .WithName("UpdateCase")
            .WithSummary("Endre en sak (tittel, type, saksframstilling, forslag til vedtak, unntak fra offentlighet, frist for innspill). Krever versjon.")
            .Produces<CaseWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/cases/{id:int}/decision", (int id, DecisionBody body, HttpRequest req, HttpResponse res, RecordDecision uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            CaseResult(res, async () => await uc.HandleAsync(id, body.Decision, Versions.Expected(req, body.Version), user, ct)))
            .WithName("RecordDecision")
            .WithSummary("Før vedtaket slik det ble fattet. Møtet må være vedtaksført, og {{plassholdere}} må være erstattet. Vedtak i saken om godkjenning av referat markerer referatene som godkjent. Krever versjon.")
            .Produces<CaseWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/cases/{id:int}", (int id, HttpRequest req, WithdrawCase uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, Versions.Expected(req, null), user, ct);
                return Results.NoContent();
            }))
            .WithName("WithdrawCase")
            .WithSummary("Trekk en sak som ikke er vedtatt (bare den siste i organets år, så numrene ikke får hull). Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/cases/{id:int}/links", (int id, LinkBody body, LinkCase uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var l = await uc.HandleAsync(id, body.Related, user, ct);
                return Results.Created(CaseLocation(id), new CaseLinkDto(l.Id, l.CaseId, l.RelatedCaseId));
            }))
            .WithName("LinkCase")
            .WithSummary("Vis til en sak i et annet organ («nuit 38/21»): vedtak på tilsluttende saker. Sekretariatet.")
            .Produces<CaseLinkDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapDelete("/cases/{id:int}/links/{linkId:int}", (int id, int linkId, UnlinkCase uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, linkId, user, ct);
                return Results.NoContent();
            }))
            .WithName("UnlinkCase").WithSummary("Fjern en kobling til en annen sak. Sekretariatet.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404);
        write.MapPost("/cases/{id:int}/references", (int id, ReferenceBody body, AddCaseReference uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var r = await uc.HandleAsync(id, body.Kind, body.TargetId, user, ct);
                return Results.Created(CaseLocation(id), new CaseReferenceWriteDto(r.Id, r.CaseId, r.Kind, r.InitiativeId ?? r.ReportingPeriodId ?? r.CriteriaSetId));
            }))
            .WithName("AddCaseReference")
            .WithSummary("Vis til et tiltak (initiative), en porteføljerapport (portfolio-period) eller et kriteriesett (criteria-set). Sekretariatet.")
            .Produces<CaseReferenceWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapDelete("/cases/{id:int}/references/{referenceId:int}", (int id, int referenceId, RemoveCaseReference uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.HandleAsync(id, referenceId, user, ct);
                return Results.NoContent();
            }))
            .WithName("RemoveCaseReference").WithSummary("Fjern en referanse til porteføljen. Sekretariatet.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404);
    }

    private static Task<IResult> PlanMeeting(MeetingBody body, Core.Council.PlanMeeting uc, CouncilQueries queries, [FromServices] CurrentUser? user, HttpResponse res, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var m = await uc.HandleAsync(body.ToInput(), user, ct);
            res.SetVersion(m.Version);
            return Results.Created($"/api/v1/meetings/{m.Id}", await MeetingDtoAsync(queries, m, ct));
        });

    private static Task<IResult> UpdateMeeting(int id, MeetingBody body, HttpRequest req, HttpResponse res, Core.Council.UpdateMeeting uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
        MeetingResult(res, async () => await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct));

    private static Task<IResult> MeetingResult(HttpResponse res, Func<Task<Meeting>> action) =>
        ProblemResults.Run(async () =>
        {
            var m = await action();
            res.SetVersion(m.Version);
            var queries = res.HttpContext.RequestServices.GetRequiredService<CouncilQueries>();
            return Results.Ok(await MeetingDtoAsync(queries, m, res.HttpContext.RequestAborted));
        });

    private static Task<IResult> CaseResult(HttpResponse res, Func<Task<CouncilCase>> action) =>
        ProblemResults.Run(async () =>
        {
            var c = await action();
            res.SetVersion(c.Version);
            return Results.Ok(CaseDto(c));
        });

    private static string CaseLocation(int id) => $"/api/v1/cases/{id}";

    /// <summary>The meeting and its cases by number (after planning: the standing cases the use case created).</summary>
    private static async Task<MeetingWriteDto> MeetingDtoAsync(CouncilQueries queries, Meeting m, CancellationToken ct)
    {
        var cases = await queries.MeetingCasesAsync(m.Id, ct);
        return new(m.Id, m.NumberText, m.Body.Slug, m.Date, m.Status, m.Version,
            cases.Select(c => new CaseRefDto(c.Id, c.Number, c.Title)).ToList(),
            CouncilApi.MeetingUrl(m.Id));
    }

    private static CaseWriteDto CaseDto(CouncilCase c) => new(
        c.Id, c.NumberText, c.Title, c.Type, c.MeetingId, c.Confidential, c.Decision, c.Version, CouncilApi.CaseUrl(c.Id));

}
