using Samstyring.Core.Common;

namespace Samstyring.Core.Roadmap;

/// <summary>A version in lists (no services).</summary>
public sealed record RoadmapVersionSummary(
    int Id, string Number, string Title, RoadmapVersionKind Kind, RoadmapStatus Status, string? BasedOn,
    DateOnly? RecommendedOn, DateOnly? EndorsedOn, DateOnly? PublishedOn, int Version);

/// <summary>A step of the treatment (NUIT's recommendation, the board's endorsement) and the case where it happened.</summary>
public sealed record CaseStepView(int CaseId, string Reference, string Title, DateOnly? On, string? Decision);

/// <summary>One roadmap version as read: everything the chart, the table, the diff and the exports need.</summary>
public sealed record RoadmapView(
    int Id, string Number, string Title, RoadmapVersionKind Kind, RoadmapStatus Status, string? BasedOn, string Summary,
    CaseStepView? Recommended, CaseStepView? Endorsed, DateOnly? PublishedOn, bool IsDemo, string? DemoNote, int Version,
    IReadOnlyList<ServiceView> Services, IReadOnlyList<MilestoneView> Milestones)
{
    public bool IsFrozen => Status is RoadmapStatus.Endorsed or RoadmapStatus.Published;

    public IEnumerable<string> Areas => Services.Select(s => s.Area).Distinct();
    public IEnumerable<string> ActorGroups => Services.SelectMany(s => s.Plans).Select(p => p.ActorGroup).Distinct().Order(StringComparer.Create(Norwegian.Culture, true));
    public IEnumerable<LinkView> Solutions => Services.SelectMany(s => s.Solutions).DistinctBy(s => s.Key).OrderBy(s => s.Name, StringComparer.Create(Norwegian.Culture, true));

    /// <summary>
    /// The services in an area, delivered by a solution, and with the plans of one actor group (services without a plan for
    /// that group drop out). Null or empty criteria do not filter; the others are matched as <see cref="Resolve"/> does.
    /// </summary>
    /// <exception cref="ValidationFailedException">A criterion the version does not have (field area, actorGroup or solution).</exception>
    public RoadmapView Filter(RoadmapFilter filter)
    {
        var f = Resolve(filter);
        if (f.IsEmpty) return this;
        var services = Services
            .Where(s => f.Area is null || Same(s.Area, f.Area))
            .Where(s => f.Solution is null || s.Solutions.Any(x => x.Key == f.Solution))
            .Select(s => f.ActorGroup is null ? s
                : s with { Plans = s.Plans.Where(p => Same(p.ActorGroup, f.ActorGroup)).ToList(), AllPlans = s.AllPlans ?? s.Plans })
            .Where(s => f.ActorGroup is null || s.Plans.Count > 0)
            .ToList();
        return this with { Services = services };

        static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The filter in the version's own spelling: an area or actor group matched regardless of case, a solution by its key or
    /// name. A value the version does not have is refused with a field error naming the values it has, so a mistyped filter
    /// does not give an empty chart that reads as "nothing planned".
    /// </summary>
    /// <exception cref="ValidationFailedException">Field area, actorGroup or solution.</exception>
    public RoadmapFilter Resolve(RoadmapFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var v = new Validator();
        v.MaxLength("area", filter.Area, "Område", RoadmapService.AreaMax);
        v.MaxLength("actorGroup", filter.ActorGroup, "Aktørgruppe", RoadmapPlan.ActorGroupMax);
        v.MaxLength("solution", filter.Solution, "Nasjonal løsning", RoadmapService.KeyMax);
        v.ThrowIfInvalid();

        var area = Find("area", filter.Area, Areas.Select(a => (a, a)), w => $"Versjon {Number} har ikke området «{w}».", "Områdene i versjonen er");
        var group = Find("actorGroup", filter.ActorGroup, ActorGroups.Select(g => (g, g)),
            w => $"Versjon {Number} har ingen planer for aktørgruppen «{w}».", "Aktørgruppene i versjonen er");
        var solution = Find("solution", filter.Solution, Solutions.SelectMany(x => new[] { (x.Key, x.Key), (x.Name, x.Key) }),
            w => $"Ingen tjenester i versjon {Number} leveres av den nasjonale løsningen «{w}».", "Løsningene i versjonen er",
            Solutions.Select(x => x.Name));
        v.ThrowIfInvalid();
        return new RoadmapFilter(area, group, solution);

        string? Find(string field, string? wanted, IEnumerable<(string Text, string Value)> known, Func<string, string> missing, string listed,
            IEnumerable<string>? shown = null)
        {
            var w = wanted?.Trim();
            if (string.IsNullOrEmpty(w)) return null;
            var candidates = known.ToList();
            if (candidates.FirstOrDefault(c => string.Equals(c.Text, w, StringComparison.OrdinalIgnoreCase)) is { Value: not null } hit) return hit.Value;
            var names = (shown ?? candidates.Select(c => c.Text)).ToList();
            v.Add(field, missing(Validator.Truncate(w)) + (names.Count == 0 ? " Versjonen har ingen å velge blant." : $" {listed}: {Norwegian.List(names, 10)}."));
            return null;
        }
    }
}


public sealed record RoadmapFilter(string? Area = null, string? ActorGroup = null, string? Solution = null)
{
    public bool IsEmpty => string.IsNullOrEmpty(Area) && string.IsNullOrEmpty(ActorGroup) && string.IsNullOrEmpty(Solution);
}

public sealed record ServiceView(
    int Id, string Key, string Area, string Goal, string Description, int Version,
    IReadOnlyList<PlanView> Plans, IReadOnlyList<LinkView> Solutions, IReadOnlyList<LinkView> Initiatives,
    IReadOnlyList<DependencyView> Dependencies)
{
    /// <summary>
    /// Every plan of the service when <see cref="Plans"/> has been narrowed by a filter: first and last in use are about the
    /// whole service, not the actor group someone filtered on.
    /// </summary>
    public IReadOnlyList<PlanView>? AllPlans { get; init; }

    /// <summary>The first actor group with the service in use: the rollout (or, without rollouts, the trial) that starts first.</summary>
    public PlanView? FirstInUse => InUse().MinBy(p => (p.Date.Start, p.Date.End));

    /// <summary>The last actor group to get the service: the rollout (or trial) that ends last.</summary>
    public PlanView? LastInUse => InUse().MaxBy(p => (p.Date.End, p.Date.Start));

    public bool HasLateDependency => Dependencies.Any(d => d.IsLate);

    /// <summary>The earliest planned start of any plan (trial or rollout): when the service starts, which lateness compares with.</summary>
    public DateOnly? EarliestStart => Plans.Where(p => p.Date.Start is not null).Min(p => p.Date.Start);

    private IEnumerable<PlanView> InUse()
    {
        var dated = (AllPlans ?? Plans).Where(p => !p.Date.IsIndefinite).ToList();
        return dated.Any(p => p.Kind == PlanKind.Rollout) ? dated.Where(p => p.Kind == PlanKind.Rollout) : dated;
    }
}

public sealed record PlanView(int Id, string ActorGroup, PlanKind Kind, PlannedDate Date, string? Note, int Version);

/// <summary>A linked national solution or initiative: its key ("kjernejournal", or the initiative id as text) and name.</summary>
public sealed record LinkView(int Id, string Key, string Name);

public enum DependencyTarget
{
    [Label("Tjeneste")] Service,
    [Label("Tiltak")] Initiative,
    [Label("Nasjonal løsning")] Solution,
}

/// <summary>
/// What a service depends on. <see cref="IsLate"/> with <see cref="LateReason"/> when the dependency is planned to come
/// after the service needs it (see RoadmapQueries for the rules).
/// </summary>
public sealed record DependencyView(
    int Id, DependencyTarget Target, int TargetId, string TargetKey, string TargetName, string Description, bool IsLate, string? LateReason);

public sealed record MilestoneView(
    int Id, string Code, string Title, string ReachCriterion, PlannedDate? Target, int Version,
    IReadOnlyList<PrerequisiteView> Prerequisites, IReadOnlyList<PhaseView> Phases);

public sealed record PrerequisiteView(int Id, string Text, PrerequisiteStatus Status, string Assessment, DateOnly? AssessedOn);

public sealed record PhaseView(int Id, MilestonePhase Phase, PlannedDate Date);
