using Samstyring.Core.Common;

namespace Samstyring.Core.Benefits;

/// <summary>
/// The discount rate of a socio-economic analysis. The default is the Ministry of Finance's real, risk-adjusted rate for
/// public measures: 4 % a year for the first 40 years, Finansdepartementet, rundskriv R-109/2021 «Prinsipper og krav ved
/// utarbeidelse av samfunnsøkonomiske analyser» (section 5.1, kalkulasjonsrente). The circular steps the rate down after
/// 40 years (3 % to year 75, then 2 %); Samstyring uses one flat rate and so keeps analyses within 40 years.
/// </summary>
public static class DiscountRate
{
    public const int Default = 400;
    public const int Max = 2000;
    public const int MaxYears = 40;
    public const string Source = "Finansdepartementet, rundskriv R-109/2021, kalkulasjonsrente 4 % (reell) de første 40 årene";

    /// <summary>A rate given in percent (4 or 4,5), as basis points; errors (negative, above 20 %, more than two decimals) go to <paramref name="v"/>.</summary>
    public static int? FromPercent(Validator v, string field, decimal? percent)
    {
        if (percent is not { } p) return null;
        if (p < 0) { v.Add(field, "Diskonteringsrenten kan ikke være negativ."); return null; }
        if (p * 100 > Max) { v.Add(field, $"Diskonteringsrenten kan ikke være over {Max / 100} %."); return null; }
        if (p * 100 != decimal.Truncate(p * 100)) { v.Add(field, "Diskonteringsrenten kan ha høyst to desimaler."); return null; }
        return (int)(p * 100);
    }

    public static decimal ToPercent(int basisPoints) => basisPoints / 100m;
}

public sealed record YearFlow(int Year, long CostOre, long BenefitOre);

/// <param name="Factor">The discount factor 1/(1+r)^(year − base year).</param>
/// <param name="CumulativeOre">The discounted net value summed from the base year to this year.</param>
public sealed record DiscountedYear(int Year, long CostOre, long BenefitOre, decimal Factor, long PresentNetOre, long CumulativeOre);

/// <param name="BreakEvenYear">
/// The first year from which the discounted net value summed so far is zero or more and stays so to the last year; null
/// when the alternative never pays for itself within the analysis.
/// </param>
public sealed record NpvResult(long NetPresentValueOre, long PresentCostOre, long PresentBenefitOre, int? BreakEvenYear, IReadOnlyList<DiscountedYear> Years);

public sealed record AlternativeFlows(int Number, string Name, IReadOnlyList<YearFlow> Years, IReadOnlyList<string> NonValuedEffects);

/// <param name="Largest">Whether this alternative has the largest net present value («størst netto nåverdi», seed 001 line 1712).</param>
public sealed record AlternativeResult(int Number, string Name, NpvResult Result, IReadOnlyList<string> NonValuedEffects, bool Largest);

/// <param name="NpvOre">The net present value of each alternative, in the order of <see cref="AnalysisResult.Alternatives"/>.</param>
public sealed record SensitivityRow(string Case, int RateBasisPoints, decimal CostFactor, decimal BenefitFactor, IReadOnlyList<long> NpvOre);

public sealed record AnalysisResult(int RateBasisPoints, int? BaseYear, IReadOnlyList<AlternativeResult> Alternatives, IReadOnlyList<SensitivityRow> Sensitivity);

/// <summary>
/// Net present value (netto nåverdi) of yearly costs and benefits: each year's net is discounted to the base year, the
/// first year of the analysis, which is itself not discounted. Computed in decimal and rounded to whole øre once, at the
/// end, so the sum does not depend on how the years are split.
/// </summary>
public static class NetPresentValue
{
    public static readonly int[] SensitivityRates = [200, 400, 600];
    public const decimal SensitivityShare = 0.20m;

    public static NpvResult Calculate(IEnumerable<YearFlow> flows, int rateBasisPoints, int baseYear, decimal costFactor = 1m, decimal benefitFactor = 1m)
    {
        if (rateBasisPoints < 0) throw new ArgumentOutOfRangeException(nameof(rateBasisPoints), "Diskonteringsrenten kan ikke være negativ.");
        var growth = 1m + rateBasisPoints / 10_000m;
        decimal cost = 0, benefit = 0, cumulative = 0;
        var years = new List<DiscountedYear>();
        var cumulatives = new List<decimal>();
        foreach (var f in flows.OrderBy(f => f.Year))
        {
            var factor = 1m;
            for (var n = baseYear; n < f.Year; n++) factor /= growth;
            var c = f.CostOre * costFactor * factor;
            var b = f.BenefitOre * benefitFactor * factor;
            cost += c;
            benefit += b;
            cumulative += b - c;
            cumulatives.Add(cumulative);
            years.Add(new DiscountedYear(f.Year, f.CostOre, f.BenefitOre, factor, Ore(b - c), Ore(cumulative)));
        }
        int? breakEven = null;
        for (var k = cumulatives.Count - 1; k >= 0 && cumulatives[k] >= 0; k--) breakEven = years[k].Year;
        return new NpvResult(Ore(benefit - cost), Ore(cost), Ore(benefit), breakEven, years);
    }

    /// <summary>
    /// All alternatives at one rate, discounted to the same base year (the first year of any alternative), the largest net
    /// present value marked (each of them if several tie), and the sensitivity: the rate at 2, 4 and 6 % (and the chosen
    /// rate), and costs and benefits each 20 % up and down at the chosen rate.
    /// </summary>
    public static AnalysisResult Evaluate(IReadOnlyList<AlternativeFlows> alternatives, int rateBasisPoints)
    {
        var withYears = alternatives.SelectMany(a => a.Years).ToList();
        int? baseYear = withYears.Count == 0 ? null : withYears.Min(y => y.Year);
        var b = baseYear ?? 0;
        var results = alternatives.OrderBy(a => a.Number).Select(a => (a, r: Calculate(a.Years, rateBasisPoints, b))).ToList();
        var max = results.Count == 0 || baseYear is null ? (long?)null : results.Max(x => x.r.NetPresentValueOre);
        var list = results.Select(x => new AlternativeResult(x.a.Number, x.a.Name, x.r, x.a.NonValuedEffects, max is { } m && x.r.NetPresentValueOre == m)).ToList();

        var rows = new List<SensitivityRow>();
        var ordered = alternatives.OrderBy(a => a.Number).ToList();
        SensitivityRow Row(string name, int rate, decimal cf, decimal bf) =>
            new(name, rate, cf, bf, ordered.Select(a => Calculate(a.Years, rate, b, cf, bf).NetPresentValueOre).ToList());
        foreach (var rate in SensitivityRates.Append(rateBasisPoints).Distinct().Order())
            rows.Add(Row($"Diskonteringsrente {Norwegian.Percent(DiscountRate.ToPercent(rate))}", rate, 1m, 1m));
        var pct = Norwegian.Percent(SensitivityShare * 100);
        rows.Add(Row($"Kostnader +{pct}", rateBasisPoints, 1m + SensitivityShare, 1m));
        rows.Add(Row($"Kostnader −{pct}", rateBasisPoints, 1m - SensitivityShare, 1m));
        rows.Add(Row($"Nytte +{pct}", rateBasisPoints, 1m, 1m + SensitivityShare));
        rows.Add(Row($"Nytte −{pct}", rateBasisPoints, 1m, 1m - SensitivityShare));
        return new AnalysisResult(rateBasisPoints, baseYear, list, rows);
    }

    private static long Ore(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
