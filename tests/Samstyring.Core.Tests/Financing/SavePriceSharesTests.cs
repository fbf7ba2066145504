using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>
/// The office sets a solution's shares in a draft or scenario, all at once: percents to the hundredth adding up to 100 %,
/// whole keys, population figures that exist. A bad list is reported whole and leaves the old shares as they were.
/// </summary>
public abstract class SavePriceSharesTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    [Fact]
    public async Task Shares_replace_the_solutions_old_ones_with_defaults_filled_in_and_the_model_gets_a_new_version()
    {
        if (!db.Available) return;
        await db.AddPopulationAsync(new DateOnly(2041, 1, 1));
        var model = await db.CreateModelAsync(2041);
        var saved = await db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal, await db.StandardSharesAsync(), model.Version);
        Assert.Equal(model.Version + 1, saved.Version);

        var rhfs = await db.RhfIdsAsync();
        var apotek = await db.OrganizationIdAsync("apotekforeningen");
        saved = await db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
        [
            new ShareInput("state", 35.5m, "equal", null, null, []),
            new ShareInput("regional-health-authorities", 0, "usage", null, "invoice", rhfs.Select(id => new KeyEntryInput(id, 1_000_000_000_000)).ToList()),
            new ShareInput("municipalities", 64.49m, "population", "2041-01-01", null, null),
            new ShareInput("Andre", 0.01m, "equal", null, null, [new KeyEntryInput(apotek, null)]),
        ], saved.Version);

        var stored = await db.LoadModelAsync(model.Id);
        Assert.Equal(model.Version + 2, stored.Version);
        var shares = stored.Shares.OrderBy(s => s.Group).ToList();
        Assert.Equal([3_550, 0, 6_449, 1], shares.Select(s => s.BasisPoints));
        Assert.Equal([CollectionMethod.StateBudget, CollectionMethod.Invoice, CollectionMethod.Invoice, CollectionMethod.Invoice], shares.Select(s => s.Collection));
        Assert.Equal(new DateOnly(2041, 1, 1), shares[2].PopulationOn);
        Assert.Empty(shares[0].Entries);
        Assert.Equal((apotek, 1L), (Assert.Single(shares[3].Entries).OrganizationId, shares[3].Entries[0].Weight));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(PriceModelShare) && a.Action == "Deleted" && a.UserName == "kontor")));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(KeyEntry) && a.Action == "Added")));

        // An empty list takes the solution out of the model.
        await db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal, [], stored.Version);
        Assert.Empty((await db.LoadModelAsync(model.Id)).Shares);
    }

    [Fact]
    public async Task Every_bad_share_is_reported_at_once_by_field_and_the_old_shares_stay()
    {
        if (!db.Available) return;
        var model = await db.ComputableDraftAsync(2042);
        var before = await db.FinancingCountsAsync();
        var rhfs = await db.RhfIdsAsync();

        var errors = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
        [
            new ShareInput("state", 20.125m, "equal", null, null, null),
            new ShareInput("regional-health-authorities", 30, "fixed", null, null,
                [new KeyEntryInput(rhfs[0], 5), new KeyEntryInput(rhfs[1], -1), new KeyEntryInput(99_999, 1), new KeyEntryInput(rhfs[0], 1_000_000_000_001)]),
            new ShareInput("state", 101, "by-luck", null, "cash", null),
            new ShareInput("pharmacies", 10, "equal", null, null, []),
            new ShareInput("general-practitioners", 10, "population", "tomorrow", null, null),
        ], model.Version),
            "shares[0].percent", "shares[1].entries", "shares[1].entries[1].weight", "shares[1].entries[2].organizationId",
            "shares[1].entries[3].organizationId", "shares[1].entries[3].weight", "shares[2].collection", "shares[2].key", "shares[2].percent",
            "shares[3].entries", "shares[4].key", "shares[4].populationOn");
        Assert.Equal("Fant ingen aktør med id 99999.", Assert.Single(errors["shares[1].entries[2].organizationId"]));
        var missingRhfs = (await db.QueryAsync(x => x.Organizations.Where(o => rhfs.Skip(2).Contains(o.Id)).OrderBy(o => o.Name).Select(o => o.Name).ToListAsync()));
        Assert.Equal($"Nøkkelen mangler {Norwegian.List(missingRhfs)}.", Assert.Single(errors["shares[1].entries"]));
        Assert.Equal("Andelen kan ha høyst to desimaler.", Assert.Single(errors["shares[0].percent"]));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));

        var sum = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            [new ShareInput("state", 45, "equal", null, null, null), new ShareInput("municipalities", 50, "population", null, null, null)], model.Version), "shares");
        Assert.Equal("Andelene er til sammen 95\u00A0%, men må bli 100 %.", Assert.Single(sum["shares"]));

        var twice = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            [new ShareInput("state", 50, "equal", null, null, null), new ShareInput("staten", 50, "equal", null, null, null)], model.Version), "shares[1].group");

        var zeroWeights = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            [new ShareInput("regional-health-authorities", 100, "usage", null, null, rhfs.Select(id => new KeyEntryInput(id, 0)).ToList())], model.Version), "shares[0].entries");

        Assert.Equal(before, await db.FinancingCountsAsync());
        var after = await db.LoadModelAsync(model.Id);
        Assert.Equal(model.Version, after.Version);
        Assert.Equal([2_000, 3_000, 5_000], after.Shares.OrderBy(s => s.Group).Select(s => s.BasisPoints));
        Assert.Equal(4, after.Shares.Single(s => s.Group == PayerGroup.RegionalHealthAuthorities).Entries.Count);
    }

    [Fact]
    public async Task A_flood_of_shares_or_key_lines_gets_one_error_not_one_per_line_and_saves_nothing()
    {
        if (!db.Available) return;
        var model = await db.ComputableDraftAsync(2047);
        var before = await db.FinancingCountsAsync();
        var actors = await db.QueryAsync(x => x.Organizations.CountAsync());

        var lines = Enumerable.Range(1, actors + 1).Select(i => new KeyEntryInput(i, 1)).ToList();
        var flood = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            [new ShareInput("state", 50, "equal", null, null, null), new ShareInput("regional-health-authorities", 50, "fixed", null, null, lines)],
            model.Version), "shares[1].entries");
        Assert.Equal($"Nøkkelen har {Norwegian.Number(actors + 1)} linjer, men det finnes bare {Norwegian.Number(actors)} aktører.",
            Assert.Single(flood["shares[1].entries"]));

        var groups = Enum.GetValues<PayerGroup>().Length;
        var tooMany = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            Enumerable.Range(0, groups + 1).Select(_ => new ShareInput("state", 1, "equal", null, null, null)).ToList(), model.Version), "shares");
        Assert.Equal($"Det kan være høyst én andel per gruppe ({groups}), ikke {groups + 1}.", Assert.Single(tooMany["shares"]));
        Assert.Equal(before, await db.FinancingCountsAsync());
    }

    [Fact]
    public async Task A_population_key_needs_figures_on_its_date_for_every_municipality_that_existed_then()
    {
        if (!db.Available) return;
        var model = await db.CreateModelAsync(2043);
        var shares = (IReadOnlyList<ShareInput>)[new ShareInput("municipalities", 100, "population", null, null, null)];
        var none = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal, shares, model.Version), "shares[0].populationOn");
        Assert.Equal("Det finnes ingen folketall per 1. januar 2043.", Assert.Single(none["shares[0].populationOn"]));

        await db.AddPopulationAsync(new DateOnly(2043, 1, 1), "Utsira kommune");
        var missing = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal, shares, model.Version), "shares[0].populationOn");
        Assert.Equal("Mangler folketall per 1. januar 2043 for Utsira kommune.", Assert.Single(missing["shares[0].populationOn"]));

        // Another date with every figure is fine.
        await db.AddPopulationAsync(new DateOnly(2042, 7, 1));
        var saved = await db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal,
            [new ShareInput("municipalities", 100, "population", "2042-07-01", null, null)], model.Version);
        Assert.Equal(new DateOnly(2042, 7, 1), Assert.Single(saved.Shares).PopulationOn);
    }

    [Fact]
    public async Task An_adopted_model_is_not_changed_but_a_scenario_always_can_be()
    {
        if (!db.Available) return;
        var adopted = await db.AdoptAsync(await db.ComputableDraftAsync(2044));
        var before = await db.FinancingCountsAsync();
        var e = await TestHelpers.AssertInvalidAsync(() => db.SaveSharesAsync(adopted.Id, FinancingTestData.Kjernejournal, [new ShareInput("state", 100, "equal", null, null, null)], adopted.Version), "model");
        Assert.Equal("En vedtatt prismodell kan ikke endres; lag et nytt utkast.", Assert.Single(e["model"]));
        Assert.Equal(before, await db.FinancingCountsAsync());

        var scenario = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(adopted.Id, null, null, true, null), db.Office), db.Office);
        var changed = await db.SaveSharesAsync(scenario.Id, FinancingTestData.Kjernejournal, [new ShareInput("state", 100, "equal", null, null, null)], scenario.Version);
        Assert.Equal(PayerGroup.State, Assert.Single(changed.Shares).Group);
    }

    [Fact]
    public async Task A_stale_or_missing_version_and_an_unknown_model_or_solution_are_refused()
    {
        if (!db.Available) return;
        var model = await db.CreateModelAsync(2045);
        var shares = (IReadOnlyList<ShareInput>)[new ShareInput("state", 100, "equal", null, null, null)];
        var saved = await db.SaveSharesAsync(model.Id, FinancingTestData.Kjernejournal, shares, model.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SaveSharesAsync(model.Id, FinancingTestData.EResept, shares, model.Version));
        await Assert.ThrowsAsync<VersionRequiredException>(() => db.SaveSharesAsync(model.Id, FinancingTestData.EResept, shares, null));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SaveSharesAsync(model.Id, "finnes-ikke", shares, saved.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SaveSharesAsync(999_999, FinancingTestData.EResept, shares, 1));
        Assert.Single((await db.LoadModelAsync(model.Id)).Shares);
    }

    [Theory]
    [InlineData("tbu")]
    [InlineData("member")]
    [InlineData("ks")]
    [InlineData("anonymous")]
    public async Task Only_the_office_sets_shares(string who)
    {
        if (!db.Available) return;
        var user = who switch { "tbu" => await db.TbuAsync(), "member" => db.Member, "ks" => db.KsCoordinator, _ => null };
        var model = await db.CreateModelAsync(2046);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((SavePriceShares u) =>
            u.HandleAsync(model.Id, FinancingTestData.Kjernejournal, [new ShareInput("state", 100, "equal", null, null, null)], model.Version, user), user));
        Assert.Empty((await db.LoadModelAsync(model.Id)).Shares);
    }
}

public sealed class SavePriceSharesTestsSqlite(SqliteDatabase db) : SavePriceSharesTests(db), IClassFixture<SqliteDatabase>;

public sealed class SavePriceSharesTestsPostgres(PostgresDatabase db) : SavePriceSharesTests(db), IClassFixture<PostgresDatabase>;
