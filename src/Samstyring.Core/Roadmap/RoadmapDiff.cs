using Samstyring.Core.Common;

namespace Samstyring.Core.Roadmap;

/// <summary>What happened to a service or a plan between two roadmap versions.</summary>
public enum ChangeKind
{
    [Label("Lagt til")] Added,
    [Label("Fjernet")] Removed,
    [Label("Flyttet")] Moved,
    [Label("Utsatt på ubestemt tid")] PostponedIndefinitely,
}

/// <summary>
/// One line of "what changed": a plan added, removed, moved or postponed. <see cref="WholeService"/> marks the lines of a
/// service added or removed as a whole: one line per plan it has (or had), or a single line with <see cref="ActorGroup"/>
/// and <see cref="Kind"/> null when it has no plans. <see cref="From"/> and <see cref="To"/> are the dates as the planners
/// wrote them, so the reader recognises them from the versions; <see cref="DelayMonths"/> is negative when a plan moved
/// earlier. <see cref="NewActorGroup"/> is set on every added plan of an actor group in <see cref="RoadmapDiff.NewActorGroups"/>.
/// </summary>
public sealed record RoadmapChange(
    string ServiceKey, string Service, string Area, string? ActorGroup, PlanKind? Kind,
    ChangeKind Change, string? From, string? To, int? DelayMonths, string? DelayText, bool NewActorGroup, bool WholeService = false);

/// <summary>The changes from version <see cref="From"/> to version <see cref="To"/>, in reading order.</summary>
public sealed record RoadmapDiff(string From, string To, IReadOnlyList<RoadmapChange> Changes)
{
    /// <summary>Actor groups with a plan in <see cref="To"/> and none anywhere in <see cref="From"/>, in Norwegian alphabetical order.</summary>
    public IReadOnlyList<string> NewActorGroups { get; init; } = [];

    /// <summary>Either version holds invented demo data, so the changes are invented too and must say so.</summary>
    public bool IsDemo { get; init; }

    /// <summary>Services added (or removed) as a whole.</summary>
    public int ServiceCount(ChangeKind change) => Changes.Where(c => c.WholeService && c.Change == change).Select(c => c.ServiceKey).Distinct().Count();

    /// <summary>Plans added, removed, moved or postponed in services that are in both versions.</summary>
    public int PlanCount(ChangeKind change) => Changes.Count(c => !c.WholeService && c.Change == change);
}

/// <summary>
/// Compares two roadmap versions. Pure and linear in the number of plans (dictionaries, one sort), so the diff page stays
/// fast for a roadmap of hundreds of services and tens of thousands of plans.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Services are matched by <see cref="ServiceView.Key"/>, which survives drafting a new version; goal and area may be
/// reworded without the service counting as removed and added. A service in only one version is added or removed as a
/// whole (<see cref="RoadmapChange.WholeService"/>), listed with its plans per actor group, so the reader sees which actor
/// groups it brings (or took away) and the new actor groups are flagged on their lines.</item>
/// <item>Plans are matched by actor group (exact spelling, as the database keeps them unique) and kind. Only the interval
/// counts: "2021" → "i løpet av 2021" is the same plan reworded, and a qualifier alone ("2021" → "tidligst 2021") does not
/// move the interval either.</item>
/// <item>A move is measured from start to start (<see cref="PlannedDate.MonthsBetween"/>), as NUIT speaks of "utsatt ca. 1 år";
/// only when the starts agree and the end moved (a period stretched or shortened) is it measured end to end.</item>
/// <item>A new date written "tidligst …" is a floor, not an estimate, so its delay is "minimum …" (<see cref="MinimumDelay"/>)
/// rather than "ca. …".</item>
/// <item>Order: areas as the roadmap orders them (first seen in <c>to</c>, then <c>from</c>), services in the order of <c>to</c>
/// with removed services after them in the order of <c>from</c>, whole-service changes before plans, actor groups
/// alphabetically, trial before rollout. The document and the page then read like the roadmap itself.</item>
/// </list>
/// </remarks>
public static class RoadmapDiffer
{
    /// <summary>Delay text of a plan that was postponed indefinitely in the old version and has a date again.</summary>
    public const string NewDateText = "fått ny dato";

    public static RoadmapDiff Compare(RoadmapView from, RoadmapView to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);

        var oldServices = ByKey(from);
        var newServices = ByKey(to);

