using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

public sealed record ReportPeriodInfo(string Code, string Name, DateOnly Start, DateOnly End);

/// <summary>An initiative's report for the period of the portfolio report.</summary>
public sealed record PeriodReport(Rag Status, string StatusText, Rag Risk, string RiskText, string Progress, string Cost, DateTime ReportedAt);

public sealed record PortfolioReportRow(
    int Id, string Name, string Owner, ActorGroup OwnerActorGroup, InitiativeKind Kind, Segment? Segment, Lifecycle Lifecycle, Phase Phase,
    DateOnly? PlannedStart, DateOnly? PlannedEnd, bool IsDemo, PeriodReport? Report)
{
    /// <summary>Active and paused initiatives are expected to report; completed and left ones are listed for the record.</summary>
    public bool IsInPortfolio => Lifecycle is Lifecycle.Active or Lifecycle.Paused;
}

public sealed record SegmentCount(Segment? Segment, int Count);

/// <summary>Statusrapport for porteføljen: what the office sends the council after a reporting period.</summary>
public sealed record PortfolioReport(
    ReportPeriodInfo Period, DateTime GeneratedAt, PortfolioCounts Counts, IReadOnlyList<PortfolioReportRow> Rows,
    IReadOnlyList<PortfolioReportRow> RedFlags, IReadOnlyList<RedDependencyRow> RedDependencies,
    RagDistribution StatusDistribution, RagDistribution RiskDistribution,
    IReadOnlyList<PortfolioReportRow> NotReported, IReadOnlyList<SegmentCount> Segments, DateOnly AdoptionOn,
    IReadOnlyList<Solutions.AdoptionBrief> Adoption);

/// <summary>The portfolio report for one reporting period (default: the current one). Public data, like the portfolio overview.</summary>
[UseCase]
public sealed class GetPortfolioReport(SamstyringDb db, Solutions.SolutionQueries solutions)
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
            .Select(r => new { r.InitiativeId, Report = new PeriodReport(r.Status, r.StatusText, r.Risk, r.RiskText, r.Progress, r.Cost, r.ReportedAt) })
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
            db.Today, await solutions.BriefsAsync(null, db.Today, ct));
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
