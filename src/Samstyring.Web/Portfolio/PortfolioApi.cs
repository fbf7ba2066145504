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

public sealed record ReportingPeriodDto(string Code, string Name, int Year, ReportingCadence Cadence, DateOnly Start, DateOnly End, DateOnly Deadline)
{
    public static ReportingPeriodDto From(ReportingPeriod p) => new(p.Code, p.Name, p.Year, p.Cadence, p.Start, p.End, p.Deadline);
}

/// <summary>A reporting period set up by POST /reporting-years.</summary>
public sealed record ReportingPeriodRefDto(string Code, string Name);

public sealed record CriterionDto(string Code, CriterionKind Kind, string Text);

/// <summary>
/// A criteria set: <c>status</c> is <c>trial</c> (tried out since <c>trialByCase</c>, proposed for adoption in
/// <c>proposedInCase</c>) until a case adopts it (<c>adopted</c>, with <c>adoptedByCase</c> and <c>adoptedOn</c>).
/// </summary>
public sealed record CriteriaSetDto(
    string Version, string Title, CriteriaSetStatus Status, string? TrialByCase, string? ProposedInCase, string? AdoptedByCase, DateOnly? AdoptedOn,
    bool IsCurrent, IEnumerable<CriterionDto> Criteria)
{
    public static CriteriaSetDto From(CriteriaSet s) => new(s.Version, s.Title, s.Status, s.TrialByCase, s.ProposedInCase, s.AdoptedByCase, s.AdoptedOn, s.IsCurrent,
        s.Criteria.OrderBy(c => c.Order).Select(c => new CriterionDto(c.Code, c.Kind, c.Text)));
}

/// <summary>An initiative after a change: where it stands and the version the next change must send.</summary>
public sealed record InitiativeSummaryDto(int Id, string Name, int OwnerId, Lifecycle Lifecycle, Segment? Segment, SubmissionState Submission, int Version)
{
    public static InitiativeSummaryDto From(Initiative i) => new(i.Id, i.Name, i.OwnerId, i.Lifecycle, i.Segment, i.Submission, i.Version);
}

/// <summary>The outcome of an inclusion assessment; <c>criteriaSet</c> is the version of the criteria it was assessed by.</summary>
public sealed record AssessmentResultDto(int Number, string CriteriaSet, bool Criterion1Met, bool Criterion2Met, bool MayBeIncluded);

public sealed record PhaseDecisionWriteDto(int Id, Phase Phase, DateOnly DecidedOn, string DecidedBy);

/// <summary>A dependency after a change: its id and the version the next change must send.</summary>
public sealed record DependencyVersionDto(int Id, int Version);

public sealed record OverviewPeriodDto(string Code, string Name, DateOnly Start, DateOnly End);

public sealed record PortfolioOverviewDto(
    OverviewPeriodDto? Period, PortfolioCounts Counts, IEnumerable<InitiativeDto> RedFlags, IReadOnlyList<RedDependencyRow> RedDependencies,
    RagDistribution StatusDistribution, RagDistribution RiskDistribution);

