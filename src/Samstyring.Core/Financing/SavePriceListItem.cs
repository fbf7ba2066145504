using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record PriceListItemInput(string? SolutionKey, int? Year, string? Name, string? Unit, long? UnitPriceOre);

/// <summary>Adds or changes a line of a year's price list for voluntary purchases. The office only.</summary>
[UseCase]
public sealed class SavePriceListItem(SamstyringDb db)
{
    public Task<PriceListItem> HandleAsync(int? itemId, PriceListItemInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(SavePriceListItem) + " " + db.GetHashCode());
}
