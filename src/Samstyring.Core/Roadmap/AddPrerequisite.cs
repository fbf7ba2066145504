using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>A new prerequisite, with its assessment (the date defaults as in <see cref="UpdatePrerequisite"/>).</summary>
[UseCase]
public sealed class AddPrerequisite(SamstyringDb db)
{
    public Task<Prerequisite> HandleAsync(int milestoneId, PrerequisiteInput input, CurrentUser? user, CancellationToken ct = default) =>
        // A new prerequisite needs its text.
        MilestoneEditing.AddPartAsync(db, milestoneId, new Prerequisite { Text = "" }, p => MilestoneEditing.Apply(db, p, input with { Text = input.Text ?? "" }),
            user, ct);
}
