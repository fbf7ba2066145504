using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// The office merges a duplicate proposal into the one it keeps: every proposer of the duplicate is added to the kept
/// one (each name once), and the duplicate stays, marked as merged, out of scoring and ranking. Its scores, if any, are
/// left with it and no longer count. The duplicate's version guards against merging what someone just changed.
/// </summary>
[UseCase]
public sealed class MergeCandidates(SamstyringDb db)
{
    public async Task<Candidate> HandleAsync(int evaluationId, int keepId, int duplicateId, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        EvaluationAccess.RequireManager(user);
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        var both = await db.EvaluationCandidates.Include(c => c.Proposers)
            .Where(c => c.EvaluationId == round.Id && (c.Id == keepId || c.Id == duplicateId)).ToListAsync(ct);
        var keep = both.SingleOrDefault(c => c.Id == keepId) ?? throw new NotFoundException($"Forslag {keepId} finnes ikke i vurderingen.");
        var duplicate = both.SingleOrDefault(c => c.Id == duplicateId) ?? throw new NotFoundException($"Forslag {duplicateId} finnes ikke i vurderingen.");
        var v = new Validator();
        if (keepId == duplicateId) v.Add("duplicateId", "Et forslag kan ikke slås sammen med seg selv.");
        if (keep.MergedIntoId is not null) v.Add("keepId", $"«{keep.Title}» er selv slått sammen med et annet forslag; velg det.");
        if (duplicate.MergedIntoId is not null) v.Add("duplicateId", $"«{duplicate.Title}» er allerede slått sammen.");
        v.ThrowIfInvalid();
        db.ExpectVersion(duplicate, expectedVersion);

        foreach (var p in duplicate.Proposers.Where(p => !keep.Proposers.Any(k => string.Equals(k.UserName, p.UserName, StringComparison.OrdinalIgnoreCase))))
            keep.Proposers.Add(new CandidateProposer { UserName = p.UserName, DisplayName = p.DisplayName, ProposedAt = p.ProposedAt });
        duplicate.MergedIntoId = keep.Id;
        // The kept proposal changed too (more proposers): its version moves, so a stale form on it is caught.
        db.Entry(keep).Property(c => c.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return keep;
    }
}
