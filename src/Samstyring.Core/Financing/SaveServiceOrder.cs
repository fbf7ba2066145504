using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record ServiceOrderInput(int? PriceListItemId, int? OrganizationId, long? Quantity, string? OrderedOn, string? Note);

/// <summary>Records or changes an actor's order of a price-list service. The office, or the actor's own users for their organisation.</summary>
[UseCase]
public sealed class SaveServiceOrder(SamstyringDb db)
{
    public const long MaxQuantity = 1_000_000_000;

    public async Task<ServiceOrder> HandleAsync(int? orderId, ServiceOrderInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Logg inn for å bestille tjenester.");
        ServiceOrder? order = null;
        if (orderId is { } id)
        {
            order = await db.ServiceOrders.SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException($"Fant ingen bestilling med id {id}.");
            if (!user.IsOffice && order.OrganizationId != user.OrganizationId)
                throw new ForbiddenException("Du kan bare endre bestillinger for din egen virksomhet.");
        }
        if (!user.IsOffice && (user.OrganizationId is null || input.OrganizationId is { } org && org != user.OrganizationId))
            throw new ForbiddenException("Du kan bare bestille tjenester for din egen virksomhet.");
        if (order is not null) db.ExpectVersion(order, expectedVersion);

        var v = new Validator();
        PriceListItem? item = null;
        if (input.PriceListItemId is not { } itemId) v.Add("priceListItemId", "Tjenesten må velges.");
        else if ((item = await db.PriceListItems.SingleOrDefaultAsync(i => i.Id == itemId, ct)) is null)
            v.Add("priceListItemId", $"Fant ingen linje i prislisten med id {itemId}.");
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

    /// <summary>Whether quantity × unit price is above what one amount may be (and so could not be summed safely).</summary>
    internal static bool AmountTooLarge(long quantity, long unitPriceOre) => (Int128)quantity * unitPriceOre > CostBasis.MaxOre;
}
