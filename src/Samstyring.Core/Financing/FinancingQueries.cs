using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

/// <summary>
/// Reads the financing area: years, price models and their allocation, each actor's bill explained, comparisons, cost bases
/// and life-cycle cost, price lists, orders and invoice bases. A draft or scenario is "not found" for those who may not see it.
/// </summary>
[UseCase]
public sealed class FinancingQueries(SamstyringDb db)
{
    /// <summary>A model with its shares and key entries (tracked off), its year's cost bases and the key data, computed.</summary>
    public async Task<(PriceModel Model, ModelAllocation Allocation, IReadOnlyDictionary<int, CostBasis> Costs)> CalculateAsync(int modelId, CurrentUser? user, CancellationToken ct = default)
    {
        var model = await LoadModelAsync(modelId, user, ct);
        var costs = await db.CostBases.AsNoTracking().Where(c => c.Year == model.Year).ToDictionaryAsync(c => c.SolutionId, ct);
        var keys = await KeyDataAsync(model, ct);
        return (model, PriceModelCalculator.Calculate(model, costs, keys), costs);
    }

    /// <summary>The model with shares, entries and steps, if the user may see it.</summary>
    /// <exception cref="NotFoundException">No such model, or a draft or scenario the user may not see.</exception>
    public async Task<PriceModel> LoadModelAsync(int modelId, CurrentUser? user, CancellationToken ct = default)
    {
        var model = await db.PriceModels.AsNoTracking().AsSplitQuery()
            .Include(m => m.Shares).ThenInclude(s => s.Entries)
            .Include(m => m.Shares).ThenInclude(s => s.Solution)
            .Include(m => m.Steps).ThenInclude(s => s.Case)
            .SingleOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !FinancingAccess.CanSee(user, model)) throw new NotFoundException($"Fant ingen prismodell med id {modelId}.");
        return model;
    }

    /// <summary>The adopted model of a year (public), or null.</summary>
    public Task<int?> AdoptedModelIdAsync(int year, CancellationToken ct = default) =>
        db.PriceModels.Where(m => m.Year == year && m.Status == PriceModelStatus.Adopted).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);

    /// <summary>The actors and the population figures of the dates the model's population keys name.</summary>
    internal async Task<KeyData> KeyDataAsync(PriceModel model, CancellationToken ct)
    {
        var actors = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var dates = model.Shares.Where(s => s.Key == DistributionKey.Population)
            .Select(s => s.PopulationOn ?? new DateOnly(model.Year, 1, 1)).Distinct().ToList();
        var figures = new Dictionary<DateOnly, IReadOnlyDictionary<int, int>>();
        foreach (var on in dates)
            figures[on] = await db.PopulationFigures.AsNoTracking().Where(p => p.On == on).ToDictionaryAsync(p => p.OrganizationId, p => p.Population, ct);
        return new KeyData(actors, figures);
    }
}