        var oldGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in from.Services)
            foreach (var p in s.Plans) oldGroups.Add(p.ActorGroup);
        var newGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in to.Services)
            foreach (var p in s.Plans)
                if (!oldGroups.Contains(p.ActorGroup)) newGroups.Add(p.ActorGroup);

        var areaRank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in to.Services.Concat(from.Services)) areaRank.TryAdd(s.Area, areaRank.Count);

        var changes = new List<(int Area, int Service, RoadmapChange Change)>();
        for (var i = 0; i < to.Services.Count; i++)
        {
            var n = to.Services[i];
            var area = areaRank[n.Area];
            if (!oldServices.TryGetValue(n.Key, out var o))
            {
                Whole(n, ChangeKind.Added, newGroups, c => changes.Add((area, i, c)));
                continue;
            }
            ComparePlans(o, n, newGroups, c => changes.Add((area, i, c)));
        }
        for (var i = 0; i < from.Services.Count; i++)
        {
            var o = from.Services[i];
            if (!newServices.ContainsKey(o.Key))
                Whole(o, ChangeKind.Removed, newGroups, c => changes.Add((areaRank[o.Area], to.Services.Count + i, c)));
        }

        // Culture-aware comparison is slow; rank the few distinct actor groups once and sort on integers.
        var norwegian = StringComparer.Create(Norwegian.Culture, ignoreCase: true);
        var groupRank = changes.Select(c => c.Change.ActorGroup).OfType<string>().Distinct(StringComparer.Ordinal)
            .Order(norwegian).ThenBy(g => g, StringComparer.Ordinal)
            .Select((g, rank) => (g, rank)).ToDictionary(x => x.g, x => x.rank, StringComparer.Ordinal);

        var ordered = changes
            .OrderBy(c => c.Area).ThenBy(c => c.Service)
            .ThenBy(c => c.Change.ActorGroup is { } g ? groupRank[g] : -1)
            .ThenBy(c => c.Change.Kind is { } k ? (int)k : -1)
            .Select(c => c.Change)
            .ToList();

        return new RoadmapDiff(from.Number, to.Number, ordered)
        {
            NewActorGroups = newGroups.Order(norwegian).ThenBy(g => g, StringComparer.Ordinal).ToList(),
            IsDemo = from.IsDemo || to.IsDemo,
        };
    }

    /// <summary>
    /// A delay to a date written "tidligst …". The number of months is a floor, so it is never rounded up: under a year the
    /// exact months ("minimum 6 måneder"), from a year on whole and half years rounded down ("minimum 1 år" for 12–17 months,
    /// "minimum 1,5 år" for 18–23, "minimum 2 år" for 24–29).
    /// </summary>
    public static string MinimumDelay(int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        if (months == 1) return "minimum 1 måned";
        if (months < 12) return $"minimum {months} måneder";
        var halves = months / 6;
        return halves % 2 == 0 ? $"minimum {halves / 2} år" : $"minimum {halves / 2},5 år";
    }

    private static Dictionary<string, ServiceView> ByKey(RoadmapView v)
    {
        var map = new Dictionary<string, ServiceView>(v.Services.Count, StringComparer.Ordinal);
        foreach (var s in v.Services)
            if (!map.TryAdd(s.Key, s))
                throw new ArgumentException($"Versjon {v.Number} har tjenesten «{s.Key}» mer enn én gang.", nameof(v));
        return map;
    }

    /// <summary>A service added or removed: a line per plan, or one line for the service when it has none.</summary>
    private static void Whole(ServiceView s, ChangeKind change, HashSet<string> newGroups, Action<RoadmapChange> add)
    {
        if (s.Plans.Count == 0)
        {
            add(new(s.Key, s.Goal, s.Area, null, null, change, null, null, null, null, false, WholeService: true));
            return;
        }
        foreach (var p in s.Plans)
            add(change == ChangeKind.Added
                ? Plan(s, p, change, null, p.Date.Written, null, null, newGroups.Contains(p.ActorGroup), wholeService: true)
                : Plan(s, p, change, p.Date.Written, null, null, null, false, wholeService: true));
    }

    private static void ComparePlans(ServiceView o, ServiceView n, HashSet<string> newGroups, Action<RoadmapChange> add)
    {
        var oldPlans = new Dictionary<(string, PlanKind), PlanView>(o.Plans.Count);
        foreach (var p in o.Plans)
            if (!oldPlans.TryAdd((p.ActorGroup, p.Kind), p))
                throw new ArgumentException($"Tjenesten «{o.Key}» har to planer for {p.ActorGroup} ({p.Kind.Label().ToLowerInvariant()}).", nameof(o));

        var matched = new HashSet<(string, PlanKind)>();
        foreach (var np in n.Plans)
        {
            var key = (np.ActorGroup, np.Kind);
            if (!matched.Add(key))
                throw new ArgumentException($"Tjenesten «{n.Key}» har to planer for {np.ActorGroup} ({np.Kind.Label().ToLowerInvariant()}).", nameof(n));
            if (!oldPlans.TryGetValue(key, out var op))
            {
                add(Plan(n, np, ChangeKind.Added, null, np.Date.Written, null, null, newGroups.Contains(np.ActorGroup)));
                continue;
            }
            if (Moved(op.Date, np.Date) is { } c)
                add(Plan(n, np, c.Kind, op.Date.Written, np.Date.Written, c.Months, c.Text, false));
        }
        foreach (var op in o.Plans)
            if (!matched.Contains((op.ActorGroup, op.Kind)))
                add(Plan(n, op, ChangeKind.Removed, op.Date.Written, null, null, null, false));
    }

    private static RoadmapChange Plan(ServiceView s, PlanView p, ChangeKind change, string? from, string? to, int? months, string? text, bool newGroup,
        bool wholeService = false) =>
        new(s.Key, s.Goal, s.Area, p.ActorGroup, p.Kind, change, from, to, months, text, newGroup, wholeService);

    /// <summary>Null when the interval is unchanged.</summary>
    private static (ChangeKind Kind, int? Months, string? Text)? Moved(PlannedDate old, PlannedDate now)
    {
        if (old.IsIndefinite && now.IsIndefinite) return null;
        // The delay of a postponement has no length; the change kind says it all.
        if (now.IsIndefinite) return (ChangeKind.PostponedIndefinitely, null, null);
        // There is no old start to count from, so the date is simply new.
        if (old.IsIndefinite) return (ChangeKind.Moved, null, NewDateText);
        if (old.Start == now.Start && old.End == now.End) return null;

        var months = old.Start == now.Start
            ? Months(old.End!.Value, now.End!.Value)
            : PlannedDate.MonthsBetween(old, now);
        var text = now.Qualifier == PlannedDateQualifier.Earliest && months > 0
            ? MinimumDelay(months)
            : PlannedDate.DescribeDelay(months);
        return (ChangeKind.Moved, months, text);
    }

    private static int Months(DateOnly a, DateOnly b) => (b.Year - a.Year) * 12 + b.Month - a.Month;
}
