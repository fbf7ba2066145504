using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Changes a milestone: code, name, reach criterion and target.</summary>
[UseCase]
public sealed class UpdateMilestone(SamstyringDb db)
{
    public async Task<Milestone> HandleAsync(int milestoneId, MilestoneInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        RoadmapAccess.RequireOffice(user);
        var (milestone, version) = await MilestoneEditing.LoadMilestoneAsync(db, milestoneId, ct);
        db.ExpectVersion(milestone, expectedVersion);
        await MilestoneEditing.ApplyAsync(db, milestone, version, input, ct);
        await MilestoneEditing.SaveMilestoneAsync(db, milestone, version, ct);
        return milestone;
    }
}
