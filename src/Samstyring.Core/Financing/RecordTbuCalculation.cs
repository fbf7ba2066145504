using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>Records the figure the technical calculation committee calculated for a solution and year. The TBU and the office.</summary>
[UseCase]
public sealed class RecordTbuCalculation(SamstyringDb db)
{
    public Task<CostBasis> HandleAsync(string solutionKey, int year, long? tbuOre, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(RecordTbuCalculation) + " " + db.GetHashCode());
}
