using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Samstyring.Core.Common;
using Samstyring.Core.Strategy;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Strategy;

/// <summary>A strategy's facts: <c>title</c>, the period <c>fromYear</c>–<c>toYear</c>, <c>vision</c>, <c>plan</c> (the further work) and <c>source</c>; <c>version</c> when changing (or If-Match).</summary>
public sealed record StrategyBody(string? Title, int? FromYear, int? ToYear, string? Vision, string? Plan, string? Source, int? Version)
{
    public StrategyInput ToInput() => new(Title, FromYear, ToYear, Vision, Plan, Source);
}

/// <summary>
/// A step: the date <c>on</c> (yyyy-mm-dd, not in the future), what happened (<c>description</c>), the <c>status</c> it gives
/// (draft, in-consultation, adopted; left out: unchanged), and the council case (<c>caseId</c>) or a <c>reference</c>;
/// <c>version</c> is the strategy's.
/// </summary>
public sealed record StrategyStepBody(string? On, string? Status, string? Description, int? CaseId, string? Reference, int? Version)
{
    public StrategyStepInput ToInput() => new(On, Status, Description, CaseId, Reference);
}

/// <summary>
/// A target area (målområde): <c>number</c> (1–99, unique in the strategy), <c>title</c>, <c>goal</c>, <c>indicators</c> (text
/// lines), and the ids of the <c>initiatives</c>, roadmap <c>services</c> and national <c>solutions</c> that serve it (a change
/// replaces the lists). Adding: <c>version</c> is the strategy's; changing: the area's.
/// </summary>
public sealed record TargetAreaBody(int? Number, string? Title, string? Goal, IReadOnlyList<string>? Indicators, IReadOnlyList<int>? Initiatives,
    IReadOnlyList<int>? Services, IReadOnlyList<int>? Solutions, int? Version)
{
    public TargetAreaInput ToInput() => new(Number, Title, Goal, Indicators, Initiatives, Services, Solutions);
}

/// <summary>
/// Strategies over HTTP (issue 12): the list, one strategy with its steps, target areas and their links, one area, and the
/// coverage of the portfolio per area. A strategy on consultation, adopted or replaced is public (anonymous JSON from the
/// shared cache); a draft is "not found" (404) to everyone but the office and council members. The office writes, with
/// the version it started from (If-Match or «version»): without it 428, stale 412.
/// </summary>
public static class StrategyApi
{
    public const string Tag = "Strategi";
    private const string Api = "/api/v1/strategies";

    public static string Url(int id) => $"{Api}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapStrategyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Api).WithTags(Tag);
        api.MapGet("", List).WithName("ListStrategies")
            .WithSummary("Strategiene, nyeste først: periode, status (draft, in-consultation, adopted, replaced) og antall målområder. Utkast vises bare for porteføljekontoret og utvalgsmedlemmene.")
            .Produces<List<StrategySummary>>().ProducesProblem(400);
        api.MapGet("/{id}", Get).WithName("GetStrategy")
            .WithSummary("Én strategi: visjon, plan, stegene med dato, status og sak eller referanse, og målområdene med mål, indikatorer og tiltakene, veikarttjenestene og løsningene som tjener dem. ETag er radversjonen for If-Match.")
            .Produces<StrategyDetails>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{id}/areas/{areaId}", GetArea).WithName("GetTargetArea")
            .WithSummary("Ett målområde med lenkene sine. ETag er målområdets radversjon for If-Match.")
            .Produces<TargetAreaView>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{id}/coverage", GetCoverage).WithName("GetStrategyCoverage")
            .WithSummary("Dekning: per målområde tiltakene i porteføljen som tjener det, summen av kostnadstallene i deres siste statusrapport (øre) og tiltakene med rød status; målområdene uten tiltak; og tiltakene i porteføljen (aktive eller på pause) som ikke tjener noe målområde.")
            .Produces<StrategyCoverage>().ProducesValidationProblem().ProducesProblem(404);

        var office = app.MapGroup(Api).WithTags(Tag).RequireAuthorization("office");
        office.MapPost("", Create).WithName("CreateStrategy")
            .WithSummary("Registrer en strategi som utkast: tittel, periode (fromYear–toYear), visjon, plan og kilde. Porteføljekontoret.")
            .WithJsonBody<StrategyBody>()
            .Produces<StrategyDetails>(StatusCodes.Status201Created).ProducesValidationProblem();
        office.MapPut("/{id}", Update).WithName("UpdateStrategy")
            .WithSummary("Endre en strategis tittel, periode, visjon, plan og kilde. Krever versjon i If-Match eller body.")
            .WithJsonBody<StrategyBody>()
            .Produces<StrategyDetails>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPost("/{id}/steps", RecordStep).WithName("RecordStrategyStep")
            .WithSummary("Registrer et steg: dato, hva som skjedde, ny status (eller uendret) og saken i rådsmodellen eller en referanse. Vedtas strategien, blir den som var vedtatt, erstattet. Krever strategiens versjon.")
            .WithJsonBody<StrategyStepBody>()
            .Produces<StrategyDetails>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPost("/{id}/areas", AddArea).WithName("AddTargetArea")
            .WithSummary("Legg til et målområde: nummer, tittel, mål og indikatorer (lenker settes når målområdet endres). Krever strategiens versjon.")
            .WithJsonBody<TargetAreaBody>()
            .Produces<TargetAreaView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPut("/{id}/areas/{areaId}", UpdateArea).WithName("UpdateTargetArea")
            .WithSummary("Endre et målområde og erstatt lenkene til tiltak (initiatives), veikarttjenester (services) og nasjonale løsninger (solutions), som id-er. Krever målområdets versjon.")
            .WithJsonBody<TargetAreaBody>()
            .Produces<TargetAreaView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapDelete("/{id}/areas/{areaId}", DeleteArea).WithName("DeleteTargetArea")
            .WithSummary("Slett et målområde som er lagt inn ved en feil, med lenkene til tiltak, veikarttjenester og løsninger (det som var lenket, blir stående). Ikke i en erstattet strategi. Krever målområdets versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    /// <summary>An id from the route: a positive whole number, else a Norwegian 400 on the field.</summary>
    public static int Id(string? value, string field, string label)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw ValidationFailedException.For(field, $"{label} må være en id (et positivt heltall), ikke «{Validator.Truncate(value ?? "")}».");
    }

