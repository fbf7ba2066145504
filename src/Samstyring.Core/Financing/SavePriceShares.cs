using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record KeyEntryInput(int? OrganizationId, long? Weight);
public sealed record ShareInput(string? Group, decimal? Percent, string? Key, string? PopulationOn, string? Collection, IReadOnlyList<KeyEntryInput>? Entries);

/// <summary>Replaces one solution's group shares in a draft or scenario, all at once: they must add up to 100 %, and every key must be whole. The office only.</summary>
[UseCase]
public sealed class SavePriceShares(SamstyringDb db)
{
    public Task<PriceModel> HandleAsync(int modelId, string solutionKey, IReadOnlyList<ShareInput> shares, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(SavePriceShares) + " " + db.GetHashCode());
}
