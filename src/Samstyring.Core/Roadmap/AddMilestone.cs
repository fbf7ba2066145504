using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A new milestone, last in a version that can still be changed.</summary>
[UseCase]
public sealed class AddMilestone(SamstyringDb db)
{
    public async Task<Milestone> HandleAsync(string number, MilestoneInput input, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var version = await RoadmapEditing.LoadVersionAsync(db, number, ct);
        RoadmapEditing.RequireEditable(version);
        var milestone = new Milestone { RoadmapVersionId = version.Id, Code = "", Title = "" };
        await MilestoneEditing.ApplyAsync(db, milestone, version, input, ct);
        milestone.Position = await RoadmapEditing.NextPositionAsync(db.Milestones.Where(m => m.RoadmapVersionId == version.Id).Select(m => m.Position), ct);
        db.Milestones.Add(milestone);
        RoadmapEditing.Touch(db, version);
        await db.SaveChangesAsync(ct);
        return milestone;
    }
}
