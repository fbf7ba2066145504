using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>Row counts of every financing table and the audit trail, to prove a refused change saved nothing.</summary>
public sealed record FinancingCounts(int Models, int Steps, int Shares, int Entries, int CostBases, int Items, int Orders, int Audit);

/// <summary>
/// Arranges financing data for the Core tests. Each test works in a year of its own (models are numbered per year and
/// population figures are per date), so the tests of a class can share one database.
/// </summary>
public static class FinancingTestData
{
    public const string Kjernejournal = "kjernejournal";
    public const string EResept = "e-resept";

    public static Task<CurrentUser> TbuAsync(this TestDatabase db) =>
        db.QueryAsync(x => x.Users.AsNoTracking().Where(u => u.UserName == "tbu").Select(u => u.ToCurrentUser()).SingleAsync());

    public static Task<FinancingCounts> FinancingCountsAsync(this TestDatabase db) => db.QueryAsync(async x => new FinancingCounts(
        await x.PriceModels.CountAsync(), await x.PriceModelSteps.CountAsync(), await x.PriceModelShares.CountAsync(), await x.KeyEntries.CountAsync(),
        await x.CostBases.CountAsync(), await x.PriceListItems.CountAsync(), await x.ServiceOrders.CountAsync(), await x.AuditLog.CountAsync()));

    public static Task<int[]> RhfIdsAsync(this TestDatabase db) =>
        db.QueryAsync(x => x.Organizations.Where(o => o.Type == OrganizationType.Rhf).OrderBy(o => o.Id).Select(o => o.Id).ToArrayAsync());

    /// <summary>Population figures on <paramref name="on"/> for every municipality that existed then, except those named.</summary>
    public static Task AddPopulationAsync(this TestDatabase db, DateOnly on, params string[] except) => db.QueryAsync(async x =>
    {
        var municipalities = await x.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Kommune).ToListAsync();
        x.PopulationFigures.AddRange(municipalities.Where(m => m.ExistedOn(on) && !except.Contains(m.Name))
            .Select(m => new PopulationFigure { OrganizationId = m.Id, On = on, Population = 1_000 + m.Id, Source = "Testdata" }));
        return await x.SaveChangesAsync();
    });

    public static Task<PriceModel> LoadModelAsync(this TestDatabase db, int id) => db.QueryAsync(x => x.PriceModels.AsNoTracking().AsSplitQuery()
        .Include(m => m.Shares).ThenInclude(s => s.Entries).Include(m => m.Steps).SingleAsync(m => m.Id == id));

    public static Task<PriceModel> CreateModelAsync(this TestDatabase db, int year, bool scenario = false, int? from = null, string? name = null) =>
        db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(from, year, name, scenario, null), db.Office), db.Office);

    /// <summary>State 20 % (equal), the regional health authorities 30 % (fixed key over all four) and municipalities 50 % (population).</summary>
    public static async Task<List<ShareInput>> StandardSharesAsync(this TestDatabase db, string? populationOn = null)
    {
        var rhfs = await db.RhfIdsAsync();
        return
        [
            new ShareInput("state", 20, "equal", null, null, null),
            new ShareInput("regional-health-authorities", 30, "fixed", null, null, rhfs.Select((id, i) => new KeyEntryInput(id, 10 + i)).ToList()),
            new ShareInput("municipalities", 50, "population", populationOn, "block-grant-deduction", null),
        ];
    }

    public static Task<PriceModel> SaveSharesAsync(this TestDatabase db, int modelId, string solution, IReadOnlyList<ShareInput> shares, int? version) =>
        db.SendAsync((SavePriceShares u) => u.HandleAsync(modelId, solution, shares, version, db.Office), db.Office);

    public static Task<CostBasis> SaveCostAsync(this TestDatabase db, string solution, int year, long managementOre, int? version = null) =>
        db.SendAsync((SaveCostBasis u) => u.HandleAsync(solution, year, new CostBasisInput(managementOre, 0, 0, 0, null, null, null, null, null, null), version, db.Office), db.Office);

    public static Task<PriceModel> StepAsync(this TestDatabase db, int modelId, string step, string on, int? version, string? reference = "Dokument", CurrentUser? user = null) =>
        db.SendAsync((RecordPriceModelStep u) => u.HandleAsync(modelId, new StepInput(step, on, null, reference), version, user ?? db.Office), user ?? db.Office);

    /// <summary>A draft for the year with the standard shares of one solution, its cost basis and population figures: ready to adopt.</summary>
    public static async Task<PriceModel> ComputableDraftAsync(this TestDatabase db, int year, long costOre = 1_000_000_00)
    {
        var on = new DateOnly(year, 1, 1);
        if (!await db.QueryAsync(x => x.PopulationFigures.AnyAsync(p => p.On == on))) await db.AddPopulationAsync(on);
        if (!await db.QueryAsync(x => x.CostBases.AnyAsync(c => c.Year == year && c.Solution.Key == Kjernejournal))) await db.SaveCostAsync(Kjernejournal, year, costOre);
        var model = await db.CreateModelAsync(year);
        return await db.SaveSharesAsync(model.Id, Kjernejournal, await db.StandardSharesAsync(), model.Version);
    }

    /// <summary>Takes a draft through every step to adopted, and returns it.</summary>
    public static async Task<PriceModel> AdoptAsync(this TestDatabase db, PriceModel model)
    {
        // The draft step is dated today, and no step may come before the one before it.
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var step in new[] { "council-case", "tbu-calculation", "public-consultation", "ks-consultation", "adopted" })
            model = await db.StepAsync(model.Id, step, day.ToString("yyyy-MM-dd"), model.Version);
        return model;
    }
}
