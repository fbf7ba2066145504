using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

public sealed record OwnerDto(int Id, string Name);
public sealed record LatestReportDto(string Period, string PeriodName, Rag Status, Rag Risk);
public sealed record InitiativeDto(
    int Id, string Name, OwnerDto Owner, ActorGroup ActorGroup, InitiativeKind Kind, Lifecycle Lifecycle, Phase Phase,
    Segment? Segment, DateOnly? PlannedStart, DateOnly? PlannedEnd, bool Demo, LatestReportDto? LatestReport)
{
    public static InitiativeDto From(InitiativeRow r) => new(
        r.Id, r.Name, new OwnerDto(r.OwnerId, r.OwnerName), r.OwnerActorGroup, r.Kind, r.Lifecycle, r.Phase, r.Segment,
        r.PlannedStart, r.PlannedEnd, r.IsDemo,
        r.LatestReport is { } l ? new LatestReportDto(l.PeriodCode, ReportingPeriod.NameOf(l.PeriodCode), l.Status, l.Risk) : null);
}

public sealed record InitiativeBody(
    string? Name, string? Description, int? OwnerId, string? Kind, string? Phase, string? PlannedStart, string? PlannedEnd,
    string? ContactPerson, string? Segment, int? Version)
{
    public InitiativeInput ToInput() => new(Name, Description, OwnerId, Kind, Phase, PlannedStart, PlannedEnd, ContactPerson, Segment);
}

public sealed record KsReviewBody(bool Endorse, string? Comment);
public sealed record InclusionBody(bool Include, string? Segment, string? Comment);
public sealed record LifecycleBody(string? Lifecycle, string? Reason, string? On, int? Version);
public sealed record PhaseDecisionBody(string? Phase, string? DecidedOn, string? DecidedBy, string? Note);
public sealed record ReportingYearBody(int Year, string? Cadence);
public sealed record DependencyBody(string? TargetKind, int? TargetId, string? Description, string? Criticality, string? Status, string? Deadline, int? Version)
{
    public DependencyInput ToInput() => new(TargetKind, TargetId, Description, Criticality, Status, Deadline);
}

