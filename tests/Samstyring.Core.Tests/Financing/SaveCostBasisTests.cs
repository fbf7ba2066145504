using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The office records a solution's cost for a year: created without a version, changed with one; the TBU figure stays.</summary>
public abstract class SaveCostBasisTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<CostBasis> SaveAsync(string solution, int year, CostBasisInput input, int? version, CurrentUser? user) =>
        db.SendAsync((SaveCostBasis u) => u.HandleAsync(solution, year, input, version, user), user);

    private static CostBasisInput Input(long management = 10_000_000_00, string note = "Budsjett") =>
        new(management, 20_000_000_00, 5_000_000_50, 1_000_000_00, 30_000_000_00, null, 1_500_000_00, -200_000_00, 0, note);

    [Fact]
    public async Task The_first_save_needs_no_version_a_change_does_and_the_TBU_figure_is_kept()
    {
        if (!db.Available) return;
        var created = await SaveAsync(FinancingTestData.Kjernejournal, 2051, Input(), null, db.Office);
        Assert.Equal(1, created.Version);
        Assert.Equal(36_000_000_50, created.BudgetOre);
        Assert.Equal(-200_000_00, created.VolumeOre);
        var tbu = await db.SendAsync((RecordTbuCalculation u) => u.HandleAsync(FinancingTestData.Kjernejournal, 2051, 35_000_000_00, created.Version, db.Office), db.Office);

        await Assert.ThrowsAsync<VersionRequiredException>(() => SaveAsync(FinancingTestData.Kjernejournal, 2051, Input(note: "Endret"), null, db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(FinancingTestData.Kjernejournal, 2051, Input(note: "Endret"), created.Version, db.Office));
        var changed = await SaveAsync(FinancingTestData.Kjernejournal, 2051, Input(management: 0, note: " Endret "), tbu.Version, db.Office);

        var stored = await db.QueryAsync(x => x.CostBases.AsNoTracking().SingleAsync(c => c.Id == created.Id));
        Assert.Equal((0L, "Endret", 35_000_000_00L, "kontor", tbu.Version + 1), (stored.ManagementOre, stored.Note, stored.TbuOre!.Value, stored.TbuRecordedBy!, stored.Version));
        Assert.Equal(changed.Version, stored.Version);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(CostBasis) && a.EntityId == created.Id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Bad_figures_are_all_reported_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var before = await db.FinancingCountsAsync();
        var input = new CostBasisInput(-1, null, CostBasis.MaxOre + 1, 0, -5, null, -CostBasis.MaxOre - 1, CostBasis.MaxOre, null, new string('x', 2001));
        var errors = await TestHelpers.AssertInvalidAsync(() => SaveAsync(FinancingTestData.Kjernejournal, 2052, input, null, db.Office),
            "actualRunningOre", "developmentOre", "managementOre", "note", "operationOre", "priceWageGrowthOre");
        Assert.Equal("Kostnaden kan ikke være negativ.", Assert.Single(errors["managementOre"]));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        await TestHelpers.AssertInvalidAsync(() => SaveAsync(FinancingTestData.Kjernejournal, 1999, Input(), null, db.Office), "year");
        await TestHelpers.AssertInvalidAsync(() => SaveAsync(FinancingTestData.Kjernejournal, 2101, Input(), null, db.Office), "year");
        await Assert.ThrowsAsync<NotFoundException>(() => SaveAsync("finnes-ikke", 2052, Input(), null, db.Office));
        Assert.Equal(before, await db.FinancingCountsAsync());
    }

    [Theory]
    [InlineData("tbu")]
    [InlineData("member")]
    [InlineData("operator")]
    [InlineData("anonymous")]
    public async Task Only_the_office_records_cost(string who)
    {
        if (!db.Available) return;
        var user = who switch { "tbu" => await db.TbuAsync(), "member" => db.Member, "operator" => db.OperatorNhn, _ => null };
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(FinancingTestData.EResept, 2053, Input(), null, user));
        Assert.False(await db.QueryAsync(x => x.CostBases.AnyAsync(c => c.Year == 2053)));
    }
}

public sealed class SaveCostBasisTestsSqlite(SqliteDatabase db) : SaveCostBasisTests(db), IClassFixture<SqliteDatabase>;

public sealed class SaveCostBasisTestsPostgres(PostgresDatabase db) : SaveCostBasisTests(db), IClassFixture<PostgresDatabase>;
