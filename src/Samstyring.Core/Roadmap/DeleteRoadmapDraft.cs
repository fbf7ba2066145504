using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Deletes a draft and everything in it. Versions treated by NUIT, and versions others are drafted from, stay.</summary>
[UseCase]
public sealed class DeleteRoadmapDraft(SamstyringDb db)
{
    public async Task HandleAsync(string number, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await RoadmapEditing.LoadVersionAsync(db, number, ct);
        db.ExpectVersion(version, expectedVersion);
        if (version.Status != RoadmapStatus.Draft)
            throw ValidationFailedException.For("status", $"Bare utkast kan slettes. Versjon {version.Number} har status «{version.Status.Label()}».");
        var children = await db.RoadmapVersions.Where(x => x.BasedOnId == version.Id).Select(x => x.Number).ToListAsync(ct);
        if (children.Count > 0)
            throw ValidationFailedException.For("status",
                $"Versjon {version.Number} kan ikke slettes fordi {(children.Count == 1 ? "versjon" : "versjonene")} {string.Join(", ", children.Order())} bygger på den.");
        // Loaded so each removed row is named in the audit trail; the database cascades the same way.
        await db.RoadmapServices.AsSplitQuery().Where(s => s.RoadmapVersionId == version.Id)
            .Include(s => s.Plans).Include(s => s.Solutions).Include(s => s.Initiatives).Include(s => s.Dependencies)
            .LoadAsync(ct);
        await db.Milestones.AsSplitQuery().Where(m => m.RoadmapVersionId == version.Id)
            .Include(m => m.Prerequisites).Include(m => m.Phases)
            .LoadAsync(ct);
        db.RoadmapVersions.Remove(version);
        await db.SaveChangesAsync(ct);
    }
}
