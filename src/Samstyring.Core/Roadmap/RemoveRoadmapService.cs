using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a service with its plans and links, and the dependencies other services had on it.</summary>
[UseCase]
public sealed class RemoveRoadmapService(SamstyringDb db)
{
    public async Task HandleAsync(int serviceId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await db.RoadmapServices.AsSplitQuery().Include(s => s.RoadmapVersion)
                          .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
                          .SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RoadmapEditing.RequireEditable(service.RoadmapVersion);
        db.ExpectVersion(service, expectedVersion);
        var incoming = await db.RoadmapDependencies.Where(d => d.DependsOnServiceId == serviceId).ToListAsync(ct);
        db.RoadmapDependencies.RemoveRange(incoming);
        db.RoadmapServices.Remove(service);
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
    }
}
