using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Solutions;

/// <summary>A municipality as adoption counts it: where it is, how many live there, and when it existed.</summary>
public sealed record MunicipalityFacts(int Id, string Name, string Number, string? County, HealthRegion? Region, int Population, DateOnly? ExistsFrom, DateOnly? ExistsTo)
{
    public bool ExistedOn(DateOnly date) => (ExistsFrom is null || ExistsFrom <= date) && (ExistsTo is null || date <= ExistsTo);
}

/// <summary>One recorded change, as the figures need it.</summary>
public readonly record struct StageChange(int OrganizationId, AdoptionStage Stage, DateOnly On, long Id, bool IsDemo = false);

/// <summary>An actor's stage on a date: since when, and where the figure comes from.</summary>
public sealed record ActorStage(int OrganizationId, string Name, string? MunicipalityNumber, string? County, HealthRegion? Region, int? Population,
    AdoptionStage Stage, DateOnly? Since, string? Source);

/// <summary>How many municipalities (and how many people live in them) are at a stage.</summary>
public sealed record StageCount(AdoptionStage Stage, int Count, double Percent, long Population, double PopulationPercent);

/// <summary>A county's or health region's municipalities by stage.</summary>
public sealed record AreaAdoption(string Name, int Municipalities, int InUse, int TechnicallyReady, int Adopting, int Interest, int NotStarted,
    double InUsePercent, double PopulationInUsePercent);

/// <summary>The share of municipalities in use at the end of a month.</summary>
public sealed record AdoptionPoint(DateOnly Date, int InUse, int Municipalities, double Percent);

/// <summary>
/// The adoption figures of one solution on one date, computed from the changes in one pass. Shares are of the municipalities
/// that existed on the date (356 in 2021–2023, 357 from 2024); population shares use the population in the reference data.
/// </summary>
public static class AdoptionFigures
{
    /// <summary>Each existing municipality's stage on the date (the latest change on or before it), in municipality-number order.</summary>
    public static List<(MunicipalityFacts Municipality, AdoptionStage Stage, DateOnly? Since)> StagesOn(
        IReadOnlyList<MunicipalityFacts> municipalities, IEnumerable<StageChange> changes, DateOnly date)
    {
        var latest = new Dictionary<int, StageChange>();
        foreach (var c in changes)
        {
            if (c.On > date) continue;
            if (!latest.TryGetValue(c.OrganizationId, out var seen) || c.On > seen.On || (c.On == seen.On && c.Id > seen.Id)) latest[c.OrganizationId] = c;
        }
        return municipalities.Where(m => m.ExistedOn(date)).OrderBy(m => m.Number, StringComparer.Ordinal)
            .Select(m => latest.TryGetValue(m.Id, out var c) ? (m, c.Stage, (DateOnly?)c.On) : (m, AdoptionStage.NotStarted, null))
            .ToList();
    }

    public static List<StageCount> Count(IReadOnlyList<(MunicipalityFacts Municipality, AdoptionStage Stage, DateOnly? Since)> stages)
    {
        var total = stages.Count;
        long people = stages.Sum(s => (long)s.Municipality.Population);
        return Enum.GetValues<AdoptionStage>().Reverse().Select(stage =>
        {
            var at = stages.Where(s => s.Stage == stage).ToList();
            long pop = at.Sum(s => (long)s.Municipality.Population);
            return new StageCount(stage, at.Count, Percent(at.Count, total), pop, Percent(pop, people));
        }).ToList();
    }

    public static List<AreaAdoption> ByArea(IReadOnlyList<(MunicipalityFacts Municipality, AdoptionStage Stage, DateOnly? Since)> stages,
        Func<MunicipalityFacts, string> area) =>
        stages.GroupBy(s => area(s.Municipality)).OrderBy(g => g.Key, StringComparer.Create(Norwegian.Culture, false)).Select(g =>
        {
            int N(AdoptionStage st) => g.Count(s => s.Stage == st);
            long people = g.Sum(s => (long)s.Municipality.Population);
            long inUsePeople = g.Where(s => s.Stage == AdoptionStage.InUse).Sum(s => (long)s.Municipality.Population);
            return new AreaAdoption(g.Key, g.Count(), N(AdoptionStage.InUse), N(AdoptionStage.TechnicallyReady), N(AdoptionStage.Adopting),
                N(AdoptionStage.Interest), N(AdoptionStage.NotStarted), Percent(N(AdoptionStage.InUse), g.Count()), Percent(inUsePeople, people));
        }).ToList();

    /// <summary>
    /// The share of existing municipalities at <paramref name="stage"/> or beyond at each month's end, from the month of the
    /// first change up to <paramref name="until"/> (its own day is the last point). One pass over the changes in date order.
    /// </summary>
    public static List<AdoptionPoint> Series(IReadOnlyList<MunicipalityFacts> municipalities, IReadOnlyList<StageChange> changes, DateOnly until,
        AdoptionStage stage = AdoptionStage.InUse)
    {
        var points = new List<AdoptionPoint>();
        if (changes.Count == 0) return points;
        // (On, Id) is unique, so an unstable sort gives the one order; Array.Sort is several times cheaper than OrderBy.ThenBy here.
        var ordered = changes.ToArray();
        Array.Sort(ordered, static (a, b) => a.On != b.On ? a.On.CompareTo(b.On) : a.Id.CompareTo(b.Id));
        var first = ordered[0].On;
        if (first > until) return points;
        var current = new Dictionary<int, AdoptionStage>();
        var byId = municipalities.ToDictionary(m => m.Id);
        var next = 0;
        var reached = 0;
        for (var month = new DateOnly(first.Year, first.Month, 1); ; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            if (end > until) end = until;
            for (; next < ordered.Length && ordered[next].On <= end; next++)
            {
                var c = ordered[next];
                if (!byId.ContainsKey(c.OrganizationId)) continue;
                var was = current.GetValueOrDefault(c.OrganizationId);
                current[c.OrganizationId] = c.Stage;
                if (was < stage && c.Stage >= stage) reached++;
                else if (was >= stage && c.Stage < stage) reached--;
            }
            // A municipality that did not exist on the date counts in neither the share nor the total.
            var existing = municipalities.Count(m => m.ExistedOn(end));
            var counted = reached - current.Count(kv => kv.Value >= stage && !byId[kv.Key].ExistedOn(end));
            points.Add(new AdoptionPoint(end, counted, existing, Percent(counted, existing)));
            if (end == until) break;
        }
        return points;
    }

    /// <summary>The first point where the share reached <paramref name="percent"/>, if any.</summary>
    public static DateOnly? ReachedOn(IReadOnlyList<AdoptionPoint> series, double percent, int? count = null) =>
        series.FirstOrDefault(p => count is { } n ? p.InUse >= n : p.Percent >= percent - 1e-9)?.Date;

    /// <summary>
    /// When the share reaches <paramref name="percent"/> if the pace of the twelve months up to the last change goes on
    /// (<see cref="AdoptionChart.Forecast"/> over the monthly points up to the month of the last change).
    /// </summary>
    public static DateOnly? Forecast(IReadOnlyList<AdoptionPoint> series, double percent, DateOnly lastChange)
    {
        var monthEnd = new DateOnly(lastChange.Year, lastChange.Month, 1).AddMonths(1).AddDays(-1);
        var points = series.Where(p => p.Date <= monthEnd).Select(p => new ChartPoint(p.Date, p.Percent)).ToList();
        return AdoptionChart.Forecast(points, percent, TimeSpan.FromDays(366));
    }

    public static double Percent(double part, double whole) => whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}
