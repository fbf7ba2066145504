using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record ReportPeriodInfo(string Code, string Name, DateOnly Start, DateOnly End);

/// <summary>An initiative's report for the period of the portfolio report.</summary>
public sealed record PeriodReport(
    Rag Status, string StatusText, Rag Risk, string RiskText, string Progress, string Cost, DateTime ReportedAt,
    long? BudgetOre = null, long? SpentOre = null, long? ForecastOre = null, FundingSource? FundingSource = null)
{
    /// <summary>The report gives at least one cost figure, so it counts in the cost roll-up.</summary>
    public bool HasFigures => BudgetOre is not null || SpentOre is not null || ForecastOre is not null;
}

public sealed record PortfolioReportRow(
    int Id, string Name, string Owner, ActorGroup OwnerActorGroup, InitiativeKind Kind, Segment? Segment, Lifecycle Lifecycle, Phase Phase,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, bool IsDemo, PeriodReport? Report)
{
    /// <summary>Active and paused initiatives are expected to report; completed and left ones are listed for the record.</summary>
    public bool IsInPortfolio => Lifecycle is Lifecycle.Active or Lifecycle.Paused;
}

public sealed record SegmentCount(Segment? Segment, int Count);

/// <summary>
/// Summed cost figures for a group of initiatives (an owner, a segment, a funding source, or all): how many reported
/// figures, and the sums of what they gave. A figure left out of a report counts as nothing, not as zero spent.
/// </summary>
public sealed record CostSum(string? Code, string Label, int Initiatives, long BudgetOre, long SpentOre, long ForecastOre)
{
    public static CostSum Of(string? code, string label, IEnumerable<PeriodReport> reports)
    {
        var list = reports.Where(r => r.HasFigures).ToList();
        return new(code, label, list.Count, list.Sum(r => r.BudgetOre ?? 0), list.Sum(r => r.SpentOre ?? 0), list.Sum(r => r.ForecastOre ?? 0));
    }
}

/// <summary>The period's cost figures rolled up by owner, segment and funding source, from each initiative's report for the period.</summary>
public sealed record CostRollUp(CostSum Total, IReadOnlyList<CostSum> ByOwner, IReadOnlyList<CostSum> BySegment, IReadOnlyList<CostSum> ByFundingSource)
{
    public const string NoSegmentLabel = "Uten segment";
    public const string NoFundingSourceLabel = "Ikke oppgitt";

    public static CostRollUp From(IEnumerable<PortfolioReportRow> rows)
    {
        var reported = rows.Where(r => r.Report is { HasFigures: true }).ToList();
        return new(
            CostSum.Of(null, "Alle tiltak", reported.Select(r => r.Report!)),
            reported.GroupBy(r => r.Owner).OrderBy(g => g.Key, StringComparer.Create(Norwegian.Culture, false))
                .Select(g => CostSum.Of(null, g.Key, g.Select(r => r.Report!))).ToList(),
            reported.GroupBy(r => r.Segment).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
                .Select(g => CostSum.Of(g.Key?.Code(), g.Key?.Label() ?? NoSegmentLabel, g.Select(r => r.Report!))).ToList(),
            reported.GroupBy(r => r.Report!.FundingSource).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
                .Select(g => CostSum.Of(g.Key?.Code(), g.Key?.Label() ?? NoFundingSourceLabel, g.Select(r => r.Report!))).ToList());
    }
}

/// <summary>
/// Strategisk måloppnåelse og samfunnsøkonomisk avkastning (seed 000 lines 1221–1223): the coverage of the strategy in force
/// (null when none is adopted) and the benefit follow-up with its counts per area and per owner, realised against planned
/// and the net present value of each analysis. Both as they are today, whatever the report's period, as the public sees them.
/// </summary>
public sealed record StrategicAchievement(Strategy.StrategyCoverage? Coverage, Benefits.BenefitFollowUp Benefits)
{
    public const string Heading = "Strategisk måloppnåelse og samfunnsøkonomisk avkastning";

    /// <summary>The benefit counts of an area of the coverage (every area of the adopted strategy has one).</summary>
    public Benefits.TrackCounts? CountsFor(int areaId) => Benefits.PerArea.FirstOrDefault(a => a.AreaId == areaId)?.Counts;
}

