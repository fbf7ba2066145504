using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Benefits;

public sealed record BenefitOwnerDto(int Id, string Name);

/// <summary>A realised value for a period; <c>version</c> is what a change of it must send.</summary>
public sealed record BenefitValueDto(string Period, string PeriodName, DateOnly PeriodEnd, decimal Value, string Comment, DateTime ReportedAt, bool Demo, int Version)
{
    public static BenefitValueDto From(BenefitValue v) => new(v.Period.Code, v.Period.Name, v.Period.End, v.Value, v.Comment, v.ReportedAt, v.IsDemo, v.Version);
}

/// <summary>Where a benefit stands: <c>planned</c> is where the plan's straight line was at the end of the latest reported period.</summary>
public sealed record StandingDto(BenefitTrack Track, string TrackName, decimal? Realised, string? Period, decimal? Planned, decimal? AchievedShare, decimal? PlannedShare)
{
    public static StandingDto From(BenefitStanding s) => new(s.Track, s.Track.Label(), s.Realised, s.Period, s.Planned,
        s.AchievedShare is { } a ? decimal.Round(a, 4) : null, s.PlannedShare is { } p ? decimal.Round(p, 4) : null);
}

public sealed record BenefitDto(
    int Id, string Title, BenefitType Type, string TypeName, Stakeholder Stakeholder, string StakeholderName, BenefitOwnerDto Owner,
    string Indicator, string Unit, decimal Baseline, DateOnly BaselineOn, decimal Target, DateOnly TargetDue, bool ValuedInNok, long? NokPerUnitOre,
    IReadOnlyList<string> Actions, bool Demo, int Version, StandingDto Standing, IReadOnlyList<BenefitValueDto> Realised)
{
    public static BenefitDto From(BenefitView v)
    {
        var b = v.Benefit;
        return new(b.Id, b.Title, b.Type, b.Type.Label(), b.Stakeholder, b.Stakeholder.Label(), new BenefitOwnerDto(b.OwnerId, b.Owner?.Name ?? ""),
            b.Indicator, b.Unit, b.Baseline, b.BaselineOn, b.Target, b.TargetDue, b.ValuedInNok, b.NokPerUnitOre, b.ActionList, b.IsDemo, b.Version,
            StandingDto.From(v.Standing), v.Values.Select(BenefitValueDto.From).ToList());
    }
}

public sealed record AnalysisYearDto(int Year, long CostOre, long BenefitOre, decimal DiscountFactor, long PresentNetOre, long CumulativeOre);

/// <param name="Largest">Whether the alternative has «størst netto nåverdi».</param>
public sealed record AlternativeDto(
    int Number, string Name, IReadOnlyList<string> NonValuedEffects, long NetPresentValueOre, long PresentCostOre, long PresentBenefitOre,
    int? BreakEvenYear, bool Largest, IReadOnlyList<AnalysisYearDto> Years)
{
    public static AlternativeDto From(AlternativeResult a) => new(a.Number, a.Name, a.NonValuedEffects, a.Result.NetPresentValueOre,
        a.Result.PresentCostOre, a.Result.PresentBenefitOre, a.Result.BreakEvenYear, a.Largest,
        a.Result.Years.Select(y => new AnalysisYearDto(y.Year, y.CostOre, y.BenefitOre, decimal.Round(y.Factor, 6), y.PresentNetOre, y.CumulativeOre)).ToList());
}

/// <param name="NpvOre">Net present value per alternative, in the order of <c>alternatives</c>.</param>
public sealed record SensitivityDto(string Case, decimal DiscountRate, decimal CostFactor, decimal BenefitFactor, IReadOnlyList<long> NpvOre);

