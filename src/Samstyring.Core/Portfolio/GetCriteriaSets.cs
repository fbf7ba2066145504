using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Portfolio;

/// <summary>The criteria sets (kriteriesett) initiatives are assessed against, each with its criteria.</summary>
[UseCase]
public sealed class GetCriteriaSets(SamstyringDb db)
{
    /// <summary>The set in force: new assessments use it.</summary>
    public async Task<CriteriaSet> CurrentAsync(CancellationToken ct = default) =>
        await db.CriteriaSets.AsNoTracking().Include(s => s.Criteria).SingleAsync(s => s.IsCurrent, ct);

    /// <summary>Every set, newest first.</summary>
    public async Task<List<CriteriaSet>> AllAsync(CancellationToken ct = default) =>
        await db.CriteriaSets.AsNoTracking().Include(s => s.Criteria).OrderByDescending(s => s.Id).ToListAsync(ct);
}
