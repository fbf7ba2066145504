using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

/// <param name="Year">The price list the order is placed from, when the caller names one: the item must be on it.</param>
public sealed record ServiceOrderInput(int? PriceListItemId, int? OrganizationId, long? Quantity, string? OrderedOn, string? Note, int? Year = null);

/// <summary>Records or changes an actor's order of a price-list service. The office for any actor, an initiative owner for their own (see <see cref="FinancingAccess"/>).</summary>
[UseCase]
public sealed class SaveServiceOrder(SamstyringDb db)
{
    public const long MaxQuantity = 1_000_000_000;

    public async Task<ServiceOrder> HandleAsync(int? orderId, ServiceOrderInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireOrderer(user, null);
        ServiceOrder? order = null;
        if (orderId is { } id) order = await LoadAsync(db, id, user!, ct);
        // An initiative owner orders only for their own organisation, and cannot move an order to another.
        FinancingAccess.RequireOrderer(user, input.OrganizationId);
        if (order is not null) db.ExpectVersion(order, expectedVersion);

        var v = new Validator();
        PriceListItem? item = null;
        if (input.PriceListItemId is not { } itemId) v.Add("priceListItemId", "Tjenesten må velges.");
        else if ((item = await db.PriceListItems.SingleOrDefaultAsync(i => i.Id == itemId, ct)) is null)
            v.Add("priceListItemId", $"Fant ingen linje i prislisten med id {itemId}.");
        else if (input.Year is { } year && item.Year != year)
            v.Add("priceListItemId", $"«{item.Name}» står i prislisten for {item.Year}, ikke for {year}.");
        if (input.OrganizationId is not { } organizationId) v.Add("organizationId", "Aktøren må velges.");
        else if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct)) v.Add("organizationId", $"Fant ingen aktør med id {organizationId}.");
        if (input.Quantity is not { } quantity) v.Add("quantity", "Antallet må fylles ut.");
        else if (quantity is < 1 or > MaxQuantity) v.Add("quantity", $"Antallet må være fra 1 til {Norwegian.Number(MaxQuantity)}.");
        else if (item is not null && AmountTooLarge(quantity, item.UnitPriceOre))
            v.Add("quantity", $"Beløpet ({Norwegian.Number(quantity)} × {Norwegian.Kroner(item.UnitPriceOre)}) kan ikke være over {Norwegian.Kroner(CostBasis.MaxOre)}.");
        v.Date("orderedOn", input.OrderedOn, "Bestillingsdatoen", required: true, out var orderedOn);
        v.MaxLength("note", input.Note, "Merknaden", ServiceOrder.NoteMax);
        v.ThrowIfInvalid();

        order ??= db.ServiceOrders.Add(new ServiceOrder()).Entity;
        order.PriceListItemId = item!.Id;
        order.OrganizationId = input.OrganizationId!.Value;
        order.Quantity = input.Quantity!.Value;
        order.OrderedOn = orderedOn!.Value;
        order.Note = input.Note?.Trim() ?? "";
        order.IsDemo = false;
        await db.SaveChangesAsync(ct);
        return order;
    }

    /// <summary>An order the user may change: the office any, an initiative owner their organisation's (another's is refused, not hidden: the id says nothing).</summary>
    internal static async Task<ServiceOrder> LoadAsync(SamstyringDb db, int orderId, CurrentUser user, CancellationToken ct)
    {
        var order = await db.ServiceOrders.SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException($"Fant ingen bestilling med id {orderId}.");
        if (!FinancingAccess.CanOrderFor(user, order.OrganizationId))
            throw new ForbiddenException("Du kan bare endre bestillinger for din egen virksomhet.");
        return order;
    }

    /// <summary>Whether quantity × unit price is above what one amount may be (and so could not be summed safely).</summary>
    internal static bool AmountTooLarge(long quantity, long unitPriceOre) => (Int128)quantity * unitPriceOre > CostBasis.MaxOre;
}
