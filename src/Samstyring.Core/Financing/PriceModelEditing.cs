using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

/// <summary>Rules shared by the financing area's write use cases.</summary>
internal static class PriceModelEditing
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    /// <summary>No key weight above 10^12: a key with thousands of actors still sums far inside a long.</summary>
    public const long MaxWeight = 1_000_000_000_000;

    /// <summary>The model with every share, key entry and step, tracked for change.</summary>
    public static async Task<PriceModel> LoadAsync(SamstyringDb db, int modelId, CancellationToken ct) =>
        await db.PriceModels.AsSplitQuery()
            .Include(m => m.Shares).ThenInclude(s => s.Entries)
            .Include(m => m.Steps)
            .SingleOrDefaultAsync(m => m.Id == modelId, ct)
        ?? throw new NotFoundException($"Fant ingen prismodell med id {modelId}.");

    /// <summary>A scenario may always be changed; a model in the yearly process only until it is adopted.</summary>
    public static void RequireEditable(PriceModel model)
    {
        if (!model.IsScenario && model.Status is PriceModelStatus.Adopted or PriceModelStatus.Replaced)
            throw ValidationFailedException.For("model", "En vedtatt prismodell kan ikke endres; lag et nytt utkast.");
    }

    public static async Task<NationalSolution> SolutionAsync(SamstyringDb db, string? key, CancellationToken ct) =>
        await db.NationalSolutions.SingleOrDefaultAsync(s => s.Key == (key ?? "").Trim(), ct)
        ?? throw new NotFoundException($"Fant ingen nasjonal løsning med nøkkelen «{Validator.Truncate(key ?? "")}».");

    public static void Year(Validator v, string field, int? year, bool required = true)
    {
        if (year is null)
        {
            if (required) v.Add(field, "Året må fylles ut.");
        }
        else if (year is < MinYear or > MaxYear) v.Add(field, $"Året må være mellom {MinYear} og {MaxYear}.");
    }

    /// <summary>Whether a percent is 0–100 with at most two decimals; its basis points when it is.</summary>
    public static int? BasisPoints(Validator v, string field, decimal? percent, string label = "Andelen")
    {
        if (percent is not { } p) { v.Add(field, $"{label} må fylles ut."); return null; }
        if (p is < 0 or > 100) { v.Add(field, $"{label} må være mellom 0 og 100 %."); return null; }
        if (p * 100 != decimal.Truncate(p * 100)) { v.Add(field, $"{label} kan ha høyst to desimaler."); return null; }
        return (int)(p * 100);
    }

    /// <summary>
    /// Why a population key for <paramref name="on"/> cannot be computed, or null: figures must exist for exactly that date,
    /// for every municipality that existed on it (a date without figures is refused rather than guessed).
    /// </summary>
    public static async Task<string?> PopulationProblemAsync(SamstyringDb db, DateOnly on, CancellationToken ct)
    {
        var withFigures = (await db.PopulationFigures.Where(p => p.On == on).Select(p => p.OrganizationId).ToListAsync(ct)).ToHashSet();
        if (withFigures.Count == 0) return $"Det finnes ingen folketall per {Norwegian.Date(on)}.";
        var municipalities = await db.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Kommune).ToListAsync(ct);
        var missing = municipalities.Where(m => m.ExistedOn(on) && !withFigures.Contains(m.Id))
            .OrderBy(m => m.MunicipalityNumber).Select(m => m.Name).ToList();
        return missing.Count == 0 ? null : $"Mangler folketall per {Norwegian.Date(on)} for {Norwegian.List(missing, 5)}.";
    }

    /// <summary>The collection a group's share has unless another is chosen: the state pays over the budget, others by invoice.</summary>
    public static CollectionMethod DefaultCollection(PayerGroup group) =>
        group == PayerGroup.State ? CollectionMethod.StateBudget : CollectionMethod.Invoice;

    /// <summary>A group's name inside a sentence ("kommuner", "regionale helseforetak").</summary>
    public static string GroupName(PayerGroup group) => group.Label().ToLowerInvariant();

    /// <summary>A change to a model's shares is a new version of the model, even though only its shares' rows changed.</summary>
    public static void Touch(SamstyringDb db, PriceModel model)
    {
        if (db.Entry(model).State == EntityState.Unchanged) db.Entry(model).State = EntityState.Modified;
    }
}
