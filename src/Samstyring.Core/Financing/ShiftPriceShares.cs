using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;


/// <summary>
/// Moves percentage points from one group to another, in one solution or (solution key null) in every solution of the model
/// where the first group has a share. A group that had no share gets one with its usual key: population for the
/// municipalities, equal shares for the others. The office only.
/// </summary>
[UseCase]
public sealed class ShiftPriceShares(SamstyringDb db)
{
    public async Task<PriceModel> HandleAsync(int modelId, string? fromGroup, string? toGroup, decimal? points, string? solutionKey, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        var model = await PriceModelEditing.LoadAsync(db, modelId, ct);
        db.ExpectVersion(model, expectedVersion);
        PriceModelEditing.RequireEditable(model);
        var solution = string.IsNullOrWhiteSpace(solutionKey) ? null : await PriceModelEditing.SolutionAsync(db, solutionKey, ct);

        var v = new Validator();
        v.Enum<PayerGroup>("fromGroup", fromGroup, "Gruppen det flyttes fra", required: true, out var from);
        v.Enum<PayerGroup>("toGroup", toGroup, "Gruppen det flyttes til", required: true, out var to);
        if (from is not null && from == to) v.Add("toGroup", "Velg en annen gruppe å flytte til enn den det flyttes fra.");
        var moved = PriceModelEditing.BasisPoints(v, "points", points, "Prosentpoengene");
        if (moved == 0) v.Add("points", "Flytt minst 0,01 prosentpoeng.");
        v.ThrowIfInvalid();

        var affected = model.Shares.Where(s => s.Group == from && (solution is null || s.SolutionId == solution.Id)).ToList();
        if (affected.Count == 0)
            throw ValidationFailedException.For("fromGroup", solution is null
                ? $"{model.Name} har ingen andel for {PriceModelEditing.GroupName(from!.Value)}."
                : $"{model.Name} har ingen andel for {PriceModelEditing.GroupName(from!.Value)} i {solution.Name}.");
        var names = await db.NationalSolutions.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        foreach (var share in affected.Where(s => s.BasisPoints < moved).OrderBy(s => names[s.SolutionId], StringComparer.Ordinal))
            v.Add("points", $"{(moved!.Value / 100m).ToString("0.##", Norwegian.Culture)} prosentpoeng er mer enn andelen til {PriceModelEditing.GroupName(from!.Value)} i {names[share.SolutionId]} ({PriceModelCalculator.Percent(share.BasisPoints)}).");

        // A new municipal share is by population on 1 January of the model's year, which must have its figures.
        var defaultOn = new DateOnly(model.Year, 1, 1);
        var needsNewShare = affected.Any(s => !model.Shares.Any(t => t.SolutionId == s.SolutionId && t.Group == to));
        if (needsNewShare && to == PayerGroup.Municipalities && await PriceModelEditing.PopulationProblemAsync(db, defaultOn, ct) is { } problem)
            v.Add("toGroup", problem);
        if (needsNewShare && to is not PayerGroup.Municipalities
            && !PriceModelCalculator.DefaultMembers(to!.Value, await db.Organizations.AsNoTracking().ToListAsync(ct), defaultOn).Any())
            v.Add("toGroup", $"Gruppen {PriceModelEditing.GroupName(to.Value)} har ingen aktører som deler likt uten videre; legg til andelen med aktørene under løsningens andeler.");
        v.ThrowIfInvalid();

        foreach (var share in affected)
        {
            share.BasisPoints -= moved!.Value;
            var target = model.Shares.SingleOrDefault(t => t.SolutionId == share.SolutionId && t.Group == to);
            if (target is null)
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = share.SolutionId,
                    Group = to!.Value,
                    BasisPoints = moved.Value,
                    Key = to == PayerGroup.Municipalities ? DistributionKey.Population : DistributionKey.Equal,
                    PopulationOn = to == PayerGroup.Municipalities ? defaultOn : null,
                    Collection = PriceModelEditing.DefaultCollection(to.Value),
                });
            else target.BasisPoints += moved.Value;
        }
        PriceModelEditing.Touch(db, model);
        await db.SaveChangesAsync(ct);
        return model;
    }
}
