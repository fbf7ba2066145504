using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The office starts a year's model: a copy of last year's adopted model as a draft, a scenario, or an empty model.</summary>
public abstract class CreatePriceModelTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    [Fact]
    public async Task An_adopted_model_copied_becomes_next_years_draft_with_every_share_and_the_population_date_moved_a_year()
    {
        if (!db.Available) return;
        var adopted = await db.AdoptAsync(await db.ComputableDraftAsync(2061));
        var other = await db.CreateModelAsync(2062, name: "Noe annet");

        var copy = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(adopted.Id, null, null, false, "Grunnlag for 2062."), db.Office), db.Office);

        var saved = await db.LoadModelAsync(copy.Id);
        Assert.Equal(2062, saved.Year);
        Assert.Equal(other.Number + 1, saved.Number);
        Assert.Equal("Prismodell 2062", saved.Name);
        Assert.Equal(PriceModelStatus.Draft, saved.Status);
        Assert.False(saved.IsScenario);
        Assert.Equal(adopted.Id, saved.BasedOnId);
        Assert.Equal("kontor", saved.CreatedBy);
        Assert.Equal("Grunnlag for 2062.", saved.Note);
        var step = Assert.Single(saved.Steps);
        Assert.Equal(PriceModelStatus.Draft, step.Step);
        TestHelpers.AssertToday(step.On);

        var source = await db.LoadModelAsync(adopted.Id);
        Assert.Equal(source.Shares.Select(s => (s.SolutionId, s.Group, s.BasisPoints, s.Key, s.Collection)).Order(),
            saved.Shares.Select(s => (s.SolutionId, s.Group, s.BasisPoints, s.Key, s.Collection)).Order());
        Assert.Equal(new DateOnly(2062, 1, 1), saved.Shares.Single(s => s.Group == PayerGroup.Municipalities).PopulationOn);
        Assert.Equal(source.Shares.SelectMany(s => s.Entries).Select(e => (e.OrganizationId, e.Weight)).Order(),
            saved.Shares.SelectMany(s => s.Entries).Select(e => (e.OrganizationId, e.Weight)).Order());
        Assert.Equal(PriceModelStatus.Adopted, source.Status);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(PriceModel) && a.EntityId == copy.Id.ToString() && a.Action == "Added" && a.UserName == "kontor")));
    }

    [Fact]
    public async Task A_scenario_is_copied_within_its_year_without_steps_and_numbered_by_name()
    {
        if (!db.Available) return;
        var draft = await db.ComputableDraftAsync(2063);
        var first = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(draft.Id, null, null, true, null), db.Office), db.Office);
        var second = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(draft.Id, null, null, true, null), db.Office), db.Office);
        var named = await db.SendAsync((CreatePriceModel u) => u.HandleAsync(new CreatePriceModelInput(draft.Id, 2064, "  Kommunene betaler mer ", true, null), db.Office), db.Office);

        Assert.Equal((2063, "Scenario 1 for 2063", true, 2), (first.Year, first.Name, first.IsScenario, first.Number));
        Assert.Equal(("Scenario 2 for 2063", 3), (second.Name, second.Number));
        Assert.Empty((await db.LoadModelAsync(first.Id)).Steps);
        Assert.Equal(3, (await db.LoadModelAsync(first.Id)).Shares.Count);
        Assert.Equal((2064, "Kommunene betaler mer", 1), (named.Year, named.Name, named.Number));
        Assert.Equal(new DateOnly(2064, 1, 1), (await db.LoadModelAsync(named.Id)).Shares.Single(s => s.Group == PayerGroup.Municipalities).PopulationOn);
    }

    [Fact]
    public async Task An_empty_model_needs_a_year_within_range_and_bad_input_saves_nothing()
    {
        if (!db.Available) return;
        var empty = await db.CreateModelAsync(2065);
        Assert.Equal(("Prismodell 2065", 1), (empty.Name, empty.Number));
        Assert.Empty((await db.LoadModelAsync(empty.Id)).Shares);

        var before = await db.FinancingCountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreatePriceModel u) =>
            u.HandleAsync(new CreatePriceModelInput(null, 1999, new string('x', 201), false, new string('y', 2001)), db.Office), db.Office), "name", "note", "year");
        Assert.Equal("Året må være mellom 2000 og 2100.", Assert.Single(errors["year"]));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((CreatePriceModel u) =>
            u.HandleAsync(new CreatePriceModelInput(null, null, null, false, null), db.Office), db.Office), "year");
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CreatePriceModel u) =>
            u.HandleAsync(new CreatePriceModelInput(999_999, null, null, false, null), db.Office), db.Office));
        Assert.Equal("Fant ingen prismodell med id 999999.", missing.Message);
        Assert.Equal(before, await db.FinancingCountsAsync());
    }

    [Theory]
    [InlineData("tbu")]
    [InlineData("member")]
    [InlineData("owner")]
    [InlineData("anonymous")]
    public async Task Only_the_office_creates_models(string who)
    {
        if (!db.Available) return;
        var user = who switch { "tbu" => await db.TbuAsync(), "member" => db.Member, "owner" => db.OwnerOslo, _ => null };
        var before = await db.FinancingCountsAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreatePriceModel u) =>
            u.HandleAsync(new CreatePriceModelInput(null, 2066, null, true, null), user), user));
        Assert.Equal(before, await db.FinancingCountsAsync());
    }
}

public sealed class CreatePriceModelTestsSqlite(SqliteDatabase db) : CreatePriceModelTests(db), IClassFixture<SqliteDatabase>;

public sealed class CreatePriceModelTestsPostgres(PostgresDatabase db) : CreatePriceModelTests(db), IClassFixture<PostgresDatabase>;
