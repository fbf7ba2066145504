using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>The facts of a strategy the office writes: title, period, vision, the plan for the further work and the source.</summary>
public sealed record StrategyInput(string? Title, int? FromYear, int? ToYear, string? Vision, string? Plan, string? Source);

/// <summary>A target area as the office writes it: number, title, goal, indicators (one a line) and what serves it.</summary>
public sealed record TargetAreaInput(int? Number, string? Title, string? Goal, IReadOnlyList<string>? Indicators,
    IReadOnlyList<int>? Initiatives = null, IReadOnlyList<int>? Services = null, IReadOnlyList<int>? Solutions = null);

/// <summary>What the strategy use cases share: loading for a change, and checking the facts of a strategy and an area.</summary>
internal static class StrategyEditing
{
    public static async Task<Strategy> LoadAsync(SamstyringDb db, int id, CancellationToken ct) =>
        await db.Strategies.Include(s => s.Steps).Include(s => s.Areas).SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new NotFoundException($"Fant ingen strategi med id {id}.");

    public static void RequireChangeable(Strategy strategy)
    {
        if (strategy.Status == StrategyStatus.Replaced)
            throw ValidationFailedException.For("status", $"{strategy.Title} er erstattet og kan ikke endres.");
    }

    public static void Check(Validator v, StrategyInput input)
    {
        v.Name("title", input.Title, "Tittelen", Strategy.TitleMax);
        Year(v, "fromYear", input.FromYear, "Første år");
        Year(v, "toYear", input.ToYear, "Siste år");
        if (input is { FromYear: { } from, ToYear: { } to } && to < from && Valid(from) && Valid(to))
            v.Add("toYear", $"Siste år ({to}) kan ikke være før første år ({from}).");
        v.MaxLength("vision", input.Vision, "Visjonen", Strategy.VisionMax);
        v.MaxLength("plan", input.Plan, "Planen", Strategy.PlanMax);
        v.MaxLength("source", input.Source, "Kilden", Strategy.SourceMax);
    }

    public static void Apply(Strategy s, StrategyInput input)
    {
        s.Title = input.Title!.Trim();
        s.FromYear = input.FromYear!.Value;
        s.ToYear = input.ToYear!.Value;
        s.Vision = input.Vision?.Trim() ?? "";
        s.Plan = input.Plan?.Trim() ?? "";
        s.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
    }

    private static bool Valid(int year) => year is >= Strategy.FirstYear and <= Strategy.LastYear;

    private static void Year(Validator v, string field, int? year, string label)
    {
        if (year is null) v.Add(field, $"{label} må fylles ut.");
        else if (!Valid(year.Value)) v.Add(field, $"{label} må være et årstall fra {Strategy.FirstYear} til {Strategy.LastYear}, ikke {year}.");
    }

    /// <summary>Checks an area's facts; <paramref name="others"/> are the strategy's other areas (their numbers are taken).</summary>
    public static List<string> CheckArea(Validator v, TargetAreaInput input, IEnumerable<TargetArea> others)
    {
        if (input.Number is null) v.Add("number", "Nummeret må fylles ut.");
        else if (input.Number is < 1 or > 99) v.Add("number", $"Nummeret må være fra 1 til 99, ikke {input.Number}.");
        else if (others.FirstOrDefault(a => a.Number == input.Number) is { } taken)
            v.Add("number", $"Nummer {input.Number} er allerede brukt av «{taken.Title}».");
        v.Name("title", input.Title, "Tittelen", TargetArea.TitleMax);
        v.MaxLength("goal", input.Goal, "Målet", TargetArea.GoalMax);
        var indicators = (input.Indicators ?? []).SelectMany(i => TargetArea.SplitIndicators(i)).ToList();
        if (indicators.Count > TargetArea.IndicatorsMax) v.Add("indicators", $"Et målområde kan ha høyst {TargetArea.IndicatorsMax} indikatorer (fikk {indicators.Count}).");
        foreach (var (line, i) in indicators.Select((l, i) => (l, i + 1)))
            v.MaxLength("indicators", line, $"Indikator {i}", TargetArea.IndicatorMax);
        return indicators;
    }

    /// <summary>Checks a new area against the strategy's others and adds it; the strategy moves on to a new version.</summary>
    public static TargetArea AddArea(SamstyringDb db, Strategy strategy, TargetAreaInput input)
    {
        var v = new Validator();
        var indicators = CheckArea(v, input, strategy.Areas);
        v.ThrowIfInvalid();
        var area = new TargetArea { Title = "" };
        ApplyArea(area, input, indicators);
        strategy.Areas.Add(area);
        if (db.Entry(strategy).State == EntityState.Unchanged) db.Entry(strategy).State = EntityState.Modified;
        return area;
    }

    public static void ApplyArea(TargetArea area, TargetAreaInput input, List<string> indicators)
    {
        area.Number = input.Number!.Value;
        area.Title = input.Title!.Trim();
        area.Goal = input.Goal?.Trim() ?? "";
        area.Indicators = string.Join('\n', indicators);
    }
}
