using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>What another area may point a record at in the portfolio, for its pickers.</summary>
public sealed record PortfolioChoices(
    IReadOnlyList<(int Id, string Name)> Initiatives,
    IReadOnlyList<(int Id, string Name)> Periods,
    IReadOnlyList<(int Id, string Version, string Title)> CriteriaSets);

/// <summary>
/// Initiatives by name, reporting periods newest first and criteria sets newest first: what a council case can be about.
/// </summary>
[UseCase]
public sealed class GetPortfolioChoices(SamstyringDb db)
{
    public async Task<PortfolioChoices> HandleAsync(CancellationToken ct = default)
    {
        var initiatives = (await db.Initiatives.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Id).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
            .Select(i => (i.Id, i.Name)).ToList();
        var periods = (await db.ReportingPeriods.AsNoTracking().OrderByDescending(p => p.Start).ThenBy(p => p.Id).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        var criteriaSets = (await db.CriteriaSets.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct))
            .Select(s => (s.Id, s.Version, s.Title)).ToList();
        return new PortfolioChoices(initiatives, periods, criteriaSets);
    }
}
