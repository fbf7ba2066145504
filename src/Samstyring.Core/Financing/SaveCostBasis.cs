using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record CostBasisInput(long? ManagementOre, long? OperationOre, long? DevelopmentOre, long? InvestmentOre, long? ActualRunningOre,
    long? ActualInvestmentOre, long? PriceWageGrowthOre, long? VolumeOre, long? NewFunctionsOre, string? Note);

/// <summary>Creates or changes a solution's cost basis for a year (budget, actual, the change from last year). The office only.</summary>
[UseCase]
public sealed class SaveCostBasis(SamstyringDb db)
{
    public Task<CostBasis> HandleAsync(string solutionKey, int year, CostBasisInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(SaveCostBasis) + " " + db.GetHashCode());
}
