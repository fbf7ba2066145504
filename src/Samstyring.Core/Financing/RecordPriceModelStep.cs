using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Financing;

public sealed record StepInput(string? Step, string? On, int? CaseId, string? Reference);

/// <summary>
/// Records the next step of the yearly process (council case, TBU calculation, public consultation, KS–state consultation,
/// adopted) with its date and case or document. Steps come in order, one at a time. The office records any step, the TBU
/// its calculation. Adopting a model replaces the year's adopted model, in the same transaction.
/// </summary>
[UseCase]
public sealed class RecordPriceModelStep(SamstyringDb db)
{
    public async Task<PriceModel> HandleAsync(int modelId, StepInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        FinancingAccess.RequireTbu(user);
        var model = await PriceModelEditing.LoadAsync(db, modelId, ct);
        db.ExpectVersion(model, expectedVersion);

        var v = new Validator();
        v.Enum<PriceModelStatus>("step", input.Step, "Steget", required: true, out var step);
        // The TBU records its own calculation; the rest of the process is the office's.
        if (!user!.IsOffice && step is not null && step != PriceModelStatus.TbuCalculation)
            throw new ForbiddenException("Teknisk beregningsutvalg kan bare registrere sin egen beregning («Beregnet av teknisk beregningsutvalg»).");
        if (model.IsScenario) throw ValidationFailedException.For("step", "Et scenario går ikke gjennom den årlige prosessen og kan ikke få steg.");
        if (model.Status is PriceModelStatus.Adopted or PriceModelStatus.Replaced)
            throw ValidationFailedException.For("step", $"{model.Name} er {model.Status.Label().ToLowerInvariant()} og har ingen flere steg.");

        var next = model.Status + 1;
        if (step is not null && step != next) v.Add("step", $"Neste steg er «{next.Label()}».");
        v.Date("on", input.On, "Datoen", required: true, out var on);
        var previous = model.Steps.Count == 0 ? (DateOnly?)null : model.Steps.Max(s => s.On);
        if (on is { } d && previous is { } p && d < p) v.Add("on", $"Datoen kan ikke være før forrige steg ({Norwegian.Date(p)}).");
        if (on is { } d2 && d2 > db.Today.AddYears(1)) v.Add("on", "Datoen kan ikke være mer enn ett år fram i tid.");
        if (input.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, ct)) v.Add("caseId", $"Fant ingen sak med id {caseId}.");
        v.MaxLength("reference", input.Reference, "Referansen", PriceModelStep.ReferenceMax);
        if (step is PriceModelStatus.CouncilCase or PriceModelStatus.Adopted && input.CaseId is null && string.IsNullOrWhiteSpace(input.Reference))
            v.Add("caseId", "Oppgi saken eller dokumentet.");
        if (step == PriceModelStatus.Adopted && step == next)
        {
            // Only a model that computes whole may become what the actors pay.
            var (_, allocation, _) = await new FinancingQueries(db).CalculateAsync(model.Id, user, ct);
            if (model.Shares.Count == 0) v.Add("step", $"{model.Name} har ingen andeler og kan ikke vedtas.");
            else if (allocation.Problems.Count > 0)
            {
                v.Add("step", $"{model.Name} kan ikke vedtas før den kan beregnes uten problemer:");
                foreach (var problem in allocation.Problems) v.Add("step", problem);
            }
        }
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        model.Steps.Add(new PriceModelStep
        {
            Step = step!.Value,
            On = on!.Value,
            CaseId = input.CaseId,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(),
            RecordedBy = user.UserName,
            RecordedAt = now,
        });
        model.Status = step.Value;
        if (step == PriceModelStatus.Adopted)
        {
            // One adopted model per year: the one adopted before is kept, as replaced.
            var earlier = await db.PriceModels.Where(m => m.Year == model.Year && m.Id != model.Id && m.Status == PriceModelStatus.Adopted).ToListAsync(ct);
            foreach (var m in earlier) m.Status = PriceModelStatus.Replaced;
        }
        await db.SaveChangesAsync(ct);
        return model;
    }
}
