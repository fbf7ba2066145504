using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

/// <summary>
/// Reads the financing area: years, price models and their allocation, each actor's bill explained, comparisons, cost bases
/// and life-cycle cost, price lists, orders and invoice bases. A draft or scenario is "not found" for those who may not see it.
/// A computed model and the key data it reads (actors, population figures, cost bases) are read once per call and kept in the
/// <see cref="ReadCache"/> until the data changes, so the model page, the bills, the comparisons and the invoice bases of a
/// year share one computation; the access check is made on every call, never cached.
/// </summary>
[UseCase]
public sealed class FinancingQueries(SamstyringDb db, ReadCache? cache = null)
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
        var c = await NewReads(ct).ComputedAsync(modelId, user);
        var model = c.Model;
        var solutions = c.Solutions;
        var result = new List<SolutionShares>();
        foreach (var sa in c.Allocation.Solutions.OrderBy(s => solutions[s.SolutionId].Name, ByName))
        {
            var solution = solutions[sa.SolutionId];
            var cost = c.Costs.GetValueOrDefault(sa.SolutionId);
            var shares = sa.Groups.Select(g => new ShareView(g.Group, g.BasisPoints, g.Key, g.PopulationOn, g.Collection, g.AmountOre, g.TotalWeight,
                g.Actors.Select(a => new KeyEntryView(a.OrganizationId, c.Name(a.OrganizationId), a.Weight, a.AmountOre,
                    c.Actors.GetValueOrDefault(a.OrganizationId)?.MunicipalityNumber)).ToList())).ToList();
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
        var reads = NewReads(ct);
        var c = await reads.ComputedAsync(modelId, user);
        var actor = c.Actors.GetValueOrDefault(organizationId) ?? throw new NotFoundException($"Fant ingen aktør med id {organizationId}.");
        var lines = c.BillLines[organizationId].ToList();
        int? previousYear = null;
        long? previousTotal = null;
        if (await AdoptedModelIdAsync(c.Model.Year - 1, ct) is { } previousId)
        {
            var previous = await reads.ComputedAsync(previousId, user);
            previousYear = previous.Model.Year;
            previousTotal = previous.TotalsByActor.GetValueOrDefault(organizationId);
        }
        return new ActorBill(Summary(c.Model), new ActorRef(actor.Id, actor.Name), lines, lines.Sum(l => l.AmountOre), previousYear, previousTotal);
    }

    /// <summary>A model compared with <paramref name="baseModelId"/>, by default the adopted model of its year (else the model it was copied from).</summary>
    public async Task<ModelComparison> CompareAsync(int modelId, int? baseModelId, CurrentUser? user, CancellationToken ct = default) =>
        (await CompareAsync([modelId], baseModelId, user, ct))[0];

    /// <summary>
    /// Several models (the scenarios of a year) each compared with <paramref name="baseModelId"/>, or each with its default base as
    /// in <see cref="CompareAsync(int, int?, CurrentUser?, CancellationToken)"/>. A base shared by several is computed once, and the
    /// key data are read once for all. <exception cref="NotFoundException">A model the user may not see, or one without a base.</exception>
    /// </summary>
    public async Task<IReadOnlyList<ModelComparison>> CompareAsync(IReadOnlyList<int> modelIds, int? baseModelId, CurrentUser? user, CancellationToken ct = default)
    {
        var reads = NewReads(ct);
        var result = new List<ModelComparison>(modelIds.Count);
        foreach (var modelId in modelIds)
        {
            var o = await reads.ComputedAsync(modelId, user);
            var other = o.Model;
            var baseId = baseModelId;
            if (baseId is null)
            {
                var adopted = await AdoptedModelIdAsync(other.Year, ct);
                baseId = adopted is { } a && a != other.Id ? a : other.BasedOnId
                    ?? throw new NotFoundException($"«{other.Name}» har ingen vedtatt modell for {other.Year} og er ikke kopiert fra en annen modell: velg modellen den skal sammenlignes med.");
            }
            result.Add(Compare(await reads.ComputedAsync(baseId.Value, user), o));
        }
        return result;
    }

    private static ModelComparison Compare(Computed b, Computed o)
    {
        var baseGroups = b.TotalsByGroup;
        var otherGroups = o.TotalsByGroup;
        var groups = baseGroups.Keys.Union(otherGroups.Keys).Order()
            .Select(g => new GroupChange(g, baseGroups.GetValueOrDefault(g), otherGroups.GetValueOrDefault(g))).ToList();

        var baseActors = b.TotalsByActor;
        var otherActors = o.TotalsByActor;
        var actors = baseActors.Keys.Union(otherActors.Keys).Select(id =>
        {
            var org = o.Actors[id];
            return new ActorChange(id, org.Name, org.MunicipalityNumber, baseActors.GetValueOrDefault(id), otherActors.GetValueOrDefault(id));
        }).OrderByDescending(a => a.ChangeOre).ThenBy(a => a.Name, ByName).ToList();
        return new ModelComparison(Summary(b.Model), Summary(o.Model), groups, actors);
    }

    /// <summary>Every actor's amount per solution in the year's adopted model (open data). <exception cref="NotFoundException">None adopted.</exception></summary>
    public async Task<IReadOnlyList<AllocationRow>> AllocationAsync(int year, CancellationToken ct = default)
    {
        var id = await AdoptedModelIdAsync(year, ct) ?? throw new NotFoundException($"Det finnes ingen vedtatt prismodell for {year}.");
        var c = await NewReads(ct).ComputedAsync(id, null);
        var solutions = c.Solutions;
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

    /// <summary>
    /// A computed model with what its views need: the actors by id, the year's cost bases and the year before's, the solutions
    /// by id, and (made when first asked for) totals per group and per actor and each actor's bill lines. Shared through the read
    /// cache, so nothing here is changed after it is made.
    /// </summary>
    private sealed class Computed(PriceModel model, ModelAllocation allocation, IReadOnlyDictionary<int, CostBasis> costs,
        IReadOnlyDictionary<int, CostBasis> previousCosts, IReadOnlyDictionary<int, Organization> actors)
    {
        private readonly Lazy<Dictionary<PayerGroup, long>> _byGroup = new(allocation.TotalsByGroup);
        private readonly Lazy<Dictionary<int, long>> _byActor = new(allocation.TotalsByActor);
        private readonly Lazy<ILookup<int, ActorBillLine>> _lines = new(() => AllBillLines(model, allocation));

        public PriceModel Model => model;
        public ModelAllocation Allocation => allocation;
        public IReadOnlyDictionary<int, CostBasis> Costs => costs;
        public IReadOnlyDictionary<int, CostBasis> PreviousCosts => previousCosts;
        public IReadOnlyDictionary<int, Organization> Actors => actors;
        public IReadOnlyDictionary<int, NationalSolution> Solutions { get; } = model.Shares.Select(s => s.Solution).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        public IReadOnlyDictionary<PayerGroup, long> TotalsByGroup => _byGroup.Value;
        public IReadOnlyDictionary<int, long> TotalsByActor => _byActor.Value;
        /// <summary>Each actor's bill lines, solutions by name, in one pass over the allocation (not one pass per actor).</summary>
        public ILookup<int, ActorBillLine> BillLines => _lines.Value;

        public string Name(int organizationId) => actors.TryGetValue(organizationId, out var o) ? o.Name : $"aktør {organizationId}";
    }

    /// <summary>
    /// What one call reads, each piece once (a comparison of five scenarios reads the actors once), through the read cache when
    /// there is one: the data a later call reads is the same until a change is committed, and any commit empties the cache.
    /// </summary>
    private sealed class Reads(SamstyringDb db, ReadCache? cache, CancellationToken ct)
    {
        private readonly Dictionary<string, object> _read = [];

        private async Task<T> OnceAsync<T>(string key, Func<Task<T>> load) where T : notnull
        {
            if (_read.TryGetValue(key, out var value)) return (T)value;
            var loaded = cache is null ? await load() : (await cache.GetOrAddAsync("financing:" + key, db, load, ct)).Value;
            _read[key] = loaded;
            return loaded;
        }

        /// <summary>A model computed, if the user may see it; the access check is made here, on every call, not cached.</summary>
        /// <exception cref="NotFoundException">No such model, or a draft or scenario the user may not see.</exception>
        public async Task<Computed> ComputedAsync(int modelId, CurrentUser? user)
        {
            var c = await OnceAsync($"computed:{modelId}", async () =>
            {
                var model = await LeanModelAsync(modelId);
                var costs = await CostsAsync(model.Year);
                var previous = await CostsAsync(model.Year - 1);
                var (actors, byId) = await ActorsAsync();
                var figures = new Dictionary<DateOnly, IReadOnlyDictionary<int, int>>();
                foreach (var on in model.Shares.Where(s => s.Key == DistributionKey.Population).Select(s => s.PopulationOn ?? new DateOnly(model.Year, 1, 1)).Distinct())
                    figures[on] = await PopulationAsync(on);
                return new Computed(model, PriceModelCalculator.Calculate(model, costs, new KeyData(actors, figures)), costs, previous, byId);
            });
            if (!FinancingAccess.CanSee(user, c.Model)) throw new NotFoundException($"Fant ingen prismodell med id {modelId}.");
            return c;
        }

        /// <summary>
        /// The model as <see cref="LoadModelAsync"/> loads it, but with only what the computation and the views read: a share's
        /// solution with its key, name and financing model, and a key entry's actor and weight (not every column of the catalogue).
        /// </summary>
        private async Task<PriceModel> LeanModelAsync(int modelId)
        {
            var model = await db.PriceModels.AsNoTracking().AsSplitQuery().Include(m => m.Steps).ThenInclude(s => s.Case)
                .SingleOrDefaultAsync(m => m.Id == modelId, ct) ?? throw new NotFoundException($"Fant ingen prismodell med id {modelId}.");
            model.Shares = await db.PriceModelShares.AsNoTracking().Where(s => s.PriceModelId == modelId).Select(s => new PriceModelShare
            {
                Id = s.Id, PriceModelId = s.PriceModelId, SolutionId = s.SolutionId, Group = s.Group, BasisPoints = s.BasisPoints, Key = s.Key,
                PopulationOn = s.PopulationOn, Collection = s.Collection,
                Solution = new NationalSolution { Id = s.Solution.Id, Key = s.Solution.Key, Name = s.Solution.Name, FinancingModel = s.Solution.FinancingModel },
            }).ToListAsync(ct);
            var entries = (await db.KeyEntries.AsNoTracking().Where(e => e.Share.PriceModelId == modelId)
                .Select(e => new KeyEntry { Id = e.Id, ShareId = e.ShareId, OrganizationId = e.OrganizationId, Weight = e.Weight }).ToListAsync(ct))
                .ToLookup(e => e.ShareId);
            foreach (var share in model.Shares) share.Entries = entries[share.Id].ToList();
            return model;
        }

        private Task<IReadOnlyDictionary<int, CostBasis>> CostsAsync(int year) => OnceAsync($"costs:{year}", async () =>
            (IReadOnlyDictionary<int, CostBasis>)await db.CostBases.AsNoTracking().Where(c => c.Year == year).ToDictionaryAsync(c => c.SolutionId, ct));

        // Only what the keys and the views read: the organisations table is the widest the computation reads.
        private Task<(IReadOnlyList<Organization> List, IReadOnlyDictionary<int, Organization> ById)> ActorsAsync() => OnceAsync("actors", async () =>
        {
            var actors = await db.Organizations.AsNoTracking().Select(o => new Organization
            {
                Id = o.Id, Key = o.Key, Name = o.Name, OrgNumber = o.OrgNumber, Type = o.Type, Region = o.Region,
                MunicipalityNumber = o.MunicipalityNumber, ExistsFrom = o.ExistsFrom, ExistsTo = o.ExistsTo,
            }).ToListAsync(ct);
            return ((IReadOnlyList<Organization>)actors, (IReadOnlyDictionary<int, Organization>)actors.ToDictionary(a => a.Id));
        });

        private Task<IReadOnlyDictionary<int, int>> PopulationAsync(DateOnly on) => OnceAsync($"population:{on:yyyy-MM-dd}", async () =>
            (IReadOnlyDictionary<int, int>)await db.PopulationFigures.AsNoTracking().Where(p => p.On == on)
                .ToDictionaryAsync(p => p.OrganizationId, p => p.Population, ct));
    }

    private Reads NewReads(CancellationToken ct) => new(db, cache, ct);

    private async Task<Computed?> AdoptedComputedAsync(int year, CancellationToken ct) =>
        await AdoptedModelIdAsync(year, ct) is { } id ? await NewReads(ct).ComputedAsync(id, null) : null;

    private static ILookup<int, ActorBillLine> AllBillLines(PriceModel model, ModelAllocation allocation)
    {
        var solutions = model.Shares.Select(s => s.Solution).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var lines = new List<(int OrganizationId, ActorBillLine Line)>();
        foreach (var s in allocation.Solutions.OrderBy(s => solutions[s.SolutionId].Name, ByName))
            foreach (var g in s.Groups)
                foreach (var a in g.Actors)
                    lines.Add((a.OrganizationId, new ActorBillLine(s.SolutionId, solutions[s.SolutionId].Key, solutions[s.SolutionId].Name, s.TotalOre, s.FromTbu,
                        g.Group, g.BasisPoints, g.AmountOre, g.Key, g.PopulationOn, a.Weight, g.TotalWeight, a.AmountOre, g.Collection)));
        return lines.ToLookup(l => l.OrganizationId, l => l.Line);
    }

    private static InvoiceBasis Basis(int year, Organization actor, Computed? c, IReadOnlyList<ServiceOrder> orders)
    {
        var explanation = c is null ? [] : c.BillLines[actor.Id].Where(l => l.Collection != CollectionMethod.StateBudget).ToList();
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
