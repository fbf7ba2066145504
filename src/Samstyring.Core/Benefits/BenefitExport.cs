using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Benefits;

/// <summary>
/// Benefits and net present values as open data for the command line: camelCase names, enum codes, ISO dates, money in
/// øre, rates in percent; the same fields as the API's answers.
/// </summary>
public static class BenefitExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new EnumCodeJsonConverter() },
    };

    public static byte[] BenefitsJson(InitiativeBenefits d) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        initiativeId = d.Initiative.Id,
        initiative = d.Initiative.Name,
        benefitValuesRequired = d.Requirements.BenefitValues,
        benefits = d.Benefits.Select(v => new
        {
            v.Benefit.Id, v.Benefit.Title, v.Benefit.Type, v.Benefit.Stakeholder, owner = new { id = v.Benefit.OwnerId, name = v.Benefit.Owner?.Name },
            v.Benefit.Indicator, v.Benefit.Unit, v.Benefit.Baseline, v.Benefit.BaselineOn, v.Benefit.Target, v.Benefit.TargetDue,
            v.Benefit.ValuedInNok, v.Benefit.NokPerUnitOre, actions = v.Benefit.ActionList, demo = v.Benefit.IsDemo, v.Benefit.Version,
            standing = new { v.Standing.Track, v.Standing.Realised, v.Standing.Period, v.Standing.Planned },
            realised = v.Values.Select(x => new { period = x.Period.Code, periodEnd = x.Period.End, x.Value, x.Comment, x.Version }),
        }),
        analysis = d.Analysis is null ? null : Npv(d.Analysis, d.Result!),
    }, Json);

    public static byte[] NpvJson(BenefitAnalysis? analysis, AnalysisResult r) => JsonSerializer.SerializeToUtf8Bytes(Npv(analysis, r), Json);

    /// <summary>One row per alternative and case: the rate and factors, and the net present value in øre.</summary>
    public static byte[] NpvCsv(AnalysisResult r) => CsvExport.ToBytes(
        ["alternativ", "tilfelle", "rente_prosent", "kostnadsfaktor", "nyttefaktor", "netto_naaverdi_ore", "inntjeningsaar", "storst_netto_naaverdi"],
        r.Alternatives.Select((a, k) => (IReadOnlyList<object?>)[a.Name, "Valgt rente", Pct(r.RateBasisPoints), "1", "1", a.Result.NetPresentValueOre, a.Result.BreakEvenYear, a.Largest ? "ja" : "nei"])
            .Concat(r.Sensitivity.SelectMany(s => r.Alternatives.Select((a, k) => (IReadOnlyList<object?>)
                [a.Name, s.Case, Pct(s.RateBasisPoints), s.CostFactor.ToString("0.##", CultureInfo.InvariantCulture), s.BenefitFactor.ToString("0.##", CultureInfo.InvariantCulture), s.NpvOre[k], null, null]))));

    private static string Pct(int basisPoints) => DiscountRate.ToPercent(basisPoints).ToString("0.##", CultureInfo.InvariantCulture);

    private static object Npv(BenefitAnalysis? a, AnalysisResult r) => new
    {
        discountRate = DiscountRate.ToPercent(r.RateBasisPoints),
        discountRateSource = DiscountRate.Source,
        r.BaseYear,
        note = a?.Note,
        demo = a?.IsDemo ?? false,
        version = a?.Version,
        alternatives = r.Alternatives.Select(x => new
        {
            x.Number, x.Name, x.NonValuedEffects, x.Result.NetPresentValueOre, x.Result.PresentCostOre, x.Result.PresentBenefitOre, x.Result.BreakEvenYear, x.Largest,
            years = x.Result.Years.Select(y => new { y.Year, y.CostOre, y.BenefitOre, discountFactor = decimal.Round(y.Factor, 6), y.PresentNetOre, y.CumulativeOre }),
        }),
        sensitivity = r.Sensitivity.Select(s => new { s.Case, discountRate = DiscountRate.ToPercent(s.RateBasisPoints), s.CostFactor, s.BenefitFactor, s.NpvOre }),
    };
}
