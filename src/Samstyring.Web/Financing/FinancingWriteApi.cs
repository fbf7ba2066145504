using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>A new price model for a year: a copy of <c>fromModelId</c> (or empty), as a draft for the yearly process or, with <c>scenario</c>, for comparison.</summary>
public sealed record CreatePriceModelBody(int? FromModelId, int? Year, string? Name, bool? Scenario, string? Note)
{
    public CreatePriceModelInput ToInput() => new(FromModelId, Year, Name, Scenario == true, Note);
}

/// <summary>One actor's weight in a key: a fixed weight, a usage count, or any positive number for equal shares.</summary>
public sealed record KeyEntryBody(int? OrganizationId, long? Weight);

/// <summary>
/// A group's share: <c>group</c>, <c>percent</c> (35.5 is 35,5 %), <c>key</c> (population, fixed, usage, equal), <c>populationOn</c>
/// (yyyy-mm-dd, for the population key), <c>collection</c> (invoice, block-grant-deduction, state-budget) and the key's entries.
/// </summary>
public sealed record ShareBody(string? Group, decimal? Percent, string? Key, string? PopulationOn, string? Collection, IReadOnlyList<KeyEntryBody>? Entries)
{
    public ShareInput ToInput() => new(Group, Percent, Key, PopulationOn, Collection,
        Entries?.Select(e => new KeyEntryInput(e.OrganizationId, e.Weight)).ToList());
}

/// <summary>All of one solution's group shares in the model (they must add up to 100 %); <c>version</c> is the model's (or If-Match).</summary>
public sealed record SharesBody(IReadOnlyList<ShareBody>? Shares, int? Version);

/// <summary>Moves <c>points</c> percentage points from group <c>from</c> to group <c>to</c>, in one solution or (without <c>solution</c>) in every solution with both.</summary>
public sealed record ShiftBody(string? From, string? To, decimal? Points, string? Solution, int? Version);

/// <summary>The next step of the yearly process (<c>step</c> code), its date <c>on</c> (yyyy-mm-dd), and the council case or the document it rests on.</summary>
public sealed record StepBody(string? Step, string? On, int? CaseId, string? Reference, int? Version)
{
    public StepInput ToInput() => new(Step, On, CaseId, Reference);
}

/// <summary>A solution's cost for a year in øre: budget (management, operation, development, investment), actual, and the change from last year.</summary>
public sealed record CostBasisBody(long? ManagementOre, long? OperationOre, long? DevelopmentOre, long? InvestmentOre, long? ActualRunningOre,
    long? ActualInvestmentOre, long? PriceWageGrowthOre, long? VolumeOre, long? NewFunctionsOre, string? Note, int? Version)
{
    public CostBasisInput ToInput() => new(ManagementOre, OperationOre, DevelopmentOre, InvestmentOre, ActualRunningOre, ActualInvestmentOre,
        PriceWageGrowthOre, VolumeOre, NewFunctionsOre, Note);
}

/// <summary>The figure teknisk beregningsutvalg calculated, in øre (null clears it); <c>version</c> is the cost basis's.</summary>
public sealed record TbuBody(long? TbuOre, int? Version);

public sealed record PriceListItemBody(string? SolutionKey, int? Year, string? Name, string? Unit, long? UnitPriceOre, int? Version)
{
    public PriceListItemInput ToInput() => new(SolutionKey, Year, Name, Unit, UnitPriceOre);
}

/// <summary>An order: <c>priceListItemId</c>, the ordering actor (<c>organizationId</c>; an initiative owner orders for their own), quantity and date.</summary>
public sealed record ServiceOrderBody(int? PriceListItemId, int? OrganizationId, long? Quantity, string? OrderedOn, string? Note, int? Version)
{
    public ServiceOrderInput ToInput(int? year) => new(PriceListItemId, OrganizationId, Quantity, OrderedOn, Note, year);
}

public sealed record PriceListItemWriteDto(int Id, int SolutionId, int Year, string Name, string Unit, long UnitPriceOre, int Version);

public sealed record ServiceOrderWriteDto(int Id, int PriceListItemId, int OrganizationId, long Quantity, DateOnly OrderedOn, string Note, int Version);

