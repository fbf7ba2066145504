using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>One principle's weight by its number in the set (1, 2 …), a whole number from 0 to 100.</summary>
public sealed record WeightInput(int? Principle, int? Weight);

/// <summary>
/// The office records the weights the board decided, with the council case that decided them and the date. Every
/// principle of the set gets a weight; only their ratios count. A negative weight, one above 100, and weights that are
/// all zero are refused: with all zero there is nothing to rank by.
/// </summary>
[UseCase]
public sealed class SetEvaluationWeights(SamstyringDb db)
{
    public async Task<EvaluationRound> HandleAsync(int evaluationId, IReadOnlyList<WeightInput> weights, int? caseId, string? decidedOn, int? expectedVersion,
        CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var principles = round.PrincipleSet.Principles.OrderBy(p => p.Number).ToList();
        var v = new Validator();
        var given = new Dictionary<int, int>();
        foreach (var w in weights)
        {
            if (w.Principle is not { } n || principles.All(p => p.Number != n))
            {
                v.Add("weights", $"Prinsippsettet har ikke noe prinsipp {w.Principle?.ToString(CultureInfo.InvariantCulture) ?? "(uten nummer)"}; numrene går fra 1 til {principles.Count}.");
                continue;
            }
            var field = Field(n);
            if (given.ContainsKey(n)) v.Add(field, $"Prinsipp {n} har fått vekt to ganger.");
            else if (w.Weight is not { } x) v.Add(field, $"Vekten for prinsipp {n} må fylles ut.");
            else if (x < 0) v.Add(field, $"Vekten for prinsipp {n} kan ikke være negativ.");
            else if (x > EvaluationWeight.Max) v.Add(field, $"Vekten for prinsipp {n} kan ikke være over {EvaluationWeight.Max}.");
            else given[n] = x;
        }
        foreach (var p in principles.Where(p => !given.ContainsKey(p.Number) && !weights.Any(w => w.Principle == p.Number)))
            v.Add(Field(p.Number), $"Vekten for prinsipp {p.Number} må fylles ut.");
        if (v.IsValid && given.Values.All(x => x == 0))
            v.Add("weights", "Minst én vekt må være større enn null: når alle vektene er null, er det ingenting å rangere etter.");
        if (caseId is not { } cid) v.Add("caseId", "Oppgi saken i Nasjonalt e-helsestyre som fastsatte vektene.");
        else if (!await db.Cases.AnyAsync(c => c.Id == cid, ct)) v.Add("caseId", $"Sak {cid} finnes ikke.");
        v.Date("decidedOn", decidedOn, "Vedtaksdatoen", required: false, out var on);
        v.ThrowIfInvalid();
        db.ExpectVersion(round, expectedVersion);

        var stored = await db.EvaluationWeights.Where(w => w.EvaluationId == round.Id).ToListAsync(ct);
        foreach (var p in principles)
        {
            var row = stored.SingleOrDefault(w => w.PrincipleId == p.Id);
            if (row is null) db.EvaluationWeights.Add(new EvaluationWeight { EvaluationId = round.Id, PrincipleId = p.Id, Weight = given[p.Number] });
            else row.Weight = given[p.Number];
        }
        round.WeightsCaseId = caseId;
        round.WeightsDecidedOn = on ?? await db.Cases.Where(c => c.Id == caseId).Select(c => c.DecidedOn).SingleAsync(ct);
        db.Entry(round).Property(e => e.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return round;
    }

    public static string Field(int principle) => "weight" + principle.ToString(CultureInfo.InvariantCulture);
}
