using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>A target: group, stage (default in use), count or percent, due date, and the case that set it.</summary>
public sealed record TargetInput(string? Group, string? Stage, string? Measure, double? Value, string? DueOn, int? CaseId, string? CaseReference, string? Source);

/// <summary>Adds a target to a solution, or changes one (with the version the office started from). The office only.</summary>
[UseCase]
public sealed class SaveAdoptionTarget(SamstyringDb db)
{
    public async Task<AdoptionTarget> HandleAsync(string key, int? targetId, TargetInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        SolutionAccess.RequireCatalogueEditor(user);
        var solution = await SolutionEditing.LoadAsync(db, key, ct);
        AdoptionTarget target;
        if (targetId is { } id)
        {
            target = await db.AdoptionTargets.SingleOrDefaultAsync(t => t.Id == id && t.SolutionId == solution.Id, ct)
                     ?? throw new NotFoundException($"Fant ikke mål {id} for {solution.Name}.");
            db.ExpectVersion(target, expectedVersion);
        }
        else target = new AdoptionTarget { SolutionId = solution.Id };

        var v = new Validator();
        v.Enum<AdoptionGroup>("group", input.Group, "Aktørgruppen", required: true, out var group);
        v.Enum<AdoptionStage>("stage", input.Stage, "Innføringsstatusen", required: false, out var stage);
        v.Enum<TargetMeasure>("measure", input.Measure, "Målemåten", required: true, out var measure);
        v.Date("dueOn", input.DueOn, "Fristen", required: true, out var due);
        v.MaxLength("caseReference", input.CaseReference, "Saken", 200);
        v.MaxLength("source", input.Source, "Kilden", NationalSolution.SourceMax);
        if (input.Value is not { } value || double.IsNaN(value)) v.Add("value", "Målverdien må fylles ut.");
        else if (measure == TargetMeasure.Percent && value is <= 0 or > 100) v.Add("value", "En andel må være mellom 0 og 100 prosent.");
        else if (measure == TargetMeasure.Count && (value < 1 || value > 100_000 || value != Math.Floor(value))) v.Add("value", "Et antall må være et helt tall fra 1 til 100 000.");
        if (stage == AdoptionStage.NotStarted) v.Add("stage", "Et mål kan ikke være «ikke startet».");
        if (input.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct)) v.Add("caseId", $"Fant ikke sak {caseId}.");
        if (input.CaseId is null && string.IsNullOrWhiteSpace(input.CaseReference)) v.Add("caseId", "Oppgi saken som satte målet.");
        v.ThrowIfInvalid();

        target.Group = group!.Value;
        target.Stage = stage ?? AdoptionStage.InUse;
        target.Measure = measure!.Value;
        target.Value = input.Value!.Value;
        target.DueOn = due!.Value;
        target.CaseId = input.CaseId;
        target.CaseReference = string.IsNullOrWhiteSpace(input.CaseReference) ? null : input.CaseReference.Trim();
        target.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        target.IsDemo = false;
        if (target.Id == 0) db.AdoptionTargets.Add(target);
        await db.SaveChangesAsync(ct);
        return target;
    }
}
