using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>How the financing pages write shares, changes and keys, so every page explains a figure the same way.</summary>
public static class FinancingText
{
    /// <summary>Basis points as a percent: 3550 is "35,5 %".</summary>
    public static string Share(int basisPoints) => Norwegian.Percent(basisPoints / 100m);

    /// <summary>Basis points as the number typed in a form: 3550 is "35.5".</summary>
    public static string PercentValue(int basisPoints) => (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A change in kroner with its sign: "+1 234 kr", "−1 234 kr", "0 kr".</summary>
    public static string Change(long ore) => ore switch
    {
        > 0 => "+" + Norwegian.Kroner(ore),
        < 0 => "\u2212" + Norwegian.Kroner(-ore),
        _ => Norwegian.Kroner(0),
    };

    /// <summary>A change in percent with its sign, or "ny" when there was nothing to compare with.</summary>
    public static string ChangePercent(decimal? percent) => percent switch
    {
        null => "ny",
        > 0 => "+" + Norwegian.Percent(percent.Value),
        < 0 => "\u2212" + Norwegian.Percent(-percent.Value),
        _ => Norwegian.Percent(0),
    };

    /// <summary>A change in percent from two amounts (null when the base is zero).</summary>
    public static decimal? Percent(long baseOre, long otherOre) => baseOre == 0 ? null : Math.Round((otherOre - baseOre) * 100m / baseOre, 2);

    /// <summary>The key's part of the chain: "folketall 1. januar 2022: 709 037 av 5 391 369".</summary>
    public static string Key(DistributionKey key, DateOnly? populationOn, long weight, long totalWeight) => key switch
    {
        DistributionKey.Population => $"folketall{(populationOn is { } on ? " " + Norwegian.Date(on) : "")}: {Norwegian.Number(weight)} av {Norwegian.Number(totalWeight)}",
        DistributionKey.Fixed => $"fast nøkkel: {Norwegian.Number(weight)} av {Norwegian.Number(totalWeight)}",
        DistributionKey.Usage => $"bruk i året: {Norwegian.Number(weight)} av {Norwegian.Number(totalWeight)}",
        _ => $"like deler: {Norwegian.Number(weight)} av {Norwegian.Number(totalWeight)}",
    };

    /// <summary>Where a solution's figure comes from.</summary>
    public static string CostSource(bool fromTbu) => fromTbu ? "beregnet av teknisk beregningsutvalg" : "budsjett";

    public static string ModelKind(ModelSummary m) => m.IsScenario ? "Scenario" : m.Status == PriceModelStatus.Draft ? "Utkast" : m.Status.Label();

    public static string StatusColor(PriceModelStatus status) => status switch
    {
        PriceModelStatus.Adopted => "success",
        PriceModelStatus.Replaced => "neutral",
        PriceModelStatus.Draft => "warning",
        _ => "info",
    };
}
