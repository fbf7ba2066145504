using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// The office names the round's panel by user names, replacing the panel before. A member taken off keeps the scores
/// already given (they are part of the record) but may not score further. The round's version guards the change.
/// </summary>
[UseCase]
public sealed class SetEvaluationPanel(SamstyringDb db)
{
    public const int MaxMembers = 30;

    public async Task<EvaluationRound> HandleAsync(int evaluationId, IReadOnlyList<string?> userNames, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var names = userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var v = new Validator();
        if (names.Count > MaxMembers) v.Add("userNames", $"Panelet kan ha høyst {MaxMembers} medlemmer.");
        var lowered = names.Select(n => n.ToLowerInvariant()).ToList();
        var users = await db.Users.Where(u => lowered.Contains(u.UserName.ToLower())).ToListAsync(ct);
        foreach (var missing in names.Where(n => !users.Any(u => string.Equals(u.UserName, n, StringComparison.OrdinalIgnoreCase))))
            v.Add("userNames", $"Brukeren «{Validator.Truncate(missing)}» finnes ikke.");
        v.ThrowIfInvalid();
        db.ExpectVersion(round, expectedVersion);

        var current = await db.EvaluationPanelMembers.Where(p => p.EvaluationId == round.Id).ToListAsync(ct);
        db.EvaluationPanelMembers.RemoveRange(current.Where(p => !users.Any(u => u.Id == p.UserId)));
        foreach (var u in users.Where(u => !current.Any(p => p.UserId == u.Id)))
            db.EvaluationPanelMembers.Add(new PanelMember { EvaluationId = round.Id, UserId = u.Id });
        db.Entry(round).Property(e => e.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return round;
    }
}
