using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Solutions;

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

    // ---- Reads ----

    private static readonly StringComparer ByName = StringComparer.Create(Norwegian.Culture, true);

    /// <summary>Every year with a model or a cost basis, newest first: its adopted model and, for those who may see them, drafts and scenarios.</summary>
    public async Task<IReadOnlyList<FinancingYearSummary>> YearsAsync(CurrentUser? user, CancellationToken ct = default)
    {
        var models = await db.PriceModels.AsNoTracking().OrderBy(m => m.Year).ThenBy(m => m.Number).Select(SummaryOf).ToListAsync(ct);
        var costYears = await db.CostBases.Select(c => c.Year).Distinct().ToListAsync(ct);
        var priceLists = await db.PriceListItems.GroupBy(i => i.Year).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var drafts = FinancingAccess.CanSeeDrafts(user);
        return models.Select(m => m.Year).Concat(costYears).Distinct().OrderDescending().Select(year =>
        {
            var ofYear = models.Where(m => m.Year == year).ToList();
            return new FinancingYearSummary(year, ofYear.SingleOrDefault(m => m.Status == PriceModelStatus.Adopted),
                drafts ? ofYear.Where(m => !m.IsScenario && !m.IsPublic).ToList() : [],
                drafts ? ofYear.Where(m => m.IsScenario).ToList() : [], priceLists.GetValueOrDefault(year));
        }).ToList();
    }

    /// <summary>A model with its steps, every solution's cost and shares, each actor's part, group totals and problems.</summary>
    public async Task<ModelDetails> ModelAsync(int modelId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await ComputeAsync(await LoadModelAsync(modelId, user, ct), null, withPreviousCosts: true, ct);
        var model = c.Model;
        var solutions = model.Shares.Select(s => s.Solution).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var result = new List<SolutionShares>();
        foreach (var sa in c.Allocation.Solutions.OrderBy(s => solutions[s.SolutionId].Name, ByName))
        {
            var solution = solutions[sa.SolutionId];
            var cost = c.Costs.GetValueOrDefault(sa.SolutionId);
            var shares = sa.Groups.Select(g => new ShareView(g.Group, g.BasisPoints, g.Key, g.PopulationOn, g.Collection, g.AmountOre, g.TotalWeight,
                g.Actors.Select(a => new KeyEntryView(a.OrganizationId, c.Name(a.OrganizationId), a.Weight, a.AmountOre)).ToList())).ToList();
            // Shares that could not be computed (their percents do not add up) are still shown, without amounts.
            if (shares.Count == 0)
                shares = model.Shares.Where(s => s.SolutionId == sa.SolutionId).OrderBy(s => s.Group)
                    .Select(s => new ShareView(s.Group, s.BasisPoints, s.Key, s.PopulationOn, s.Collection, 0, 0, [])).ToList();
            result.Add(new SolutionShares(solution.Id, solution.Key, solution.Name, solution.FinancingModel,
                cost is null ? null : View(cost, solution, c.PreviousCosts.GetValueOrDefault(sa.SolutionId)), sa.TotalOre, sa.FromTbu, shares));
        }
        var basedOnName = model.BasedOnId is { } basedOn
            ? await db.PriceModels.Where(m => m.Id == basedOn).Select(m => m.Name).SingleOrDefaultAsync(ct)
            : null;
        var steps = model.Steps.OrderBy(s => s.On).ThenBy(s => s.Id).Select(s => new StepView(s.Id, s.Step, s.On, s.CaseId, s.Case?.NumberText, s.Case?.Title,
            s.Reference, s.RecordedBy, s.RecordedAt)).ToList();
        return new ModelDetails(Summary(model), basedOnName, steps, result, c.Allocation.TotalsByGroup(), c.Allocation.Solutions.Sum(s => s.TotalOre),
            c.Allocation.Problems, NextSteps(model));
    }

    /// <summary>The step a model in the yearly process can take next; none for scenarios and for adopted or replaced models.</summary>
    public static IReadOnlyList<PriceModelStatus> NextSteps(PriceModel model) =>
        model.IsScenario || model.Status >= PriceModelStatus.Adopted ? [] : [model.Status + 1];

    /// <summary>The adopted model of a year. <exception cref="NotFoundException">None adopted.</exception></summary>
    public async Task<ModelDetails> AdoptedAsync(int year, CurrentUser? user, CancellationToken ct = default) =>
        await ModelAsync(await AdoptedModelIdAsync(year, ct) ?? throw new NotFoundException($"Det finnes ingen vedtatt prismodell for {year}."), user, ct);

    /// <summary>One actor's bill in a model, explained line by line, with the change from last year's adopted model.</summary>
    public async Task<ActorBill> ActorBillAsync(int modelId, int organizationId, CurrentUser? user, CancellationToken ct = default)
    {
        var c = await ComputeAsync(await LoadModelAsync(modelId, user, ct), null, withPreviousCosts: false, ct);
        var actor = c.Actors.GetValueOrDefault(organizationId) ?? throw new NotFoundException($"Fant ingen aktør med id {organizationId}.");
        var lines = BillLines(c, organizationId);
        int? previousYear = null;
        long? previousTotal = null;
        if (await AdoptedModelIdAsync(c.Model.Year - 1, ct) is { } previousId)
        {
            var previous = await ComputeAsync(await LoadModelAsync(previousId, user, ct), c.Actors.Values.ToList(), withPreviousCosts: false, ct);
            previousYear = previous.Model.Year;
            previousTotal = previous.Allocation.TotalsByActor().GetValueOrDefault(organizationId);
        }
        return new ActorBill(Summary(c.Model), new ActorRef(actor.Id, actor.Name), lines, lines.Sum(l => l.AmountOre), previousYear, previousTotal);
    }

    /// <summary>A model compared with <paramref name="baseModelId"/>, by default the adopted model of its year (else the model it was copied from).</summary>
    public async Task<ModelComparison> CompareAsync(int modelId, int? baseModelId, CurrentUser? user, CancellationToken ct = default)
    {
        var other = await LoadModelAsync(modelId, user, ct);
        if (baseModelId is null)
        {
            var adopted = await AdoptedModelIdAsync(other.Year, ct);
            baseModelId = adopted is { } a && a != other.Id ? a : other.BasedOnId
                ?? throw new NotFoundException($"«{other.Name}» har ingen vedtatt modell for {other.Year} og er ikke kopiert fra en annen modell: velg modellen den skal sammenlignes med.");
        }
        var baseModel = await LoadModelAsync(baseModelId.Value, user, ct);
        var o = await ComputeAsync(other, null, withPreviousCosts: false, ct);
        var b = await ComputeAsync(baseModel, o.Actors.Values.ToList(), withPreviousCosts: false, ct,
            baseModel.Year == other.Year ? o.Costs : null);

        var baseGroups = b.Allocation.TotalsByGroup();
        var otherGroups = o.Allocation.TotalsByGroup();
        var groups = baseGroups.Keys.Union(otherGroups.Keys).Order()
            .Select(g => new GroupChange(g, baseGroups.GetValueOrDefault(g), otherGroups.GetValueOrDefault(g))).ToList();

        var baseActors = b.Allocation.TotalsByActor();
        var otherActors = o.Allocation.TotalsByActor();
        var actors = baseActors.Keys.Union(otherActors.Keys).Select(id =>
        {
            var org = o.Actors[id];
            return new ActorChange(id, org.Name, org.MunicipalityNumber, baseActors.GetValueOrDefault(id), otherActors.GetValueOrDefault(id));
        }).OrderByDescending(a => a.ChangeOre).ThenBy(a => a.Name, ByName).ToList();
        return new ModelComparison(Summary(baseModel), Summary(other), groups, actors);
    }

    /// <summary>Every actor's amount per solution in the year's adopted model (open data). <exception cref="NotFoundException">None adopted.</exception></summary>
    public async Task<IReadOnlyList<AllocationRow>> AllocationAsync(int year, CancellationToken ct = default)
    {
        var id = await AdoptedModelIdAsync(year, ct) ?? throw new NotFoundException($"Det finnes ingen vedtatt prismodell for {year}.");
        var c = await ComputeAsync(await LoadModelAsync(id, null, ct), null, withPreviousCosts: false, ct);
        var solutions = c.Model.Shares.Select(s => s.Solution).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        return c.Allocation.Solutions.OrderBy(s => solutions[s.SolutionId].Name, ByName).SelectMany(s => s.Groups.SelectMany(g => g.Actors.Select(a =>
        {
            var org = c.Actors[a.OrganizationId];
            return new AllocationRow(year, solutions[s.SolutionId].Key, solutions[s.SolutionId].Name, g.Group, g.BasisPoints, g.Key, g.Collection,
                org.Id, org.Name, org.OrgNumber, a.Weight, g.TotalWeight, a.AmountOre);
        }))).ToList();
    }

    /// <summary>One actor's invoice basis for the year (adopted model and voluntary purchases). The office and the actor's own users.</summary>
    public async Task<InvoiceBasis> InvoiceBasisAsync(int year, int organizationId, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireInvoiceReader(user, organizationId);
        var actor = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct)
            ?? throw new NotFoundException($"Fant ingen aktør med id {organizationId}.");
        var c = await AdoptedComputedAsync(year, ct);
        var orders = await OrdersOfYear(year).Where(o => o.OrganizationId == organizationId).ToListAsync(ct);
        return Basis(year, actor, c, orders);
    }

    /// <summary>The invoice bases of every actor with something to pay in the year, in actor order. The office only.</summary>
    public async Task<IReadOnlyList<InvoiceBasis>> InvoiceBasesAsync(int year, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is not { IsOffice: true }) throw new ForbiddenException("Fakturagrunnlagene for alle aktører vises bare for porteføljekontoret.");
        var c = await AdoptedComputedAsync(year, ct);
        var orders = (await OrdersOfYear(year).ToListAsync(ct)).ToLookup(o => o.OrganizationId);
        var payers = new HashSet<int>(orders.Select(o => o.Key));
        var actors = c?.Actors ?? await db.Organizations.AsNoTracking().Where(o => payers.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        if (c is not null)
            foreach (var g in c.Allocation.Solutions.SelectMany(s => s.Groups).Where(g => g.Collection != CollectionMethod.StateBudget))
                foreach (var a in g.Actors.Where(a => a.AmountOre > 0))
                    payers.Add(a.OrganizationId);
        return payers.Select(id => actors[id]).OrderBy(a => a.Name, ByName).ThenBy(a => a.Id)
            .Select(a => Basis(year, a, c, orders[a.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<CostBasisView>> CostBasesAsync(int year, CancellationToken ct = default)
    {
        var costs = await db.CostBases.AsNoTracking().Include(c => c.Solution).Where(c => c.Year == year || c.Year == year - 1).ToListAsync(ct);
        var previous = costs.Where(c => c.Year == year - 1).ToDictionary(c => c.SolutionId);
        return costs.Where(c => c.Year == year).Select(c => View(c, c.Solution, previous.GetValueOrDefault(c.SolutionId)))
            .OrderBy(v => v.SolutionName, ByName).ToList();
    }

    /// <summary>A solution's cost basis for a year, or null when none is recorded. <exception cref="NotFoundException">No such solution.</exception></summary>
    public async Task<CostBasisView?> CostBasisAsync(string solutionKey, int year, CancellationToken ct = default)
    {
        var solution = await SolutionAsync(solutionKey, ct);
        var costs = await db.CostBases.AsNoTracking().Where(c => c.SolutionId == solution.Id && (c.Year == year || c.Year == year - 1)).ToListAsync(ct);
        var cost = costs.SingleOrDefault(c => c.Year == year);
        return cost is null ? null : View(cost, solution, costs.SingleOrDefault(c => c.Year == year - 1));
    }

    /// <summary>A solution's life-cycle cost: actual where a year is closed, budget (forecast) where not, with the running sum.</summary>
    public async Task<LifeCycleCost> LifeCycleAsync(string solutionKey, CancellationToken ct = default)
    {
        var solution = await SolutionAsync(solutionKey, ct);
        var costs = await db.CostBases.AsNoTracking().Where(c => c.SolutionId == solution.Id).OrderBy(c => c.Year).ToListAsync(ct);
        long cumulative = 0, history = 0, forecast = 0;
        var years = new List<LifeCycleYear>();
        foreach (var c in costs)
        {
            var actual = c.ActualOre;
            if (actual is { } a) history += a;
            else forecast += c.BudgetOre;
            cumulative += actual ?? c.BudgetOre;
            years.Add(new LifeCycleYear(c.Year, c.BudgetOre, actual, actual is null, cumulative));
        }
        return new LifeCycleCost(solution.Key, solution.Name, years, history, forecast);
    }

    public async Task<IReadOnlyList<PriceListView>> PriceListAsync(int year, CancellationToken ct = default)
    {
        var items = await db.PriceListItems.AsNoTracking().Where(i => i.Year == year)
            .Select(i => new PriceListView(i.Id, i.SolutionId, i.Solution.Key, i.Solution.Name, i.Year, i.Name, i.Unit, i.UnitPriceOre, i.IsDemo, i.Version))
            .ToListAsync(ct);
        return items.OrderBy(i => i.SolutionName, ByName).ThenBy(i => i.Name, ByName).ThenBy(i => i.Id).ToList();
    }

    /// <summary>Orders of the year: all for the office, the organisation's own for its users (organizationId narrows for the office).</summary>
    /// <exception cref="ForbiddenException">Anonymous, a user without an organisation, or another organisation's orders.</exception>
    public async Task<IReadOnlyList<ServiceOrderView>> OrdersAsync(int year, int? organizationId, CurrentUser? user, CancellationToken ct = default)
    {
        int? only;
        if (user is { IsOffice: true }) only = organizationId;
        else if (user is { OrganizationId: { } own } && (organizationId is null || organizationId == own)) only = own;
        else throw new ForbiddenException("Bestillingene vises bare for aktørens egne brukere og porteføljekontoret.");
        var q = OrdersOfYear(year);
        if (only is { } org) q = q.Where(o => o.OrganizationId == org);
        var orders = await q.ToListAsync(ct);
        return orders.OrderBy(o => o.Organization.Name, ByName).ThenBy(o => o.OrderedOn).ThenBy(o => o.Id)
            .Select(o => new ServiceOrderView(o.Id, o.PriceListItemId, o.Item.Name, o.Item.Solution.Name, o.OrganizationId, o.Organization.Name,
                o.Quantity, o.Item.UnitPriceOre, o.AmountOre, o.OrderedOn, o.Note, o.IsDemo, o.Version)).ToList();
    }

    // ---- Helpers ----

    /// <summary>A computed model with what its views need: the actors by id, the year's cost bases and (when asked for) the year before's.</summary>
    private sealed record Computed(PriceModel Model, ModelAllocation Allocation, IReadOnlyDictionary<int, CostBasis> Costs,
        IReadOnlyDictionary<int, CostBasis> PreviousCosts, IReadOnlyDictionary<int, Organization> Actors)
    {
        public string Name(int organizationId) => Actors.TryGetValue(organizationId, out var o) ? o.Name : $"aktør {organizationId}";
    }

    /// <summary>
    /// Computes a loaded model with few queries: the cost bases of its year (and the year before) in one, the actors in one
    /// unless given, and one per population date its keys name.
    /// </summary>
    private async Task<Computed> ComputeAsync(PriceModel model, IReadOnlyList<Organization>? actors, bool withPreviousCosts, CancellationToken ct,
        IReadOnlyDictionary<int, CostBasis>? costsOfYear = null)
    {
        Dictionary<int, CostBasis> previous = [];
        IReadOnlyDictionary<int, CostBasis> costs;
        if (costsOfYear is not null && !withPreviousCosts) costs = costsOfYear;
        else
        {
            var year = model.Year;
            var first = withPreviousCosts ? year - 1 : year;
            var rows = await db.CostBases.AsNoTracking().Where(c => c.Year >= first && c.Year <= year).ToListAsync(ct);
            costs = rows.Where(c => c.Year == year).ToDictionary(c => c.SolutionId);
            previous = rows.Where(c => c.Year == year - 1).ToDictionary(c => c.SolutionId);
        }
        // Only what the keys and the views read: the organisations table is the widest the benchmark loads.
        actors ??= await db.Organizations.AsNoTracking().Select(o => new Organization
        {
            Id = o.Id, Key = o.Key, Name = o.Name, OrgNumber = o.OrgNumber, Type = o.Type, Region = o.Region,
            MunicipalityNumber = o.MunicipalityNumber, ExistsFrom = o.ExistsFrom, ExistsTo = o.ExistsTo,
        }).ToListAsync(ct);
        var dates = model.Shares.Where(s => s.Key == DistributionKey.Population)
            .Select(s => s.PopulationOn ?? new DateOnly(model.Year, 1, 1)).Distinct().ToList();
        var figures = new Dictionary<DateOnly, IReadOnlyDictionary<int, int>>();
        foreach (var on in dates)
            figures[on] = await db.PopulationFigures.AsNoTracking().Where(p => p.On == on).ToDictionaryAsync(p => p.OrganizationId, p => p.Population, ct);
        var allocation = PriceModelCalculator.Calculate(model, costs, new KeyData(actors, figures));
        return new Computed(model, allocation, costs, previous, actors.ToDictionary(a => a.Id));
    }

    private async Task<Computed?> AdoptedComputedAsync(int year, CancellationToken ct) =>
        await AdoptedModelIdAsync(year, ct) is { } id ? await ComputeAsync(await LoadModelAsync(id, null, ct), null, withPreviousCosts: false, ct) : null;

    private static List<ActorBillLine> BillLines(Computed c, int organizationId)
    {
        var solutions = c.Model.Shares.Select(s => s.Solution).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var lines = new List<ActorBillLine>();
        foreach (var s in c.Allocation.Solutions.OrderBy(s => solutions[s.SolutionId].Name, ByName))
            foreach (var g in s.Groups)
                foreach (var a in g.Actors.Where(a => a.OrganizationId == organizationId))
                    lines.Add(new ActorBillLine(s.SolutionId, solutions[s.SolutionId].Key, solutions[s.SolutionId].Name, s.TotalOre, s.FromTbu,
                        g.Group, g.BasisPoints, g.AmountOre, g.Key, g.PopulationOn, a.Weight, g.TotalWeight, a.AmountOre, g.Collection));
        return lines;
    }

    private static InvoiceBasis Basis(int year, Organization actor, Computed? c, IReadOnlyList<ServiceOrder> orders)
    {
        var explanation = c is null ? [] : BillLines(c, actor.Id).Where(l => l.Collection != CollectionMethod.StateBudget).ToList();
        InvoiceLine CoFinancing(ActorBillLine l) => new(actor.Id, actor.Name, actor.OrgNumber, year, l.SolutionKey, l.SolutionName,
            $"Samfinansiering av {l.SolutionName} {year} ({l.Group.Label().ToLowerInvariant()} {PriceModelCalculator.Percent(l.BasisPoints)}, {l.Key.Label().ToLowerInvariant()})",
            l.Collection, false, null, null, l.AmountOre);
        var invoiced = explanation.Where(l => l.Collection == CollectionMethod.Invoice).Select(CoFinancing).ToList();
        invoiced.AddRange(orders.OrderBy(o => o.OrderedOn).ThenBy(o => o.Id).Select(o => new InvoiceLine(actor.Id, actor.Name, actor.OrgNumber, year,
            o.Item.Solution.Key, o.Item.Solution.Name, $"{o.Item.Name} ({o.Item.Unit})", CollectionMethod.Invoice, true, o.Quantity, o.Item.UnitPriceOre, o.AmountOre)));
        var deducted = explanation.Where(l => l.Collection == CollectionMethod.BlockGrantDeduction).Select(CoFinancing).ToList();
        return new InvoiceBasis(year, new ActorRef(actor.Id, actor.Name), actor.OrgNumber, c is null ? null : Summary(c.Model), invoiced, deducted, explanation);
    }

    private IQueryable<ServiceOrder> OrdersOfYear(int year) =>
        db.ServiceOrders.AsNoTracking().Include(o => o.Item).ThenInclude(i => i.Solution).Include(o => o.Organization).Where(o => o.Item.Year == year);

    private async Task<NationalSolution> SolutionAsync(string key, CancellationToken ct) =>
        await db.NationalSolutions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct)
        ?? throw new NotFoundException($"Fant ingen nasjonal løsning med nøkkelen «{key}».");

    private static CostBasisView View(CostBasis c, NationalSolution solution, CostBasis? previous)
    {
        long? previousOre = previous?.AllocatedOre;
        long? unexplained = previousOre is { } p ? c.AllocatedOre - p - ((c.PriceWageGrowthOre ?? 0) + (c.VolumeOre ?? 0) + (c.NewFunctionsOre ?? 0)) : null;
        return new CostBasisView(c.SolutionId, solution.Key, solution.Name, c.Year, c.ManagementOre, c.OperationOre, c.DevelopmentOre, c.InvestmentOre,
            c.ActualRunningOre, c.ActualInvestmentOre, c.TbuOre, c.TbuRecordedBy, c.TbuRecordedAt, c.PriceWageGrowthOre, c.VolumeOre, c.NewFunctionsOre,
            previousOre, unexplained, c.Note, c.IsDemo, c.Version);
    }

    public static ModelSummary Summary(PriceModel m) =>
        new(m.Id, m.Year, m.Number, m.Name, m.IsScenario, m.Status, m.BasedOnId, m.Note, m.IsDemo, m.Version);

    private static readonly System.Linq.Expressions.Expression<Func<PriceModel, ModelSummary>> SummaryOf = m =>
        new ModelSummary(m.Id, m.Year, m.Number, m.Name, m.IsScenario, m.Status, m.BasedOnId, m.Note, m.IsDemo, m.Version);
}
