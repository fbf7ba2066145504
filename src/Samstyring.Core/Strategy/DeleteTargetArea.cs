using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>
/// Removes a target area added by mistake, with its links to initiatives, roadmap services and national solutions (the
/// office; needs the area's version; not in a replaced strategy, which is history). The linked initiatives, services and
/// solutions stay: only the links go, each in the audit trail. Nothing else points at an area: a proposal taken into the
/// strategy from an evaluation round is copied by title, so the round keeps its proposal and could take it in again.
/// The strategy moves on to a new version, since its list of areas changed.
/// </summary>
[UseCase]
public sealed class DeleteTargetArea(SamstyringDb db)
{
    public async Task HandleAsync(int strategyId, int areaId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var area = await db.TargetAreas.Include(a => a.Strategy)
                       .Include(a => a.Initiatives).Include(a => a.Services).Include(a => a.Solutions)
                       .SingleOrDefaultAsync(a => a.Id == areaId && a.StrategyId == strategyId, ct)
                   ?? throw new NotFoundException($"Fant ikke målområde {areaId} i strategi {strategyId}.");
        db.ExpectVersion(area, expectedVersion);
        StrategyEditing.RequireChangeable(area.Strategy);
        db.RemoveRange(area.Initiatives);
        db.RemoveRange(area.Services);
        db.RemoveRange(area.Solutions);
        db.TargetAreas.Remove(area);
        if (db.Entry(area.Strategy).State == EntityState.Unchanged) db.Entry(area.Strategy).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
    }
}