/// <summary>
/// The net present values: <c>discountRate</c> in percent (real), <c>baseYear</c> the year every amount is discounted to.
/// <c>version</c> is the analysis's (null when the initiative has none), which a change must send.
/// </summary>
public sealed record NpvDto(
    decimal DiscountRate, string DiscountRateSource, int? BaseYear, string? Note, bool Demo, int? Version,
    IReadOnlyList<AlternativeDto> Alternatives, IReadOnlyList<SensitivityDto> Sensitivity)
{
    public static NpvDto From(BenefitAnalysis? a, AnalysisResult r) => new(
        Core.Benefits.DiscountRate.ToPercent(r.RateBasisPoints), Core.Benefits.DiscountRate.Source, r.BaseYear, a?.Note, a?.IsDemo ?? false, a?.Version,
        r.Alternatives.Select(AlternativeDto.From).ToList(),
        r.Sensitivity.Select(s => new SensitivityDto(s.Case, Core.Benefits.DiscountRate.ToPercent(s.RateBasisPoints), s.CostFactor, s.BenefitFactor, s.NpvOre)).ToList());
}

/// <param name="BenefitValuesRequired">Whether the initiative's segment requires a realised value for every benefit each period.</param>
public sealed record InitiativeBenefitsDto(int InitiativeId, string Initiative, bool BenefitValuesRequired, IReadOnlyList<BenefitDto> Benefits, NpvDto? Analysis)
{
    public static InitiativeBenefitsDto From(InitiativeBenefits b) => new(b.Initiative.Id, b.Initiative.Name, b.Requirements.BenefitValues,
        b.Benefits.Select(BenefitDto.From).ToList(), b.Analysis is null ? null : NpvDto.From(b.Analysis, b.Result!));
}

public sealed record TrackCountsDto(int OnTrack, int AtRisk, int Late, int NotReported, int Total)
{
    public static TrackCountsDto From(TrackCounts c) => new(c.OnTrack, c.AtRisk, c.Late, c.NotReported, c.Total);
}

public sealed record FollowUpGroupDto(int Id, string Name, TrackCountsDto Counts);

public sealed record FollowUpBenefitDto(
    int Id, string Title, int InitiativeId, string Initiative, BenefitOwnerDto Owner, BenefitType Type, string Unit, decimal Baseline, decimal Target,
    DateOnly TargetDue, StandingDto Standing);

/// <summary>The strategy whose target areas <c>perArea</c> follows: the adopted one.</summary>
public sealed record FollowUpStrategyDto(int Id, string Title, string Period, bool Demo);

/// <summary>A target area: <c>initiatives</c> is how many initiatives in the portfolio serve it; <c>demoLinks</c> that some links are demo data.</summary>
public sealed record AreaFollowUpDto(int Id, int Number, string Name, int Initiatives, TrackCountsDto Counts, bool DemoLinks);

/// <summary>The best alternative of an initiative's socio-economic analysis: net present value in øre at the analysis's rate (percent).</summary>
public sealed record InitiativeReturnDto(
    int InitiativeId, string Initiative, decimal DiscountRate, int? BaseYear, int Alternatives, int BestAlternative, string BestAlternativeName,
    long NetPresentValueOre, int? BreakEvenYear, bool Demo);

