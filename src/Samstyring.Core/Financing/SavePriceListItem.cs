using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record PriceListItemInput(string? SolutionKey, int? Year, string? Name, string? Unit, long? UnitPriceOre);

/// <summary>Adds or changes a line of a year's price list for voluntary purchases. The office only.</summary>
[UseCase]
public sealed class SavePriceListItem(SamstyringDb db)
{
    public async Task<PriceListItem> HandleAsync(int? itemId, PriceListItemInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        PriceListItem? item = null;
        if (itemId is { } id)
        {
            item = await db.PriceListItems.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"Fant ingen linje i prislisten med id {id}.");
            db.ExpectVersion(item, expectedVersion);
        }

        var v = new Validator();
        var solution = string.IsNullOrWhiteSpace(input.SolutionKey) ? null
            : await db.NationalSolutions.SingleOrDefaultAsync(s => s.Key == input.SolutionKey.Trim(), ct);
        if (string.IsNullOrWhiteSpace(input.SolutionKey)) v.Add("solutionKey", "Løsningen må velges.");
        else if (solution is null) v.Add("solutionKey", $"Fant ingen nasjonal løsning med nøkkelen «{Validator.Truncate(input.SolutionKey)}».");
        PriceModelEditing.Year(v, "year", input.Year);
        v.Name("name", input.Name, "Navnet", PriceListItem.NameMax);
        v.Name("unit", input.Unit, "Enheten", PriceListItem.UnitMax);
        if (input.UnitPriceOre is not { } price) v.Add("unitPriceOre", "Enhetsprisen må fylles ut.");
        else if (price < 0) v.Add("unitPriceOre", "Enhetsprisen kan ikke være negativ.");
        else if (price > CostBasis.MaxOre) v.Add("unitPriceOre", $"Enhetsprisen kan ikke være over {Norwegian.Kroner(CostBasis.MaxOre)}.");
        else if (item is not null)
        {
            // A new price must still give every existing order an amount that can be stored and summed.
            var largest = await db.ServiceOrders.Where(o => o.PriceListItemId == item.Id).MaxAsync(o => (long?)o.Quantity, ct);
            if (largest is { } q && SaveServiceOrder.AmountTooLarge(q, price))
                v.Add("unitPriceOre", $"Med denne prisen blir en bestilling på {Norwegian.Number(q)} enheter over {Norwegian.Kroner(CostBasis.MaxOre)}.");
        }
        v.ThrowIfInvalid();

        item ??= db.PriceListItems.Add(new PriceListItem { Name = "", Unit = "" }).Entity;
        item.SolutionId = solution!.Id;
        item.Year = input.Year!.Value;
        item.Name = input.Name!.Trim();
        item.Unit = input.Unit!.Trim();
        item.UnitPriceOre = input.UnitPriceOre!.Value;
        item.IsDemo = false;
        await db.SaveChangesAsync(ct);
        return item;
    }
}
