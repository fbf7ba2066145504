using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Strategy;

/// <summary>A step: its date, what happened, the status it gives (empty: unchanged), and the council case or a reference.</summary>
public sealed record StrategyStepInput(string? On, string? Status, string? Description, int? CaseId, string? Reference);

/// <summary>
/// Records a step in a strategy's life (the office): a council case that discussed it, the consultation, the adoption.
/// Steps come in date order. Adopting a strategy replaces the one adopted before, with a step of its own, in the same
/// transaction: one strategy is in force at a time.
/// </summary>
[UseCase]
public sealed class RecordStrategyStep(SamstyringDb db)
{
    public async Task<Strategy> HandleAsync(int strategyId, StrategyStepInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        StrategyAccess.RequireEditor(user);
        var strategy = await StrategyEditing.LoadAsync(db, strategyId, ct);
        db.ExpectVersion(strategy, expectedVersion);
        var allowed = Strategy.NextStatuses(strategy.Status);
        if (allowed.Count == 0)
            throw ValidationFailedException.For("status", $"{strategy.Title} er {strategy.Status.Label().ToLowerInvariant()} og får ingen flere steg.");

        var v = new Validator();
        v.Date("on", input.On, "Datoen", required: true, out var on);
        v.Enum<StrategyStatus>("status", input.Status, "Statusen", required: false, out var status);
        var to = status ?? strategy.Status;
        if (status is not null && !allowed.Contains(to))
            v.Add("status", $"En strategi som er {strategy.Status.Label().ToLowerInvariant()}, kan ikke bli «{to.Label()}». Mulige: {string.Join(", ", allowed.Select(a => $"«{a.Label()}»"))}.");
        v.Required("description", input.Description, "Beskrivelsen", StrategyStep.DescriptionMax);
        v.MaxLength("reference", input.Reference, "Referansen", StrategyStep.ReferenceMax);
        var latest = strategy.Steps.Count == 0 ? (DateOnly?)null : strategy.Steps.Max(s => s.On);
        if (on is { } d && latest is { } l && d < l) v.Add("on", $"Datoen kan ikke være før forrige steg ({Norwegian.Date(l)}).");
        if (on is { } d2 && d2 > db.Today) v.Add("on", $"Et steg registreres når det har skjedd; {Norwegian.Date(d2)} er fram i tid. Skriv planer i feltet for planen.");
        if (input.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct)) v.Add("caseId", $"Fant ingen sak med id {caseId}.");
        if (to == StrategyStatus.Adopted && to != strategy.Status && input.CaseId is null && string.IsNullOrWhiteSpace(input.Reference))
            v.Add("caseId", "Oppgi saken eller dokumentet strategien ble vedtatt i.");
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        strategy.Steps.Add(new StrategyStep
        {
            On = on!.Value, Status = to, Description = input.Description!.Trim(), CaseId = input.CaseId,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(),
            RecordedBy = user!.UserName, RecordedAt = now,
        });
        if (to == StrategyStatus.Adopted && strategy.Status != StrategyStatus.Adopted)
        {
            var earlier = await db.Strategies.Where(s => s.Id != strategy.Id && s.Status == StrategyStatus.Adopted).ToListAsync(ct);
            foreach (var e in earlier)
            {
                e.Status = StrategyStatus.Replaced;
                e.Steps.Add(new StrategyStep
                {
                    On = on.Value, Status = StrategyStatus.Replaced, Description = $"Erstattet av {strategy.Title}.", CaseId = input.CaseId,
                    Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(), RecordedBy = user.UserName, RecordedAt = now,
                });
            }
        }
        strategy.Status = to;
        // A step is a new version of the strategy even when its status stays.
        if (db.Entry(strategy).State == EntityState.Unchanged) db.Entry(strategy).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return strategy;
    }
}
