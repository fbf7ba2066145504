using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record CreatePriceModelInput(int? FromModelId, int? Year, string? Name, bool Scenario, string? Note);

/// <summary>Copies a model (or starts an empty one) for a year, as a draft for the yearly process or as a scenario. The office only.</summary>
[UseCase]
public sealed class CreatePriceModel(SamstyringDb db)
{
    public async Task<PriceModel> HandleAsync(CreatePriceModelInput input, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireEditor(user);
        PriceModel? source = null;
        if (input.FromModelId is { } fromId)
        {
            source = await db.PriceModels.AsNoTracking().AsSplitQuery().Include(m => m.Shares).ThenInclude(s => s.Entries)
                .SingleOrDefaultAsync(m => m.Id == fromId, ct);
            if (source is null || !FinancingAccess.CanSee(user, source)) throw new NotFoundException($"Fant ingen prismodell med id {fromId}.");
        }

        var v = new Validator();
        if (source is null && input.Year is null) v.Add("year", "Året må fylles ut når prismodellen ikke kopieres fra en annen.");
        PriceModelEditing.Year(v, "year", input.Year, required: false);
        v.Name("name", input.Name, "Navnet", PriceModel.NameMax, required: false);
        v.MaxLength("note", input.Note, "Merknaden", PriceModel.NoteMax);
        v.ThrowIfInvalid();

        // An adopted model copied as a draft is next year's starting point; anything else is copied within its own year.
        var year = input.Year ?? (source is { IsPublic: true } && !input.Scenario ? source.Year + 1 : source!.Year);
        if (year > PriceModelEditing.MaxYear) throw ValidationFailedException.For("year", $"Året må være mellom {PriceModelEditing.MinYear} og {PriceModelEditing.MaxYear}.");
        var inYear = await db.PriceModels.Where(m => m.Year == year).Select(m => new { m.Number, m.IsScenario }).ToListAsync(ct);
        var number = inYear.Count == 0 ? 1 : inYear.Max(m => m.Number) + 1;
        var name = string.IsNullOrWhiteSpace(input.Name)
            ? input.Scenario ? $"Scenario {inYear.Count(m => m.IsScenario) + 1} for {year}" : $"Prismodell {year}"
            : input.Name.Trim();

        var now = db.UtcNow;
        var model = new PriceModel
        {
            Year = year,
            Number = number,
            Name = name,
            IsScenario = input.Scenario,
            Status = PriceModelStatus.Draft,
            BasedOnId = source?.Id,
            Note = input.Note?.Trim() ?? "",
            CreatedBy = user!.UserName,
            CreatedAt = now,
        };
        if (source is not null)
        {
            var yearsMoved = year - source.Year;
            foreach (var share in source.Shares)
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = share.SolutionId,
                    Group = share.Group,
                    BasisPoints = share.BasisPoints,
                    Key = share.Key,
                    // The population is taken at the same point of the new year (1 January 2021 becomes 1 January 2022).
                    PopulationOn = share.PopulationOn?.AddYears(yearsMoved),
                    Collection = share.Collection,
                    Entries = share.Entries.Select(e => new KeyEntry { OrganizationId = e.OrganizationId, Weight = e.Weight }).ToList(),
                });
        }
        if (!input.Scenario)
            model.Steps.Add(new PriceModelStep { Step = PriceModelStatus.Draft, On = db.Today, RecordedBy = user.UserName, RecordedAt = now });
        db.PriceModels.Add(model);
        await db.SaveChangesAsync(ct);
        return model;
    }
}
