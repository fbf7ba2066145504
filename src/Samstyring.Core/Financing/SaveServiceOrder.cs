using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record ServiceOrderInput(int? PriceListItemId, int? OrganizationId, long? Quantity, string? OrderedOn, string? Note);

/// <summary>Records or changes an actor's order of a price-list service. The office, or the actor's own users for their organisation.</summary>
[UseCase]
public sealed class SaveServiceOrder(SamstyringDb db)
{
    public Task<ServiceOrder> HandleAsync(int? orderId, ServiceOrderInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(SaveServiceOrder) + " " + db.GetHashCode());
}
