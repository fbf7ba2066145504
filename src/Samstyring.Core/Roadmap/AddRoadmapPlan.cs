using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A new plan for an actor group in a service.</summary>
[UseCase]
public sealed class AddRoadmapPlan(SamstyringDb db)
{
    public async Task<RoadmapPlan> HandleAsync(int serviceId, PlanInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await RoadmapEditing.LoadServiceAsync(db, serviceId, ct);
        var plan = new RoadmapPlan { ServiceId = service.Id, Service = service, ActorGroup = "", Written = "" };
        await RoadmapPlanEditing.ApplyAsync(db, plan, service, input, ct);
        db.RoadmapPlans.Add(plan);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
