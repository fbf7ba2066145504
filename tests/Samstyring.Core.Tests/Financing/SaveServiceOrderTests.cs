using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using Samstyring.Core.Tests.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>Orders of price-list services: the office for any actor, an actor's own users for their organisation only.</summary>
public abstract class SaveServiceOrderTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<ServiceOrder> SaveAsync(int? id, ServiceOrderInput input, int? version, CurrentUser? user) =>
        db.SendAsync((SaveServiceOrder u) => u.HandleAsync(id, input, version, user), user);

    private Task<PriceListItem> ItemAsync(long priceOre) => db.SendAsync((SavePriceListItem u) =>
        u.HandleAsync(null, new PriceListItemInput("kjernejournal", 2027, TestHelpers.UniqueName("Tjeneste"), "per år", priceOre), null, db.Office), db.Office);

    [Fact]
    public async Task An_actors_own_user_orders_for_their_organisation_and_the_office_for_anyone()
    {
        if (!db.Available) return;
        var item = await ItemAsync(2_500_00);
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var bergen = await db.OrganizationIdAsync("kommune:4601");

        var own = await SaveAsync(null, new ServiceOrderInput(item.Id, oslo, 3, "2027-01-15", " Tre avdelinger "), null, db.OwnerOslo);
        Assert.Equal((oslo, 3L, new DateOnly(2027, 1, 15), "Tre avdelinger", 1), (own.OrganizationId, own.Quantity, own.OrderedOn, own.Note, own.Version));
        var stored = await db.QueryAsync(x => x.ServiceOrders.AsNoTracking().Include(o => o.Item).SingleAsync(o => o.Id == own.Id));
        Assert.Equal(7_500_00, stored.AmountOre);
        var changed = await SaveAsync(own.Id, new ServiceOrderInput(item.Id, oslo, 4, "2027-01-16", null), own.Version, db.OwnerOslo);
        Assert.Equal((4L, own.Version + 1), (changed.Quantity, changed.Version));

        var forBergen = await SaveAsync(null, new ServiceOrderInput(item.Id, bergen, 1, "2027-02-01", null), null, db.Office);
        Assert.Equal(bergen, forBergen.OrganizationId);
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(ServiceOrder) && a.EntityId == own.Id.ToString() && a.UserName == "eier-oslo")));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(own.Id, new ServiceOrderInput(item.Id, oslo, 5, "2027-01-16", null), own.Version, db.OwnerOslo));
        await Assert.ThrowsAsync<VersionRequiredException>(() => SaveAsync(own.Id, new ServiceOrderInput(item.Id, oslo, 5, "2027-01-16", null), null, db.Office));
    }

    [Fact]
    public async Task Nobody_else_orders_for_an_actor_or_changes_its_orders()
    {
        if (!db.Available) return;
        var item = await ItemAsync(100);
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var bergen = await db.OrganizationIdAsync("kommune:4601");
        var before = await db.FinancingCountsAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(null, new ServiceOrderInput(item.Id, bergen, 1, "2027-01-15", null), null, db.OwnerOslo));
        // Bound to an organisation for other duties, a KS coordinator or an operator sees its orders but does not commit it to pay.
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(null, new ServiceOrderInput(item.Id, db.KsCoordinator.OrganizationId, 1, "2027-01-15", null), null, db.KsCoordinator));
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(null, new ServiceOrderInput(item.Id, db.OperatorNhn.OrganizationId, 1, "2027-01-15", null), null, db.OperatorNhn));
        foreach (var user in new[] { db.Member, await db.TbuAsync(), null })
            await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(null, new ServiceOrderInput(item.Id, oslo, 1, "2027-01-15", null), null, user));
        Assert.Equal(before, await db.FinancingCountsAsync());

        var bergens = await SaveAsync(null, new ServiceOrderInput(item.Id, bergen, 1, "2027-01-15", null), null, db.Office);
        // Moving Bergen's order to Oslo is still touching Bergen's order.
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(bergens.Id, new ServiceOrderInput(item.Id, oslo, 1, "2027-01-15", null), bergens.Version, db.OwnerOslo));
        Assert.Equal(bergen, (await db.QueryAsync(x => x.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == bergens.Id))).OrganizationId);
    }

    [Fact]
    public async Task Bad_input_and_an_amount_too_large_to_store_are_Norwegian_field_errors()
    {
        if (!db.Available) return;
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var before = await db.FinancingCountsAsync();
        var errors = await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new ServiceOrderInput(999_999, 99_999, 0, "", new string('n', 501)), null, db.Office),
            "note", "orderedOn", "organizationId", "priceListItemId", "quantity");
        Assert.Equal("Fant ingen aktør med id 99999.", Assert.Single(errors["organizationId"]));
        Assert.All(errors.Values.SelectMany(m => m), m => Assert.True(ApiText.LooksNorwegian(m), m));
        await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new ServiceOrderInput(null, null, 1_000_000_001, "31.02.2027", null), null, db.Office),
            "orderedOn", "organizationId", "priceListItemId", "quantity");

        var expensive = await ItemAsync(CostBasis.MaxOre);
        var before2 = await db.FinancingCountsAsync();
        var overflow = await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new ServiceOrderInput(expensive.Id, oslo, 1_000_000_000, "2027-01-15", null), null, db.OwnerOslo), "quantity");
        Assert.Contains("kan ikke være over", Assert.Single(overflow["quantity"]));
        Assert.Equal(before2, await db.FinancingCountsAsync());
        Assert.Equal(before.Orders, before2.Orders);
    }

    [Fact]
    public async Task An_order_is_placed_from_the_years_price_list_and_cancelled_with_its_version()
    {
        if (!db.Available) return;
        var item = await ItemAsync(1_000_00);
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var bergen = await db.OrganizationIdAsync("kommune:4601");
        var wrongYear = await TestHelpers.AssertInvalidAsync(() => SaveAsync(null, new ServiceOrderInput(item.Id, oslo, 1, "2026-01-15", null, 2026), null, db.Office),
            "priceListItemId");
        Assert.Contains("står i prislisten for 2027, ikke for 2026", Assert.Single(wrongYear["priceListItemId"]));

        var order = await SaveAsync(null, new ServiceOrderInput(item.Id, oslo, 2, "2027-01-15", null, 2027), null, db.OwnerOslo);
        var bergens = await SaveAsync(null, new ServiceOrderInput(item.Id, bergen, 2, "2027-01-15", null, 2027), null, db.Office);
        Task Cancel(int id, int? version, CurrentUser? user) => db.SendAsync((CancelServiceOrder u) => u.HandleAsync(id, version, user), user);

        await Assert.ThrowsAsync<ForbiddenException>(() => Cancel(bergens.Id, bergens.Version, db.OwnerOslo));
        await Assert.ThrowsAsync<ForbiddenException>(() => Cancel(order.Id, order.Version, db.KsCoordinator));
        await Assert.ThrowsAsync<VersionRequiredException>(() => Cancel(order.Id, null, db.OwnerOslo));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Cancel(order.Id, order.Version + 1, db.OwnerOslo));
        await Assert.ThrowsAsync<NotFoundException>(() => Cancel(int.MaxValue, 1, db.Office));
        Assert.Equal(2, await db.QueryAsync(x => x.ServiceOrders.CountAsync(o => o.PriceListItemId == item.Id)));

        await Cancel(order.Id, order.Version, db.OwnerOslo);
        await Cancel(bergens.Id, bergens.Version, db.Office);
        Assert.False(await db.QueryAsync(x => x.ServiceOrders.AnyAsync(o => o.PriceListItemId == item.Id)));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == nameof(ServiceOrder) && a.EntityId == order.Id.ToString() && a.Action == "Deleted")));
    }
}

public sealed class SaveServiceOrderTestsSqlite(SqliteDatabase db) : SaveServiceOrderTests(db), IClassFixture<SqliteDatabase>;

public sealed class SaveServiceOrderTestsPostgres(PostgresDatabase db) : SaveServiceOrderTests(db), IClassFixture<PostgresDatabase>;
