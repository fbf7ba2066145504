using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Changes a service: its key, area, goal, description and links.</summary>
[UseCase]
public sealed class UpdateRoadmapService(SamstyringDb db)
{
    public async Task<RoadmapService> HandleAsync(int serviceId, ServiceInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var service = await db.RoadmapServices.Include(s => s.RoadmapVersion).Include(s => s.Solutions).Include(s => s.Initiatives)
                          .SingleOrDefaultAsync(s => s.Id == serviceId, ct)
                      ?? throw new NotFoundException($"Fant ikke tjeneste {serviceId}.");
        RoadmapEditing.RequireEditable(service.RoadmapVersion);
        db.ExpectVersion(service, expectedVersion);
        await RoadmapServiceEditing.ApplyAsync(db, service, input, isNew: false, ct);
        // A save is a new version of the service even when only its links changed.
        if (db.Entry(service).State == EntityState.Unchanged) db.Entry(service).State = EntityState.Modified;
        RoadmapEditing.Touch(db, service.RoadmapVersion);
        await db.SaveChangesAsync(ct);
        return service;
    }
}
