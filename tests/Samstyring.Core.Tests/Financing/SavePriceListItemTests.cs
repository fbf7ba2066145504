using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The office keeps the year's price list for voluntary purchases.</summary>
public abstract class SavePriceListItemTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<PriceListItem> SaveAsync(int? id, PriceListItemInput input, int? version, CurrentUser? user) =>
        db.SendAsync((SavePriceListItem u) => u.HandleAsync(id, input, version, user), user);

    [Fact]
    public async Task The_office_adds_and_changes_a_line_with_the_version_it_started_from()
    {
        if (!db.Available) return;
        var item = await SaveAsync(null, new PriceListItemInput(" kjernejournal ", 2027, " Tilkobling ", "per tilkobling", 12_500_00), null, db.Office);
        Assert.Equal(("Tilkobling", "per tilkobling", 12_500_00L, 2027, 1), (item.Name, item.Unit, item.UnitPriceOre, item.Year, item.Version));

        var changed = await SaveAsync(item.Id, new PriceListItemInput("e-resept", 2028, "Tilkobling", "per år", 0), item.Version, db.Office);
        Assert.Equal(item.Version + 1, changed.Version);
        var stored = await db.QueryAsync(x => x.PriceListItems.AsNoTracking().Include(i => i.Solution).SingleAsync(i => i.Id == item.Id));
        Assert.Equal(("e-resept", 2028, "per år", 0L), (stored.Solution.Key, stored.Year, stored.Unit, stored.UnitPriceOre));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(item.Id, new PriceListItemInput("e-resept", 2028, "X", "per år", 1), item.Version, db.Office));
        await Assert.ThrowsAsync<VersionRequiredException>(() => SaveAsync(item.Id, new PriceListItemInput("e-resept", 2028, "X", "per år", 1), null, db.Office));
        await Assert.ThrowsAsync<NotFoundException>(() => SaveAsync(999_999, new PriceListItemInput("e-resept", 2028, "X", "per år", 1), 1, db.Office));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(PriceListItem) && a.EntityId == item.Id.ToString() && a.Action == "Modified")));
    }

    [Fact]
    public async Task Bad_input_is_reported_field_by_field_and_a_price_that_would_overflow_an_order_is_refused()
    {
        if (!db.Available) return;
        var before = await db.FinancingCountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new PriceListItemInput("finnes-ikke", 1999, "", new string('u', 61), -1), null, db.Office),
            "name", "solutionKey", "unit", "unitPriceOre", "year");
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new PriceListItemInput(null, null, null, null, null), null, db.Office),
            "name", "solutionKey", "unit", "unitPriceOre", "year");
        Assert.Equal(before, await db.FinancingCountsAsync());

        var item = await SaveAsync(null, new PriceListItemInput("kjernejournal", 2027, "Oppslag", "per oppslag", 1), null, db.Office);
        var org = await db.OrganizationIdAsync("helse-vest");
        await db.SendAsync((SaveServiceOrder u) => u.HandleAsync(null, new ServiceOrderInput(item.Id, org, 1_000_000_000, "2027-02-01", null), null, db.Office), db.Office);
        var overflow = await TestHelpers.AssertInvalidAsync(() => SaveAsync(item.Id, new PriceListItemInput("kjernejournal", 2027, "Oppslag", "per oppslag", 1_000_000), item.Version, db.Office), "unitPriceOre");
        Assert.Contains("1\u00A0000\u00A0000\u00A0000 enheter", Assert.Single(overflow["unitPriceOre"]));
    }

    [Theory]
    [InlineData("tbu")]
    [InlineData("owner")]
    [InlineData("anonymous")]
    public async Task Only_the_office_keeps_the_price_list(string who)
    {
        if (!db.Available) return;
        var user = who switch { "tbu" => await db.TbuAsync(), "owner" => db.OwnerOslo, _ => null };
        var before = await db.FinancingCountsAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(null, new PriceListItemInput("kjernejournal", 2027, "Tilkobling", "per år", 1), null, user));
        Assert.Equal(before, await db.FinancingCountsAsync());
    }
}

public sealed class SavePriceListItemTestsSqlite(SqliteDatabase db) : SavePriceListItemTests(db), IClassFixture<SqliteDatabase>;

public sealed class SavePriceListItemTestsPostgres(PostgresDatabase db) : SavePriceListItemTests(db), IClassFixture<PostgresDatabase>;
