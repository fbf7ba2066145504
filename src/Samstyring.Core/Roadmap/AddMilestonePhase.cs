using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A new phase, last in a milestone's phase plan.</summary>
[UseCase]
public sealed class AddMilestonePhase(SamstyringDb db)
{
    public Task<MilestonePhasePlan> HandleAsync(int milestoneId, PhaseInput input, CurrentUser? user, CancellationToken ct = default) =>
        MilestoneEditing.AddPartAsync(db, milestoneId, new MilestonePhasePlan { Written = "" }, p => MilestoneEditing.Apply(p, input), user, ct);
}