/// <summary>
/// Benefits on track, at risk, late or not reported per owner, per initiative and per target area of the adopted strategy
/// (<c>strategy</c>; null and <c>perArea</c> empty when none is adopted), as of <c>today</c>. A benefit counts under every
/// area its initiative serves; <c>withoutArea</c> counts those whose initiative serves none. <c>returns</c>: per initiative
/// with a socio-economic analysis, its best alternative's net present value.
/// </summary>
public sealed record FollowUpDto(DateOnly Today, TrackCountsDto Total, IReadOnlyList<FollowUpGroupDto> PerOwner, IReadOnlyList<FollowUpGroupDto> PerInitiative,
    IReadOnlyList<FollowUpBenefitDto> Benefits, FollowUpStrategyDto? Strategy, IReadOnlyList<AreaFollowUpDto> PerArea, TrackCountsDto WithoutArea,
    IReadOnlyList<InitiativeReturnDto> Returns)
{
    public static FollowUpDto From(BenefitFollowUp f) => new(f.Today, TrackCountsDto.From(f.Total),
        f.PerOwner.Select(g => new FollowUpGroupDto(g.Id, g.Name, TrackCountsDto.From(g.Counts))).ToList(),
        f.PerInitiative.Select(g => new FollowUpGroupDto(g.Id, g.Name, TrackCountsDto.From(g.Counts))).ToList(),
        f.Benefits.Select(b => new FollowUpBenefitDto(b.BenefitId, b.Title, b.InitiativeId, b.Initiative, new BenefitOwnerDto(b.OwnerId, b.Owner), b.Type, b.Unit,
            b.Baseline, b.Target, b.TargetDue, StandingDto.From(b.Standing))).ToList(),
        f.Strategy is { } s ? new FollowUpStrategyDto(s.Id, s.Title, s.Period, s.IsDemo) : null,
        f.PerArea.Select(a => new AreaFollowUpDto(a.AreaId, a.Number, a.Title, a.Initiatives, TrackCountsDto.From(a.Counts), a.DemoLinks)).ToList(),
        TrackCountsDto.From(f.WithoutArea),
        f.Returns.Select(r => new InitiativeReturnDto(r.InitiativeId, r.Initiative, Core.Benefits.DiscountRate.ToPercent(r.RateBasisPoints), r.BaseYear,
            r.Alternatives, r.BestNumber, r.BestAlternative, r.NetPresentValueOre, r.BreakEvenYear, r.IsDemo)).ToList());
}

public sealed record BenefitBody(
    string? Title, string? Type, string? Stakeholder, int? OwnerId, string? Indicator, string? Unit, decimal? Baseline, string? BaselineOn,
    decimal? Target, string? TargetDue, bool ValuedInNok, long? NokPerUnitOre, IReadOnlyList<string>? Actions, int? Version)
{
    public BenefitInput ToInput() => new(Title, Type, Stakeholder, OwnerId, Indicator, Unit, Baseline, BaselineOn, Target, TargetDue, ValuedInNok,
        NokPerUnitOre, Actions is null ? null : string.Join("\n", Actions));
}

public sealed record BenefitValueBody(int BenefitId, decimal? Value, string? Comment, int? Version);

public sealed record BenefitValuesBody(IReadOnlyList<BenefitValueBody>? Values);

public sealed record AnalysisYearBody(int? Year, long? CostOre, long? BenefitOre);

public sealed record AlternativeBody(string? Name, IReadOnlyList<string>? NonValuedEffects, IReadOnlyList<AnalysisYearBody>? Years);

/// <param name="DiscountRate">Percent, real (4 = 4 %); omitted means the default 4 % (R-109/2021).</param>
public sealed record AnalysisBody(decimal? DiscountRate, string? Note, IReadOnlyList<AlternativeBody>? Alternatives, int? Version)
{
    public AnalysisInput ToInput() => new(DiscountRate, Note, Alternatives?.Select(a => new AlternativeInput(a.Name,
        a.NonValuedEffects is null ? null : string.Join("\n", a.NonValuedEffects),
        a.Years?.Select(y => new AnalysisYearInput(y.Year, y.CostOre, y.BenefitOre)).ToList())).ToList());
}

