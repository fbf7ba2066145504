using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Roadmap;

namespace Samstyring.Core.Strategy;

/// <summary>
/// Reads of the strategy area: the list, one strategy with its steps and areas, one area with what serves it, and the
/// coverage of the portfolio. A draft is "not found" to those who may not see it (<see cref="StrategyAccess"/>); links to
/// roadmap services in unpublished roadmap versions are left out for those who may not see drafts of the roadmap.
/// </summary>
[UseCase]
public sealed class StrategyQueries(SamstyringDb db)
{
    public async Task<IReadOnlyList<StrategySummary>> ListAsync(CurrentUser? user, CancellationToken ct = default)
    {
        var drafts = StrategyAccess.CanSeeDrafts(user);
        var rows = await db.Strategies.AsNoTracking()
            .Where(s => drafts || s.Status != StrategyStatus.Draft)
            .Select(s => new { s.Id, s.Title, s.FromYear, s.ToYear, s.Status, Areas = s.Areas.Count, s.IsDemo, s.Version })
            .ToListAsync(ct);
        return rows.OrderByDescending(s => s.FromYear).ThenByDescending(s => s.Id)
            .Select(s => new StrategySummary(s.Id, s.Title, s.FromYear, s.ToYear, Strategy.Period(s.FromYear, s.ToYear), s.Status, s.Areas, s.IsDemo, s.Version))
            .ToList();
    }

