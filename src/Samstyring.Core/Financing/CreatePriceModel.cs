using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record CreatePriceModelInput(int? FromModelId, int? Year, string? Name, bool Scenario, string? Note);

/// <summary>Copies a model (or starts an empty one) for a year, as a draft for the yearly process or as a scenario. The office only.</summary>
[UseCase]
public sealed class CreatePriceModel(SamstyringDb db)
{
    public Task<PriceModel> HandleAsync(CreatePriceModelInput input, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(CreatePriceModel) + " " + db.GetHashCode());
}