/// <summary>
/// Changes to the financing over HTTP. The door lets in who may do the kind of change at all (401 anonymous, 403 other
/// roles, before the request is read): price models, cost bases and price lists the office; the TBU's figure and the
/// process steps the office and teknisk beregningsutvalg; orders the office and initiative owners (for their own
/// organisation, see <see cref="FinancingAccess"/>).
/// The use case then checks the rest. A change to something that exists needs its version (If-Match or «version»):
/// without it 428, stale 412. A body that cannot be read (malformed JSON, wrong types, numbers out of range) is a
/// Norwegian 400 naming the field.
/// </summary>
public static class FinancingWriteApi
{
    public static IEndpointRouteBuilder MapFinancingWriteApi(this IEndpointRouteBuilder app)
    {
        var office = app.MapGroup("/api/v1/financing").WithTags("Finansiering (porteføljekontoret)").RequireAuthorization("office");
        office.MapPost("/models", CreateModel).WithName("CreatePriceModel")
            .WithSummary("Lag en prismodell for et år: en kopi av fromModelId (eller tom), som utkast for den årlige prosessen eller som scenario (scenario: true). Porteføljekontoret.")
            .WithJsonBody<CreatePriceModelBody>()
            .Produces<ModelDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        office.MapDelete("/models/{id}", DeleteModel).WithName("DeletePriceModel")
            .WithSummary("Slett et utkast eller et scenario (aldri en vedtatt modell). Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPut("/models/{id}/shares/{solutionKey}", SaveShares).WithName("SavePriceShares")
            .WithSummary("Erstatt én løsnings andeler i et utkast eller scenario: gruppe, percent, fordelingsnøkkel, folketallsdato, innkreving og nøkkelens aktører. Andelene må bli 100 % til sammen. Krever modellens versjon i If-Match eller body.")
            .WithJsonBody<SharesBody>()
            .Produces<ModelDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPost("/models/{id}/shift", Shift).WithName("ShiftPriceShares")
            .WithSummary("Flytt prosentpoeng (points) fra én aktørgruppe (from) til en annen (to), i én løsning (solution) eller i alle løsninger som har begge gruppene. Krever modellens versjon.")
            .WithJsonBody<ShiftBody>()
            .Produces<ModelDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPut("/cost-bases/{solutionKey}/{year}", SaveCost).WithName("SaveCostBasis")
            .WithSummary("Lagre en løsnings kostnadsgrunnlag for et år (beløp i øre). Et nytt grunnlag lages uten versjon (201); et som finnes, krever versjon i If-Match eller body.")
            .WithJsonBody<CostBasisBody>()
            .Produces<CostBasisView>().Produces<CostBasisView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        office.MapPost("/price-list", (HttpRequest req, HttpResponse res, SavePriceListItem uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                SavePriceListItem(null, req, res, uc, user, ct))
            .WithName("AddPriceListItem")
            .WithSummary("Legg til en linje i årets prisliste for frivillige kjøp: løsning, navn, enhet og pris per enhet i øre. Porteføljekontoret.")
            .WithJsonBody<PriceListItemBody>()
            .Produces<PriceListItemWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        office.MapPut("/price-list/{id}", (string id, HttpRequest req, HttpResponse res, SavePriceListItem uc, [FromServices] CurrentUser? user,
                CancellationToken ct) => SavePriceListItem(id, req, res, uc, user, ct))
            .WithName("UpdatePriceListItem")
            .WithSummary("Endre en linje i prislisten. Krever versjon i If-Match eller body.")
            .WithJsonBody<PriceListItemBody>()
            .Produces<PriceListItemWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        var tbu = app.MapGroup("/api/v1/financing").WithTags("Finansiering (porteføljekontoret)").RequireAuthorization(p => p.RequireRole(nameof(Role.PortfolioOffice), nameof(Role.Tbu)));
        tbu.MapPost("/models/{id}/steps", RecordStep).WithName("RecordPriceModelStep")
            .WithSummary("Registrer neste steg i den årlige prosessen (council-case, tbu-calculation, public-consultation, ks-consultation, adopted) med dato og sak eller dokument. Teknisk beregningsutvalg registrerer sitt eget steg, porteføljekontoret resten. Krever modellens versjon.")
            .WithJsonBody<StepBody>()
            .Produces<ModelDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        tbu.MapPut("/cost-bases/{solutionKey}/{year}/tbu", SaveTbu).WithName("RecordTbuCalculation")
            .WithSummary("Registrer beløpet teknisk beregningsutvalg har beregnet for løsningen og året (tbuOre, i øre). Teknisk beregningsutvalg og porteføljekontoret. Krever kostnadsgrunnlagets versjon.")
            .WithJsonBody<TbuBody>()
            .Produces<CostBasisView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);

        var orders = app.MapGroup("/api/v1/financing").WithTags("Finansiering (porteføljekontoret)").RequireAuthorization(p => p.RequireRole(nameof(Role.PortfolioOffice), nameof(Role.InitiativeOwner)));
        orders.MapPost("/{year}/orders", (string year, HttpRequest req, HttpResponse res, SaveServiceOrder uc, [FromServices] CurrentUser? user,
                CancellationToken ct) => SaveOrder(year, null, req, res, uc, user, ct))
            .WithName("AddServiceOrder")
            .WithSummary("Bestill en tjeneste fra årets prisliste for en aktør (antall og dato); faktureres til full kostnad. Tjenesten må stå i prislisten for året. Porteføljekontoret, eller en tiltakseier for egen organisasjon.")
            .WithJsonBody<ServiceOrderBody>()
            .Produces<ServiceOrderWriteDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        orders.MapPut("/orders/{id}", (string id, HttpRequest req, HttpResponse res, SaveServiceOrder uc, [FromServices] CurrentUser? user,
                CancellationToken ct) => SaveOrder(null, id, req, res, uc, user, ct))
            .WithName("UpdateServiceOrder")
            .WithSummary("Endre en bestilling. Krever versjon i If-Match eller body.")
            .WithJsonBody<ServiceOrderBody>()
            .Produces<ServiceOrderWriteDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        orders.MapDelete("/orders/{id}", CancelOrder).WithName("CancelServiceOrder")
            .WithSummary("Avbestill en bestilling: den faktureres ikke lenger. Porteføljekontoret, eller en tiltakseier for egen organisasjon. Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static Task<IResult> CreateModel(HttpRequest req, HttpResponse res, CreatePriceModel uc, FinancingQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var body = await JsonBody.ReadAsync<CreatePriceModelBody>(req, ct);
            var model = await uc.HandleAsync(body.ToInput(), user, ct);
            res.SetVersion(model.Version);
            return Results.Created(FinancingApi.ModelUrl(model.Id), ModelDto.From(await q.ModelAsync(model.Id, user, ct)));
        });

    private static Task<IResult> DeleteModel(string id, HttpRequest req, DeletePriceModel uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            await uc.HandleAsync(FinancingApi.Id(id, "id", "Prismodellen"), Versions.Expected(req, null), user, ct);
            return Results.NoContent();
        });

