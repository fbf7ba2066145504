using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>A group's share of a solution: <c>percent</c> (35.5 is 35,5 %), the amount in øre, the key and every actor's part.</summary>
public sealed record ShareDto(PayerGroup Group, decimal Percent, DistributionKey Key, DateOnly? PopulationOn, CollectionMethod Collection,
    long AmountOre, long TotalWeight, IReadOnlyList<KeyEntryView> Actors)
{
    public static ShareDto From(ShareView s) =>
        new(s.Group, FinancingApi.Percent(s.BasisPoints), s.Key, s.PopulationOn, s.Collection, s.AmountOre, s.TotalWeight, s.Actors);
}

/// <summary>A solution in a model: its cost basis for the year, the amount allocated (the TBU's figure when recorded) and the group shares.</summary>
public sealed record SolutionSharesDto(int SolutionId, string Key, string Name, FinancingModel? FinancingModel, CostBasisView? Cost, long TotalOre,
    bool FromTbu, IReadOnlyList<ShareDto> Shares)
{
    public static SolutionSharesDto From(SolutionShares s) =>
        new(s.SolutionId, s.Key, s.Name, s.FinancingModel, s.Cost, s.TotalOre, s.FromTbu, s.Shares.Select(ShareDto.From).ToList());
}

/// <summary>What a payer group pays in the model in all, and its part of the total in percent.</summary>
public sealed record GroupTotalDto(PayerGroup Group, long AmountOre, decimal? Percent);

/// <summary>
/// A price model: its steps through the yearly process, every solution's cost and shares, each group's total and what kept
/// a part from being computed. <c>nextSteps</c> are the steps the model may take next (empty for scenarios and adopted models).
/// </summary>
public sealed record ModelDto(ModelSummary Model, string? BasedOnName, IReadOnlyList<StepView> Steps, IReadOnlyList<SolutionSharesDto> Solutions,
    IReadOnlyList<GroupTotalDto> GroupTotals, long TotalOre, IReadOnlyList<string> Problems, IReadOnlyList<PriceModelStatus> NextSteps)
{
    public static ModelDto From(ModelDetails d) => new(d.Model, d.BasedOnName, d.Steps, d.Solutions.Select(SolutionSharesDto.From).ToList(),
        d.GroupTotals.OrderBy(g => g.Key)
            .Select(g => new GroupTotalDto(g.Key, g.Value, d.TotalOre == 0 ? null : Math.Round(g.Value * 100m / d.TotalOre, 2))).ToList(),
        d.TotalOre, d.Problems, d.NextSteps);
}

/// <summary>
/// One solution in an actor's bill, with the chain: the solution's total, the group's <c>percent</c> and amount, the key
/// (the actor's weight of the total weight) and the actor's amount.
/// </summary>
public sealed record BillLineDto(int SolutionId, string SolutionKey, string SolutionName, long SolutionTotalOre, bool FromTbu, PayerGroup Group,
    decimal Percent, long GroupAmountOre, DistributionKey Key, DateOnly? PopulationOn, long Weight, long TotalWeight, long AmountOre,
    CollectionMethod Collection)
{
    public static BillLineDto From(ActorBillLine l) => new(l.SolutionId, l.SolutionKey, l.SolutionName, l.SolutionTotalOre, l.FromTbu, l.Group,
        FinancingApi.Percent(l.BasisPoints), l.GroupAmountOre, l.Key, l.PopulationOn, l.Weight, l.TotalWeight, l.AmountOre, l.Collection);
}

/// <summary>An actor's bill in a model, and the change from the adopted model of the year before (null when there is none).</summary>
public sealed record ActorBillDto(ModelSummary Model, ActorRef Actor, IReadOnlyList<BillLineDto> Lines, long TotalOre, int? PreviousYear,
    long? PreviousTotalOre, long? ChangeOre, decimal? ChangePercent)
{
    public static ActorBillDto From(ActorBill b) => new(b.Model, b.Actor, b.Lines.Select(BillLineDto.From).ToList(), b.TotalOre, b.PreviousYear,
        b.PreviousTotalOre, b.PreviousTotalOre is { } p ? b.TotalOre - p : null,
        b.PreviousTotalOre is { } q && q != 0 ? Math.Round((b.TotalOre - q) * 100m / q, 2) : null);
}

