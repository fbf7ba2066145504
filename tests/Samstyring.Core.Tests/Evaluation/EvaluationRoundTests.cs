using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Evaluation;
using Samstyring.Core.Tests.Financing;

namespace Samstyring.Core.Tests.Evaluation;

/// <summary>A round from proposal to ranking: propose, merge, publish, panel, scores, the board's weights, and the refusals on the way.</summary>
public abstract class EvaluationRoundTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<EvaluationRound> CreateAsync(string title) =>
        db.SendAsync((CreateEvaluation u) => u.HandleAsync(new CreateEvaluationInput(title, null, "target-areas", null, null), db.Office), db.Office);

    private Task<Candidate> ProposeAsync(int id, string title, CurrentUser? user) =>
        db.SendAsync((ProposeCandidate u) => u.HandleAsync(id, new ProposalInput(title, "Beskrivelse", null), user), user);

    private Task<EvaluationDetails> DetailsAsync(int id, CurrentUser? user, SensitivityOptions? options = null) =>
        db.SendAsync((EvaluationQueries q) => q.DetailsAsync(id, user, options));

    private static List<ScoreInput> Sheet(params int[] values) => values.Select((v, i) => new ScoreInput(i + 1, v, $"Begrunnelse {i + 1}")).ToList();

    private Task<int> EvaluationCountAsync() => db.QueryAsync(x => x.ScoreSheets.CountAsync());

    [Fact]
    public async Task Principle_set_1_holds_the_eleven_principles_of_case_40_21_in_order_and_the_demo_round_has_equal_weights()
    {
        if (!db.Available) return;
        var sets = await db.SendAsync((EvaluationQueries q) => q.PrincipleSetsAsync());
        var set = sets.Single(s => s.Purpose == EvaluationPurpose.TargetAreas && s.Version == "1");
        Assert.False(set.IsDemo);
        Assert.Equal("Nasjonalt e-helsestyre sak 40/21", set.SourceCase);
        Assert.Equal(Enumerable.Range(1, 11), set.Principles.Select(p => p.Number));
        Assert.Equal("Bidra til forebygging og pasientsikkerhet", set.Principles[0].Text);
        Assert.Equal("Tilrettelegge for innføring og realisering av gevinster", set.Principles[10].Text);

        var demoId = await db.QueryAsync(x => x.Evaluations.Where(e => e.Title == Seeder.DemoEvaluationTitle).Select(e => e.Id).SingleAsync());
        var demo = await DetailsAsync(demoId, null);
        Assert.True(demo.Summary.IsDemo);
        Assert.False(demo.Weights.Decided);
        Assert.Contains("teller alle prinsippene likt", demo.Weights.Text);
        Assert.All(demo.Weights.Weights, w => Assert.Equal(1 / 11.0, w.Normalised, 12));
        Assert.Equal(5, demo.Ranking.Count);
        Assert.All(demo.Ranking, r => Assert.Equal(2, r.ScorerCount));
        var merged = Assert.Single(demo.Candidates, c => c.IsMerged);
        Assert.Contains(demo.Candidates.Single(c => c.Id == merged.MergedIntoId).Proposers, p => p.DisplayName.StartsWith("Kåre", StringComparison.Ordinal));
        Assert.NotNull(demo.Sensitivity);
        Assert.Equal(22, demo.Sensitivity!.Shifts.Count);
    }

    [Fact]
    public async Task A_round_goes_from_proposals_to_a_weighted_ranking()
    {
        if (!db.Available) return;
        var round = await CreateAsync("Testrunde A");
        var a = await ProposeAsync(round.Id, "Område A", db.KsCoordinator);
        var dup = await ProposeAsync(round.Id, "Område A (dublett)", db.OwnerOslo);
        var b = await ProposeAsync(round.Id, "Område B", db.Member);

        // Not published: the public sees no candidates, a proposer sees their own.
        Assert.True((await DetailsAsync(round.Id, null)).CandidatesHidden);
        Assert.Empty((await DetailsAsync(round.Id, null)).Candidates);
        Assert.Equal(["Område A"], (await DetailsAsync(round.Id, db.KsCoordinator)).Candidates.Select(c => c.Title));

        var kept = await db.SendAsync((MergeCandidates u) => u.HandleAsync(round.Id, a.Id, dup.Id, dup.Version, db.Office), db.Office);
        Assert.Equal(2, kept.Proposers.Count);
        round = await db.SendAsync((ChangeEvaluationStage u) => u.HandleAsync(round.Id, "scoring", true, round.Version, db.Office), db.Office);
        round = await db.SendAsync((SetEvaluationPanel u) => u.HandleAsync(round.Id, ["medlem", "eier-hso"], round.Version, db.Office), db.Office);

        // A = all 4s from one member, 2s from the other: mean 3. B = 2 on 1–10 and 4 on 11 from both.
        var a1 = await db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4), null, db.Member), db.Member);
        await db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2), null, db.OwnerHelseSorOst), db.OwnerHelseSorOst);
        await db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, b.Id, Sheet(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4), null, db.Member), db.Member);
        await db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, b.Id, Sheet(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4), null, db.OwnerHelseSorOst), db.OwnerHelseSorOst);

        var equal = await DetailsAsync(round.Id, null, new SensitivityOptions(TopN: 1, Draws: 100));
        Assert.False(equal.CandidatesHidden);
        // Equal weights: A = 3; B = (10·2 + 4) / 11 = 24/11 ≈ 2.18.
        Assert.Equal([(a.Id, 1), (b.Id, 2)], equal.Ranking.Select(r => (r.CandidateId, r.Rank)));
        Assert.Equal(3.0, equal.Ranking[0].Total, 9);
        Assert.Equal(24 / 11.0, equal.Ranking[1].Total, 9);
        // The members side by side: 4 and 2 for A.
        Assert.Equal(2.0, equal.Ranking[0].LowestScorerTotal!.Value, 9);
        Assert.Equal(4.0, equal.Ranking[0].HighestScorerTotal!.Value, 9);
        var spreadA = equal.Candidates.Single(c => c.Id == a.Id).Spread[0];
        Assert.Equal((2, 3.0, 2, 4, 1.0), (spreadA.Count, spreadA.Mean, spreadA.Min, spreadA.Max, spreadA.StandardDeviation));
        Assert.Equal(1.0, equal.Sensitivity!.DrawResults.Single(d => d.CandidateId == a.Id).TopNShare);

        // The board weighs principle 11 alone (the rest 0): B = 4, A = 3 → B first.
        var caseId = await db.QueryAsync(x => x.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var weights = Enumerable.Range(1, 11).Select(n => new WeightInput(n, n == 11 ? 10 : 0)).ToList();
        round = await db.SendAsync((SetEvaluationWeights u) => u.HandleAsync(round.Id, weights, caseId, "2022-02-04", round.Version, db.Office), db.Office);
        var weighted = await DetailsAsync(round.Id, null);
        Assert.True(weighted.Weights.Decided);
        Assert.Contains("4. februar 2022", weighted.Weights.Text);
        Assert.Equal([b.Id, a.Id], weighted.Ranking.Select(r => r.CandidateId));

        // A stale sheet is caught; the right version saves.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), a1.Version + 5, db.Member), db.Member));
        await Assert.ThrowsAsync<VersionRequiredException>(() =>
            db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), null, db.Member), db.Member));
        var again = await db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4), a1.Version, db.Member), db.Member);
        Assert.Equal(a1.Version + 1, again.Version);
    }

    [Fact]
    public async Task Bad_scores_and_weights_are_refused_in_Norwegian_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var round = await CreateAsync("Testrunde B");
        var a = await ProposeAsync(round.Id, "Område C", db.KsCoordinator);
        var before = await EvaluationCountAsync();
        var bad = Sheet(5, -1, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        bad[2] = bad[2] with { Reason = " " };
        bad.RemoveAt(10);
        var errors = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, bad, null, db.Office), db.Office),
            "score1", "score2", "reason3", "score11", "reason11");
        Assert.Equal("Poeng for prinsipp 1 må være fra 0 til 4, ikke 5.", Assert.Single(errors["score1"]));
        Assert.Equal("Begrunnelsen for prinsipp 3 må fylles ut.", Assert.Single(errors["reason3"]));
        Assert.Equal(before, await EvaluationCountAsync());

        var caseId = await db.QueryAsync(x => x.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var zero = Enumerable.Range(1, 11).Select(n => new WeightInput(n, 0)).ToList();
        var zeroErrors = await TestHelpers.AssertInvalidAsync(() =>
            db.SendAsync((SetEvaluationWeights u) => u.HandleAsync(round.Id, zero, caseId, null, round.Version, db.Office), db.Office), "weights");
        Assert.StartsWith("Minst én vekt må være større enn null", Assert.Single(zeroErrors["weights"]));
        var negative = Enumerable.Range(1, 11).Select(n => new WeightInput(n, n == 2 ? -1 : 5)).ToList();
        await TestHelpers.AssertInvalidAsync(() =>
            db.SendAsync((SetEvaluationWeights u) => u.HandleAsync(round.Id, negative, null, null, round.Version, db.Office), db.Office), "weight2", "caseId");
        var stored = await db.QueryAsync(x => x.Evaluations.AsNoTracking().SingleAsync(e => e.Id == round.Id));
        Assert.Null(stored.WeightsCaseId);
        Assert.Equal(round.Version, stored.Version);
    }

    [Fact]
    public async Task Only_the_right_people_propose_run_and_score()
    {
        if (!db.Available) return;
        var round = await CreateAsync("Testrunde C");
        var tbu = await db.TbuAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => ProposeAsync(round.Id, "Anonymt", null));
        await Assert.ThrowsAsync<ForbiddenException>(() => ProposeAsync(round.Id, "TBU", tbu));
        var a = await ProposeAsync(round.Id, "Område D", db.OwnerOslo);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((CreateEvaluation u) => u.HandleAsync(new CreateEvaluationInput("X", null, "target-areas", null, null), db.Member), db.Member));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((ChangeEvaluationStage u) => u.HandleAsync(round.Id, null, true, round.Version, db.KsCoordinator), db.KsCoordinator));
        // Not on the panel: may not score.
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.SendAsync((ScoreCandidate u) => u.HandleAsync(round.Id, a.Id, Sheet(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), null, db.Member), db.Member));
        // Closed for proposals: refused with a reason.
        round = await db.SendAsync((ChangeEvaluationStage u) => u.HandleAsync(round.Id, "closed", null, round.Version, db.Office), db.Office);
        await TestHelpers.AssertInvalidAsync(() => ProposeAsync(round.Id, "For sent", db.KsCoordinator), "evaluation");
    }
}

public sealed class EvaluationRoundTestsSqlite(SqliteDatabase db) : EvaluationRoundTests(db), IClassFixture<SqliteDatabase>;

public sealed class EvaluationRoundTestsPostgres(PostgresDatabase db) : EvaluationRoundTests(db), IClassFixture<PostgresDatabase>;
