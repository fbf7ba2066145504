using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>A score of one principle (by its number): 0–4 and a short reason.</summary>
public sealed record ScoreInput(int? Principle, int? Value, string? Reason);

/// <summary>
/// The office or a panel member scores a candidate against every principle of the set, 0–4 each with a short reason.
/// The scores are the scorer's own sheet: saved all together, first without a version and then with the sheet's version,
/// so two people never overwrite each other and one person's stale form is caught. A merged-away duplicate and a closed
/// round cannot be scored.
/// </summary>
[UseCase]
public sealed class ScoreCandidate(SamstyringDb db)
{
    public async Task<ScoreSheet> HandleAsync(int evaluationId, int candidateId, IReadOnlyList<ScoreInput?>? scores, int? expectedVersion, CurrentUser? user,
        CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Logg inn for å vurdere.");
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var panel = await EvaluationEditing.PanelUserNamesAsync(db, round.Id, ct);
        if (!EvaluationAccess.CanScore(user, panel))
            throw new ForbiddenException("Bare porteføljekontoret og vurderingspanelet kan gi poeng.");
        var candidate = await db.EvaluationCandidates.SingleOrDefaultAsync(c => c.Id == candidateId && c.EvaluationId == round.Id, ct)
                        ?? throw new NotFoundException($"Forslag {candidateId} finnes ikke i vurderingen.");
        if (round.Status == EvaluationStatus.Closed)
            throw ValidationFailedException.For("evaluation", "Vurderingen er avsluttet; poengene kan ikke endres.");
        if (candidate.MergedIntoId is not null)
            throw ValidationFailedException.For("candidate", $"«{candidate.Title}» er slått sammen med et annet forslag; gi poeng på det.");

        // The sheet itself is read only now: who may not score learns nothing about its rules.
        if (scores is null) throw ValidationFailedException.For("scores", "Poengene mangler: send listen «scores» med ett objekt per prinsipp.");
        if (scores.Any(s => s is null)) throw ValidationFailedException.For("scores", "Hvert poeng må være et objekt med principle, value og reason.");
        var principles = round.PrincipleSet.Principles.OrderBy(p => p.Number).ToList();
        var v = new Validator();
        var given = new Dictionary<int, ScoreInput>();
        foreach (var s in scores.OfType<ScoreInput>())
        {
            if (s.Principle is not { } n || principles.All(p => p.Number != n))
            {
                v.Add("scores", $"Prinsippsettet har ikke noe prinsipp {s.Principle?.ToString(CultureInfo.InvariantCulture) ?? "(uten nummer)"}; numrene går fra 1 til {principles.Count}.");
                continue;
            }
            if (!given.TryAdd(n, s)) v.Add(ScoreField(n), $"Prinsipp {n} har fått poeng to ganger.");
        }
        foreach (var p in principles)
        {
            if (!given.TryGetValue(p.Number, out var s) || s.Value is not { } value)
                v.Add(ScoreField(p.Number), $"Poeng for prinsipp {p.Number} må fylles ut (0–4).");
            else if (value is < Score.Min or > Score.Max)
                v.Add(ScoreField(p.Number), $"Poeng for prinsipp {p.Number} må være fra {Score.Min} til {Score.Max}, ikke {value}.");
            v.Required(ReasonField(p.Number), s?.Reason, $"Begrunnelsen for prinsipp {p.Number}", Score.ReasonMax);
        }
        v.ThrowIfInvalid();

        var scorerId = await db.Users.Where(u => u.UserName == user.UserName).Select(u => u.Id).SingleAsync(ct);
        var sheet = await db.ScoreSheets.Include(s => s.Scores).SingleOrDefaultAsync(s => s.CandidateId == candidate.Id && s.ScorerId == scorerId, ct);
        if (sheet is not null) db.ExpectVersion(sheet, expectedVersion);
        else sheet = db.ScoreSheets.Add(new ScoreSheet { CandidateId = candidate.Id, ScorerId = scorerId }).Entity;
        foreach (var p in principles)
        {
            var s = given[p.Number];
            var row = sheet.Scores.SingleOrDefault(x => x.PrincipleId == p.Id);
            if (row is null) sheet.Scores.Add(row = new Score { PrincipleId = p.Id, Reason = "" });
            row.Value = s.Value!.Value;
            row.Reason = s.Reason!.Trim();
        }
        sheet.ScoredAt = db.UtcNow;
        sheet.IsDemo = false;
        await db.SaveChangesAsync(ct);
        return sheet;
    }

    public static string ScoreField(int principle) => "score" + principle.ToString(CultureInfo.InvariantCulture);

    public static string ReasonField(int principle) => "reason" + principle.ToString(CultureInfo.InvariantCulture);
}
