using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Benefits;

/// <summary>
/// A benefit as entered. Type and stakeholder are codes (<see cref="BenefitType"/>, <see cref="Stakeholder"/>); dates are
/// åååå-mm-dd; <paramref name="NokPerUnitOre"/> is what one unit of the indicator is worth, in øre, when the benefit is
/// valued in kroner; <paramref name="Actions"/> one action per line.
/// </summary>
public sealed record BenefitInput(
    string? Title, string? Type, string? Stakeholder, int? OwnerId, string? Indicator, string? Unit,
    decimal? Baseline, string? BaselineOn, decimal? Target, string? TargetDue, bool ValuedInNok, long? NokPerUnitOre, string? Actions);

/// <summary>
/// Adds a benefit to an initiative (<c>benefitId</c> null) or changes one from the version the editor saw. The office and the
/// initiative's owning organisation only.
/// </summary>
[UseCase]
public sealed class SaveBenefit(SamstyringDb db)
{
    public const long NokPerUnitMaxOre = 100_000_000_000; // 1 milliard kroner per unit: far above any sensible unit value

    public async Task<Benefit> HandleAsync(int initiativeId, int? benefitId, BenefitInput input, int? expectedVersion, CurrentUser? user,
        CancellationToken ct = default, IReadOnlyDictionary<string, string>? unreadable = null)
    {
        Benefit? benefit = null;
        if (benefitId is { } id)
        {
            benefit = await BenefitsAccess.LoadBenefitForEditAsync(db, id, user, ct);
            if (benefit.InitiativeId != initiativeId) throw new NotFoundException($"Fant ikke gevinst {id} på tiltak {initiativeId}.");
            db.ExpectVersion(benefit, expectedVersion);
        }
        else
        {
            await BenefitsAccess.LoadInitiativeForEditAsync(db, initiativeId, user, ct);
        }

        var v = new Validator();
        foreach (var (field, message) in unreadable ?? new Dictionary<string, string>()) v.Add(field, message);
        v.Name("title", input.Title, "Navn på gevinsten", Benefit.TitleMax);
        v.Enum<BenefitType>("type", input.Type, "Gevinsttype", true, out var type);
        v.Enum<Stakeholder>("stakeholder", input.Stakeholder, "Interessent", true, out var stakeholder);
        if (input.OwnerId is not { } ownerId) { if (unreadable?.ContainsKey("ownerId") != true) v.Add("ownerId", "Gevinsteier må velges."); }
        else if (!await db.Organizations.AnyAsync(o => o.Id == ownerId, ct)) v.Add("ownerId", $"Fant ikke aktøren {ownerId}.");
        v.Required("indicator", input.Indicator, "Indikator", Benefit.TitleMax);
        v.Required("unit", input.Unit, "Måleenhet", Benefit.UnitMax);
        if (unreadable?.ContainsKey("baseline") != true) BenefitRules.Value(v, "baseline", input.Baseline, "Utgangsverdi", true);
        if (unreadable?.ContainsKey("target") != true) BenefitRules.Value(v, "target", input.Target, "Målverdi", true);
        if (input.Baseline is { } b0 && input.Target is { } t0 && b0 == t0) v.Add("target", "Målverdien må være forskjellig fra utgangsverdien.");
        v.Date("baselineOn", input.BaselineOn, "Dato for utgangsverdien", true, out var baselineOn);
        v.Date("targetDue", input.TargetDue, "Frist for målet", true, out var due);
        if (baselineOn is { } bo && due is { } d && d <= bo) v.Add("targetDue", "Fristen for målet må være etter datoen for utgangsverdien.");
        if (input.ValuedInNok)
        {
            if (input.NokPerUnitOre is not { } per) { if (unreadable?.ContainsKey("nokPerUnitOre") != true) v.Add("nokPerUnitOre", "Verdi per enhet må fylles ut når gevinsten prissettes i kroner."); }
            else if (per <= 0) v.Add("nokPerUnitOre", "Verdi per enhet må være mer enn 0 kroner.");
            else if (per > NokPerUnitMaxOre) v.Add("nokPerUnitOre", $"Verdi per enhet kan ikke være over {Norwegian.Kroner(NokPerUnitMaxOre)}.");
        }
        else if (input.NokPerUnitOre is not null) v.Add("nokPerUnitOre", "Verdi per enhet oppgis bare når gevinsten prissettes i kroner.");
        v.MaxLength("actions", input.Actions, "Tiltak som realiserer gevinsten", Benefit.TextMax);
        v.ThrowIfInvalid();

        benefit ??= db.Benefits.Add(new Benefit { InitiativeId = initiativeId, Title = "", Indicator = "", Unit = "" }).Entity;
        benefit.Title = input.Title!.Trim();
        benefit.Type = type!.Value;
        benefit.Stakeholder = stakeholder!.Value;
        benefit.OwnerId = input.OwnerId!.Value;
        benefit.Indicator = input.Indicator!.Trim();
        benefit.Unit = input.Unit!.Trim();
        benefit.Baseline = input.Baseline!.Value;
        benefit.BaselineOn = baselineOn!.Value;
        benefit.Target = input.Target!.Value;
        benefit.TargetDue = due!.Value;
        benefit.ValuedInNok = input.ValuedInNok;
        benefit.NokPerUnitOre = input.ValuedInNok ? input.NokPerUnitOre : null;
        benefit.Actions = string.Join("\n", (input.Actions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        benefit.IsDemo = false;
        await db.SaveChangesAsync(ct);
        return benefit;
    }
}

/// <summary>Removes a benefit with its realised values, from the version the editor saw.</summary>
[UseCase]
public sealed class DeleteBenefit(SamstyringDb db)
{
    public async Task HandleAsync(int initiativeId, int benefitId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var benefit = await BenefitsAccess.LoadBenefitForEditAsync(db, benefitId, user, ct);
        if (benefit.InitiativeId != initiativeId) throw new NotFoundException($"Fant ikke gevinst {benefitId} på tiltak {initiativeId}.");
        db.ExpectVersion(benefit, expectedVersion);
        db.Benefits.Remove(benefit);
        await db.SaveChangesAsync(ct);
    }
}

internal static class BenefitRules
{
    /// <summary>An indicator value: within ±<see cref="Benefit.ValueMax"/> and at most four decimals (what the database keeps).</summary>
    public static void Value(Validator v, string field, decimal? value, string label, bool required)
    {
        if (value is not { } x)
        {
            if (required) v.Add(field, $"{label} må fylles ut.");
        }
        else if (Math.Abs(x) > Benefit.ValueMax) v.Add(field, $"{label} kan ikke være større enn {Benefit.ValueMax.ToString("N0", Norwegian.Culture)} eller mindre enn minus det samme.");
        else if (decimal.Round(x, 4) != x) v.Add(field, $"{label} kan ha høyst fire desimaler.");
    }
}