/// <summary>Benefits over HTTP: public reads (as the initiative is public), writes for the office and the owning organisation.</summary>
public static class BenefitsApi
{
    public static IEndpointRouteBuilder MapBenefitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Gevinster");
        api.MapGet("/initiatives/{id:int}/benefits", (int id, GetBenefits uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () => Results.Ok(InitiativeBenefitsDto.From(await uc.HandleAsync(id, user, ct)))))
            .WithName("GetInitiativeBenefits")
            .WithSummary("Et tiltaks gevinster med utgangsverdi, mål, realiserte verdier per periode og status mot plan, og den samfunnsøkonomiske analysen (offentlig).")
            .Produces<InitiativeBenefitsDto>().ProducesProblem(404);
        api.MapGet("/initiatives/{id:int}/benefits/npv", (int id, string? rate, GetNetPresentValue uc, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var (analysis, result) = await uc.HandleAsync(id, Rate(rate), ct);
                    return Results.Ok(NpvDto.From(analysis, result));
                }))
            .WithName("GetNetPresentValue")
            .WithSummary("Netto nåverdi, inntjeningsår og følsomhet per alternativ, ved analysens rente eller «rate» (prosent, ikke negativ). Offentlig.")
            .Produces<NpvDto>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/benefits/{id:int}/chart.svg", (int id, GetBenefitChart uc, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var view = await uc.HandleAsync(id, ct);
                    return Results.Text(BenefitChart.RenderSvg(view.Benefit, view.Values), "image/svg+xml; charset=utf-8");
                }))
            .WithName("GetBenefitChart")
            .WithSummary("En gevinsts plan (utgangsverdi til mål) og realiserte verdier over tid, som SVG (offentlig).")
            .Produces(200, contentType: "image/svg+xml").ProducesProblem(404);
        api.MapGet("/initiatives/{id:int}/benefits/plan.docx", (int id, GetBenefits uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var data = await uc.HandleAsync(id, user, ct);
                    return Results.File(BenefitDocuments.Docx(data), Council.DocumentsApi.Docx, BenefitDocuments.FileName(data, "docx"));
                }))
            .WithName("GetBenefitRealisationPlanDocx")
            .WithSummary("Tiltakets gevinstrealiseringsplan som Word-dokument: gevinster, gevinsteiere, indikatorer, tidslinje, tiltak og analysen (offentlig).")
            .Produces(200, contentType: Council.DocumentsApi.Docx).ProducesProblem(404);
        api.MapGet("/initiatives/{id:int}/benefits/plan.pdf", (int id, GetBenefits uc, [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var data = await uc.HandleAsync(id, user, ct);
                    return Results.File(BenefitDocuments.Pdf(data), "application/pdf", BenefitDocuments.FileName(data, "pdf"));
                }))
            .WithName("GetBenefitRealisationPlanPdf")
            .WithSummary("Tiltakets gevinstrealiseringsplan som PDF (offentlig).")
            .Produces(200, contentType: "application/pdf").ProducesProblem(404);
        api.MapGet("/portfolio/benefits", (GetBenefitFollowUp uc, CancellationToken ct) =>
                ProblemResults.Run(async () => Results.Ok(FollowUpDto.From(await uc.HandleAsync(ct)))))
            .WithName("GetBenefitFollowUp")
            .WithSummary("Gevinstoppfølging for porteføljen: gevinster i rute, i faresonen, forsinket eller ikke rapportert, per gevinsteier, per tiltak og per målområde i den vedtatte strategien, realisert mot planlagt, og netto nåverdi for tiltakenes samfunnsøkonomiske analyser (offentlig).")
            .Produces<FollowUpDto>().ProducesProblem(400);

        var write = api.MapGroup("").RequireAuthorization();
        write.MapPost("/initiatives/{id:int}/benefits", (int id, HttpRequest req, HttpResponse res, SaveBenefit uc, GetBenefits get,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var body = await JsonBody.ReadAsync<BenefitBody>(req, ct, BenefitTypeErrors);
                    var saved = await uc.HandleAsync(id, null, body.ToInput(), null, user, ct);
                    res.SetVersion(saved.Version);
                    return Results.Created($"/api/v1/benefits/{saved.Id}", await ReadAsync(get, id, saved.Id, user, ct));
                }))
            .WithName("AddBenefit")
            .WithSummary("Legg til en gevinst på et tiltak (tiltakseiers organisasjon eller porteføljekontoret).")
            .WithJsonBody<BenefitBody>()
            .Produces<BenefitDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404);
        write.MapPut("/initiatives/{id:int}/benefits/{benefitId:int}", (int id, int benefitId, HttpRequest req, HttpResponse res, SaveBenefit uc, GetBenefits get,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var body = await JsonBody.ReadAsync<BenefitBody>(req, ct, BenefitTypeErrors);
                    var saved = await uc.HandleAsync(id, benefitId, body.ToInput(), Versions.Expected(req, body.Version), user, ct);
                    res.SetVersion(saved.Version);
                    return Results.Ok(await ReadAsync(get, id, saved.Id, user, ct));
                }))
            .WithName("UpdateBenefit")
            .WithSummary("Endre en gevinst. Krever versjon i If-Match eller «version» (428 uten, 412 når noen andre har lagret først).")
            .WithJsonBody<BenefitBody>()
            .Produces<BenefitDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapDelete("/initiatives/{id:int}/benefits/{benefitId:int}", (int id, int benefitId, HttpRequest req, DeleteBenefit uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    await uc.HandleAsync(id, benefitId, Versions.FromIfMatch(req), user, ct);
                    return Results.NoContent();
                }))
            .WithName("DeleteBenefit")
            .WithSummary("Slett en gevinst med dens realiserte verdier. Krever versjon i If-Match.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPut("/initiatives/{id:int}/benefit-values/{period}", (int id, string period, HttpRequest req, ReportBenefitValues uc,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var body = await JsonBody.ReadAsync<BenefitValuesBody>(req, ct);
                    var saved = await uc.HandleAsync(id, period, (body.Values ?? []).Select(v => new BenefitValueInput(v.BenefitId, v.Value, v.Comment, v.Version)).ToList(), user, ct);
                    return Results.Ok(saved.Select(BenefitValueDto.From).ToList());
                }))
            .WithName("ReportBenefitValues")
            .WithSummary("Rapporter realiserte gevinstverdier for en periode som har startet, sammen med statusrapporten (tiltakseier eller porteføljekontoret). "
                + "En verdi som finnes, endres med sin «version». Segment Samstyring må oppgi en verdi for hver gevinst.")
            .WithJsonBody<BenefitValuesBody>()
            .Produces<List<BenefitValueDto>>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        write.MapPut("/initiatives/{id:int}/benefits/analysis", (int id, HttpRequest req, HttpResponse res, SaveAnalysis uc, GetNetPresentValue npv,
                [FromServices] CurrentUser? user, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var body = await JsonBody.ReadAsync<AnalysisBody>(req, ct);
                    var expected = Versions.Expected(req, body.Version);
                    var saved = await uc.HandleAsync(id, body.ToInput(), expected, user, ct);
                    res.SetVersion(saved.Version);
                    var (analysis, result) = await npv.HandleAsync(id, null, ct);
                    var dto = NpvDto.From(analysis, result);
                    return expected is null or 0 ? Results.Created($"/api/v1/initiatives/{id}/benefits/npv", dto) : Results.Ok(dto);
                }))
            .WithName("SaveBenefitAnalysis")
            .WithSummary("Lagre tiltakets samfunnsøkonomiske analyse som en helhet: rente (prosent), merknad og alternativer med kostnad og nytte i øre per år. "
                + "Den første lagres uten versjon (201); en endring krever versjon i If-Match eller «version».")
            .WithJsonBody<AnalysisBody>()
            .Produces<NpvDto>().Produces<NpvDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        return app;
    }

    private static async Task<BenefitDto> ReadAsync(GetBenefits get, int initiativeId, int benefitId, CurrentUser? user, CancellationToken ct) =>
        BenefitDto.From((await get.HandleAsync(initiativeId, user, ct)).Benefits.Single(b => b.Benefit.Id == benefitId));

    /// <summary>The «rate» query: a percent with a point or a comma; anything else is a Norwegian field error.</summary>
    private static decimal? Rate(string? rate)
    {
        if (string.IsNullOrWhiteSpace(rate)) return null;
        if (decimal.TryParse(rate.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r)) return r;
        throw ValidationFailedException.For("rate", $"Diskonteringsrenten må være et tall i prosent, for eksempel 4 eller 3,5, ikke «{Validator.Truncate(rate)}».");
    }

    private static readonly Dictionary<string, string> BenefitTypeErrors = new()
    {
        ["baseline"] = "Utgangsverdien må være et tall.", ["target"] = "Målverdien må være et tall.", ["ownerId"] = "Gevinsteier må være id-en til en aktør.",
        ["nokPerUnitOre"] = "Verdi per enhet må være et helt antall øre.", ["valuedInNok"] = "«valuedInNok» må være true eller false.",
        ["version"] = "Versjonen må være et heltall.",
    };
}
