using Samstyring.Core.Common;

namespace Samstyring.Core.Solutions;

public sealed record ActorRef(int Id, string Name);

/// <summary>A catalogue entry in a list.</summary>
public sealed record SolutionSummary(int Id, string Key, string Name, SolutionKind Kind, string Description, ActorRef? Owner, ActorRef? Operator,
    SolutionLifecycle Lifecycle, string? GrunnmurAreaKey, string? GrunnmurArea, FinancingModel? FinancingModel, string? PartOfKey, string? PartOf,
    bool IsDemo, int Version);

/// <summary>Who owned and ran the solution, and where it was in its life, on a date.</summary>
public sealed record SolutionStateView(DateOnly On, SolutionLifecycle? Lifecycle, ActorRef? Owner, ActorRef? Operator);

public sealed record SolutionEventView(int Id, DateOnly On, SolutionLifecycle? Lifecycle, ActorRef? Owner, ActorRef? Operator, string Note, string? Source, bool IsDemo);

public sealed record SolutionLink(string Key, string Name);

public sealed record ProductBoardView(string Slug, string Name);

public sealed record InitiativeLink(int Id, string Name, string Owner);

public sealed record RoadmapServiceLink(string Version, string Key, string Goal);

/// <summary>An initiative's dependency on the solution, flagged when the solution is not in operation by the deadline.</summary>
public sealed record SolutionDependencyView(int Id, int InitiativeId, string Initiative, string Description, DateOnly? Deadline, bool NotInOperationByDeadline);

public sealed record DecisionLink(int CaseId, string Number, string Title, DateOnly? DecidedOn, string Decision);

/// <summary>One solution with its history and links.</summary>
public sealed record SolutionDetails(SolutionSummary Summary, string? LegalBasis, string? Source, string? DemoNote, SolutionStateView State,
    IReadOnlyList<SolutionEventView> Events, IReadOnlyList<SolutionLink> Parts, IReadOnlyList<ProductBoardView> ProductBoards,
    IReadOnlyList<InitiativeLink> Initiatives, IReadOnlyList<RoadmapServiceLink> RoadmapServices, IReadOnlyList<SolutionDependencyView> Dependencies,
    IReadOnlyList<DecisionLink> Decisions, bool HasAdoption);

public sealed record GrunnmurAreaView(string Key, string Name, string Description, string? Source, IReadOnlyList<SolutionSummary> Components);

/// <summary>A group not registered actor by actor: how many had reached a stage on a date, out of how many.</summary>
public sealed record GroupAdoption(AdoptionGroup Group, AdoptionStage Stage, int Count, int? Total, double? Percent, DateOnly On, string Source, bool IsDemo);

/// <summary>A target and how far the solution has come, on the summary's date.</summary>
public sealed record TargetProgress(int Id, AdoptionGroup Group, AdoptionStage Stage, TargetMeasure Measure, double Value, DateOnly DueOn,
    int? CaseId, string? Case, string? Source, bool IsDemo, int Version, int Actual, double ActualPercent, double PopulationPercent,
    DateOnly? ReachedOn, DateOnly? Forecast, TargetStatus Status)
{
    public string Label => Measure == TargetMeasure.Count
        ? $"{Norwegian.Number((long)Value)} kommuner innen {Norwegian.Date(DueOn)}"
        : $"{Value.ToString("0.#", Norwegian.Culture)} % av kommunene innen {Norwegian.Date(DueOn)}";
}

public enum TargetStatus
{
    [Label("Nådd")] Reached,
    [Label("Nådd etter fristen")] ReachedLate,
    [Label("Ikke nådd innen fristen")] Missed,
    [Label("Ikke nådd ennå")] Open,
}

/// <summary>The adoption of a solution on a date: counts, shares, areas, targets, the monthly series and who is behind.</summary>
public sealed record AdoptionSummary(SolutionLink Solution, DateOnly On, int Municipalities, long Population, IReadOnlyList<StageCount> Stages,
    IReadOnlyList<AreaAdoption> Counties, IReadOnlyList<AreaAdoption> Regions, IReadOnlyList<GroupAdoption> Groups,
    IReadOnlyList<TargetProgress> Targets, IReadOnlyList<AdoptionPoint> Series, DateOnly? LastChange, IReadOnlyList<ActorStage> Behind, bool HasDemoData)
{
    public StageCount InUse => Stages.Single(s => s.Stage == AdoptionStage.InUse);

    /// <summary>The first target not reached on the date, if any.</summary>
    public TargetProgress? NextTarget => Targets.Where(t => t.Status is TargetStatus.Open or TargetStatus.Missed).OrderBy(t => t.DueOn).FirstOrDefault();
}

/// <summary>A short line of adoption for other areas' pages: the share in use and the next target.</summary>
public sealed record AdoptionBrief(string Key, string Name, int InUse, int Municipalities, double Percent, string? NextTarget);
