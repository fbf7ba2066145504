using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// The office moves a round on (open for proposals → under scoring → closed, or back) and publishes it or takes it down.
/// Publishing shows the public the candidates with their proposers, the scores and the ranking.
/// </summary>
[UseCase]
public sealed class ChangeEvaluationStage(SamstyringDb db)
{
    public async Task<EvaluationRound> HandleAsync(int evaluationId, string? status, bool? published, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var v = new Validator();
        v.Enum<EvaluationStatus>("status", status, "Status", required: published is null, out var parsed);
        v.ThrowIfInvalid();
        db.ExpectVersion(round, expectedVersion);
        if (parsed is { } s) round.Status = s;
        if (published is { } p) round.IsPublished = p;
        await db.SaveChangesAsync(ct);
        return round;
    }
}
