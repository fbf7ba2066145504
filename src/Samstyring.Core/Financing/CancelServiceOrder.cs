using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

/// <summary>
/// Cancels an order (it is no longer invoiced): removed, with the audit trail keeping what it was. The office for any
/// actor, an initiative owner for their own organisation; needs the order's version like any change.
/// </summary>
[UseCase]
public sealed class CancelServiceOrder(SamstyringDb db)
{
    public async Task HandleAsync(int orderId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireOrderer(user, null);
        var order = await SaveServiceOrder.LoadAsync(db, orderId, user!, ct);
        db.ExpectVersion(order, expectedVersion);
        db.ServiceOrders.Remove(order);
        await db.SaveChangesAsync(ct);
    }
}
