using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

[UseCase]
public sealed class UpdatePrerequisite(SamstyringDb db)
{
    /// <summary>
    /// Changes a prerequisite and its assessment; the date defaults to today (none when not assessed).
    /// <paramref name="expectedVersion"/> is the milestone's version.
    /// </summary>
    public async Task<Prerequisite> HandleAsync(int prerequisiteId, PrerequisiteInput input, int? expectedVersion, CurrentUser? user,
        CancellationToken ct = default) =>
        (await MilestoneEditing.ChangePartAsync<Prerequisite>(db, prerequisiteId, expectedVersion, p => MilestoneEditing.Apply(db, p, input), user, ct)).Part;
}
