using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record OverviewFilter(
    int? OwnerId = null, Segment? Segment = null, ActorGroup? ActorGroup = null, Rag? Status = null,
    Lifecycle? Lifecycle = null, string? Search = null, bool RedFlagsOnly = false);

/// <summary>The latest report in lists: period, status and risk. The texts are in the initiative's own view.</summary>
public sealed record ReportSummary(string PeriodCode, Rag Status, Rag Risk);

public sealed record InitiativeRow(
    int Id, string Name, int OwnerId, string OwnerName, ActorGroup OwnerActorGroup, InitiativeKind Kind, Lifecycle Lifecycle,
    Phase Phase, Segment? Segment, DateOnly? PlannedStart, DateOnly? PlannedEnd, bool IsDemo, ReportSummary? LatestReport);

public sealed record PortfolioCounts(int Active, int Candidates, int Paused, int CompletedInPeriod, int LeftInPeriod, int NewInPeriod);

public sealed record RagDistribution(int Green, int Yellow, int Red, int NotReported);

public sealed record RedDependencyRow(int InitiativeId, string Initiative, string Owner, string Description, string Target, DateOnly? Deadline, bool Overdue);

/// <summary>The overview's key figures, red flags and distributions, without the list of initiatives.</summary>
public sealed record PortfolioSummary(
    ReportingPeriod? Period, PortfolioCounts Counts, IReadOnlyList<InitiativeRow> RedFlags, int RedFlagCount,
    IReadOnlyList<RedDependencyRow> RedDependencies, int RedDependencyCount, RagDistribution StatusDistribution, RagDistribution RiskDistribution);

public sealed record InitiativePage(int Total, IReadOnlyList<InitiativeRow> Rows);

public sealed record PortfolioOverview(
    ReportingPeriod? Period, IReadOnlyList<InitiativeRow> Initiatives, PortfolioCounts Counts,
    IReadOnlyList<InitiativeRow> RedFlags, IReadOnlyList<RedDependencyRow> RedDependencies,
    RagDistribution StatusDistribution, RagDistribution RiskDistribution);

/// <summary>The public portfolio overview: every initiative with its latest status and risk, and the office's key figures.</summary>
[UseCase]
public sealed class GetPortfolioOverview(SamstyringDb db, ReadCache cache)
{
    /// <summary>Shown when no lifecycle filter is chosen: what the office reports as the portfolio.</summary>
    public static readonly Lifecycle[] DefaultLifecycles = [Lifecycle.Active, Lifecycle.Paused, Lifecycle.Candidate];

    public async Task<PortfolioOverview> HandleAsync(OverviewFilter filter, CancellationToken ct = default)
    {
        var summary = await SummaryAsync(null, ct);
        var rows = await QueryRows(filter).ToListAsync(ct);
        return new PortfolioOverview(summary.Period, rows, summary.Counts, summary.RedFlags, summary.RedDependencies,
            summary.StatusDistribution, summary.RiskDistribution);
    }

    /// <summary>Key figures, red flags (at most <paramref name="maxRedFlags"/> of each list, all when null) and distributions; cached until the data changes.</summary>
    public async Task<PortfolioSummary> SummaryAsync(int? maxRedFlags, CancellationToken ct = default) =>
        (await cache.GetOrAddAsync($"portfolio-summary:{maxRedFlags}", db, () => ComputeSummaryAsync(maxRedFlags, ct), ct)).Value;

