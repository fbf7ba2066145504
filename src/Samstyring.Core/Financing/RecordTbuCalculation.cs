using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>Records the figure the technical calculation committee calculated for a solution and year. The TBU and the office.</summary>
[UseCase]
public sealed class RecordTbuCalculation(SamstyringDb db)
{
    public async Task<CostBasis> HandleAsync(string solutionKey, int year, long? tbuOre, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireTbu(user);
        var solution = await PriceModelEditing.SolutionAsync(db, solutionKey, ct);
        var v = new Validator();
        PriceModelEditing.Year(v, "year", year);
        v.ThrowIfInvalid();
        // The TBU calculates from the office's cost basis; without one there is nothing to calculate from.
        var basis = await db.CostBases.SingleOrDefaultAsync(c => c.SolutionId == solution.Id && c.Year == year, ct)
                    ?? throw ValidationFailedException.For("year", $"{solution.Name} har ikke noe kostnadsgrunnlag for {year}. Registrer kostnadsgrunnlaget for {year} først.");
        db.ExpectVersion(basis, expectedVersion);

        SaveCostBasis.Cost(v, "tbuOre", tbuOre, "TBU-beløpet", required: true);
        v.ThrowIfInvalid();

        basis.TbuOre = tbuOre!.Value;
        basis.TbuRecordedBy = user!.UserName;
        basis.TbuRecordedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return basis;
    }
}
