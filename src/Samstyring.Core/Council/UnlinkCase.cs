using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Removes a case's link to a case in another body.</summary>
[UseCase]
public sealed class UnlinkCase(SamstyringDb db)
{
    public async Task HandleAsync(int id, int linkId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        var link = c.Links.SingleOrDefault(l => l.Id == linkId) ?? throw new NotFoundException($"Fant ikke koblingen {linkId}.");
        db.CaseLinks.Remove(link);
        await db.SaveChangesAsync(ct);
    }
}