    /// <summary>
    /// One page of the filtered list with the total count; cached until the data changes. The count and the page read the
    /// initiatives alone (status and risk are kept on them), in name order from its index; only the page's rows look up
    /// their report's period.
    /// </summary>
    public async Task<InitiativePage> PageAsync(OverviewFilter filter, int page, int pageSize, CancellationToken ct = default) =>
        (await cache.GetOrAddAsync($"portfolio-page:{filter}:{page}:{pageSize}", db, async () =>
        {
            var filtered = Filtered(filter);
            var total = await filtered.CountAsync(ct);
            var rows = await Rows(filtered.OrderBy(i => i.Name).ThenBy(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
            return new InitiativePage(total, rows);
        }, ct)).Value;

    /// <summary>The organisations that own initiatives, for filter lists; cached until the data changes.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> OwnersAsync(CancellationToken ct = default) =>
        (await cache.GetOrAddAsync("portfolio-owners", db, async () =>
            (IReadOnlyList<(int, string)>)(await db.Initiatives.AsNoTracking().Select(i => new { i.OwnerId, i.Owner.Name }).Distinct().ToListAsync(ct))
                .OrderBy(o => o.Name, StringComparer.Create(Norwegian.Culture, false)).Select(o => (o.OwnerId, o.Name)).ToList(), ct)).Value;

    private async Task<PortfolioSummary> ComputeSummaryAsync(int? maxRedFlags, CancellationToken ct)
    {
        var period = await CurrentPeriodAsync(db, ct);
        var figures = await FiguresAsync(db, ct);
        var reported = figures.Where(f => f.Lifecycle is Lifecycle.Active or Lifecycle.Paused).ToList();
        var redFlags = Filtered(new OverviewFilter(RedFlagsOnly: true)).OrderBy(i => i.Name).ThenBy(i => i.Id);
        var redDependencies = await RedDependenciesAsync(db, ct, maxRedFlags);
        return new PortfolioSummary(
            period, await CountsAsync(db, figures, period, ct),
            await Rows(maxRedFlags is { } max ? redFlags.Take(max) : redFlags).ToListAsync(ct),
            figures.Where(f => DefaultLifecycles.Contains(f.Lifecycle) && (f.Status == Rag.Red || f.Risk == Rag.Red)).Sum(f => f.Count),
            redDependencies, maxRedFlags is null ? redDependencies.Count : await RedDependencies(db).CountAsync(ct),
            Distribution(reported.Select(f => (f.Status, f.Count))), Distribution(reported.Select(f => (f.Risk, f.Count))));
    }

    /// <summary>How many initiatives there are by lifecycle and latest status and risk: one pass over their index.</summary>
    private sealed record Figure(Lifecycle Lifecycle, Rag? Status, Rag? Risk, int Count);

    private static Task<List<Figure>> FiguresAsync(SamstyringDb db, CancellationToken ct) =>
        db.Initiatives.GroupBy(i => new { i.Lifecycle, i.LatestStatus, i.LatestRisk })
            .Select(g => new Figure(g.Key.Lifecycle, g.Key.LatestStatus, g.Key.LatestRisk, g.Count())).ToListAsync(ct);

    /// <summary>The rows alone, in name order, for the API and the red flags.</summary>
    public IQueryable<InitiativeRow> QueryRows(OverviewFilter filter) => Rows(Filtered(filter).OrderBy(i => i.Name).ThenBy(i => i.Id));

    /// <summary>The initiatives the filter selects, by their own columns (the latest report's status and risk included).</summary>
    private IQueryable<Initiative> Filtered(OverviewFilter filter)
    {
        var q = db.Initiatives.AsNoTracking().AsQueryable();
        if (filter.Lifecycle is { } lc) q = q.Where(i => i.Lifecycle == lc);
        else q = q.Where(i => DefaultLifecycles.Contains(i.Lifecycle));
        if (filter.OwnerId is { } owner) q = q.Where(i => i.OwnerId == owner);
        if (filter.Segment is { } seg) q = q.Where(i => i.Segment == seg);
        if (filter.ActorGroup is { } group) q = q.Where(i => i.Owner.ActorGroup == group);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLower();
            q = q.Where(i => i.Name.ToLower().Contains(term) || i.Owner.Name.ToLower().Contains(term));
        }
        if (filter.Status is { } status) q = q.Where(i => i.LatestStatus == status);
        if (filter.RedFlagsOnly) q = q.Where(i => i.LatestStatus == Rag.Red || i.LatestRisk == Rag.Red);
        return q;
    }

    /// <summary>Ordered (and perhaps paged) initiatives as list rows, with their latest report's period, status and risk
    /// (kept on the initiative: no report is read); keeps the order.</summary>
    private IQueryable<InitiativeRow> Rows(IQueryable<Initiative> ordered) =>
        from i in ordered
        join p in db.ReportingPeriods on i.LatestPeriodId equals p.Id into periods
        from p in periods.DefaultIfEmpty()
        orderby i.Name, i.Id
        select new InitiativeRow(
            i.Id, i.Name, i.OwnerId, i.Owner.Name, i.Owner.ActorGroup, i.Kind, i.Lifecycle, i.Phase, i.Segment,
            i.PlannedStart, i.PlannedEnd, i.IsDemo,
            p == null || i.LatestStatus == null || i.LatestRisk == null ? null : new ReportSummary(p.Code, i.LatestStatus.Value, i.LatestRisk.Value));

    /// <summary>The latest period that has started; null before the office has set up any.</summary>
    public static async Task<ReportingPeriod?> CurrentPeriodAsync(SamstyringDb db, CancellationToken ct) =>
        await db.ReportingPeriods.AsNoTracking().Where(p => p.Start <= db.Today).OrderByDescending(p => p.End).FirstOrDefaultAsync(ct)
        ?? await db.ReportingPeriods.AsNoTracking().OrderBy(p => p.Start).FirstOrDefaultAsync(ct);

    /// <summary>The key figures: the lifecycles from one pass over the initiatives' index, and what started or ended in the period.</summary>
    public static async Task<PortfolioCounts> CountsAsync(SamstyringDb db, ReportingPeriod? period, CancellationToken ct) =>
        await CountsAsync(db, await FiguresAsync(db, ct), period, ct);

    private static async Task<PortfolioCounts> CountsAsync(SamstyringDb db, List<Figure> figures, ReportingPeriod? period, CancellationToken ct)
    {
        int Count(Lifecycle l) => figures.Where(f => f.Lifecycle == l).Sum(f => f.Count);
        if (period is null) return new(Count(Lifecycle.Active), Count(Lifecycle.Candidate), Count(Lifecycle.Paused), 0, 0, 0);
        var (start, end) = (period.Start, period.End);
        return new PortfolioCounts(
            Count(Lifecycle.Active), Count(Lifecycle.Candidate), Count(Lifecycle.Paused),
            await db.Initiatives.CountAsync(i => i.Lifecycle == Lifecycle.Completed && i.CompletedOn >= start && i.CompletedOn <= end, ct),
            await db.Initiatives.CountAsync(i => i.Lifecycle == Lifecycle.Left && i.LeftOn >= start && i.LeftOn <= end, ct),
            await db.Initiatives.CountAsync(i => i.IncludedOn >= start && i.IncludedOn <= end, ct));
    }

    /// <summary>High-criticality dependencies with red status, as in case 38/21.</summary>
    public static async Task<List<RedDependencyRow>> RedDependenciesAsync(SamstyringDb db, CancellationToken ct, int? max = null)
    {
        var today = db.Today;
        var ordered = RedDependencies(db).OrderBy(d => d.Initiative.Name).ThenBy(d => d.Id);
        var rows = await (max is { } m ? ordered.Take(m) : ordered)
            .Select(d => new
            {
                d.InitiativeId, Initiative = d.Initiative.Name, Owner = d.Initiative.Owner.Name, d.Description, d.Deadline, d.Status,
                Target = d.TargetInitiative != null ? d.TargetInitiative.Name : d.TargetSolution != null ? d.TargetSolution.Name : d.TargetOrganization!.Name,
            })
            .ToListAsync(ct);
        return rows.Select(d => new RedDependencyRow(d.InitiativeId, d.Initiative, d.Owner, d.Description, d.Target, d.Deadline,
            d.Deadline is { } dl && dl < today)).ToList();
    }

    private static IQueryable<Dependency> RedDependencies(SamstyringDb db) =>
        db.Dependencies.AsNoTracking().Where(d => d.Criticality == Criticality.High && d.Status == Rag.Red
                                                  && (d.Initiative.Lifecycle == Lifecycle.Active || d.Initiative.Lifecycle == Lifecycle.Paused));

    public static RagDistribution Distribution(IEnumerable<Rag?> values) => Distribution(values.Select(v => (v, 1)));

    /// <summary>Counted statuses added up; no status counts as not reported.</summary>
    private static RagDistribution Distribution(IEnumerable<(Rag? Value, int Count)> counts)
    {
        int g = 0, y = 0, r = 0, n = 0;
        foreach (var (value, count) in counts)
        {
            switch (value)
            {
                case Rag.Green: g += count; break;
                case Rag.Yellow: y += count; break;
                case Rag.Red: r += count; break;
                default: n += count; break;
            }
        }
        return new RagDistribution(g, y, r, n);
    }
}