/// <summary>Statusrapport for porteføljen: what the office sends the council after a reporting period.</summary>
public sealed record PortfolioReport(
    ReportPeriodInfo Period, DateTime GeneratedAt, PortfolioCounts Counts, IReadOnlyList<PortfolioReportRow> Rows,
    IReadOnlyList<PortfolioReportRow> RedFlags, IReadOnlyList<RedDependencyRow> RedDependencies,
    RagDistribution StatusDistribution, RagDistribution RiskDistribution,
    IReadOnlyList<PortfolioReportRow> NotReported, IReadOnlyList<SegmentCount> Segments, DateOnly AdoptionOn,
    IReadOnlyList<Solutions.AdoptionBrief> Adoption, StrategicAchievement Achievement)
{
    /// <summary>Budget, spent to date and forecast summed by owner, segment and funding source.</summary>
    public CostRollUp Costs { get; } = CostRollUp.From(Rows);
}

/// <summary>The portfolio report for one reporting period (default: the current one). Public data, like the portfolio overview.</summary>
[UseCase]
public sealed class GetPortfolioReport(SamstyringDb db, Solutions.SolutionQueries solutions, Strategy.StrategyQueries strategies,
    Benefits.GetBenefitFollowUp benefits)
{
    public async Task<PortfolioReport> HandleAsync(string? periodCode, CancellationToken ct = default)
    {
        var period = await FindPeriodAsync(periodCode, ct);
        var (start, end) = (period.Start, period.End);

        // Everything that was in the portfolio during the period: still active or paused, or completed/left
        // no earlier than the period start. Those taken in after the period ended do not belong in it.
        var initiatives = await db.Initiatives.AsNoTracking()
            .Where(i => i.IncludedOn == null || i.IncludedOn <= end)
            .Where(i => i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused
                        || (i.Lifecycle == Lifecycle.Completed && i.CompletedOn >= start)
                        || (i.Lifecycle == Lifecycle.Left && i.LeftOn >= start))
            .OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, Owner = i.Owner.Name, i.Owner.ActorGroup, i.Kind, i.Segment, i.Lifecycle, i.Phase,
                i.PlannedStart, i.PlannedEnd, i.IsDemo,
            })
            .ToListAsync(ct);

        // One indexed query for the period's reports instead of one per initiative.
        var reports = await db.StatusReports.AsNoTracking()
            .Where(r => r.PeriodId == period.Id)
            .Select(r => new { r.InitiativeId, Report = new PeriodReport(r.Status, r.StatusText, r.Risk, r.RiskText, r.Progress, r.Cost, r.ReportedAt,
                r.BudgetOre, r.SpentOre, r.ForecastOre, r.FundingSource) })
            .ToDictionaryAsync(r => r.InitiativeId, r => r.Report, ct);

        var rows = initiatives
            .Select(i => new PortfolioReportRow(i.Id, i.Name, i.Owner, i.ActorGroup, i.Kind, i.Segment, i.Lifecycle, i.Phase,
                i.PlannedStart, i.PlannedEnd, i.IsDemo, reports.GetValueOrDefault(i.Id)))
            .ToList();
        var inPortfolio = rows.Where(r => r.IsInPortfolio).ToList();

        return new PortfolioReport(
            new ReportPeriodInfo(period.Code, period.Name, start, end),
            db.UtcNow,
            await GetPortfolioOverview.CountsAsync(db, period, ct),
            rows,
            rows.Where(r => r.Report is { } rep && (rep.Status == Rag.Red || rep.Risk == Rag.Red)).ToList(),
            await GetPortfolioOverview.RedDependenciesAsync(db, ct),
            GetPortfolioOverview.Distribution(inPortfolio.Select(r => r.Report?.Status)),
            GetPortfolioOverview.Distribution(inPortfolio.Select(r => r.Report?.Risk)),
            inPortfolio.Where(r => r.Report is null).ToList(),
            inPortfolio.GroupBy(r => r.Segment).OrderBy(g => g.Key is null).ThenBy(g => g.Key)
                .Select(g => new SegmentCount(g.Key, g.Count())).ToList(),
            // Adoption is shown as it is today, the same figures as the solutions' pages, whatever period the report is for.
            db.Today, await solutions.BriefsAsync(null, db.Today, ct),
            new StrategicAchievement(await strategies.CoverageOfAdoptedAsync(ct), await benefits.HandleAsync(ct)));
    }

    private async Task<ReportingPeriod> FindPeriodAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
            return await GetPortfolioOverview.CurrentPeriodAsync(db, ct)
                   ?? throw ValidationFailedException.For("period", "Det er ikke satt opp noen rapporteringsperioder ennå.");
        var trimmed = code.Trim();
        return await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Code == trimmed, ct)
               ?? throw ValidationFailedException.For("period",
                   $"Fant ingen rapporteringsperiode med kode «{(trimmed.Length > 20 ? trimmed[..20] + "…" : trimmed)}». Bruk en kode som 2021-T3.");
    }
}