/// <summary>
/// An actor's invoice basis for a year: the lines the supplier invoices, the lines deducted from the block grant instead
/// (shown, not invoiced), the totals and the explanation of the co-financing.
/// </summary>
public sealed record InvoiceBasisDto(int Year, ActorRef Actor, string? OrgNumber, ModelSummary? Model, IReadOnlyList<InvoiceLine> Invoiced,
    IReadOnlyList<InvoiceLine> Deducted, long InvoicedTotalOre, long DeductedTotalOre, IReadOnlyList<BillLineDto> Explanation)
{
    public static InvoiceBasisDto From(InvoiceBasis b) => new(b.Year, b.Actor, b.OrgNumber, b.Model, b.Invoiced, b.Deducted, b.InvoicedTotalOre,
        b.DeductedTotalOre, b.Explanation.Select(BillLineDto.From).ToList());
}

/// <summary>
/// The financing of the national solutions over HTTP (issue 11): years, adopted price models with cost bases and group
/// shares, each actor's bill explained, comparisons, cost bases and life-cycle cost, price lists, orders and invoice bases.
/// What is adopted is public open data (anonymous JSON from the shared cache); drafts and scenarios are "not found" (404)
/// for those who may not see them (<see cref="FinancingQueries"/> decides). Orders and invoice bases need sign-in: the
/// office sees all, an actor's own users their organisation's. Writes are in <see cref="FinancingWriteApi"/>.
/// </summary>
public static class FinancingApi
{
    private const string Csv = "text/csv; charset=utf-8";
    private const string Pdf = "application/pdf";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Tag = "Finansiering";

    public const int FirstYear = 2000, LastYear = 2100;

    public static string ModelUrl(int id) => $"/api/v1/financing/models/{id.ToString(CultureInfo.InvariantCulture)}";
    public static string CostBasisUrl(string solutionKey, int year) =>
        $"/api/v1/financing/cost-bases/{Uri.EscapeDataString(solutionKey)}/{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Basis points as the API's percent: 3550 is 35.5.</summary>
    public static decimal Percent(int basisPoints) => basisPoints / 100m;

    public static IEndpointRouteBuilder MapFinancingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/financing").WithTags(Tag);

        api.MapGet("", ListYears).WithName("ListFinancingYears")
            .WithSummary("Årene med prismodell eller kostnadsgrunnlag, nyeste først: den vedtatte modellen og, for porteføljekontoret, teknisk beregningsutvalg og utvalgsmedlemmene, utkast og scenarioer.")
            .Produces<List<FinancingYearSummary>>().ProducesProblem(400);
        api.MapGet("/{year}", GetAdopted).WithName("GetAdoptedPriceModel")
            .WithSummary("Årets vedtatte prismodell: løsningene med kostnadsgrunnlag, andelen per aktørgruppe (percent) med beløp i øre, fordelingsnøkkelen og hver aktørs del, og summen per gruppe. 404 når ingen modell er vedtatt for året.")
            .Produces<ModelDto>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{year}/actors/{id}", GetActorBill).WithName("GetActorBill")
            .WithSummary("Én aktørs regning for året forklart linje for linje: løsningens kostnad, gruppens andel, nøkkelen og aktørens beløp, og endringen fra fjorårets vedtatte modell. Den vedtatte modellen, eller et utkast eller scenario med ?model=id for dem som kan se det.")
            .Produces<ActorBillDto>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{year}/allocation.csv", GetAllocationCsv).WithName("GetAllocationCsv")
            .WithSummary("Fordelingen i årets vedtatte prismodell som CSV (åpne data): én rad per aktør og løsning, med gruppe, andel, nøkkel, vekt og beløp i øre.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/models/{id}", GetModel).WithName("GetPriceModel")
            .WithSummary("Én prismodell (vedtatt, utkast eller scenario) med steg, løsninger, andeler og fordeling. Utkast og scenarioer finnes bare for porteføljekontoret, teknisk beregningsutvalg og utvalgsmedlemmene. ETag er radversjonen for If-Match.")
            .Produces<ModelDto>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/scenarios/{id}/compare", Compare).WithName("CompareFinancingScenario")
            .WithSummary("Et scenario eller utkast sammenlignet med en annen modell (base, som standard årets vedtatte): per aktørgruppe og per aktør, med endring i øre (changeOre) og prosent (changePercent).")
            .Produces<ModelComparison>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/{year}/cost-bases", GetCostBases).WithName("ListCostBases")
            .WithSummary("Kostnadsgrunnlaget for året per løsning: forvaltning, drift, videreutvikling og investering, regnskap, teknisk beregningsutvalgs tall og endringen fra året før, i øre.")
            .Produces<List<CostBasisView>>().ProducesValidationProblem();
        api.MapGet("/cost-bases/{solutionKey}/{year}", GetCostBasis).WithName("GetCostBasis")
            .WithSummary("Én løsnings kostnadsgrunnlag for et år. ETag er radversjonen for If-Match.")
            .Produces<CostBasisView>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/life-cycle/{solutionKey}", GetLifeCycle).WithName("GetLifeCycleCost")
            .WithSummary("Løsningens livsløpskostnad per år: regnskap for avsluttede år, budsjett (prognose) ellers, med løpende sum.")
            .Produces<LifeCycleCost>().ProducesProblem(404);
        api.MapGet("/{year}/price-list", GetPriceList).WithName("GetPriceList")
            .WithSummary("Årets prisliste for frivillige kjøp: tjeneste, enhet og pris per enhet i øre.")
            .Produces<List<PriceListView>>().ProducesValidationProblem();

