using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Changes a recurring case template of the årshjul.</summary>
[UseCase]
public sealed class UpdateCycleItem(SamstyringDb db)
{
    public async Task<CycleItem> HandleAsync(int id, CycleInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var item = await CycleRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(item, expectedVersion);
        await CycleRules.ApplyAsync(db, item, input, ct);
        await db.SaveChangesAsync(ct);
        return item;
    }
}
