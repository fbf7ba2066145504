using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>The reporting periods (rapporteringsperioder) the office has set up, for lists, choices and the API.</summary>
[UseCase]
public sealed class GetReportingPeriods(SamstyringDb db)
{
    /// <summary>Every period, oldest first.</summary>
    public async Task<List<ReportingPeriod>> AllAsync(CancellationToken ct = default) =>
        await db.ReportingPeriods.AsNoTracking().OrderBy(p => p.Start).ToListAsync(ct);

    /// <summary>Every period's code, newest first.</summary>
    public async Task<List<string>> CodesNewestFirstAsync(CancellationToken ct = default) =>
        await db.ReportingPeriods.AsNoTracking().OrderByDescending(p => p.Start).Select(p => p.Code).ToListAsync(ct);

    /// <summary>The years that have periods, in no particular order.</summary>
    public async Task<List<int>> YearsAsync(CancellationToken ct = default) =>
        await db.ReportingPeriods.AsNoTracking().Select(p => p.Year).Distinct().ToListAsync(ct);

    /// <summary>Periods that have started, newest first: the ones that can be reported on.</summary>
    public async Task<List<ReportingPeriod>> StartedAsync(CancellationToken ct = default)
    {
        var today = db.Today;
        return await db.ReportingPeriods.AsNoTracking().Where(p => p.Start <= today).OrderByDescending(p => p.Start).ToListAsync(ct);
    }

    /// <summary>The latest period that has started; null before the office has set up any.</summary>
    public Task<ReportingPeriod?> CurrentAsync(CancellationToken ct = default) => GetPortfolioOverview.CurrentPeriodAsync(db, ct);
}
