using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>The facts of an entry; <c>initiatives</c> are the ids of the portfolio initiatives linked to it; <c>version</c> the row version (or If-Match).</summary>
public sealed record SolutionBody(string? Name, string? Kind, string? Description, string? Grunnmur, string? PartOf, string? LegalBasis,
    string? Financing, string? Source, IReadOnlyList<int>? Initiatives, int? Version)
{
    public SolutionInput ToInput() => new(Name, Kind, Description, Grunnmur, PartOf, LegalBasis, Financing, Source, Initiatives);
}

/// <summary>A dated event: <c>on</c> as yyyy-mm-dd; give at least one of lifecycle, ownerId and operatorId. <c>version</c> is the entry's.</summary>
public sealed record SolutionEventBody(string? On, string? Lifecycle, int? OwnerId, int? OperatorId, string? Note, string? Source, int? Version)
{
    public SolutionEventInput ToInput() => new(On, Lifecycle, OwnerId, OperatorId, Note, Source);
}

/// <summary>A target; <c>value</c> is a count or a percent (0–100) by <c>measure</c>; <c>version</c> the target's row version on change.</summary>
public sealed record TargetBody(string? Group, string? Stage, string? Measure, double? Value, string? DueOn, int? CaseId, string? CaseReference, string? Source, int? Version)
{
    public TargetInput ToInput() => new(Group, Stage, Measure, Value, DueOn, CaseId, CaseReference, Source);
}

public sealed record SolutionEventWriteDto(int Id, string Solution, int SolutionVersion, DateOnly On, SolutionLifecycle? Lifecycle, int? OwnerId, int? OperatorId, string Note);

public sealed record TargetWriteDto(int Id, string Solution, AdoptionGroup Group, AdoptionStage Stage, TargetMeasure Measure, double Value, DateOnly DueOn,
    int? CaseId, string? CaseReference, int Version);

/// <summary>Each municipality's stage on a date, and the groups counted as totals.</summary>
public sealed record AdoptionListDto(string Solution, DateOnly Date, IReadOnlyList<ActorStage> Actors, IReadOnlyList<GroupAdoption> Groups);

/// <summary>
/// The national solutions catalogue, the grunnmur and the adoption of each solution over HTTP. Reads are public open data
/// (anonymous JSON from the shared cache); catalogue writes are the office's, with versions (If-Match or «version»).
/// </summary>
public static class SolutionsApi
{
    private const string Csv = "text/csv; charset=utf-8";
    public const string Svg = "image/svg+xml; charset=utf-8";

    public static string SolutionUrl(string key) => $"/api/v1/solutions/{Uri.EscapeDataString(key)}";

