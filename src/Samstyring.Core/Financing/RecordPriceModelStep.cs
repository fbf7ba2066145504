using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record StepInput(string? Step, string? On, int? CaseId, string? Reference);

/// <summary>Records the next step of the yearly process (council case, TBU calculation, public consultation, KS–state consultation, adopted) with its date and case or document.</summary>
[UseCase]
public sealed class RecordPriceModelStep(SamstyringDb db)
{
    public Task<PriceModel> HandleAsync(int modelId, StepInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default) =>
        throw new NotImplementedException("STUB: " + nameof(RecordPriceModelStep) + " " + db.GetHashCode());
}
