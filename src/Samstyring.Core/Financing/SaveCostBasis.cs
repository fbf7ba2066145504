using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record CostBasisInput(long? ManagementOre, long? OperationOre, long? DevelopmentOre, long? InvestmentOre, long? ActualRunningOre,
    long? ActualInvestmentOre, long? PriceWageGrowthOre, long? VolumeOre, long? NewFunctionsOre, string? Note);

/// <summary>
/// Creates or changes a solution's cost basis for a year (budget, actual, the change from last year). The office only. The
/// first save of a solution's year needs no version; a change does. The TBU's figure is the TBU's and is left as it is.
/// </summary>
[UseCase]
public sealed class SaveCostBasis(SamstyringDb db)
{
    public async Task<CostBasis> HandleAsync(string solutionKey, int year, CostBasisInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        var solution = await PriceModelEditing.SolutionAsync(db, solutionKey, ct);
        var v = new Validator();
        PriceModelEditing.Year(v, "year", year);
        CostBasis? basis = null;
        if (v.IsValid)
        {
            basis = await db.CostBases.SingleOrDefaultAsync(c => c.SolutionId == solution.Id && c.Year == year, ct);
            if (basis is not null) db.ExpectVersion(basis, expectedVersion);
        }

        Cost(v, "managementOre", input.ManagementOre, "Forvaltning", required: true);
        Cost(v, "operationOre", input.OperationOre, "Drift", required: true);
        Cost(v, "developmentOre", input.DevelopmentOre, "Videreutvikling", required: true);
        Cost(v, "investmentOre", input.InvestmentOre, "Investering", required: true);
        Cost(v, "actualRunningOre", input.ActualRunningOre, "Regnskap for driften", required: false);
        Cost(v, "actualInvestmentOre", input.ActualInvestmentOre, "Regnskap for investeringen", required: false);
        Change(v, "priceWageGrowthOre", input.PriceWageGrowthOre);
        Change(v, "volumeOre", input.VolumeOre);
        Change(v, "newFunctionsOre", input.NewFunctionsOre);
        v.MaxLength("note", input.Note, "Merknaden", CostBasis.NoteMax);
        v.ThrowIfInvalid();

        basis ??= db.CostBases.Add(new CostBasis { SolutionId = solution.Id, Year = year }).Entity;
        basis.ManagementOre = input.ManagementOre!.Value;
        basis.OperationOre = input.OperationOre!.Value;
        basis.DevelopmentOre = input.DevelopmentOre!.Value;
        basis.InvestmentOre = input.InvestmentOre!.Value;
        basis.ActualRunningOre = input.ActualRunningOre;
        basis.ActualInvestmentOre = input.ActualInvestmentOre;
        basis.PriceWageGrowthOre = input.PriceWageGrowthOre;
        basis.VolumeOre = input.VolumeOre;
        basis.NewFunctionsOre = input.NewFunctionsOre;
        basis.Note = input.Note?.Trim() ?? "";
        basis.IsDemo = false;
        await db.SaveChangesAsync(ct);
        return basis;
    }

    internal static void Cost(Validator v, string field, long? ore, string label, bool required)
    {
        if (ore is not { } x)
        {
            if (required) v.Add(field, $"{label} må fylles ut.");
        }
        else if (x < 0) v.Add(field, "Kostnaden kan ikke være negativ.");
        else if (x > CostBasis.MaxOre) v.Add(field, $"Beløpet kan ikke være over {Norwegian.Kroner(CostBasis.MaxOre)}.");
    }

    private static void Change(Validator v, string field, long? ore)
    {
        if (ore is { } x && (x > CostBasis.MaxOre || x < -CostBasis.MaxOre))
            v.Add(field, $"Endringen kan ikke være over {Norwegian.Kroner(CostBasis.MaxOre)} opp eller ned.");
    }
}
