namespace Samstyring.Core.Solutions;

/// <summary>A solution's lifecycle, owner and operator on a date, folded from its events (null: not known on that date).</summary>
public sealed record SolutionStateOn(DateOnly On, SolutionLifecycle? Lifecycle, int? OwnerId, int? OperatorId);

public static class SolutionHistory
{
    /// <summary>
    /// Folds the events up to and including <paramref name="date"/>, in date order (ties by the order they were recorded). An
    /// event's empty field leaves that fact as it was.
    /// </summary>
    public static SolutionStateOn Fold(IEnumerable<SolutionEvent> events, DateOnly date)
    {
        SolutionLifecycle? lifecycle = null;
        int? owner = null, op = null;
        foreach (var e in events.Where(e => e.On <= date).OrderBy(e => e.On).ThenBy(e => e.Id))
        {
            lifecycle = e.Lifecycle ?? lifecycle;
            owner = e.OwnerId ?? e.Owner?.Id ?? owner;
            op = e.OperatorId ?? e.Operator?.Id ?? op;
        }
        return new SolutionStateOn(date, lifecycle, owner, op);
    }

    /// <summary>Whether the solution is in operation on the date; a dependency on it is flagged when it is not by the deadline.</summary>
    public static bool InOperationOn(NationalSolution solution, IEnumerable<SolutionEvent> events, DateOnly date)
    {
        var list = events as IReadOnlyCollection<SolutionEvent> ?? events.ToList();
        var lifecycle = list.Count == 0 ? solution.Lifecycle : Fold(list, date).Lifecycle;
        return lifecycle == SolutionLifecycle.InOperation;
    }
}
