using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Roadmap;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Roadmap;

/// <summary>A version in the list: <c>version</c> is its number ("21.1").</summary>
public sealed record RoadmapVersionSummaryDto(
    string Version, RoadmapStatus Status, DateOnly? PublishedOn, string Title, RoadmapVersionKind Kind, string? BasedOn,
    DateOnly? RecommendedOn, DateOnly? EndorsedOn)
{
    public static RoadmapVersionSummaryDto From(RoadmapVersionSummary v) =>
        new(v.Number, v.Status, v.PublishedOn, v.Title, v.Kind, v.BasedOn, v.RecommendedOn, v.EndorsedOn);
}

public sealed record RoadmapDraftBody(string? Number, string? BasedOn, string? Kind, string? Title, string? Summary)
{
    public DraftInput ToInput() => new(Number, BasedOn, Kind, Title, Summary);
}

/// <summary>Title and summary of a version; <c>version</c> is the row version the client started from (or If-Match).</summary>
public sealed record RoadmapVersionBody(string? Title, string? Summary, int? Version)
{
    public VersionInput ToInput() => new(Title, Summary);
}

public sealed record RoadmapStepBody(string? Step, int? CaseId, string? On, int? Version)
{
    public StepInput ToInput() => new(Step, CaseId, On);
}

public sealed record RoadmapServiceBody(
    string? Key, string? Area, string? Goal, string? Description, IReadOnlyList<string>? Solutions, IReadOnlyList<int>? Initiatives, int? Version)
{
    public ServiceInput ToInput() => new(Key, Area, Goal, Description, Solutions, Initiatives);
}

public sealed record RoadmapPlanBody(string? ActorGroup, string? Kind, string? Written, string? Note, int? Version)
{
    public PlanInput ToInput() => new(ActorGroup, Kind, Written, Note);
}

public sealed record RoadmapDependencyBody(string? Target, string? Key, string? Description)
{
    public DependencyInput ToInput() => new(Target, Key, Description);
}

/// <summary>A milestone; <c>target</c> as written ("2021/2022"), empty for none; <c>version</c> is the milestone's version the client started from.</summary>
public sealed record MilestoneBody(string? Code, string? Title, string? ReachCriterion, string? Target, int? Version)
{
    public MilestoneInput ToInput() => new(Code, Title, ReachCriterion, Target);
}

/// <summary>A prerequisite and its assessment; on update a missing <c>text</c> keeps the text. <c>version</c> is the milestone's.</summary>
public sealed record PrerequisiteBody(string? Text, string? Status, string? Assessment, string? AssessedOn, int? Version)
{
    public PrerequisiteInput ToInput() => new(Text, Status, Assessment, AssessedOn);
}

/// <summary>A phase of a milestone's plan; <c>written</c> is the period as written. <c>version</c> is the milestone's.</summary>
public sealed record PhaseBody(string? Phase, string? Written, int? Version)
{
    public PhaseInput ToInput() => new(Phase, Written);
}

public sealed record RoadmapServiceWriteDto(int Id, string Key, string Area, string Goal, string Description, int Version, string Url);

public sealed record RoadmapPlanWriteDto(
    int Id, int ServiceId, string ActorGroup, PlanKind Kind, string Written, DateOnly? Start, DateOnly? End, PlannedDateQualifier Qualifier,
    string? Note, int Version);

public sealed record RoadmapDependencyWriteDto(int Id, int ServiceId, DependencyTarget Target, int TargetId, string Description);

public sealed record MilestoneWriteDto(int Id, int Version, string Code, string Title, string ReachCriterion, string? Target, DateOnly? TargetStart,
    DateOnly? TargetEnd, string Url);

/// <summary>A prerequisite after a change; <c>milestoneVersion</c> is what the next change to the milestone must send.</summary>
public sealed record PrerequisiteWriteDto(int Id, int MilestoneId, int MilestoneVersion, string Text, PrerequisiteStatus Status, string Assessment,
    DateOnly? AssessedOn);

