using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The TBU (or the office) records its figure on an existing cost basis; the price model then allocates that figure.</summary>
public abstract class RecordTbuCalculationTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<CostBasis> RecordAsync(string solution, int year, long? ore, int? version, CurrentUser? user) =>
        db.SendAsync((RecordTbuCalculation u) => u.HandleAsync(solution, year, ore, version, user), user);

    [Fact]
    public async Task The_TBU_records_its_figure_with_its_name_and_the_model_allocates_it()
    {
        if (!db.Available) return;
        var tbu = await db.TbuAsync();
        var model = await db.ComputableDraftAsync(2031, costOre: 1_000_00);
        var basis = await db.QueryAsync(x => x.CostBases.AsNoTracking().SingleAsync(c => c.Year == 2031));
        var recorded = await RecordAsync(FinancingTestData.Kjernejournal, 2031, 900_01, basis.Version, tbu);

        Assert.Equal((900_01L, "tbu", basis.Version + 1), (recorded.TbuOre!.Value, recorded.TbuRecordedBy!, recorded.Version));
        TestHelpers.AssertRecent(recorded.TbuRecordedAt!.Value);
        Assert.Equal(1_000_00, recorded.BudgetOre);
        var (_, allocation, _) = await db.SendAsync((FinancingQueries q) => q.CalculateAsync(model.Id, tbu));
        var solution = Assert.Single(allocation.Solutions);
        Assert.True(solution.FromTbu);
        Assert.Equal(900_01, solution.Groups.Sum(g => g.AmountOre));

        // The office may correct it.
        var corrected = await RecordAsync(FinancingTestData.Kjernejournal, 2031, 0, recorded.Version, db.Office);
        Assert.Equal((0L, "kontor"), (corrected.TbuOre!.Value, corrected.TbuRecordedBy!));
    }

    [Fact]
    public async Task Without_a_cost_basis_or_with_a_bad_figure_nothing_is_recorded()
    {
        if (!db.Available) return;
        var tbu = await db.TbuAsync();
        var none = await TestHelpers.AssertInvalidAsync(() => RecordAsync(FinancingTestData.EResept, 2032, 100, null, tbu), "year");
        Assert.Contains("Registrer kostnadsgrunnlaget for 2032 først.", Assert.Single(none["year"]));

        var basis = await db.SaveCostAsync(FinancingTestData.EResept, 2032, 1_000);
        await TestHelpers.AssertInvalidAsync(() => RecordAsync(FinancingTestData.EResept, 2032, -1, basis.Version, tbu), "tbuOre");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync(FinancingTestData.EResept, 2032, null, basis.Version, tbu), "tbuOre");
        await TestHelpers.AssertInvalidAsync(() => RecordAsync(FinancingTestData.EResept, 2032, CostBasis.MaxOre + 1, basis.Version, tbu), "tbuOre");
        await Assert.ThrowsAsync<VersionRequiredException>(() => RecordAsync(FinancingTestData.EResept, 2032, 1, null, tbu));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => RecordAsync(FinancingTestData.EResept, 2032, 1, basis.Version + 1, tbu));
        foreach (var user in new[] { db.Member, db.KsCoordinator, db.OwnerHelseSorOst, db.OperatorNhn, null })
            await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(FinancingTestData.EResept, 2032, 1, basis.Version, user));
        var stored = await db.QueryAsync(x => x.CostBases.AsNoTracking().SingleAsync(c => c.Id == basis.Id));
        Assert.Null(stored.TbuOre);
        Assert.Equal(basis.Version, stored.Version);
    }
}

public sealed class RecordTbuCalculationTestsSqlite(SqliteDatabase db) : RecordTbuCalculationTests(db), IClassFixture<SqliteDatabase>;

public sealed class RecordTbuCalculationTestsPostgres(PostgresDatabase db) : RecordTbuCalculationTests(db), IClassFixture<PostgresDatabase>;
