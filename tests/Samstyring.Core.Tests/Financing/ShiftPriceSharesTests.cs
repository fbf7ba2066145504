using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The office moves percentage points from one group to another, in one solution or all of them, all or nothing.</summary>
public abstract class ShiftPriceSharesTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<PriceModel> ShiftAsync(int modelId, string? from, string? to, decimal? points, string? solution, int? version, CurrentUser? user = null) =>
        db.SendAsync((ShiftPriceShares u) => u.HandleAsync(modelId, from, to, points, solution, version, user), user);

    /// <summary>Kjernejournal with the standard shares; e-resept paid by the state (80 %) and pharmacies (20 %), without municipalities.</summary>
    private async Task<PriceModel> TwoSolutionsAsync(int year)
    {
        var model = await db.ComputableDraftAsync(year);
        var apotek = await db.OrganizationIdAsync("apotekforeningen");
        return await db.SaveSharesAsync(model.Id, FinancingTestData.EResept,
            [new ShareInput("state", 80, "equal", null, null, null), new ShareInput("pharmacies", 20, "equal", null, null, [new KeyEntryInput(apotek, null)])], model.Version);
    }

    private static Dictionary<(string, PayerGroup), int> Points(PriceModel m, int kjernejournal) =>
        m.Shares.ToDictionary(s => (s.SolutionId == kjernejournal ? "kj" : "er", s.Group), s => s.BasisPoints);

    [Fact]
    public async Task Points_move_in_every_solution_and_a_missing_municipal_share_is_made_with_the_population_key()
    {
        if (!db.Available) return;
        var model = await TwoSolutionsAsync(2071);
        var kj = await db.QueryAsync(x => Task.FromResult(x.NationalSolutions.Single(s => s.Key == FinancingTestData.Kjernejournal).Id));
        var shifted = await ShiftAsync(model.Id, "state", "municipalities", 12.5m, null, model.Version, db.Office);
        Assert.Equal(model.Version + 1, shifted.Version);

        var stored = await db.LoadModelAsync(model.Id);
        var points = Points(stored, kj);
        Assert.Equal(750, points[("kj", PayerGroup.State)]);
        Assert.Equal(6_250, points[("kj", PayerGroup.Municipalities)]);
        Assert.Equal(6_750, points[("er", PayerGroup.State)]);
        Assert.Equal(1_250, points[("er", PayerGroup.Municipalities)]);
        var created = stored.Shares.Single(s => s.SolutionId != kj && s.Group == PayerGroup.Municipalities);
        Assert.Equal((DistributionKey.Population, new DateOnly(2071, 1, 1), CollectionMethod.Invoice), (created.Key, created.PopulationOn, created.Collection));
        Assert.All(stored.Shares.GroupBy(s => s.SolutionId), g => Assert.Equal(10_000, g.Sum(s => s.BasisPoints)));

        // In one solution only; an existing share grows, and a new one for another group than municipalities has equal shares.
        stored = await ShiftAsync(model.Id, "state", "regional-health-authorities", 7.5m, FinancingTestData.Kjernejournal, stored.Version, db.Office);
        stored = await ShiftAsync(model.Id, "state", "regional-health-authorities", 50, FinancingTestData.EResept, stored.Version, db.Office);
        stored = await db.LoadModelAsync(model.Id);
        points = Points(stored, kj);
        Assert.Equal(0, points[("kj", PayerGroup.State)]);
        Assert.Equal(3_750, points[("kj", PayerGroup.RegionalHealthAuthorities)]);
        Assert.Equal(1_750, points[("er", PayerGroup.State)]);
        var equal = stored.Shares.Single(s => s.SolutionId != kj && s.Group == PayerGroup.RegionalHealthAuthorities);
        Assert.Equal((DistributionKey.Equal, 5_000, 0), (equal.Key, equal.BasisPoints, equal.Entries.Count));
    }

    [Fact]
    public async Task Moving_more_than_a_group_has_anywhere_moves_nothing_and_names_the_solution()
    {
        if (!db.Available) return;
        var model = await TwoSolutionsAsync(2072);
        var before = await db.FinancingCountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "municipalities", 25, null, model.Version, db.Office), "points");
        Assert.Equal("25 prosentpoeng er mer enn andelen til staten i Kjernejournal (20\u00A0%).", Assert.Single(errors["points"]));

        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "state", 1, null, model.Version, db.Office), "toGroup");
        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "nobody", null, 0.001m, null, model.Version, db.Office), "fromGroup", "toGroup", "points");
        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "others", 0, null, model.Version, db.Office), "points");
        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "others", 100.01m, null, model.Version, db.Office), "points");
        // Others have no default members: an equal share for them cannot be made without naming the actors.
        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "others", 1, null, model.Version, db.Office), "toGroup");
        await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "others", "state", 1, null, model.Version, db.Office), "fromGroup");

        Assert.Equal(before, await db.FinancingCountsAsync());
        Assert.Equal(model.Version, (await db.LoadModelAsync(model.Id)).Version);
    }

    [Fact]
    public async Task A_new_municipal_share_needs_the_years_population_figures()
    {
        if (!db.Available) return;
        var model = await db.CreateModelAsync(2073);
        model = await db.SaveSharesAsync(model.Id, FinancingTestData.EResept, [new ShareInput("state", 100, "equal", null, null, null)], model.Version);
        var errors = await TestHelpers.AssertInvalidAsync(() => ShiftAsync(model.Id, "state", "municipalities", 10, FinancingTestData.EResept, model.Version, db.Office), "toGroup");
        Assert.Equal("Det finnes ingen folketall per 1. januar 2073.", Assert.Single(errors["toGroup"]));
        Assert.Single((await db.LoadModelAsync(model.Id)).Shares);
    }

    [Fact]
    public async Task Adopted_models_stale_versions_and_everyone_but_the_office_are_refused()
    {
        if (!db.Available) return;
        var adopted = await db.AdoptAsync(await db.ComputableDraftAsync(2074));
        var e = await TestHelpers.AssertInvalidAsync(() => ShiftAsync(adopted.Id, "state", "municipalities", 1, null, adopted.Version, db.Office), "model");
        Assert.Equal("En vedtatt prismodell kan ikke endres; lag et nytt utkast.", Assert.Single(e["model"]));

        var draft = await db.ComputableDraftAsync(2075);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ShiftAsync(draft.Id, "state", "municipalities", 1, null, draft.Version - 1, db.Office));
        await Assert.ThrowsAsync<VersionRequiredException>(() => ShiftAsync(draft.Id, "state", "municipalities", 1, null, null, db.Office));
        foreach (var user in new[] { await db.TbuAsync(), db.Member, db.OwnerHelseSorOst, null })
            await Assert.ThrowsAsync<ForbiddenException>(() => ShiftAsync(draft.Id, "state", "municipalities", 1, null, draft.Version, user));
        Assert.Equal(draft.Version, (await db.LoadModelAsync(draft.Id)).Version);
    }
}

public sealed class ShiftPriceSharesTestsSqlite(SqliteDatabase db) : ShiftPriceSharesTests(db), IClassFixture<SqliteDatabase>;

public sealed class ShiftPriceSharesTestsPostgres(PostgresDatabase db) : ShiftPriceSharesTests(db), IClassFixture<PostgresDatabase>;