/// <summary>A phase after a change; <c>milestoneVersion</c> is what the next change to the milestone must send.</summary>
public sealed record PhaseWriteDto(int Id, int MilestoneId, int MilestoneVersion, MilestonePhase Phase, string Written, DateOnly? Start, DateOnly? End);

/// <summary>
/// The national roadmap over HTTP. Reads are public, but anyone other than the office and council members sees published
/// versions only: a draft is a 404 for them in JSON, SVG, PDF, CSV and the diff alike (<see cref="RoadmapQueries"/>
/// decides). Anonymous JSON reads come from the shared cache; a logged-in reader's answer is built fresh and marked private.
/// Writes are the office's (each use case checks); changes to an existing version, service or plan need the
/// version the client started from (If-Match or «version»): without it 400, when someone else saved first 412.
/// </summary>
public static partial class RoadmapApi
{
    private const string Svg = "image/svg+xml; charset=utf-8";
    private const string Pdf = "application/pdf";
    private const string Csv = "text/csv; charset=utf-8";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string VersionUrl(string number) => $"/api/v1/roadmap/versions/{Uri.EscapeDataString(number)}";
    public static string ServiceUrl(int id) => $"/api/v1/roadmap/services/{id}";
    public static string PlanUrl(int id) => $"/api/v1/roadmap/plans/{id}";
    public static string DependencyUrl(int id) => $"/api/v1/roadmap/dependencies/{id}";
    public static string MilestoneUrl(int id) => $"/api/v1/roadmap/milestones/{id}";

    public static IEndpointRouteBuilder MapRoadmapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/roadmap").WithTags("Veikart");

        api.MapGet("/versions", ListVersions).WithName("ListRoadmapVersions")
            .WithSummary("Versjonene av veikartet, nyeste først (offentlig: publiserte; porteføljekontoret og utvalgsmedlemmene ser også utkast).")
            .Produces<List<RoadmapVersionSummaryDto>>();
        api.MapGet("/versions/{version}", GetVersion).WithName("GetRoadmapVersion")
            .WithSummary("Én versjon av veikartet med tjenester, planer per aktørgruppe (start og slutt som ISO-datoer, null når utsatt på ubestemt tid), avhengigheter og milepæler. ETag er versjonens radversjon for If-Match.")
            .Produces<RoadmapVersionDto>().ProducesProblem(404);
        api.MapGet("/versions/{version}/chart.svg", GetChartSvg).WithName("GetRoadmapChartSvg")
            .WithSummary("Veikartet som tidslinje i SVG, valgfritt filtrert på område (area), aktørgruppe (actorGroup) og nasjonal løsning (solution: nøkkel eller navn). Store og små bokstaver er likegyldige; en verdi versjonen ikke har, gir 400 med feltfeil.")
            .Produces(200, contentType: "image/svg+xml").ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/versions/{version}/chart.pdf", GetChartPdf).WithName("GetRoadmapChartPdf")
            .WithSummary("Veikartet som tidslinje i PDF (samme filtre som SVG-utgaven).")
            .Produces(200, contentType: Pdf).ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/versions/{version}/plans.csv", GetPlansCsv).WithName("GetRoadmapPlansCsv")
            .WithSummary("Planene i versjonen som CSV (åpne data): én rad per plan med tjeneste, aktørgruppe, type og tidspunkt som skrevet og som intervall (samme filtre som SVG-utgaven).")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/diff", GetDiff).WithName("GetRoadmapDiff")
            .WithSummary("Hva er endret fra én versjon til en annen (from, to): tjenester lagt til eller fjernet, planer flyttet (med forsinkelse i måneder) eller utsatt på ubestemt tid, nye aktørgrupper.")
            .Produces<List<RoadmapChangeDto>>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/diff.docx", GetDiffDocx).WithName("GetRoadmapDiffDocx")
            .WithSummary("Endringene mellom to versjoner som Word-avsnitt porteføljekontoret kan legge ved NUIT-saken.")
            .Produces(200, contentType: Docx).ProducesValidationProblem().ProducesProblem(404);

        var write = app.MapGroup("/api/v1/roadmap").WithTags("Veikart (porteføljekontoret)").RequireAuthorization("office");