/// <summary>The portfolio over HTTP: public reads, role-checked writes. Thin: every handler calls a Core use case.</summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Portefølje");

        api.MapGet("/initiatives", ListInitiatives).WithName("ListInitiatives")
            .WithSummary("Tiltakene i porteføljen med siste status og risiko (offentlig), valgfritt filtrert på eier, segment, aktørgruppe, status, livsløp og søk.")
            .Produces<List<InitiativeDto>>().ProducesValidationProblem();
        api.MapGet("/initiatives/{id:int}", GetInitiative).WithName("GetInitiative").Produces<InitiativeDetailsDto>().ProducesProblem(404).WithSummary("Ett tiltak med rapporter, avhengigheter og beslutningspunkter (offentlig; innmeldingshistorikken bare for eieren, KS for kommunale tiltak og porteføljekontoret).");
        api.MapGet("/portfolio/overview", Overview).WithName("GetPortfolioOverview").WithSummary("Nøkkeltall, røde flagg og røde avhengigheter (offentlig).")
            .Produces<PortfolioOverviewDto>();
        api.MapGet("/reporting-periods", async (GetReportingPeriods periods, CancellationToken ct) =>
            (await periods.AllAsync(ct))
            .Select(ReportingPeriodDto.From))
            .WithName("ListReportingPeriods").WithSummary("Rapporteringsperiodene, eldste først (offentlig).")
            .Produces<List<ReportingPeriodDto>>();
        api.MapGet("/criteria", async (GetCriteriaSets criteriaSets, CancellationToken ct) =>
            (await criteriaSets.AllAsync(ct))
            .Select(CriteriaSetDto.From)).WithName("ListCriteriaSets").WithSummary("Kriteriesettene for porteføljen, nyeste først (offentlig).")
            .Produces<List<CriteriaSetDto>>();

        var write = api.MapGroup("").RequireAuthorization();
        MapInitiativeWrites(write);
        MapDependencyWrites(write);
        write.MapPost("/reporting-years", (ReportingYearBody body, SetUpReportingYear uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok((await uc.HandleAsync(body.Year, body.Cadence, user, ct)).Select(p => new ReportingPeriodRefDto(p.Code, p.Name)))))
            .WithName("SetUpReportingYear")
            .WithSummary("Opprett rapporteringsperiodene for et år (tertial eller halvår) (porteføljekontoret).")
            .Produces<List<ReportingPeriodRefDto>>().ProducesValidationProblem();
        write.MapGet("/portfolio/missing-reports", (GetMissingReports uc, [FromServices] CurrentUser? user, string? period, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(await uc.HandleAsync(period, user, ct))))
            .WithName("ListMissingReports")
            .WithSummary("Tiltak som ikke har rapportert for perioden (porteføljekontoret).")
            .Produces<List<MissingReport>>().ProducesValidationProblem();
        return app;
    }

    /// <summary>An initiative's way through the portfolio: proposal, KS review, assessment, inclusion, lifecycle, phase decisions and status reports.</summary>
    private static void MapInitiativeWrites(RouteGroupBuilder write)
    {
        write.MapPost("/initiatives", Propose).WithName("ProposeInitiative").WithSummary("Foreslå et tiltak (tiltakseier eller porteføljekontor).")
            .Produces<InitiativeSummaryDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        write.MapPut("/initiatives/{id:int}", Update).WithName("UpdateInitiative").WithSummary("Endre et tiltak. Krever versjon i If-Match eller body.")
            .Produces<InitiativeSummaryDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/initiatives/{id:int}/ks-review", (int id, KsReviewBody body, ReviewMunicipalSubmission uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(Summary(await uc.HandleAsync(id, body.Endorse, body.Comment, user, ct)))))
            .WithName("ReviewMunicipalSubmission")
            .WithSummary("KS-koordinatorens vurdering av et kommunalt tiltak: anbefal (endorse) eller send tilbake med kommentar.")
            .Produces<InitiativeSummaryDto>().ProducesValidationProblem().ProducesProblem(404);
        write.MapPost("/initiatives/{id:int}/assessments", (int id, AssessmentInput body, AssessInclusion uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var a = await uc.HandleAsync(id, body, user, ct);
                return Results.Ok(new AssessmentResultDto(a.Number, a.CriteriaSet.Version, a.Criterion1Met, a.Criterion2Met, a.MayBeIncluded));
            }))
            .WithName("AssessInclusion")
            .WithSummary("Vurder et foreslått tiltak mot kriteriene for porteføljen (porteføljekontoret).")
            .Produces<AssessmentResultDto>().ProducesValidationProblem().ProducesProblem(404);
        write.MapPost("/initiatives/{id:int}/inclusion", (int id, InclusionBody body, DecideInclusion uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () => Results.Ok(Summary(await uc.HandleAsync(id, body.Include, body.Segment, body.Comment, user, ct)))))
            .WithName("DecideInclusion")
            .WithSummary("Ta et foreslått tiltak inn i porteføljen (med segment) eller avslå det (porteføljekontoret).")
            .Produces<InitiativeSummaryDto>().ProducesValidationProblem().ProducesProblem(404);
        write.MapPost("/initiatives/{id:int}/lifecycle", (int id, LifecycleBody body, HttpRequest req, ChangeLifecycle uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var version = Versions.Expected(req, body.Version);
                return Results.Ok(Summary(await uc.HandleAsync(id, body.Lifecycle, body.Reason, body.On, version, user, ct)));
            }))
            .WithName("ChangeLifecycle")
            .WithSummary("Endre livsløpet til et tiltak (pause, gjenoppta, fullført, ute av porteføljen). Krever versjon i If-Match eller body.")
            .Produces<InitiativeSummaryDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/initiatives/{id:int}/phase-decisions", (int id, PhaseDecisionBody body, RecordPhaseDecision uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.HandleAsync(id, body.Phase, body.DecidedOn, body.DecidedBy, body.Note, user, ct);
                return Results.Ok(new PhaseDecisionWriteDto(d.Id, d.Phase, d.DecidedOn, d.DecidedBy));
            }))
            .WithName("RecordPhaseDecision")
            .WithSummary("Før et beslutningspunkt: tiltaket går over i en ny fase fra en dato.")
            .Produces<PhaseDecisionWriteDto>().ProducesValidationProblem().ProducesProblem(404);
        // The body is read by hand so that an amount given as text, or too large, is a field error (see JsonBody).
        write.MapPut("/initiatives/{id:int}/reports/{period}", (int id, string period, HttpRequest req, HttpResponse res, ReportStatus uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var body = await JsonBody.ReadAsync<StatusReportInput>(req, ct, StatusReportAmountErrors);
                var r = await uc.HandleAsync(id, body with { Period = period, Version = Versions.Expected(req, body.Version) }, user, ct);
                res.SetVersion(r.Version);
                return Results.Ok(StatusReportDto.From(r));
            }))
            .Accepts<StatusReportInput>("application/json")
            .WithName("ReportStatus")
            .Produces<StatusReportDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428)
            .WithSummary("Rapporter status og risiko for en periode. Den første rapporten for perioden trenger ingen versjon; "
                + "å endre en som finnes krever rapportens versjon i If-Match eller «version» (428 uten, 412 når noen andre har lagret først).");
    }

    private static string AmountError(string label) =>
        $"{label} må være et helt antall øre, et heltall fra 0 til {StatusReport.MaxOre.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";

    private static readonly Dictionary<string, string> StatusReportAmountErrors = new()
    {
        ["budgetOre"] = AmountError("Budsjett"), ["spentOre"] = AmountError("Påløpt hittil"), ["forecastOre"] = AmountError("Prognose"),
        ["version"] = "Versjonen må være et heltall.",
    };

    /// <summary>An initiative's dependencies.</summary>
    private static void MapDependencyWrites(RouteGroupBuilder write)
    {
        write.MapPost("/initiatives/{id:int}/dependencies", (int id, DependencyBody body, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.AddAsync(id, body.ToInput(), user, ct);
                return Results.Created($"/api/v1/dependencies/{d.Id}", new DependencyVersionDto(d.Id, d.Version));
            }))
            .WithName("AddDependency")
            .WithSummary("Legg til en avhengighet for et tiltak: til et annet tiltak, en nasjonal løsning eller en aktør, med kritikalitet, status og frist.")
            .Produces<DependencyVersionDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        write.MapPut("/dependencies/{id:int}", (int id, DependencyBody body, HttpRequest req, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                var d = await uc.UpdateAsync(id, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                return Results.Ok(new DependencyVersionDto(d.Id, d.Version));
            }))
            .WithName("UpdateDependency")
            .WithSummary("Endre en avhengighet. Krever versjon i If-Match eller body.")
            .Produces<DependencyVersionDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/dependencies/{id:int}", (int id, SaveDependency uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
            ProblemResults.Run(async () =>
            {
                await uc.DeleteAsync(id, user, ct);
                return Results.NoContent();
            }))
            .WithName("DeleteDependency").WithSummary("Slett en avhengighet.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404);
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
            return new PortfolioOverviewDto(
                o.Period is { } p ? new OverviewPeriodDto(p.Code, p.Name, p.Start, p.End) : null,
                o.Counts,
                o.RedFlags.Select(InitiativeDto.From),
                o.RedDependencies,
                o.StatusDistribution,
                o.RiskDistribution);
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


    private static InitiativeSummaryDto Summary(Initiative i) => InitiativeSummaryDto.From(i);
}
