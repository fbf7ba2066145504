using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Solutions;

/// <summary>A dated change: a new lifecycle stage, owner or operator, or several at once (a transfer). Empty fields are unchanged.</summary>
public sealed record SolutionEventInput(string? On, string? Lifecycle, int? OwnerId, int? OperatorId, string? Note, string? Source);

/// <summary>
/// Records a dated event in a solution's history (the office). It may lie in the future (a planned transfer). Today's owner,
/// operator and lifecycle follow from the history, so the entry's version moves on too: the event needs the entry's version.
/// </summary>
[UseCase]
public sealed class RecordSolutionEvent(SamstyringDb db)
{
    public async Task<(NationalSolution Solution, SolutionEvent Event)> HandleAsync(string key, SolutionEventInput input, int? expectedVersion,
        CurrentUser? user, CancellationToken ct = default)
    {
        SolutionAccess.RequireCatalogueEditor(user);
        var solution = await SolutionEditing.LoadAsync(db, key, ct);
        db.ExpectVersion(solution, expectedVersion);
        var v = new Validator();
        v.Date("on", input.On, "Datoen", required: true, out var on);
        v.Enum<SolutionLifecycle>("lifecycle", input.Lifecycle, "Livsløpsfasen", required: false, out var lifecycle);
        v.Required("note", input.Note, "Beskrivelsen av hendelsen", SolutionEvent.NoteMax);
        v.MaxLength("source", input.Source, "Kilden", NationalSolution.SourceMax);
        foreach (var (field, id, label) in new[] { ("ownerId", input.OwnerId, "løsningseier"), ("operatorId", input.OperatorId, "driftsleverandør") })
            if (id is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, ct)) v.Add(field, $"Fant ingen aktør med id {orgId} som {label}.");
        if (lifecycle is null && input.OwnerId is null && input.OperatorId is null)
            v.Add("lifecycle", "Oppgi hva som endres: livsløpsfase, løsningseier eller driftsleverandør.");
        v.ThrowIfInvalid();

        var e = new SolutionEvent
        {
            SolutionId = solution.Id, On = on!.Value, Lifecycle = lifecycle, OwnerId = input.OwnerId, OperatorId = input.OperatorId,
            Note = input.Note!.Trim(), Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim(),
            RecordedBy = user!.UserName, RecordedAt = db.UtcNow,
        };
        db.SolutionEvents.Add(e);
        await SolutionEditing.RefreshStateAsync(db, solution, ct);
        db.Entry(solution).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return (solution, e);
    }
}
