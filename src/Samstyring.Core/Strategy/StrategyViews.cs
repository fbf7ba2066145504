using Samstyring.Core.Portfolio;
using Samstyring.Core.Roadmap;

namespace Samstyring.Core.Strategy;

public sealed record StrategySummary(int Id, string Title, int FromYear, int ToYear, string Period, StrategyStatus Status, int Areas, bool IsDemo,
    int Version);

/// <summary>A step with its case (number, body and title; the title left out when the case is exempt from public access and the reader may not see it).</summary>
public sealed record StrategyStepView(int Id, DateOnly On, StrategyStatus Status, string Description, int? CaseId, string? CaseNumber, string? CaseBody,
    string? CaseTitle, string? Reference, bool IsDemo, string? DemoNote, string RecordedBy);

/// <summary>
/// An initiative linked to an area, with its latest status report: the status, the period, and the structured cost figures
/// (øre; null when the report gave none). <c>inPortfolio</c>: active or paused.
/// </summary>
public sealed record LinkedInitiative(int Id, string Name, string Owner, Lifecycle Lifecycle, bool InPortfolio, Rag? Status, string? Period,
    long? BudgetOre, long? SpentOre, long? ForecastOre, bool IsDemo)
{
    public bool HasCost => BudgetOre is not null || SpentOre is not null || ForecastOre is not null;
    public bool IsRed => Status == Rag.Red;
}

public sealed record LinkedService(int Id, string Key, string Goal, string Area, string RoadmapVersion, RoadmapStatus VersionStatus, bool IsDemo);

public sealed record LinkedSolution(int Id, string Key, string Name, bool IsDemo);

public sealed record TargetAreaView(int Id, int StrategyId, int Number, string Title, string Goal, IReadOnlyList<string> Indicators, bool IsDemo,
    int Version, IReadOnlyList<LinkedInitiative> Initiatives, IReadOnlyList<LinkedService> Services, IReadOnlyList<LinkedSolution> Solutions);

/// <summary>A strategy with its steps in date order and its areas in number order. <c>nextStatuses</c>: what a step may make it.</summary>
public sealed record StrategyDetails(StrategySummary Strategy, string Vision, string Plan, string? Source, string? DemoNote,
    IReadOnlyList<StrategyStepView> Steps, IReadOnlyList<TargetAreaView> Areas, IReadOnlyList<StrategyStatus> NextStatuses);

/// <summary>Cost figures summed over initiatives: how many gave figures in their latest report, and the sums (øre) of what they gave.</summary>
public sealed record CoverageCost(int Reported, long BudgetOre, long SpentOre, long ForecastOre)
{
    public static CoverageCost Of(IEnumerable<LinkedInitiative> initiatives)
    {
        var list = initiatives.Where(i => i.HasCost).ToList();
        return new(list.Count, list.Sum(i => i.BudgetOre ?? 0), list.Sum(i => i.SpentOre ?? 0), list.Sum(i => i.ForecastOre ?? 0));
    }
}

/// <summary>
/// One area's part of the portfolio: the initiatives in the portfolio that serve it, their summed cost, those whose
/// latest status is red, how many linked initiatives are outside the portfolio, and the services and solutions linked.
/// </summary>
public sealed record AreaCoverage(int AreaId, int Number, string Title, IReadOnlyList<LinkedInitiative> Initiatives, CoverageCost Cost,
    IReadOnlyList<LinkedInitiative> RedFlags, int OutsidePortfolio, int Services, int Solutions)
{
    public bool HasNoInitiative => Initiatives.Count == 0;
}

public sealed record AreaRef(int Id, int Number, string Title);

/// <summary>
/// Dekning: per area its initiatives, cost and red flags; the areas no initiative in the portfolio serves; and the
/// initiatives in the portfolio (active or paused) that serve no area of the strategy. <c>total</c> counts each
/// initiative once, however many areas it serves.
/// </summary>
public sealed record StrategyCoverage(StrategySummary Strategy, IReadOnlyList<AreaCoverage> Areas, IReadOnlyList<AreaRef> AreasWithoutInitiative,
    IReadOnlyList<LinkedInitiative> InitiativesWithoutArea, CoverageCost Total, int RedFlags);

/// <summary>An area and the initiatives linked to it (ids, any lifecycle); <c>hasDemoLinks</c>: some link is invented demo data.</summary>
public sealed record AreaInitiativeLinks(int AreaId, int Number, string Title, IReadOnlyList<int> InitiativeIds, bool HasDemoLinks);

/// <summary>A strategy's areas with their initiative links, in area number order.</summary>
public sealed record StrategyAreaLinks(StrategySummary Strategy, IReadOnlyList<AreaInitiativeLinks> Areas);

/// <summary>What the office can link an area to.</summary>
public sealed record TargetAreaLinkOptions(IReadOnlyList<(int Id, string Text)> Initiatives, IReadOnlyList<(int Id, string Text)> Services,
    IReadOnlyList<(int Id, string Text)> Solutions);
