using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Evaluation;

/// <summary>A proposal: a target area (title and description), or for an initiatives round, the initiative's id.</summary>
public sealed record ProposalInput(string? Title, string? Description, int? InitiativeId);

/// <summary>
/// A signed-in actor user, council member or the office proposes a candidate to a round that is open for proposals. The
/// proposer's name is kept with the proposal. For a round on initiatives the candidate is an existing initiative, named
/// by the initiative's own name, and proposed once per round.
/// </summary>
[UseCase]
public sealed class ProposeCandidate(SamstyringDb db)
{
    public async Task<Candidate> HandleAsync(int evaluationId, ProposalInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Logg inn for å foreslå.");
        if (!EvaluationAccess.CanPropose(user))
            throw new ForbiddenException("Bare tiltakseiere, KS, utvalgsmedlemmer og porteføljekontoret kan foreslå.");
        var round = await EvaluationEditing.RoundAsync(db, evaluationId, ct);
        if (round.Status != EvaluationStatus.OpenForProposals)
            throw ValidationFailedException.For("evaluation", $"Vurderingen «{round.Title}» tar ikke imot forslag nå ({round.Status.Label().ToLowerInvariant()}).");

        var v = new Validator();
        string title;
        if (round.Purpose == EvaluationPurpose.Initiatives)
        {
            title = "";
            if (input.InitiativeId is not { } initiativeId) v.Add("initiativeId", "Velg tiltaket som foreslås.");
            else
            {
                var initiative = await db.Initiatives.AsNoTracking().Where(i => i.Id == initiativeId).Select(i => new { i.Name }).SingleOrDefaultAsync(ct);
                if (initiative is null) v.Add("initiativeId", $"Tiltak {initiativeId} finnes ikke.");
                else if (await db.EvaluationCandidates.AnyAsync(c => c.EvaluationId == round.Id && c.InitiativeId == initiativeId && c.MergedIntoId == null, ct))
                    v.Add("initiativeId", $"«{initiative.Name}» er allerede foreslått i denne vurderingen.");
                else title = initiative.Name.Length > Candidate.TitleMax ? initiative.Name[..Candidate.TitleMax] : initiative.Name;
            }
            v.MaxLength("description", input.Description, "Begrunnelsen", Candidate.DescriptionMax);
        }
        else
        {
            title = input.Title?.Trim() ?? "";
            v.Name("title", input.Title, "Målområdet", Candidate.TitleMax);
            v.MaxLength("description", input.Description, "Beskrivelsen", Candidate.DescriptionMax);
            if (input.InitiativeId is not null) v.Add("initiativeId", "Denne vurderingen gjelder målområder, ikke tiltak.");
        }
        v.ThrowIfInvalid();

        var now = db.UtcNow;
        var candidate = db.EvaluationCandidates.Add(new Candidate
        {
            EvaluationId = round.Id,
            Title = title,
            Description = input.Description?.Trim() ?? "",
            InitiativeId = round.Purpose == EvaluationPurpose.Initiatives ? input.InitiativeId : null,
            CreatedAt = now,
            Proposers = [new CandidateProposer { UserName = user.UserName, DisplayName = user.DisplayName, ProposedAt = now }],
        }).Entity;
        await db.SaveChangesAsync(ct);
        return candidate;
    }
}
