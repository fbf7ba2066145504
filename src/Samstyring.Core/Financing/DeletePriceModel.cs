using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>Deletes a draft or a scenario (never an adopted model). The office only.</summary>
[UseCase]
public sealed class DeletePriceModel(SamstyringDb db)
{
    public async Task HandleAsync(int modelId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        var model = await PriceModelEditing.LoadAsync(db, modelId, ct);
        db.ExpectVersion(model, expectedVersion);
        if (!model.IsScenario && model.IsPublic)
            throw ValidationFailedException.For("model", $"{model.Name} er vedtatt og kan ikke slettes. Bare utkast og scenarioer kan slettes.");
        // Loaded so that the audit trail shows the copies losing their link, not only the model going.
        await db.PriceModels.Where(m => m.BasedOnId == model.Id).LoadAsync(ct);
        db.PriceModels.Remove(model);
        await db.SaveChangesAsync(ct);
    }
}