        var signedIn = app.MapGroup("/api/v1/financing").WithTags(Tag).RequireAuthorization();
        signedIn.MapGet("/{year}/orders", GetOrders).WithName("ListServiceOrders")
            .WithSummary("Årets bestillinger av tjenester fra prislisten: alle for porteføljekontoret (organizationId avgrenser), ellers bare egen organisasjons.")
            .Produces<List<ServiceOrderView>>().ProducesValidationProblem().ProducesProblem(404);
        signedIn.MapGet("/{year}/invoices/{organizationId}", GetInvoiceBasis).WithName("GetInvoiceBasis")
            .WithSummary("Fakturagrunnlaget for én aktør og år: linjene leverandøren fakturerer (samfinansiering og frivillige kjøp), linjene som trekkes i rammetilskuddet, og forklaringen. Porteføljekontoret og aktørens egne brukere.")
            .Produces<InvoiceBasisDto>().ProducesValidationProblem().ProducesProblem(404);
        signedIn.MapGet("/{year}/invoices/{organizationId}.pdf", (string year, string organizationId, FinancingQueries q, [FromServices] CurrentUser? user,
                CancellationToken ct) => InvoiceLetter(year, organizationId, q, user, b => InvoiceDocuments.Pdf(b), Pdf, "pdf", ct))
            .WithName("GetInvoiceBasisPdf")
            .WithSummary("Fakturagrunnlaget som brev i PDF. Porteføljekontoret og aktørens egne brukere.")
            .Produces(200, contentType: Pdf).ProducesValidationProblem().ProducesProblem(404);
        signedIn.MapGet("/{year}/invoices/{organizationId}.docx", (string year, string organizationId, FinancingQueries q, [FromServices] CurrentUser? user,
                CancellationToken ct) => InvoiceLetter(year, organizationId, q, user, b => InvoiceDocuments.Docx(b), Docx, "docx", ct))
            .WithName("GetInvoiceBasisDocx")
            .WithSummary("Fakturagrunnlaget som brev i Word (DOCX). Porteføljekontoret og aktørens egne brukere.")
            .Produces(200, contentType: Docx).ProducesValidationProblem().ProducesProblem(404);

        var office = app.MapGroup("/api/v1/financing").WithTags(Tag).RequireAuthorization("office");
        office.MapGet("/{year}/invoices.csv", (string year, FinancingQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                InvoiceLines(year, q, user, InvoiceDocuments.LinesCsv, Csv, "csv", ct))
            .WithName("GetInvoiceLinesCsv")
            .WithSummary("Alle fakturalinjer for året som CSV til leverandørens fakturasystem. Porteføljekontoret.")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();
        office.MapGet("/{year}/invoices.xlsx", (string year, FinancingQueries q, [FromServices] CurrentUser? user, CancellationToken ct) =>
                InvoiceLines(year, q, user, InvoiceDocuments.LinesXlsx, Xlsx, "xlsx", ct))
            .WithName("GetInvoiceLinesXlsx")
            .WithSummary("Alle fakturalinjer for året som regneark (XLSX) til leverandørens fakturasystem. Porteføljekontoret.")
            .Produces(200, contentType: Xlsx).ProducesValidationProblem();
        return app;
    }

