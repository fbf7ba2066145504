using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Evaluation;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Tests.Evaluation;

/// <summary>
/// A prioritised proposal becomes a target area of the strategy the round belongs to: its title, its description as the
/// goal, the next number. Refused for a merged duplicate, a round without a strategy, twice, and for anyone but the office.
/// </summary>
public abstract class AddTargetAreaFromCandidateTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<int> DraftStrategyAsync() =>
        db.QueryAsync(x => x.Strategies.Where(s => s.Status == StrategyStatus.Draft).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());

    private Task<EvaluationRound> CreateAsync(int? strategyId) =>
        db.SendAsync((CreateEvaluation u) => u.HandleAsync(new CreateEvaluationInput("Runde for strategien", null, "target-areas", null, strategyId), db.Office), db.Office);

    private Task<Candidate> ProposeAsync(int round, string title, string description) =>
        db.SendAsync((ProposeCandidate u) => u.HandleAsync(round, new ProposalInput(title, description, null), db.KsCoordinator), db.KsCoordinator);

    private Task<TargetArea> TakeAsync(int round, int candidate, CurrentUser? user) =>
        db.SendAsync((AddTargetAreaFromCandidate u) => u.HandleAsync(round, candidate, user), user);

    [Fact]
    public async Task The_office_takes_a_proposal_into_the_strategy_as_its_next_area_once()
    {
        if (!db.Available) return;
        var strategyId = await DraftStrategyAsync();
        var before = await db.QueryAsync(x => x.Strategies.Where(s => s.Id == strategyId)
            .Select(s => new { s.Version, Max = s.Areas.Select(a => (int?)a.Number).Max() ?? 0 }).SingleAsync());
        var round = await CreateAsync(strategyId);
        var title = $"Deling av data på tvers {Guid.NewGuid():N}"[..40];
        var candidate = await ProposeAsync(round.Id, title, "Data skal deles trygt mellom aktørene.");

        var area = await TakeAsync(round.Id, candidate.Id, db.Office);

        Assert.Equal((strategyId, before.Max + 1, title, "Data skal deles trygt mellom aktørene."), (area.StrategyId, area.Number, area.Title, area.Goal));
        Assert.True(await db.QueryAsync(x => x.Strategies.Where(s => s.Id == strategyId).Select(s => s.Version).SingleAsync()) > before.Version);
        var again = await TestHelpers.AssertInvalidAsync(() => TakeAsync(round.Id, candidate.Id, db.Office), "candidateId");
        Assert.Contains("har allerede målområde", again["candidateId"][0]);
        Assert.Equal(1, await db.QueryAsync(x => x.TargetAreas.CountAsync(a => a.StrategyId == strategyId && a.Title == title)));
    }

    [Fact]
    public async Task A_duplicate_a_round_without_a_strategy_and_anyone_but_the_office_are_refused_and_nothing_is_added()
    {
        if (!db.Available) return;
        var strategyId = await DraftStrategyAsync();
        var areas = await db.QueryAsync(x => x.TargetAreas.CountAsync());

        var round = await CreateAsync(strategyId);
        var keep = await ProposeAsync(round.Id, "Felles språk", "");
        var duplicate = await ProposeAsync(round.Id, "Felles språk (dublett)", "");
        await db.SendAsync((MergeCandidates u) => u.HandleAsync(round.Id, keep.Id, duplicate.Id, duplicate.Version, db.Office), db.Office);
        await TestHelpers.AssertInvalidAsync(() => TakeAsync(round.Id, duplicate.Id, db.Office), "candidateId");
        await Assert.ThrowsAsync<ForbiddenException>(() => TakeAsync(round.Id, keep.Id, db.KsCoordinator));
        await Assert.ThrowsAsync<ForbiddenException>(() => TakeAsync(round.Id, keep.Id, db.Member));
        await Assert.ThrowsAsync<NotFoundException>(() => TakeAsync(round.Id, int.MaxValue, db.Office));

        var loose = await CreateAsync(null);
        var alone = await ProposeAsync(loose.Id, "Uten strategi", "");
        var error = await TestHelpers.AssertInvalidAsync(() => TakeAsync(loose.Id, alone.Id, db.Office), "candidateId");
        Assert.Contains("ikke knyttet til noen strategi", error["candidateId"][0]);

        Assert.Equal(areas, await db.QueryAsync(x => x.TargetAreas.CountAsync()));
        // A round cannot point at a strategy that does not exist.
        await TestHelpers.AssertInvalidAsync(() => CreateAsync(int.MaxValue), "strategyId");
    }
}

public sealed class AddTargetAreaFromCandidateTestsSqlite(SqliteDatabase db) : AddTargetAreaFromCandidateTests(db), IClassFixture<SqliteDatabase>;

public sealed class AddTargetAreaFromCandidateTestsPostgres(PostgresDatabase db) : AddTargetAreaFromCandidateTests(db), IClassFixture<PostgresDatabase>;