    public async Task<StrategyDetails> DetailsAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var s = await LoadVisibleAsync(id, user, ct);
        var confidential = CouncilAccess.CanSeeConfidential(user);
        var steps = await db.StrategySteps.AsNoTracking().Where(x => x.StrategyId == id)
            .OrderBy(x => x.On).ThenBy(x => x.Id)
            .Select(x => new
            {
                x.Id, x.On, x.Status, x.Description, x.CaseId, x.Reference, x.IsDemo, x.DemoNote, x.RecordedBy,
                Case = x.Case == null ? null : new { x.Case.Number, x.Case.Year, x.Case.Title, x.Case.Confidential, Body = x.Case.Body.Slug },
            })
            .ToListAsync(ct);
        var stepViews = steps.Select(x => new StrategyStepView(x.Id, x.On, x.Status, x.Description, x.CaseId,
            x.Case is null ? null : CouncilCase.FormatNumber(x.Case.Number, x.Case.Year), x.Case?.Body,
            x.Case is null || (x.Case.Confidential && !confidential) ? null : x.Case.Title,
            x.Reference, x.IsDemo, x.DemoNote, x.RecordedBy)).ToList();
        var areas = await AreasAsync(id, null, user, ct);
        return new StrategyDetails(Summary(s, areas.Count), s.Vision, s.Plan, s.Source, s.DemoNote, stepViews, areas,
            Strategy.NextStatuses(s.Status));
    }

    public async Task<(StrategySummary Strategy, TargetAreaView Area)> AreaAsync(int strategyId, int areaId, CurrentUser? user, CancellationToken ct = default)
    {
        var s = await LoadVisibleAsync(strategyId, user, ct);
        var area = (await AreasAsync(strategyId, areaId, user, ct)).SingleOrDefault()
                   ?? throw new NotFoundException($"Fant ikke målområde {areaId} i strategi {strategyId}.");
        return (Summary(s, await db.TargetAreas.CountAsync(a => a.StrategyId == strategyId, ct)), area);
    }

    /// <summary>Dekning for a strategy: which areas the portfolio serves, at what cost and with which red flags, and what is left over.</summary>
    public async Task<StrategyCoverage> CoverageAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var s = await LoadVisibleAsync(id, user, ct);
        var areas = await AreasAsync(id, null, user, ct);
        var covered = areas.Select(a =>
        {
            var inPortfolio = a.Initiatives.Where(i => i.InPortfolio).ToList();
            return new AreaCoverage(a.Id, a.Number, a.Title, inPortfolio, CoverageCost.Of(inPortfolio), inPortfolio.Where(i => i.IsRed).ToList(),
                a.Initiatives.Count - inPortfolio.Count, a.Services.Count, a.Solutions.Count);
        }).ToList();
        var linked = covered.SelectMany(a => a.Initiatives).DistinctBy(i => i.Id).ToList();
        var linkedIds = linked.Select(i => i.Id).ToHashSet();
        var unlinked = (await InitiativesAsync(null, ct)).Where(i => i.InPortfolio && !linkedIds.Contains(i.Id)).ToList();
        return new StrategyCoverage(Summary(s, areas.Count), covered,
            covered.Where(a => a.HasNoInitiative).Select(a => new AreaRef(a.AreaId, a.Number, a.Title)).ToList(),
            unlinked, CoverageCost.Of(linked), linked.Count(i => i.IsRed));
    }

    /// <summary>
    /// The coverage of the strategy in force, for the portfolio report: the adopted strategy (the latest by its first
    /// year), as the public sees it; null when no strategy is adopted.
    /// </summary>
    public async Task<StrategyCoverage?> CoverageOfAdoptedAsync(CancellationToken ct = default) =>
        await AdoptedIdAsync(ct) is { } id ? await CoverageAsync(id, null, ct) : null;

    /// <summary>
    /// The areas of the strategy in force (the adopted one, public, as for <see cref="CoverageOfAdoptedAsync"/>) with the
    /// initiatives linked to each, whatever their lifecycle; null when no strategy is adopted. Drafts never enter here.
    /// </summary>
    public async Task<StrategyAreaLinks?> AreaLinksOfAdoptedAsync(CancellationToken ct = default)
    {
        if (await AdoptedIdAsync(ct) is not { } id) return null;
        var s = await LoadVisibleAsync(id, null, ct);
        var areas = await db.TargetAreas.AsNoTracking().Where(a => a.StrategyId == id).OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.Title }).ToListAsync(ct);
        var ids = areas.Select(a => a.Id).ToList();
        var links = await db.TargetAreaInitiatives.AsNoTracking().Where(l => ids.Contains(l.TargetAreaId))
            .Select(l => new { l.TargetAreaId, l.InitiativeId, l.IsDemo }).ToListAsync(ct);
        return new StrategyAreaLinks(Summary(s, areas.Count), areas.Select(a =>
        {
            var mine = links.Where(l => l.TargetAreaId == a.Id).ToList();
            return new AreaInitiativeLinks(a.Id, a.Number, a.Title, mine.Select(l => l.InitiativeId).Order().ToList(), mine.Any(l => l.IsDemo));
        }).ToList());
    }

    private async Task<int?> AdoptedIdAsync(CancellationToken ct)
    {
        var ids = await db.Strategies.AsNoTracking().Where(s => s.Status == StrategyStatus.Adopted)
            .OrderByDescending(s => s.FromYear).ThenByDescending(s => s.Id).Select(s => s.Id).Take(1).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>What an area may be linked to: every initiative, every roadmap service (with its version) and every national solution.</summary>
    public async Task<TargetAreaLinkOptions> LinkOptionsAsync(CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var initiatives = await db.Initiatives.AsNoTracking().Select(i => new { i.Id, i.Name, i.Lifecycle }).ToListAsync(ct);
        var services = await db.RoadmapServices.AsNoTracking()
            .Select(x => new { x.Id, x.Goal, Number = x.RoadmapVersion.Number, x.RoadmapVersionId, x.Position }).ToListAsync(ct);
        var solutions = await db.NationalSolutions.AsNoTracking().Select(x => new { x.Id, x.Name }).ToListAsync(ct);
        var culture = StringComparer.Create(Norwegian.Culture, true);
        return new TargetAreaLinkOptions(
            initiatives.OrderBy(i => i.Name, culture).Select(i => (i.Id, $"{i.Name} ({i.Lifecycle.Label().ToLowerInvariant()})")).ToList(),
            services.OrderByDescending(x => x.RoadmapVersionId).ThenBy(x => x.Position).Select(x => (x.Id, $"Veikart {x.Number}: {x.Goal}")).ToList(),
            solutions.OrderBy(x => x.Name, culture).Select(x => (x.Id, x.Name)).ToList());
    }

    private async Task<Strategy> LoadVisibleAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        var s = await db.Strategies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        // A draft the reader may not see is answered as if it did not exist.
        if (s is null || !StrategyAccess.CanSee(user, s.Status)) throw new NotFoundException($"Fant ingen strategi med id {id}.");
        return s;
    }

    private static StrategySummary Summary(Strategy s, int areas) =>
        new(s.Id, s.Title, s.FromYear, s.ToYear, Strategy.Period(s.FromYear, s.ToYear), s.Status, areas, s.IsDemo, s.Version);

    private async Task<List<TargetAreaView>> AreasAsync(int strategyId, int? areaId, CurrentUser? user, CancellationToken ct)
    {
        var areas = await db.TargetAreas.AsNoTracking().Where(a => a.StrategyId == strategyId && (areaId == null || a.Id == areaId))
            .OrderBy(a => a.Number).ToListAsync(ct);
        var ids = areas.Select(a => a.Id).ToList();
        var initiativeLinks = await db.TargetAreaInitiatives.AsNoTracking().Where(l => ids.Contains(l.TargetAreaId))
            .Select(l => new { l.TargetAreaId, l.InitiativeId, l.IsDemo }).ToListAsync(ct);
        var roadmapDrafts = RoadmapAccess.CanSeeDrafts(user);
        var serviceLinks = await db.TargetAreaServices.AsNoTracking().Where(l => ids.Contains(l.TargetAreaId))
            .Where(l => roadmapDrafts || l.Service.RoadmapVersion.Status == RoadmapStatus.Published)
            .Select(l => new
            {
                l.TargetAreaId, l.IsDemo, l.ServiceId, l.Service.Key, l.Service.Goal, l.Service.Area, Number = l.Service.RoadmapVersion.Number,
                l.Service.RoadmapVersion.Status, l.Service.Position,
            })
            .ToListAsync(ct);
        var solutionLinks = await db.TargetAreaSolutions.AsNoTracking().Where(l => ids.Contains(l.TargetAreaId))
            .Select(l => new { l.TargetAreaId, l.IsDemo, l.SolutionId, l.Solution.Key, l.Solution.Name }).ToListAsync(ct);
        var initiatives = (await InitiativesAsync(initiativeLinks.Select(l => l.InitiativeId).Distinct().ToList(), ct)).ToDictionary(i => i.Id);
        var culture = StringComparer.Create(Norwegian.Culture, true);
        return areas.Select(a => new TargetAreaView(a.Id, a.StrategyId, a.Number, a.Title, a.Goal, a.IndicatorList, a.IsDemo, a.Version,
                initiativeLinks.Where(l => l.TargetAreaId == a.Id).Select(l => initiatives[l.InitiativeId] with { IsDemo = l.IsDemo })
                    .OrderBy(i => i.Name, culture).ToList(),
                serviceLinks.Where(l => l.TargetAreaId == a.Id).OrderBy(l => l.Number).ThenBy(l => l.Position)
                    .Select(l => new LinkedService(l.ServiceId, l.Key, l.Goal, l.Area, l.Number, l.Status, l.IsDemo)).ToList(),
                solutionLinks.Where(l => l.TargetAreaId == a.Id).OrderBy(l => l.Name, culture)
                    .Select(l => new LinkedSolution(l.SolutionId, l.Key, l.Name, l.IsDemo)).ToList()))
            .ToList();
    }

    /// <summary>Initiatives (those with <paramref name="ids"/>, or all) with their latest status report; <c>IsDemo</c> is filled in per link.</summary>
    private async Task<List<LinkedInitiative>> InitiativesAsync(List<int>? ids, CancellationToken ct)
    {
        if (ids is { Count: 0 }) return [];
        var query = db.Initiatives.AsNoTracking();
        if (ids is not null) query = query.Where(i => ids.Contains(i.Id));
        var rows = await query
            .Select(i => new
            {
                i.Id, i.Name, Owner = i.Owner.Name, i.Lifecycle,
                Report = db.StatusReports.Where(r => r.Id == i.LatestReportId)
                    .Select(r => new { r.Status, r.Period.Code, r.BudgetOre, r.SpentOre, r.ForecastOre }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Name, StringComparer.Create(Norwegian.Culture, true)).ThenBy(r => r.Id)
            .Select(r => new LinkedInitiative(r.Id, r.Name, r.Owner, r.Lifecycle, r.Lifecycle is Lifecycle.Active or Lifecycle.Paused,
                r.Report?.Status, r.Report?.Code, r.Report?.BudgetOre, r.Report?.SpentOre, r.Report?.ForecastOre, false))
            .ToList();
    }
}
