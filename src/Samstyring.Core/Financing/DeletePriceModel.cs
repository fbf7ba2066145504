using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>Deletes a draft or a scenario (never an adopted model). The office only.</summary>
[UseCase]
public sealed class DeletePriceModel(SamstyringDb db)
{
    public Task HandleAsync(int modelId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(DeletePriceModel) + " " + db.GetHashCode());
}
