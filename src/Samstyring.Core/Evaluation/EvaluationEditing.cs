using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>Loading shared by the evaluation's use cases.</summary>
internal static class EvaluationEditing
{
    public static async Task<EvaluationRound> RoundAsync(SamstyringDb db, int id, CancellationToken ct) =>
        await db.Evaluations.Include(e => e.PrincipleSet).ThenInclude(s => s.Principles).SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new NotFoundException($"Vurdering {id} finnes ikke.");

    public static async Task<List<string>> PanelUserNamesAsync(SamstyringDb db, int evaluationId, CancellationToken ct) =>
        await db.EvaluationPanelMembers.Where(p => p.EvaluationId == evaluationId).Select(p => p.User.UserName).ToListAsync(ct);
}
