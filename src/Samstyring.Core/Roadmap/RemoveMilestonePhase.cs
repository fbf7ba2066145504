using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a phase; returns the milestone with its new version.</summary>
[UseCase]
public sealed class RemoveMilestonePhase(SamstyringDb db)
{
    public async Task<Milestone> HandleAsync(int phaseId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        (await MilestoneEditing.ChangePartAsync<MilestonePhasePlan>(db, phaseId, expectedVersion, p => db.Remove(p), user, ct)).Milestone;
}
