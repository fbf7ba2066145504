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
    // ---- Reads (STUB: to be implemented; signatures are the contract the pages, API and CLI use) ----

    /// <summary>Every year with a model or a cost basis, newest first: its adopted model and, for those who may see them, drafts and scenarios.</summary>
    public Task<IReadOnlyList<FinancingYearSummary>> YearsAsync(CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>A model with its steps, every solution's cost and shares, each actor's part, group totals and problems.</summary>
    public Task<ModelDetails> ModelAsync(int modelId, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>The adopted model of a year. <exception cref="NotFoundException">None adopted.</exception></summary>
    public Task<ModelDetails> AdoptedAsync(int year, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>One actor's bill in a model, explained line by line, with the change from last year's adopted model.</summary>
    public Task<ActorBill> ActorBillAsync(int modelId, int organizationId, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>A model compared with <paramref name="baseModelId"/>, by default the adopted model of its year (else the model it was copied from).</summary>
    public Task<ModelComparison> CompareAsync(int modelId, int? baseModelId, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>Every actor's amount per solution in the year's adopted model (open data). <exception cref="NotFoundException">None adopted.</exception></summary>
    public Task<IReadOnlyList<AllocationRow>> AllocationAsync(int year, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>One actor's invoice basis for the year (adopted model and voluntary purchases). The office and the actor's own users.</summary>
    public Task<InvoiceBasis> InvoiceBasisAsync(int year, int organizationId, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>The invoice bases of every actor with something to pay in the year, in actor order. The office only.</summary>
    public Task<IReadOnlyList<InvoiceBasis>> InvoiceBasesAsync(int year, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    public Task<IReadOnlyList<CostBasisView>> CostBasesAsync(int year, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    public Task<CostBasisView?> CostBasisAsync(string solutionKey, int year, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>A solution's life-cycle cost: actual where a year is closed, budget (forecast) where not, with the running sum.</summary>
    public Task<LifeCycleCost> LifeCycleAsync(string solutionKey, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    public Task<IReadOnlyList<PriceListView>> PriceListAsync(int year, CancellationToken ct = default) => throw new NotImplementedException("STUB");

    /// <summary>Orders of the year: all for the office, the organisation's own for its users (organizationId narrows for the office).</summary>
    public Task<IReadOnlyList<ServiceOrderView>> OrdersAsync(int year, int? organizationId, CurrentUser? user, CancellationToken ct = default) => throw new NotImplementedException("STUB");
}
