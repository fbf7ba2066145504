using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Changes a plan (actor group, kind, date as written, note), for example moves it.</summary>
[UseCase]
public sealed class UpdateRoadmapPlan(SamstyringDb db)
{
    public async Task<RoadmapPlan> HandleAsync(int planId, PlanInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var plan = await db.RoadmapPlans.SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException($"Fant ikke plan {planId}.");
        var service = await RoadmapEditing.LoadServiceAsync(db, plan.ServiceId, ct);
        db.ExpectVersion(plan, expectedVersion);
        await RoadmapPlanEditing.ApplyAsync(db, plan, service, input, ct);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