        MapVersionWrites(write);
        MapServiceWrites(write);
        MapPlanWrites(write);
        MapDependencyWrites(write);
        MapMilestones(write);
        return app;
    }

    /// <summary>Drafts: create, change, delete, and move a version a step on (recommended, adopted, published).</summary>
    private static void MapVersionWrites(RouteGroupBuilder write)
    {
        write.MapPost("/versions", CreateDraft).WithName("CreateRoadmapDraft")
            .WithSummary("Lag et utkast til en ny versjon, som kopi av en tidligere versjon (basedOn) med tjenester, planer, avhengigheter og milepæler. Porteføljekontoret.")
            .Produces<RoadmapVersionDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/versions/{version}", (string version, RoadmapVersionBody body, HttpRequest req, HttpResponse res, UpdateRoadmapVersion uc,
                RoadmapQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                VersionResult(res, q, user, async () => await uc.HandleAsync(version, body.ToInput(), Versions.Expected(req, body.Version), user, ct)))
            .WithName("UpdateRoadmapVersion")
            .WithSummary("Endre tittel og sammendrag for en versjon som ikke er tilsluttet eller publisert. Krever versjon i If-Match eller body.")
            .Produces<RoadmapVersionDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/versions/{version}", (string version, HttpRequest req, DeleteRoadmapDraft uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(version, Versions.Expected(req, null), user, ct);
                    return Results.NoContent();
                }))
            .WithName("DeleteRoadmapDraft")
            .WithSummary("Slett et utkast. Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/versions/{version}/steps", (string version, RoadmapStepBody body, HttpRequest req, HttpResponse res, AdvanceRoadmapVersion uc,
                RoadmapQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                VersionResult(res, q, user, async () => await uc.HandleAsync(version, body.ToInput(), Versions.Expected(req, body.Version), user, ct)))
            .WithName("AdvanceRoadmapVersion")
            .WithSummary("Ta versjonen ett steg videre: recommended (sak i NUIT), endorsed (sak i Nasjonalt e-helseråd; bare årlige versjoner) eller published. Datoen er møtedatoen om ikke «on» er oppgitt. Krever versjon.")
            .Produces<RoadmapVersionDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    /// <summary>The services of a draft.</summary>
    private static void MapServiceWrites(RouteGroupBuilder write)
    {
        write.MapPost("/versions/{version}/services", (string version, RoadmapServiceBody body, HttpResponse res, AddRoadmapService uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var s = await uc.HandleAsync(version, body.ToInput(), user, ct);
                    res.SetVersion(s.Version);
                    return Results.Created(ServiceUrl(s.Id), ServiceDto(s));
                }))
            .WithName("AddRoadmapService")
            .WithSummary("Legg til en tjeneste (formulert som mål) i en versjon som kan endres, med nøkkel, område, løsninger og tiltak. Porteføljekontoret.")
            .Produces<RoadmapServiceWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/services/{id:int}", (int id, RoadmapServiceBody body, HttpRequest req, HttpResponse res, UpdateRoadmapService uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var s = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                    res.SetVersion(s.Version);
                    return Results.Ok(ServiceDto(s));
                }))
            .WithName("UpdateRoadmapService")
            .WithSummary("Endre en tjeneste (mål, område, beskrivelse, løsninger og tiltak). Krever versjon i If-Match eller body.")
            .Produces<RoadmapServiceWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/services/{id:int}", (int id, HttpRequest req, RemoveRoadmapService uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, Versions.Expected(req, null), user, ct);
                    return Results.NoContent();
                }))
            .WithName("RemoveRoadmapService")
            .WithSummary("Fjern en tjeneste med planene og avhengighetene sine. Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    /// <summary>The actor groups' plans of a service.</summary>
    private static void MapPlanWrites(RouteGroupBuilder write)
    {
        write.MapPost("/services/{id:int}/plans", (int id, RoadmapPlanBody body, HttpResponse res, AddRoadmapPlan uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var p = await uc.HandleAsync(id, body.ToInput(), user, ct);
                    res.SetVersion(p.Version);
                    return Results.Created(PlanUrl(p.Id), PlanDto(p));
                }))
            .WithName("AddRoadmapPlan")
            .WithSummary("Legg til en plan for utprøving (trial) eller innføring (rollout) for en aktørgruppe, med tidspunktet slik planleggerne skriver det («Q4 2021», «tidligst 2022», «utsatt på ubestemt tid»).")
            .Produces<RoadmapPlanWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/plans/{id:int}", (int id, RoadmapPlanBody body, HttpRequest req, HttpResponse res, UpdateRoadmapPlan uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var p = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                    res.SetVersion(p.Version);
                    return Results.Ok(PlanDto(p));
                }))
            .WithName("UpdateRoadmapPlan")
            .WithSummary("Endre en plan (aktørgruppe, type, tidspunkt, merknad), for eksempel flytte den. Krever versjon i If-Match eller body.")
            .Produces<RoadmapPlanWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/plans/{id:int}", (int id, HttpRequest req, RemoveRoadmapPlan uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, Versions.Expected(req, null), user, ct);
                    return Results.NoContent();
                }))
            .WithName("RemoveRoadmapPlan")
            .WithSummary("Fjern en plan. Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    /// <summary>Dependencies between services.</summary>
    private static void MapDependencyWrites(RouteGroupBuilder write)
    {
        write.MapPost("/services/{id:int}/dependencies", (int id, RoadmapDependencyBody body, AddRoadmapDependency uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var d = await uc.HandleAsync(id, body.ToInput(), user, ct);
                    return Results.Created(DependencyUrl(d.Id), DependencyDto(d));
                }))
            .WithName("AddRoadmapDependency")
            .WithSummary("Legg til en avhengighet: til en annen tjeneste i samme versjon (service, nøkkel), et tiltak (initiative, id) eller en nasjonal løsning (solution, nøkkel).")
            .Produces<RoadmapDependencyWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapDelete("/dependencies/{id:int}", (int id, RemoveRoadmapDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, user, ct);
                    return Results.NoContent();
                }))
            .WithName("RemoveRoadmapDependency")
            .WithSummary("Fjern en avhengighet. Porteføljekontoret.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
    }

    /// <summary>
    /// Milestones with their prerequisites and phase plans. A milestone and everything in it share the milestone's version:
    /// changes and removals send it (If-Match or «version»), and every answer carries the new one (ETag, «version» or
    /// «milestoneVersion»).
    /// </summary>
    private static void MapMilestones(RouteGroupBuilder write)
    {
        write.MapPost("/versions/{version}/milestones", (string version, MilestoneBody body, HttpResponse res, AddMilestone uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var m = await uc.HandleAsync(version, body.ToInput(), user, ct);
                    res.SetVersion(m.Version);
                    return Results.Created(MilestoneUrl(m.Id), MilestoneDto(m));
                }))
            .WithName("AddRoadmapMilestone")
            .WithSummary("Legg til en milepæl i en versjon som kan endres: kode (for eksempel M4), navn (title), når den er nådd (reachCriterion) og mål slik det skrives (target, for eksempel «2021/2022»). Porteføljekontoret.")
            .Produces<MilestoneWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/milestones/{id:int}", (int id, MilestoneBody body, HttpRequest req, HttpResponse res, UpdateMilestone uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var m = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                    res.SetVersion(m.Version);
                    return Results.Ok(MilestoneDto(m));
                }))
            .WithName("UpdateRoadmapMilestone")
            .WithSummary("Endre en milepæl (kode, navn, når den er nådd, mål). Krever milepælens versjon i If-Match eller body.")
            .Produces<MilestoneWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/milestones/{id:int}", (int id, HttpRequest req, RemoveMilestone uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, Versions.Expected(req, null), user, ct);
                    return Results.NoContent();
                }))
            .WithName("RemoveRoadmapMilestone")
            .WithSummary("Fjern en milepæl med forutsetningene og faseplanen. Krever milepælens versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        MapMilestonePart<PrerequisiteBody, Prerequisite, PrerequisiteWriteDto, AddPrerequisite, UpdatePrerequisite, RemovePrerequisite>(
            write, "prerequisites", "Prerequisite",
            (uc, id, body, user, ct) => uc.HandleAsync(id, body.ToInput(), user, ct),
            (uc, id, body, version, user, ct) => uc.HandleAsync(id, body.ToInput(), version, user, ct),
            (uc, id, version, user, ct) => uc.HandleAsync(id, version, user, ct),
            body => body.Version, PrerequisiteDto,
            ("Legg til en forutsetning for en milepæl med vurderingen: tekst, status (confirmed-so-far, uncertain, work-remaining, no-decided-plans, not-assessed), vurdering og dato (står tom: i dag, eller ingen når den ikke er vurdert).",
             "Endre eller vurder en forutsetning: status, vurdering og dato, og teksten når «text» er med. Krever milepælens versjon (If-Match eller «version»).",
             "Fjern en forutsetning. Krever milepælens versjon i If-Match; svaret har den nye i ETag."));
        MapMilestonePart<PhaseBody, MilestonePhasePlan, PhaseWriteDto, AddMilestonePhase, UpdateMilestonePhase, RemoveMilestonePhase>(
            write, "phases", "Phase",
            (uc, id, body, user, ct) => uc.HandleAsync(id, body.ToInput(), user, ct),
            (uc, id, body, version, user, ct) => uc.HandleAsync(id, body.ToInput(), version, user, ct),
            (uc, id, version, user, ct) => uc.HandleAsync(id, version, user, ct),
            body => body.Version, PhaseDto,
            ("Legg til en fase i milepælens faseplan: fase (planning, procurement, establishment, rollout, operation) og periode slik den skrives (written, for eksempel «2020–medio 2021»). Fasene kan overlappe.",
             "Endre en fase i faseplanen (fase og periode). Krever milepælens versjon (If-Match eller «version»).",
             "Fjern en fase fra faseplanen. Krever milepælens versjon i If-Match; svaret har den nye i ETag."));
    }

    /// <summary>
    /// A prerequisite or a phase: added under its milestone (POST /milestones/{id}/{path}), changed and removed at
    /// /{path}/{id}. Every answer carries the milestone's new version (ETag, and «milestoneVersion» in the body).
    /// </summary>
    private static void MapMilestonePart<TBody, TPart, TDto, TAdd, TUpdate, TRemove>(RouteGroupBuilder write, string path, string name,
        Func<TAdd, int, TBody, CurrentUser?, CancellationToken, Task<TPart>> add,
        Func<TUpdate, int, TBody, int?, CurrentUser?, CancellationToken, Task<TPart>> update,
        Func<TRemove, int, int?, CurrentUser?, CancellationToken, Task<Milestone>> remove,
        Func<TBody, int?> bodyVersion, Func<TPart, TDto> dto, (string Add, string Update, string Remove) summary)
        where TPart : IMilestonePart
    {
        write.MapPost($"/milestones/{{id:int}}/{path}", (int id, TBody body, HttpResponse res, TAdd uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var part = await add(uc, id, body, user, ct);
                    res.SetVersion(part.Milestone.Version);
                    return Results.Created($"/api/v1/roadmap/{path}/{part.Id}", dto(part));
                }))
            .WithName($"AddRoadmap{name}").WithSummary(summary.Add)
            .Produces<TDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut($"/{path}/{{id:int}}", (int id, TBody body, HttpRequest req, HttpResponse res, TUpdate uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var part = await update(uc, id, body, Versions.Expected(req, bodyVersion(body)), user, ct);
                    res.SetVersion(part.Milestone.Version);
                    return Results.Ok(dto(part));
                }))
            .WithName($"UpdateRoadmap{name}").WithSummary(summary.Update)
            .Produces<TDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete($"/{path}/{{id:int}}", (int id, HttpRequest req, HttpResponse res, TRemove uc, [FromServices] CurrentUser? user,
                CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var milestone = await remove(uc, id, Versions.Expected(req, null), user, ct);
                    res.SetVersion(milestone.Version);
                    return Results.NoContent();
                }))
            .WithName($"RemoveRoadmap{name}").WithSummary(summary.Remove)
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
    }

    private static Task<IResult> ListVersions(HttpContext http, RoadmapQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        Serve(http, user, cached, "versions", async reader =>
            (await q.ListVersionsAsync(reader, http.RequestAborted)).Select(RoadmapVersionSummaryDto.From).ToList());

    /// <summary>
    /// Anonymous readers get the shared, cached answer (its ETag revalidates); the office and members get theirs fresh with
    /// ETag = the version's row version, which is what If-Match on the writes compares with.
    /// </summary>
    private static Task<IResult> GetVersion(string version, HttpContext http, RoadmapQueries q, CachedJson cached,
        [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            if (user is null)
                return await cached.ServeAsync(http, "roadmap:anonymous:version:" + version,
                    async () => RoadmapExport.ToDto(await q.GetVersionAsync(version, null, http.RequestAborted)));
            var view = await q.GetVersionAsync(version, user, http.RequestAborted);
            http.Response.SetVersion(view.Version);
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(RoadmapExport.ToDto(view));
        });

    private static Task<IResult> GetChartSvg(string version, HttpContext http, RoadmapQueries q, TimeProvider clock, [FromServices] CurrentUser? user,
        [FromQuery] string? area = null, [FromQuery] string? actorGroup = null, [FromQuery] string? solution = null) =>
        ServeFile(http, user, async ct =>
        {
            var view = await q.GetVersionAsync(version, user, ct);
            return Results.Text(RoadmapChart.ToSvg(view.Filter(new RoadmapFilter(area, actorGroup, solution)), clock.Today()), Svg);
        });

    private static Task<IResult> GetChartPdf(string version, HttpContext http, RoadmapQueries q, TimeProvider clock, [FromServices] CurrentUser? user,
        [FromQuery] string? area = null, [FromQuery] string? actorGroup = null, [FromQuery] string? solution = null) =>
        ServeFile(http, user, async ct =>
        {
            var view = await q.GetVersionAsync(version, user, ct);
            return Results.File(RoadmapChart.ToPdf(view.Filter(new RoadmapFilter(area, actorGroup, solution)), clock.Today()), Pdf, $"veikart-{view.Number}.pdf");
        });

    private static Task<IResult> GetPlansCsv(string version, HttpContext http, RoadmapQueries q, [FromServices] CurrentUser? user,
        [FromQuery] string? area = null, [FromQuery] string? actorGroup = null, [FromQuery] string? solution = null) =>
        ServeFile(http, user, async ct =>
        {
            var view = await q.GetVersionAsync(version, user, ct);
            return Results.File(RoadmapExport.ToCsv(view.Filter(new RoadmapFilter(area, actorGroup, solution))), Csv, $"veikart-{view.Number}.csv");
        });

    private static Task<IResult> GetDiff(HttpContext http, RoadmapQueries q, CachedJson cached, [FromServices] CurrentUser? user,
        [FromQuery] string? from = null, [FromQuery] string? to = null) =>
        ProblemResults.Run(async () =>
        {
            var (a, b) = DiffRange(from, to);
            return await Serve(http, user, cached, $"diff:{a}:{b}", async reader =>
                RoadmapExport.ToDto(await q.DiffAsync(a, b, reader, http.RequestAborted)));
        });

    private static Task<IResult> GetDiffDocx(HttpContext http, RoadmapQueries q, [FromServices] CurrentUser? user,
        [FromQuery] string? from = null, [FromQuery] string? to = null) =>
        ServeFile(http, user, async ct =>
        {
            var (a, b) = DiffRange(from, to);
            var diff = await q.DiffAsync(a, b, user, ct);
            return Results.File(RoadmapDiffDocument.ToDocx(diff), Docx, $"veikart-endringer-{diff.From}-{diff.To}.docx");
        });

    private static Task<IResult> CreateDraft(RoadmapDraftBody body, CreateRoadmapDraft uc, RoadmapQueries q, HttpResponse res,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var v = await uc.HandleAsync(body.ToInput(), user, ct);
            var view = await q.GetVersionAsync(v.Number, user, ct);
            res.SetVersion(view.Version);
            return Results.Created(VersionUrl(view.Number), RoadmapExport.ToDto(view));
        });

    /// <summary>After a change to the version itself: the whole version as read, with its new row version as ETag.</summary>
    private static Task<IResult> VersionResult(HttpResponse res, RoadmapQueries q, CurrentUser? user, Func<Task<RoadmapVersion>> action) =>
        ProblemResults.Run(async () =>
        {
            var v = await action();
            var view = await q.GetVersionAsync(v.Number, user, res.HttpContext.RequestAborted);
            res.SetVersion(view.Version);
            return Results.Ok(RoadmapExport.ToDto(view));
        });

    /// <summary>Same caching rule as the council API: only the anonymous answer is shared.</summary>
    private static Task<IResult> Serve<T>(HttpContext http, CurrentUser? user, CachedJson cached, string key, Func<CurrentUser?, Task<T>> produce)
        where T : notnull =>
        ProblemResults.Run(async () =>
        {
            if (user is null) return await cached.ServeAsync(http, "roadmap:anonymous:" + key, () => produce(null));
            var value = await produce(user);
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(value);
        });

    /// <summary>Files (SVG, PDF, CSV, DOCX) are built per request: the chart marks today, and drafts must not reach a shared cache.</summary>
    private static Task<IResult> ServeFile(HttpContext http, CurrentUser? user, Func<CancellationToken, Task<IResult>> produce) =>
        ProblemResults.Run(async () =>
        {
            var result = await produce(http.RequestAborted);
            http.Response.Headers.CacheControl = user is null ? "public, no-cache" : "private, no-cache";
            return result;
        });

    /// <summary>Both versions are required and must look like version numbers; whether they exist (for this reader) is a 404.</summary>
    private static (string From, string To) DiffRange(string? from, string? to)
    {
        var v = new Validator();
        Check("from", from, "Versjonen det sammenlignes fra");
        Check("to", to, "Versjonen det sammenlignes med");
        v.ThrowIfInvalid();
        return (from!.Trim(), to!.Trim());

        void Check(string field, string? value, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) v.Add(field, $"{label} må oppgis, for eksempel «21.1».");
            else if (value.Trim().Length > RoadmapVersion.NumberMax || !VersionNumber().IsMatch(value.Trim()))
                v.Add(field, $"«{(value.Length > 20 ? value[..20] + "…" : value)}» er ikke et gyldig versjonsnummer. Skriv det som «21.1».");
        }
    }

    [GeneratedRegex(@"^\d{1,4}\.\d{1,3}$")]
    private static partial Regex VersionNumber();

    private static RoadmapServiceWriteDto ServiceDto(RoadmapService s) =>
        new(s.Id, s.Key, s.Area, s.Goal, s.Description, s.Version, ServiceUrl(s.Id));

    private static RoadmapPlanWriteDto PlanDto(RoadmapPlan p) =>
        new(p.Id, p.ServiceId, p.ActorGroup, p.Kind, p.Written, p.Start, p.End, p.Qualifier, p.Note, p.Version);

    private static RoadmapDependencyWriteDto DependencyDto(RoadmapDependency d) =>
        d.DependsOnServiceId is { } service ? new(d.Id, d.ServiceId, DependencyTarget.Service, service, d.Description)
        : d.InitiativeId is { } initiative ? new(d.Id, d.ServiceId, DependencyTarget.Initiative, initiative, d.Description)
        : new(d.Id, d.ServiceId, DependencyTarget.Solution, d.NationalSolutionId ?? 0, d.Description);

    private static MilestoneWriteDto MilestoneDto(Milestone m) =>
        new(m.Id, m.Version, m.Code, m.Title, m.ReachCriterion, m.TargetWritten, m.TargetStart, m.TargetEnd, MilestoneUrl(m.Id));

    private static PrerequisiteWriteDto PrerequisiteDto(Prerequisite p) =>
        new(p.Id, p.MilestoneId, p.Milestone.Version, p.Text, p.Status, p.Assessment, p.AssessedOn);

    private static PhaseWriteDto PhaseDto(MilestonePhasePlan p) => new(p.Id, p.MilestoneId, p.Milestone.Version, p.Phase, p.Written, p.Start, p.End);


}