    /// <summary>A year from the route or a body: a whole number from 2000 to 2100, else a Norwegian 400 on the field.</summary>
    public static int Year(string? value, string field = "year")
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear) return year;
        throw ValidationFailedException.For(field, $"Året må være et årstall fra {FirstYear} til {LastYear}, ikke «{Validator.Truncate(value ?? "")}».");
    }

    /// <summary>An id from the route or the query: a positive whole number, else a Norwegian 400 on the field.</summary>
    public static int Id(string? value, string field, string label)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw ValidationFailedException.For(field, $"{label} må være en id (et positivt heltall), ikke «{Validator.Truncate(value ?? "")}».");
    }

    /// <summary>An optional id from the query: null when empty.</summary>
    public static int? OptionalId(string? value, string field, string label) => string.IsNullOrWhiteSpace(value) ? null : Id(value, field, label);

    /// <summary>A solution's key from the route: 1–80 characters (the catalogue's limit); the query says whether it exists.</summary>
    public static string SolutionKey(string? value)
    {
        var v = new Validator();
        v.Required("solutionKey", value, "Løsningsnøkkelen", 80);
        v.ThrowIfInvalid();
        return value!.Trim();
    }

    /// <summary>
    /// Answers a read: from the shared cache when the user sees what the public sees (no drafts), else fresh and private, so
    /// that a draft never lands in a shared answer.
    /// </summary>
    private static async Task<IResult> ServeAsync<T>(HttpContext http, CachedJson cached, CurrentUser? user, string key, Func<Task<T>> produce) where T : notnull
    {
        if (!FinancingAccess.CanSeeDrafts(user)) return await cached.ServeAsync(http, "financing:" + key, produce);
        var value = await produce();
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Ok(value);
    }

    private static Task<IResult> ListYears(HttpContext http, FinancingQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(() => ServeAsync(http, cached, user, "years", () => q.YearsAsync(user, http.RequestAborted)));

    private static Task<IResult> GetAdopted(string year, HttpContext http, FinancingQueries q, CachedJson cached, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            return await ServeAsync(http, cached, user, $"adopted:{y}", async () => ModelDto.From(await q.AdoptedAsync(y, user, http.RequestAborted)));
        });

    private static Task<IResult> GetActorBill(string year, string id, HttpContext http, FinancingQueries q, CachedJson cached, [FromServices] CurrentUser? user,
        [FromQuery] string? model = null) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            var organizationId = Id(id, "id", "Aktøren");
            var modelId = OptionalId(model, "model", "Prismodellen");
            if (modelId is null)
                return await cached.ServeAsync(http, $"financing:bill:{y}:{organizationId}", async () =>
                    ActorBillDto.From(await q.ActorBillAsync(await AdoptedIdAsync(q, y, http.RequestAborted), organizationId, null, http.RequestAborted)));
            var bill = await q.ActorBillAsync(modelId.Value, organizationId, user, http.RequestAborted);
            if (bill.Model.Year != y)
                throw ValidationFailedException.For("model", $"Prismodell {modelId} gjelder {bill.Model.Year}, ikke {y}.");
            http.Response.Headers.CacheControl = bill.Model.IsPublic ? "public, no-cache" : "private, no-cache";
            return Results.Ok(ActorBillDto.From(bill));
        });

    private static async Task<int> AdoptedIdAsync(FinancingQueries q, int year, CancellationToken ct) =>
        await q.AdoptedModelIdAsync(year, ct) ?? throw new NotFoundException($"Det finnes ingen vedtatt prismodell for {year}.");

    private static Task<IResult> GetAllocationCsv(string year, FinancingQueries q, HttpContext http) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            var rows = await q.AllocationAsync(y, http.RequestAborted);
            http.Response.Headers.CacheControl = "public, no-cache";
            return Results.File(FinancingDocuments.AllocationCsv(rows), Csv, $"fordeling-{y}.csv");
        });

    private static Task<IResult> GetModel(string id, HttpContext http, FinancingQueries q, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var details = await q.ModelAsync(Id(id, "id", "Prismodellen"), user, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            http.Response.SetVersion(details.Model.Version);
            return Results.Ok(ModelDto.From(details));
        });

    private static Task<IResult> Compare(string id, HttpContext http, FinancingQueries q, [FromServices] CurrentUser? user, [FromQuery(Name = "base")] string? baseId = null) =>
        ProblemResults.Run(async () =>
        {
            var modelId = Id(id, "id", "Scenarioet");
            var other = OptionalId(baseId, "base", "Modellen det sammenlignes med");
            var comparison = await q.CompareAsync(modelId, other, user, http.RequestAborted);
            http.Response.Headers.CacheControl = comparison.Other.IsPublic && comparison.Base.IsPublic ? "public, no-cache" : "private, no-cache";
            return Results.Ok(comparison);
        });

    private static Task<IResult> GetCostBases(string year, HttpContext http, FinancingQueries q, CachedJson cached) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            return await cached.ServeAsync(http, $"financing:costs:{y}", () => q.CostBasesAsync(y, http.RequestAborted));
        });

    private static Task<IResult> GetCostBasis(string solutionKey, string year, HttpContext http, FinancingQueries q) =>
        ProblemResults.Run(async () =>
        {
            var key = SolutionKey(solutionKey);
            var y = Year(year);
            var cost = await q.CostBasisAsync(key, y, http.RequestAborted)
                       ?? throw new NotFoundException($"Det finnes ikke noe kostnadsgrunnlag for «{Validator.Truncate(key)}» i {y}.");
            http.Response.Headers.CacheControl = "public, no-cache";
            http.Response.SetVersion(cost.Version);
            return Results.Ok(cost);
        });

    private static Task<IResult> GetLifeCycle(string solutionKey, HttpContext http, FinancingQueries q, CachedJson cached) =>
        ProblemResults.Run(async () =>
        {
            var key = SolutionKey(solutionKey);
            return await cached.ServeAsync(http, $"financing:life-cycle:{key}", () => q.LifeCycleAsync(key, http.RequestAborted));
        });

    private static Task<IResult> GetPriceList(string year, HttpContext http, FinancingQueries q, CachedJson cached) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            return await cached.ServeAsync(http, $"financing:price-list:{y}", () => q.PriceListAsync(y, http.RequestAborted));
        });

    private static Task<IResult> GetOrders(string year, HttpContext http, FinancingQueries q, [FromServices] CurrentUser? user,
        [FromQuery] string? organizationId = null) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            var org = OptionalId(organizationId, "organizationId", "Aktøren");
            var orders = await q.OrdersAsync(y, org, user, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(orders);
        });

    private static Task<IResult> GetInvoiceBasis(string year, string organizationId, HttpContext http, FinancingQueries q, [FromServices] CurrentUser? user) =>
        ProblemResults.Run(async () =>
        {
            var basis = await q.InvoiceBasisAsync(Year(year), Id(organizationId, "organizationId", "Aktøren"), user, http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-cache";
            return Results.Ok(InvoiceBasisDto.From(basis));
        });

    private static Task<IResult> InvoiceLetter(string year, string organizationId, FinancingQueries q, CurrentUser? user, Func<InvoiceBasis, byte[]> write,
        string contentType, string extension, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            var basis = await q.InvoiceBasisAsync(y, Id(organizationId, "organizationId", "Aktøren"), user, ct);
            return Results.File(write(basis), contentType, $"fakturagrunnlag-{y}-{basis.Actor.Id.ToString(CultureInfo.InvariantCulture)}.{extension}");
        });

    private static Task<IResult> InvoiceLines(string year, FinancingQueries q, CurrentUser? user, Func<IEnumerable<InvoiceBasis>, byte[]> write,
        string contentType, string extension, CancellationToken ct) =>
        ProblemResults.Run(async () =>
        {
            var y = Year(year);
            var bases = await q.InvoiceBasesAsync(y, user, ct);
            return Results.File(write(bases), contentType, $"fakturalinjer-{y}.{extension}");
        });
}
