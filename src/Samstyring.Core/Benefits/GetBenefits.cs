using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>A benefit with its realised values, oldest period first, and how it stands against its plan today.</summary>
public sealed record BenefitView(Benefit Benefit, IReadOnlyList<BenefitValue> Values, BenefitStanding Standing);

/// <summary>An initiative's benefits and socio-economic analysis, with the analysis evaluated at its own rate.</summary>
public sealed record InitiativeBenefits(
    Initiative Initiative, bool CanEdit, ReportingRequirements Requirements, IReadOnlyList<BenefitView> Benefits,
    BenefitAnalysis? Analysis, AnalysisResult? Result, DateOnly Today);

/// <summary>Reads an initiative's benefits (public, as the initiative is).</summary>
[UseCase]
public sealed class GetBenefits(SamstyringDb db)
{
    public async Task<InitiativeBenefits> HandleAsync(int initiativeId, CurrentUser? user, CancellationToken ct = default)
    {
        var i = await db.Initiatives.AsNoTracking().Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == initiativeId, ct)
                ?? throw new NotFoundException($"Fant ikke tiltak {initiativeId}.");
        var benefits = await db.Benefits.AsNoTracking().AsSplitQuery().Include(b => b.Owner).Include(b => b.Values).ThenInclude(x => x.Period)
            .Where(b => b.InitiativeId == i.Id).OrderBy(b => b.Id).ToListAsync(ct);
        var analysis = await LoadAnalysisAsync(db, i.Id, ct);
        var today = db.Today;
        var views = benefits.Select(b => new BenefitView(b, b.Values.OrderBy(x => x.Period.Start).ToList(), BenefitProgress.Assess(b, today))).ToList();
        return new InitiativeBenefits(i, BenefitsAccess.CanEdit(user, i), ReportingRequirements.For(i.Segment), views,
            analysis, analysis is null ? null : Evaluate(analysis, analysis.DiscountRateBasisPoints), today);
    }

    internal static Task<BenefitAnalysis?> LoadAnalysisAsync(SamstyringDb db, int initiativeId, CancellationToken ct) =>
        db.BenefitAnalyses.AsNoTracking().Include(a => a.Alternatives).ThenInclude(a => a.Years)
            .SingleOrDefaultAsync(a => a.InitiativeId == initiativeId, ct);

    public static AnalysisResult Evaluate(BenefitAnalysis a, int rateBasisPoints) =>
        NetPresentValue.Evaluate(a.Alternatives.OrderBy(x => x.Number)
            .Select(x => new AlternativeFlows(x.Number, x.Name, x.Years.OrderBy(y => y.Year).Select(y => new YearFlow(y.Year, y.CostOre, y.BenefitOre)).ToList(), x.NonValuedEffectList))
            .ToList(), rateBasisPoints);
}

/// <summary>
/// The net present values of an initiative's analysis, at its own rate or at one given (percent; not negative). An
/// initiative without an analysis answers with no alternatives (and a null analysis), at the given or default rate.
/// </summary>
[UseCase]
public sealed class GetNetPresentValue(SamstyringDb db)
{
    public async Task<(BenefitAnalysis? Analysis, AnalysisResult Result)> HandleAsync(int initiativeId, decimal? ratePercent, CancellationToken ct = default)
    {
        var v = new Validator();
        var rate = DiscountRate.FromPercent(v, "rate", ratePercent);
        v.ThrowIfInvalid();
        if (!await db.Initiatives.AnyAsync(x => x.Id == initiativeId, ct)) throw new NotFoundException($"Fant ikke tiltak {initiativeId}.");
        var analysis = await GetBenefits.LoadAnalysisAsync(db, initiativeId, ct);
        return analysis is null
            ? (null, NetPresentValue.Evaluate([], rate ?? DiscountRate.Default))
            : (analysis, GetBenefits.Evaluate(analysis, rate ?? analysis.DiscountRateBasisPoints));
    }
}

/// <summary>One benefit with its realised values, for its chart (public, as its initiative is).</summary>
[UseCase]
public sealed class GetBenefitChart(SamstyringDb db)
{
    public async Task<BenefitView> HandleAsync(int benefitId, CancellationToken ct = default)
    {
        var b = await db.Benefits.AsNoTracking().Include(x => x.Values).ThenInclude(v => v.Period)
                    .SingleOrDefaultAsync(x => x.Id == benefitId, ct)
                ?? throw new NotFoundException($"Fant ikke gevinst {benefitId}.");
        return new BenefitView(b, b.Values.OrderBy(v => v.Period.Start).ToList(), BenefitProgress.Assess(b, db.Today));
    }
}
