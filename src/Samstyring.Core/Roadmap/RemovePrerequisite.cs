using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Roadmap;

/// <summary>Removes a prerequisite; returns the milestone with its new version.</summary>
[UseCase]
public sealed class RemovePrerequisite(SamstyringDb db)
{
    public async Task<Milestone> HandleAsync(int prerequisiteId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        (await MilestoneEditing.ChangePartAsync<Prerequisite>(db, prerequisiteId, expectedVersion, p => db.Remove(p), user, ct)).Milestone;
}
