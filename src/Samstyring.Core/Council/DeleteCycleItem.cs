using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Removes a template. Cases already made from it stay: they belong to their meetings.</summary>
[UseCase]
public sealed class DeleteCycleItem(SamstyringDb db)
{
    public async Task HandleAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var item = await CycleRules.LoadForChangeAsync(db, id, user, ct);
        // Removal may skip the version (the record is gone either way), but a given one must still match.
        if (expectedVersion is not null) db.ExpectVersion(item, expectedVersion);
        db.CycleItems.Remove(item);
        await db.SaveChangesAsync(ct);
    }
}