    public static IEndpointRouteBuilder MapSolutionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Nasjonale løsninger");
        api.MapGet("/solutions", ListSolutions).WithName("ListSolutions")
            .WithSummary("Løsningskatalogen: nasjonale e-helseløsninger, samhandlingsområder, tjenester og styrende dokumentasjon. Filtre: kind, lifecycle, owner og operator (aktør-id), grunnmur (nøkkel eller «none») og q (fritekst).")
            .Produces<List<SolutionSummary>>().ProducesValidationProblem();
        api.MapGet("/solutions.csv", CatalogueCsv).WithName("GetSolutionsCsv")
            .WithSummary("Løsningskatalogen som CSV (åpne data), med de samme filtrene.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();
        api.MapGet("/solutions/{key}", GetSolution).WithName("GetSolution")
            .WithSummary("Én løsning med fakta, hvem som eide og driftet den og livsløpsfasen på en dato (date, i dag om den mangler), historikken, delene, produktstyret og vedtakene der, tiltakene, tjenestene i gjeldende veikart og avhengighetene (flagget når løsningen ikke er i drift innen fristen). ETag er radversjonen for If-Match.")
            .Produces<SolutionDetails>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/grunnmur", GetGrunnmur).WithName("GetGrunnmur")
            .WithSummary("Den felles grunnmuren: de fem områdene med komponentene sine.")
            .Produces<List<GrunnmurAreaView>>();
        api.MapGet("/solutions/{key}/adoption", GetAdoption).WithName("GetSolutionAdoption")
            .WithSummary("Innføringsstatus per kommune på en dato (date, i dag om den mangler): status, siden når og kilde; og aktørgruppene som telles samlet.")
            .Produces<AdoptionListDto>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/solutions/{key}/adoption/summary", GetAdoptionSummary).WithName("GetSolutionAdoptionSummary")
            .WithSummary("Innføringen oppsummert på en dato: antall og andel kommuner (og innbyggere) per status, per fylke og helseregion, gruppene, framdrift mot hvert mål med prognose, månedlig andel tatt i bruk og kommunene som ligger etter.")
            .Produces<AdoptionSummary>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/solutions/{key}/adoption.csv", GetAdoptionCsv).WithName("GetSolutionAdoptionCsv")
            .WithSummary("Innføringsstatus per kommune som CSV (åpne data), med de samme kolonnene som en opplasting leser.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);

        api.MapGet("/solutions/{key}/adoption-map.svg", GetAdoptionMap).WithName("GetSolutionAdoptionMap")
            .WithSummary("Kart over kommunene farget etter innføringsstatus på en dato (date), som SVG. Kartgrunnlag: © Kartverket.")
            .Produces(200, contentType: "image/svg+xml").ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/solutions/{key}/adoption-chart.svg", GetAdoptionChart).WithName("GetSolutionAdoptionChart")
            .WithSummary("Andelen kommuner som har tatt i bruk løsningen ved hvert månedsskifte fram til datoen (date), mot målene og med prognose, som SVG.")
            .Produces(200, contentType: "image/svg+xml").ProducesValidationProblem().ProducesProblem(404);

        var write = app.MapGroup("/api/v1/solutions").WithTags("Nasjonale løsninger (porteføljekontoret)").RequireAuthorization("office");
        write.MapPut("/{key}", UpdateSolution).WithName("UpdateSolution")
            .WithSummary("Endre fakta om en løsning (navn, type, beskrivelse, grunnmurområde, del av, rettslig grunnlag, finansieringsmodell, kilde) og tiltakene den er knyttet til. Eier, driftsleverandør og livsløp endres med hendelser. Krever versjon i If-Match eller body.")
            .Produces<SolutionSummary>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/{key}/events", RecordEvent).WithName("RecordSolutionEvent")
            .WithSummary("Registrer en datert hendelse i løsningens historikk: ny livsløpsfase, ny løsningseier eller ny driftsleverandør (en overføring), også planlagte. Krever løsningens versjon.")
            .Produces<SolutionEventWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPost("/{key}/targets", (string key, TargetBody body, HttpResponse res, SaveAdoptionTarget uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                SaveTarget(key, null, body, null, res, uc, user, ct))
            .WithName("AddAdoptionTarget")
            .WithSummary("Legg til et innføringsmål (aktørgruppe, status, antall eller prosent, frist og saken som satte det).")
            .Produces<TargetWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/{key}/targets/{id:int}", (string key, int id, TargetBody body, HttpRequest req, HttpResponse res, SaveAdoptionTarget uc,
                [FromServices] CurrentUser? user, CancellationToken ct) => SaveTarget(key, id, body, Versions.Expected(req, body.Version), res, uc, user, ct))
            .WithName("UpdateAdoptionTarget")
            .WithSummary("Endre et innføringsmål. Krever målets versjon i If-Match eller body.")
            .Produces<TargetWriteDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    /// <summary>The list filters as given in a query, checked: an unknown value is a Norwegian 400, not an empty list.</summary>
    public static SolutionFilter Filter(string? kind, string? lifecycle, string? owner, string? @operator, string? grunnmur, string? q)
    {
        var v = new Validator();
        v.Enum<SolutionKind>("kind", kind, "Typen", required: false, out var k);
        v.Enum<SolutionLifecycle>("lifecycle", lifecycle, "Livsløpsfasen", required: false, out var l);
        int? Id(string field, string? value, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0) return id;
            v.Add(field, $"{label} må være en aktør-id (et positivt heltall), ikke «{Validator.Truncate(value)}».");
            return null;
        }
        var ownerId = Id("owner", owner, "Løsningseier");
        var operatorId = Id("operator", @operator, "Driftsleverandør");
        v.MaxLength("grunnmur", grunnmur, "Grunnmurområdet", 80).MaxLength("q", q, "Søketeksten", 200);
        v.ThrowIfInvalid();
        return new SolutionFilter(k, l, ownerId, operatorId, string.IsNullOrWhiteSpace(grunnmur) ? null : grunnmur.Trim(), string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    private static Task<IResult> ListSolutions(HttpContext http, SolutionQueries queries, CachedJson cached,
        [FromQuery] string? kind = null, [FromQuery] string? lifecycle = null, [FromQuery] string? owner = null, [FromQuery(Name = "operator")] string? op = null,
        [FromQuery] string? grunnmur = null, [FromQuery] string? q = null) =>
        ProblemResults.Run(async () =>
        {
            var filter = Filter(kind, lifecycle, owner, op, grunnmur, q);
            return await cached.ServeAsync(http, $"solutions:{filter}", async () => await queries.ListAsync(filter, http.RequestAborted));
        });

    private static Task<IResult> CatalogueCsv(HttpContext http, SolutionQueries queries,
        [FromQuery] string? kind = null, [FromQuery] string? lifecycle = null, [FromQuery] string? owner = null, [FromQuery(Name = "operator")] string? op = null,
        [FromQuery] string? grunnmur = null, [FromQuery] string? q = null) =>
        ProblemResults.Run(async () =>
        {
            var rows = await queries.ListAsync(Filter(kind, lifecycle, owner, op, grunnmur, q), http.RequestAborted);
            return Results.File(SolutionExport.CatalogueCsv(rows), Csv, "nasjonale-losninger.csv");
        });

    private static Task<IResult> GetSolution(string key, HttpContext http, SolutionQueries queries, CachedJson cached, [FromServices] CurrentUser? user,
        [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var on = SolutionQueries.ParseDate(date);
            // The answer carries the product board's decisions, which depend on who reads: only the anonymous answer is shared.
            if (user is null)
                return await cached.ServeAsync(http, $"solution:{key}:{on}", async () => await queries.GetAsync(key, null, on, http.RequestAborted));
            var details = await queries.GetAsync(key, user, on, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.SetVersion(details.Summary.Version);
            return Results.Ok(details);
        });

    private static Task<IResult> GetGrunnmur(HttpContext http, SolutionQueries queries, CachedJson cached) =>
        ProblemResults.Run(() => cached.ServeAsync(http, "grunnmur", async () => await queries.GrunnmurAsync(http.RequestAborted)));

    private static Task<IResult> GetAdoption(string key, HttpContext http, SolutionQueries queries, CachedJson cached, [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var on = SolutionQueries.ParseDate(date);
            return await cached.ServeAsync(http, $"adoption:{key}:{on}", async () =>
            {
                var summary = await queries.SummaryAsync(key, on, http.RequestAborted);
                return new AdoptionListDto(key, summary.On, await queries.AdoptionOnAsync(key, summary.On, http.RequestAborted), summary.Groups);
            });
        });

    private static Task<IResult> GetAdoptionSummary(string key, HttpContext http, SolutionQueries queries, CachedJson cached, [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var on = SolutionQueries.ParseDate(date);
            return await cached.ServeAsync(http, $"adoption-summary:{key}:{on}", async () => await queries.SummaryAsync(key, on, http.RequestAborted));
        });

    private static Task<IResult> GetAdoptionCsv(string key, HttpContext http, SolutionQueries queries, [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var stages = await queries.AdoptionOnAsync(key, SolutionQueries.ParseDate(date), http.RequestAborted);
            return Results.File(SolutionExport.AdoptionCsv(stages), Csv, $"innforing-{key}.csv");
        });

    private static Task<IResult> GetAdoptionMap(string key, HttpContext http, SolutionQueries queries, TimeProvider clock, [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var solution = await queries.FindAsync(key, http.RequestAborted);
            var on = SolutionQueries.ParseDate(date) ?? clock.Today();
            var stages = await queries.AdoptionOnAsync(key, on, http.RequestAborted);
            http.Response.Headers.CacheControl = "public, no-cache";
            return Results.Text(AdoptionReport.MapSvg(solution.Name, on, stages), Svg);
        });

    private static Task<IResult> GetAdoptionChart(string key, HttpContext http, SolutionQueries queries, [FromQuery] string? date = null) =>
        ProblemResults.Run(async () =>
        {
            var summary = await queries.SummaryAsync(key, SolutionQueries.ParseDate(date), http.RequestAborted);
            http.Response.Headers.CacheControl = "public, no-cache";
            return Results.Text(AdoptionReport.ChartSvg(summary), Svg);
        });

    private static Task<IResult> UpdateSolution(string key, SolutionBody body, HttpRequest req, HttpResponse res, UpdateSolution uc, SolutionQueries queries,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var s = await uc.HandleAsync(key, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(s.Version);
            return Results.Ok((await queries.ListAsync(null, ct)).Single(x => x.Id == s.Id));
        });

    private static Task<IResult> RecordEvent(string key, SolutionEventBody body, HttpRequest req, HttpResponse res, RecordSolutionEvent uc,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var (s, e) = await uc.HandleAsync(key, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(s.Version);
            return Results.Created(SolutionUrl(s.Key), new SolutionEventWriteDto(e.Id, s.Key, s.Version, e.On, e.Lifecycle, e.OwnerId, e.OperatorId, e.Note));
        });

    private static Task<IResult> SaveTarget(string key, int? id, TargetBody body, int? version, HttpResponse res, SaveAdoptionTarget uc, CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var t = await uc.HandleAsync(key, id, body.ToInput(), version, user, ct);
            res.SetVersion(t.Version);
            var dto = new TargetWriteDto(t.Id, key, t.Group, t.Stage, t.Measure, t.Value, t.DueOn, t.CaseId, t.CaseReference, t.Version);
            return id is null ? Results.Created($"{SolutionUrl(key)}/adoption/summary", dto) : Results.Ok(dto);
        });
}