/// <summary>The portfolio over HTTP: public reads, role-checked writes. Thin: every handler calls a Core use case.</summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Portefølje");

        api.MapGet("/initiatives", ListInitiatives).WithSummary("Tiltakene i porteføljen med siste status og risiko (offentlig).");
        api.MapGet("/initiatives/{id:int}", GetInitiative).WithSummary("Ett tiltak med rapporter, avhengigheter og beslutningspunkter (offentlig; innmeldingshistorikken bare for eieren, KS for kommunale tiltak og porteføljekontoret).");
        api.MapGet("/portfolio/overview", Overview).WithSummary("Nøkkeltall, røde flagg og røde avhengigheter (offentlig).");
        api.MapGet("/reporting-periods", async (GetReportingPeriods periods, CancellationToken ct) =>
            (await periods.AllAsync(ct))
            .Select(p => new { p.Code, p.Name, p.Year, cadence = p.Cadence, p.Start, p.End, p.Deadline }));
        api.MapGet("/criteria", async (GetCriteriaSets criteriaSets, CancellationToken ct) =>
            (await criteriaSets.AllAsync(ct))
            .Select(s => new
            {
                s.Version, s.Title, s.AdoptedByCase, s.AdoptedOn, s.IsCurrent,
                criteria = s.Criteria.OrderBy(c => c.Order).Select(c => new { c.Code, kind = c.Kind, c.Text }),
            })).WithSummary("Kriteriesettene for porteføljen (offentlig).");

        var write = api.MapGroup("").RequireAuthorization();
        write.MapPost("/initiatives", Propose).WithSummary("Foreslå et tiltak (tiltakseier eller porteføljekontor).");
        write.MapPut("/initiatives/{id:int}", Update).WithSummary("Endre et tiltak. Krever versjon i If-Match eller body.");
        write.MapPost("/initiatives/{id:int}/ks-review", (int id, KsReviewBody body, ReviewMunicipalSubmission uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(Summary(await uc.HandleAsync(id, body.Endorse, body.Comment, user, ct)))));
        write.MapPost("/initiatives/{id:int}/assessments", (int id, AssessmentInput body, AssessInclusion uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var a = await uc.HandleAsync(id, body, user, ct);
                return Results.Ok(new { a.Number, criteriaSet = a.CriteriaSet.Version, a.Criterion1Met, a.Criterion2Met, a.MayBeIncluded });
            }));
        write.MapPost("/initiatives/{id:int}/inclusion", (int id, InclusionBody body, DecideInclusion uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(Summary(await uc.HandleAsync(id, body.Include, body.Segment, body.Comment, user, ct)))));
        write.MapPost("/initiatives/{id:int}/lifecycle", (int id, LifecycleBody body, HttpRequest req, ChangeLifecycle uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var version = Versions.Expected(req, body.Version);
                return Results.Ok(Summary(await uc.HandleAsync(id, body.Lifecycle, body.Reason, body.On, version, user, ct)));
            }));
        write.MapPost("/initiatives/{id:int}/phase-decisions", (int id, PhaseDecisionBody body, RecordPhaseDecision uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.HandleAsync(id, body.Phase, body.DecidedOn, body.DecidedBy, body.Note, user, ct);
                return Results.Ok(new { d.Id, phase = d.Phase, d.DecidedOn, d.DecidedBy });
            }));
        write.MapPut("/initiatives/{id:int}/reports/{period}", (int id, string period, StatusReportInput body, HttpRequest req, HttpResponse res, ReportStatus uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var r = await uc.HandleAsync(id, body with { Period = period, Version = Versions.Expected(req, body.Version) }, user, ct);
                res.SetVersion(r.Version);
                return Results.Ok(new { period = r.Period.Code, status = r.Status, risk = r.Risk, r.Version });
            }))
            .WithSummary("Rapporter status og risiko for en periode. Den første rapporten for perioden trenger ingen versjon; "
                + "å endre en som finnes krever rapportens versjon i If-Match eller «version» (428 uten, 412 når noen andre har lagret først).");
        write.MapPost("/initiatives/{id:int}/dependencies", (int id, DependencyBody body, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.AddAsync(id, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/dependencies/{d.Id}", new { d.Id, d.Version });
            }));
        write.MapPut("/dependencies/{id:int}", (int id, DependencyBody body, HttpRequest req, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.UpdateAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                return Results.Ok(new { d.Id, d.Version });
            }));
        write.MapDelete("/dependencies/{id:int}", (int id, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.DeleteAsync(id, user, ct);
                return Results.NoContent();
            }));
        write.MapPost("/reporting-years", (ReportingYearBody body, SetUpReportingYear uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok((await uc.HandleAsync(body.Year, body.Cadence, user, ct)).Select(p => new { p.Code, p.Name }))));
        write.MapGet("/portfolio/missing-reports", (GetMissingReports uc, [FromServices] CurrentUser? user, string? period, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(await uc.HandleAsync(period, user, ct))))
            .WithSummary("Tiltak som ikke har rapportert for perioden (porteføljekontoret).");
        return app;
    }

    private static async Task<IResult> ListInitiatives(
        HttpContext http, GetPortfolioOverview uc, CachedJson cached, [FromQuery] int? owner = null, [FromQuery] string? segment = null,
        [FromQuery] string? actorGroup = null, [FromQuery] string? status = null, [FromQuery] string? lifecycle = null,
        [FromQuery] string? search = null)
    {
        return await ProblemResults.Run(async () =>
        {
            var filter = ParseFilter(owner, segment, actorGroup, status, lifecycle, search);
            return await cached.ServeAsync(http, $"initiatives:{filter}",
                async () => (await uc.QueryRows(filter).ToListAsync(http.RequestAborted)).Select(InitiativeDto.From).ToList());
        });
    }

    public static OverviewFilter ParseFilter(int? owner, string? segment, string? actorGroup, string? status, string? lifecycle, string? search)
    {
        var v = new Validator();
        v.Enum<Segment>("segment", segment, "Segment", false, out var seg);
        v.Enum<ActorGroup>("actorGroup", actorGroup, "Aktørgruppe", false, out var group);
        v.Enum<Rag>("status", status, "Status", false, out var rag);
        v.Enum<Lifecycle>("lifecycle", lifecycle, "Livsløp", false, out var lc);
        v.MaxLength("search", search, "Søk", 200);
        v.ThrowIfInvalid();
        return new OverviewFilter(owner, seg, group, rag, lc, search);
    }

    private static Task<IResult> Overview(HttpContext http, GetPortfolioOverview uc, CachedJson cached) =>
        cached.ServeAsync(http, "portfolio-overview", async () =>
        {
            var o = await uc.SummaryAsync(null, http.RequestAborted);
            return (object)new
            {
                period = o.Period is { } p ? new { p.Code, p.Name, p.Start, p.End } : null,
                counts = o.Counts,
                redFlags = o.RedFlags.Select(InitiativeDto.From),
                redDependencies = o.RedDependencies,
                statusDistribution = o.StatusDistribution,
                riskDistribution = o.RiskDistribution,
            };
        });

    private static Task<IResult> GetInitiative(int id, GetInitiative uc, HttpResponse response, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var d = await uc.HandleAsync(id, user, ct);
            response.SetVersion(d.Initiative.Version);
            // What a logged-in reader gets may include the submission history: never to be kept by a shared cache.
            if (user is not null) response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(InitiativeDetailsDto.From(d));
        });

    private static Task<IResult> Propose(InitiativeBody body, ProposeInitiative uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var i = await uc.HandleAsync(body.ToInput(), user, ct);
            return Results.Created($"/api/v1/initiatives/{i.Id}", Summary(i));
        });

    private static Task<IResult> Update(int id, InitiativeBody body, HttpRequest req, HttpResponse response, UpdateInitiative uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var i = await uc.HandleAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            response.SetVersion(i.Version);
            return Results.Ok(Summary(i));
        });


    private static object Summary(Initiative i) => new
    {
        i.Id, i.Name, ownerId = i.OwnerId, lifecycle = i.Lifecycle, segment = i.Segment, submission = i.Submission, i.Version,
    };
}