    private static Task<IResult> SaveShares(string id, string solutionKey, HttpRequest req, HttpResponse res, SavePriceShares uc, FinancingQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var modelId = FinancingApi.Id(id, "id", "Prismodellen");
            var key = FinancingApi.SolutionKey(solutionKey);
            var body = await JsonBody.ReadAsync<SharesBody>(req, ct);
            var shares = body.Shares ?? throw ValidationFailedException.For("shares", "Andelene mangler: send listen «shares» med minst én gruppe.");
            if (shares.Any(s => s is null)) throw ValidationFailedException.For("shares", "Hver andel må være et objekt med gruppe, prosent og nøkkel.");
            var model = await uc.HandleAsync(modelId, key, shares.Select(s => s.ToInput()).ToList(), Versions.Expected(req, body.Version), user, ct);
            return await ModelResultAsync(model.Id, model.Version, res, q, user, ct);
        });

    private static readonly Dictionary<string, string> ShiftFields = new() { ["fromGroup"] = "from", ["toGroup"] = "to", ["solutionKey"] = "solution" };

    private static Task<IResult> Shift(string id, HttpRequest req, HttpResponse res, ShiftPriceShares uc, FinancingQueries q, [FromServices] CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var modelId = FinancingApi.Id(id, "id", "Prismodellen");
            var body = await JsonBody.ReadAsync<ShiftBody>(req, ct);
            try
            {
                var model = await uc.HandleAsync(modelId, body.From, body.To, body.Points, body.Solution, Versions.Expected(req, body.Version), user, ct);
                return await ModelResultAsync(model.Id, model.Version, res, q, user, ct);
            }
            catch (ValidationFailedException e)
            {
                throw Renamed(e, ShiftFields);
            }
        });

    private static Task<IResult> RecordStep(string id, HttpRequest req, HttpResponse res, RecordPriceModelStep uc, FinancingQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var modelId = FinancingApi.Id(id, "id", "Prismodellen");
            var body = await JsonBody.ReadAsync<StepBody>(req, ct);
            var model = await uc.HandleAsync(modelId, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
            return await ModelResultAsync(model.Id, model.Version, res, q, user, ct);
        });

    private static async Task<IResult> ModelResultAsync(int modelId, int version, HttpResponse res, FinancingQueries q, CurrentUser? user, CancellationToken ct)
    {
        res.SetVersion(version);
        return Results.Ok(ModelDto.From(await q.ModelAsync(modelId, user, ct)));
    }

    private static Task<IResult> SaveCost(string solutionKey, string year, HttpRequest req, HttpResponse res, SaveCostBasis uc, FinancingQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var key = FinancingApi.SolutionKey(solutionKey);
            var y = FinancingApi.Year(year);
            var body = await JsonBody.ReadAsync<CostBasisBody>(req, ct);
            var expected = Versions.Expected(req, body.Version);
            // An existing basis needs its version (the use case answers 428 without it), so one saved without a version is new.
            var saved = await uc.HandleAsync(key, y, body.ToInput(), expected, user, ct);
            res.SetVersion(saved.Version);
            var view = await q.CostBasisAsync(key, y, ct) ?? throw new NotFoundException($"Fant ikke kostnadsgrunnlaget for «{key}» i {y}.");
            return expected is null ? Results.Created(FinancingApi.CostBasisUrl(view.SolutionKey, y), view) : Results.Ok(view);
        });

    private static Task<IResult> SaveTbu(string solutionKey, string year, HttpRequest req, HttpResponse res, RecordTbuCalculation uc, FinancingQueries q,
        [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var key = FinancingApi.SolutionKey(solutionKey);
            var y = FinancingApi.Year(year);
            var body = await JsonBody.ReadAsync<TbuBody>(req, ct);
            var saved = await uc.HandleAsync(key, y, body.TbuOre, Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(saved.Version);
            return Results.Ok(await q.CostBasisAsync(key, y, ct) ?? throw new NotFoundException($"Fant ikke kostnadsgrunnlaget for «{key}» i {y}."));
        });

    private static Task<IResult> SavePriceListItem(string? id, HttpRequest req, HttpResponse res, SavePriceListItem uc, CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            int? itemId = id is null ? null : FinancingApi.Id(id, "id", "Prislistelinjen");
            var body = await JsonBody.ReadAsync<PriceListItemBody>(req, ct);
            var item = await uc.HandleAsync(itemId, body.ToInput(), itemId is null ? null : Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(item.Version);
            var dto = new PriceListItemWriteDto(item.Id, item.SolutionId, item.Year, item.Name, item.Unit, item.UnitPriceOre, item.Version);
            return itemId is null
                ? Results.Created($"/api/v1/financing/{item.Year.ToString(CultureInfo.InvariantCulture)}/price-list", dto)
                : Results.Ok(dto);
        });

    private static Task<IResult> SaveOrder(string? year, string? id, HttpRequest req, HttpResponse res, SaveServiceOrder uc, CurrentUser? user,
        CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            int? y = year is null ? null : FinancingApi.Year(year);
            int? orderId = id is null ? null : FinancingApi.Id(id, "id", "Bestillingen");
            var body = await JsonBody.ReadAsync<ServiceOrderBody>(req, ct);
            var order = await uc.HandleAsync(orderId, body.ToInput(y), orderId is null ? null : Versions.Expected(req, body.Version), user, ct);
            res.SetVersion(order.Version);
            var dto = new ServiceOrderWriteDto(order.Id, order.PriceListItemId, order.OrganizationId, order.Quantity, order.OrderedOn, order.Note, order.Version);
            return orderId is null
                ? Results.Created($"/api/v1/financing/{y!.Value.ToString(CultureInfo.InvariantCulture)}/orders?organizationId={order.OrganizationId.ToString(CultureInfo.InvariantCulture)}", dto)
                : Results.Ok(dto);
        });

    private static Task<IResult> CancelOrder(string id, HttpRequest req, CancelServiceOrder uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            await uc.HandleAsync(FinancingApi.Id(id, "id", "Bestillingen"), Versions.Expected(req, null), user, ct);
            return Results.NoContent();
        });

    /// <summary>A use case's error on one of its parameters, named as the body names the field (<c>fromGroup</c> → <c>from</c>).</summary>
    private static ValidationFailedException Renamed(ValidationFailedException e, IReadOnlyDictionary<string, string> names) =>
        new(e.Errors.GroupBy(x => names.GetValueOrDefault(x.Key, x.Key)).ToDictionary(g => g.Key, g => g.SelectMany(x => x.Value).ToArray()));
}
