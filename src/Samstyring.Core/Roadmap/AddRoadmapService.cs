using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A new service, last in a version that can still be changed; its key comes from the goal when none is given.</summary>
[UseCase]
public sealed class AddRoadmapService(SamstyringDb db)
{
    public async Task<RoadmapService> HandleAsync(string number, ServiceInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await RoadmapEditing.LoadVersionAsync(db, number, ct);
        RoadmapEditing.RequireEditable(version);
        var service = new RoadmapService { RoadmapVersionId = version.Id, RoadmapVersion = version, Key = "", Area = "", Goal = "" };
        await RoadmapServiceEditing.ApplyAsync(db, service, input, isNew: true, ct);
        service.Position = await RoadmapEditing.NextPositionAsync(db.RoadmapServices.Where(s => s.RoadmapVersionId == version.Id).Select(s => s.Position), ct);
        db.RoadmapServices.Add(service);
        RoadmapEditing.Touch(db, version);
        await db.SaveChangesAsync(ct);
        return service;
    }
}
