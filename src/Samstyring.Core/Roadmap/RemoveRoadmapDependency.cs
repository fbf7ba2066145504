using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a dependency of a service.</summary>
[UseCase]
public sealed class RemoveRoadmapDependency(SamstyringDb db)
{
    public async Task HandleAsync(int dependencyId, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var dependency = await db.RoadmapDependencies.SingleOrDefaultAsync(d => d.Id == dependencyId, ct)
                         ?? throw new NotFoundException($"Fant ikke avhengighet {dependencyId}.");
        var service = await RoadmapEditing.LoadServiceAsync(db, dependency.ServiceId, ct);
        db.RoadmapDependencies.Remove(dependency);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }
}
