using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a plan from its service.</summary>
[UseCase]
public sealed class RemoveRoadmapPlan(SamstyringDb db)
{
    public async Task HandleAsync(int planId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var plan = await db.RoadmapPlans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"Fant ikke plan {planId}.");
        var service = await RoadmapEditing.LoadServiceAsync(db, plan.ServiceId, ct);
        db.ExpectVersion(plan, expectedVersion);
        db.RoadmapPlans.Remove(plan);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }
}
