using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// The office takes a proposed target area into the strategy the round belongs to, once the board has prioritised it: a
/// new target area with the proposal's title, its description as the goal and the next free number. Only for a round on
/// target areas that is linked to a strategy that is not replaced; a merged-away duplicate cannot be taken, nor an area
/// whose title the strategy has already (so a second click adds nothing). Links and indicators are set on the area after.
/// </summary>
[UseCase]
public sealed class AddTargetAreaFromCandidate(SamstyringDb db)
{
    public async Task<TargetArea> HandleAsync(int evaluationId, int candidateId, CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var candidate = await db.EvaluationCandidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == candidateId && c.EvaluationId == round.Id, ct)
                        ?? throw new NotFoundException($"Forslag {candidateId} finnes ikke i vurderingen.");
        if (round.Purpose != EvaluationPurpose.TargetAreas)
            throw ValidationFailedException.For("candidateId", "Bare forslag til målområder kan bli målområder i en strategi.");
        if (round.StrategyId is not { } strategyId)
            throw ValidationFailedException.For("candidateId", "Vurderingen er ikke knyttet til noen strategi, så forslaget har ingen strategi å bli målområde i.");
        if (candidate.MergedIntoId is not null)
            throw ValidationFailedException.For("candidateId", $"«{candidate.Title}» er slått sammen med et annet forslag; ta inn det i stedet.");

        var strategy = await db.Strategies.Include(s => s.Steps).Include(s => s.Areas).SingleOrDefaultAsync(s => s.Id == strategyId, ct)
                       ?? throw new NotFoundException($"Fant ingen strategi med id {strategyId}.");
        StrategyEditing.RequireChangeable(strategy);
        if (strategy.Areas.FirstOrDefault(a => string.Equals(a.Title.Trim(), candidate.Title.Trim(), StringComparison.OrdinalIgnoreCase)) is { } same)
            throw ValidationFailedException.For("candidateId", $"{strategy.Title} har allerede målområde {same.Number} «{same.Title}».");

        var input = new TargetAreaInput(strategy.Areas.Count == 0 ? 1 : strategy.Areas.Max(a => a.Number) + 1, candidate.Title, candidate.Description, []);
        var area = StrategyEditing.AddArea(db, strategy, input);
        await db.SaveChangesAsync(ct);
        return area;
    }
}
