using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

[UseCase]
public sealed class UpdateMilestonePhase(SamstyringDb db)
{
    /// <summary>Changes a phase of the plan; <paramref name="expectedVersion"/> is the milestone's version.</summary>
    public async Task<MilestonePhasePlan> HandleAsync(int phaseId, PhaseInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        (await MilestoneEditing.ChangePartAsync<MilestonePhasePlan>(db, phaseId, expectedVersion, p => MilestoneEditing.Apply(p, input), user, ct)).Part;
}
