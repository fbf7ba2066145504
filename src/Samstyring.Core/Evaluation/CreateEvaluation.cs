using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>A new round: a title, what it weighs (target areas or initiatives, which picks the current principle set of that purpose unless one is named), and optionally the strategy it serves.</summary>
public sealed record CreateEvaluationInput(string? Title, string? Description, string? Purpose, int? PrincipleSetId, int? StrategyId);

/// <summary>The office opens an evaluation round for proposals. The weights start equal (not decided); nothing is published.</summary>
[UseCase]
public sealed class CreateEvaluation(SamstyringDb db)
{
    public async Task<EvaluationRound> HandleAsync(CreateEvaluationInput input, CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var v = new Validator();
        v.Name("title", input.Title, "Tittelen", EvaluationRound.TitleMax);
        v.MaxLength("description", input.Description, "Beskrivelsen", EvaluationRound.DescriptionMax);
        v.Enum<EvaluationPurpose>("purpose", input.Purpose, "Formålet", required: input.PrincipleSetId is null, out var purpose);
        if (input.StrategyId is <= 0) v.Add("strategyId", "Strategien må være en id (et positivt heltall).");
        else if (input.StrategyId is { } strategyId && !await db.Strategies.AnyAsync(s => s.Id == strategyId, ct))
            v.Add("strategyId", $"Strategi {strategyId} finnes ikke.");
        PrincipleSet? set = null;
        if (input.PrincipleSetId is { } setId)
        {
            set = await db.PrincipleSets.SingleOrDefaultAsync(s => s.Id == setId, ct);
            if (set is null) v.Add("principleSetId", $"Prinsippsett {setId} finnes ikke.");
            else if (purpose is { } p && p != set.Purpose)
                v.Add("principleSetId", $"Prinsippsettet gjelder {set.Purpose.Label().ToLowerInvariant()}, ikke {p.Label().ToLowerInvariant()}.");
        }
        else if (purpose is { } p)
        {
            set = await db.PrincipleSets.SingleOrDefaultAsync(s => s.Purpose == p && s.IsCurrent, ct);
            if (set is null) v.Add("purpose", $"Det finnes ikke noe gjeldende prinsippsett for {p.Label().ToLowerInvariant()}.");
        }
        v.ThrowIfInvalid();

        var round = db.Evaluations.Add(new EvaluationRound
        {
            Title = input.Title!.Trim(),
            Description = input.Description?.Trim() ?? "",
            PrincipleSetId = set!.Id,
            Purpose = set.Purpose,
            Status = EvaluationStatus.OpenForProposals,
            StrategyId = input.StrategyId,
            CreatedBy = user!.UserName,
            CreatedAt = db.UtcNow,
        }).Entity;
        await db.SaveChangesAsync(ct);
        return round;
    }
}
