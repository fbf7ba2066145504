using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a milestone with its prerequisites and phases.</summary>
[UseCase]
public sealed class RemoveMilestone(SamstyringDb db)
{
    public async Task HandleAsync(int milestoneId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var (milestone, version) = await MilestoneEditing.LoadMilestoneAsync(db, milestoneId, ct);
        db.ExpectVersion(milestone, expectedVersion);
        // Loaded so each removed row is named in the audit trail; the database cascades the same way.
        await db.Prerequisites.Where(p => p.MilestoneId == milestone.Id).LoadAsync(ct);
        await db.MilestonePhases.Where(p => p.MilestoneId == milestone.Id).LoadAsync(ct);
        db.Milestones.Remove(milestone);
        RoadmapEditing.Touch(db, version);
        await db.SaveChangesAsync(ct);
    }
}
