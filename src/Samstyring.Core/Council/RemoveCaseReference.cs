using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>Removes a case's reference to the portfolio.</summary>
[UseCase]
public sealed class RemoveCaseReference(SamstyringDb db)
{
    public async Task HandleAsync(int id, int referenceId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await CaseRules.LoadForChangeAsync(db, id, user, ct);
        var r = c.References.SingleOrDefault(x => x.Id == referenceId) ?? throw new NotFoundException($"Fant ikke referansen {referenceId}.");
        db.CaseReferences.Remove(r);
        await db.SaveChangesAsync(ct);
    }
}
