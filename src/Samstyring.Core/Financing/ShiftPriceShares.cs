using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>Moves percentage points from one group to another, in one solution or (solution key null) in every solution that has both groups. The office only.</summary>
[UseCase]
public sealed class ShiftPriceShares(SamstyringDb db)
{
    public Task<PriceModel> HandleAsync(int modelId, string? fromGroup, string? toGroup, decimal? points, string? solutionKey, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(ShiftPriceShares) + " " + db.GetHashCode());
}
