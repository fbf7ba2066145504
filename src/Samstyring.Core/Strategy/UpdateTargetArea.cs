using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>
/// Changes a target area's number, title, goal and indicators and replaces its links to initiatives, roadmap services and
/// national solutions (the office; needs the area's version). Links kept keep their demo mark; new ones are real.
/// </summary>
[UseCase]
public sealed class UpdateTargetArea(SamstyringDb db)
{
    public async Task<TargetArea> HandleAsync(int strategyId, int areaId, TargetAreaInput input, int? expectedVersion, CurrentUser? user,
        CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var area = await db.TargetAreas.Include(a => a.Strategy).ThenInclude(s => s.Areas)
                       .Include(a => a.Initiatives).Include(a => a.Services).Include(a => a.Solutions)
                       .SingleOrDefaultAsync(a => a.Id == areaId && a.StrategyId == strategyId, ct)
                   ?? throw new NotFoundException($"Fant ikke målområde {areaId} i strategi {strategyId}.");
        db.ExpectVersion(area, expectedVersion);
        StrategyEditing.RequireChangeable(area.Strategy);

        var v = new Validator();
        var indicators = StrategyEditing.CheckArea(v, input, area.Strategy.Areas.Where(a => a.Id != area.Id));
        var initiatives = await CheckIdsAsync(v, "initiatives", input.Initiatives, db.Initiatives.Select(i => i.Id), "tiltak", ct);
        var services = await CheckIdsAsync(v, "services", input.Services, db.RoadmapServices.Select(s => s.Id), "veikarttjeneste", ct);
        var solutions = await CheckIdsAsync(v, "solutions", input.Solutions, db.NationalSolutions.Select(s => s.Id), "nasjonal løsning", ct);
        v.ThrowIfInvalid();

        StrategyEditing.ApplyArea(area, input, indicators);
        area.Initiatives.RemoveAll(l => !initiatives.Contains(l.InitiativeId));
        foreach (var id in initiatives.Where(id => area.Initiatives.All(l => l.InitiativeId != id)))
            area.Initiatives.Add(new TargetAreaInitiative { TargetAreaId = area.Id, InitiativeId = id });
        area.Services.RemoveAll(l => !services.Contains(l.ServiceId));
        foreach (var id in services.Where(id => area.Services.All(l => l.ServiceId != id)))
            area.Services.Add(new TargetAreaService { TargetAreaId = area.Id, ServiceId = id });
        area.Solutions.RemoveAll(l => !solutions.Contains(l.SolutionId));
        foreach (var id in solutions.Where(id => area.Solutions.All(l => l.SolutionId != id)))
            area.Solutions.Add(new TargetAreaSolution { TargetAreaId = area.Id, SolutionId = id });
        // A save is a new version of the area even when only its links changed.
        if (db.Entry(area).State == EntityState.Unchanged) db.Entry(area).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return area;
    }

    /// <summary>The distinct ids asked for, after checking that each exists; a missing one is a field error naming it.</summary>
    private static async Task<List<int>> CheckIdsAsync(Validator v, string field, IReadOnlyList<int>? ids, IQueryable<int> existing, string what,
        CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count > TargetArea.LinksMax)
        {
            v.Add(field, $"Høyst {TargetArea.LinksMax} lenker av hver type kan knyttes til et målområde (fikk {wanted.Count}).");
            return [];
        }
        if (wanted.Count == 0) return wanted;
        var found = await existing.Where(id => wanted.Contains(id)).ToListAsync(ct);
        var missing = wanted.Except(found).ToList();
        if (missing.Count > 0) v.Add(field, $"Fant ingen {what} med id {string.Join(", ", missing.Take(10))}.");
        return wanted;
    }
}