    /// <summary>
    /// Answers a read: from the shared cache, built as the public sees it, when the reader sees no drafts (nor exempt case
    /// titles or roadmap drafts, which the same readers see); else fresh and private.
    /// </summary>
    private static async Task<IResult> ServeAsync<T>(HttpContext http, CachedJson cached, CurrentUser? user, string key, Func<CurrentUser?, Task<T>> produce)
        where T : notnull
    {
        if (!StrategyAccess.CanSeeDrafts(user)) return await cached.ServeAsync(http, "strategies:" + key, () => produce(null));
        var value = await produce(user);
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Ok(value);
    }

    private static Task<IResult> List(HttpContext http, StrategyQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(() => ServeAsync(http, cached, user, "list", u => q.ListAsync(u, http.RequestAborted)));

    private static Task<IResult> Get(string id, HttpContext http, StrategyQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            if (user is null) return await ServeAsync(http, cached, user, $"{strategyId}", u => q.DetailsAsync(strategyId, u, http.RequestAborted));
            // A signed-in reader gets the row version as ETag, for If-Match.
            var details = await q.DetailsAsync(strategyId, user, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.SetVersion(details.Strategy.Version);
            return Results.Ok(details);
        });

    private static Task<IResult> GetArea(string id, string areaId, HttpContext http, StrategyQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var area = Id(areaId, "areaId", "Målområdet");
            if (user is null) return await ServeAsync(http, cached, user, $"{strategyId}:area:{area}", async u => (await q.AreaAsync(strategyId, area, u, http.RequestAborted)).Area);
            var view = (await q.AreaAsync(strategyId, area, user, http.RequestAborted)).Area;
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.SetVersion(view.Version);
            return Results.Ok(view);
        });

    private static Task<IResult> GetCoverage(string id, HttpContext http, StrategyQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            return await ServeAsync(http, cached, user, $"{strategyId}:coverage", u => q.CoverageAsync(strategyId, u, http.RequestAborted));
        });

    private static Task<IResult> Create(HttpRequest req, HttpResponse res, CreateStrategy uc, StrategyQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var body = await JsonBody.ReadAsync<StrategyBody>(req, ct);
            var strategy = await uc.HandleAsync(body.ToInput(), user, ct);
            res.SetVersion(strategy.Version);
            return Results.Created(Url(strategy.Id), await q.DetailsAsync(strategy.Id, user, ct));
        });

    private static Task<IResult> Update(string id, HttpRequest req, HttpResponse res, UpdateStrategy uc, StrategyQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var body = await JsonBody.ReadAsync<StrategyBody>(req, ct);
            var strategy = await uc.HandleAsync(strategyId, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(strategy.Version);
            return Results.Ok(await q.DetailsAsync(strategy.Id, user, ct));
        });

    private static Task<IResult> RecordStep(string id, HttpRequest req, HttpResponse res, RecordStrategyStep uc, StrategyQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var body = await JsonBody.ReadAsync<StrategyStepBody>(req, ct);
            var strategy = await uc.HandleAsync(strategyId, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(strategy.Version);
            return Results.Ok(await q.DetailsAsync(strategy.Id, user, ct));
        });

    private static Task<IResult> AddArea(string id, HttpRequest req, HttpResponse res, AddTargetArea uc, StrategyQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var body = await JsonBody.ReadAsync<TargetAreaBody>(req, ct);
            var area = await uc.HandleAsync(strategyId, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(area.Version);
            return Results.Created($"{Url(strategyId)}/areas/{area.Id.ToString(CultureInfo.InvariantCulture)}",
                (await q.AreaAsync(strategyId, area.Id, user, ct)).Area);
        });

    private static Task<IResult> UpdateArea(string id, string areaId, HttpRequest req, HttpResponse res, UpdateTargetArea uc, StrategyQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var area = Id(areaId, "areaId", "Målområdet");
            var body = await JsonBody.ReadAsync<TargetAreaBody>(req, ct);
            var saved = await uc.HandleAsync(strategyId, area, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(saved.Version);
            return Results.Ok((await q.AreaAsync(strategyId, saved.Id, user, ct)).Area);
        });

    private static Task<IResult> DeleteArea(string id, string areaId, HttpRequest req, DeleteTargetArea uc, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var strategyId = Id(id, "id", "Strategien");
            var area = Id(areaId, "areaId", "Målområdet");
            await uc.HandleAsync(strategyId, area, Versions.FromIfMatch(req), user, ct);
            return Results.NoContent();
        });
}
