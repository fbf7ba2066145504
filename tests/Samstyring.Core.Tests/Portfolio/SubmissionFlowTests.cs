using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>A municipality proposes, KS endorses or returns, the office assesses against case 37/21 and decides.</summary>
public abstract class SubmissionFlowTests(TestDatabase db)
{
    private static readonly AssessmentInput BothCriteriaMet = new(true, ["K2.1"], [], false, false, null);
    private static readonly AssessmentInput Criterion1NotMet = new(false, ["K2.1"], [], false, false, null);

    [Fact]
    public async Task A_municipal_proposal_goes_through_KS_and_the_office_into_the_portfolio_and_every_step_is_recorded()
    {
        if (!db.Available) return;
        var oslo = await db.OrganizationIdAsync("kommune:0301");

        var proposed = await db.ProposeAsync(db.OwnerOslo, UniqueName("Digital legevakt"));
        Assert.Equal(oslo, proposed.OwnerId);
        Assert.Equal(Lifecycle.Candidate, proposed.Lifecycle);
        Assert.Equal(SubmissionState.Proposed, proposed.Submission);

        var endorsed = await db.SendAsync((ReviewMunicipalSubmission u) => u.HandleAsync(proposed.Id, true, "Viktig for kommunesektoren.", db.KsCoordinator));
        Assert.Equal(SubmissionState.EndorsedByKs, endorsed.Submission);

        var assessment = await db.SendAsync((AssessInclusion u) => u.HandleAsync(proposed.Id, BothCriteriaMet, db.Office));
        Assert.True(assessment.MayBeIncluded);
        Assert.Equal(1, assessment.Number);
        Assert.Equal("2021.1", assessment.CriteriaSet.Version);

        var included = await db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "koordinering", null, db.Office));
        Assert.Equal(Lifecycle.Active, included.Lifecycle);

        var stored = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(Lifecycle.Active, stored.Lifecycle);
        Assert.Equal(SubmissionState.Included, stored.Submission);
        Assert.Equal(Segment.Koordinering, stored.Segment);
        AssertToday(stored.IncludedOn);
        var steps = stored.SubmissionSteps.OrderBy(s => s.Id).ToList();
        Assert.Equal(
            [(SubmissionAction.Proposed, "eier-oslo"), (SubmissionAction.KsEndorsed, "ks"), (SubmissionAction.Assessed, "kontor"), (SubmissionAction.Included, "kontor")],
            steps.Select(s => (s.Action, s.ByUser)));
        Assert.All(steps, s => { AssertRecent(s.At); Assert.False(string.IsNullOrWhiteSpace(s.ByName)); });
        Assert.Equal(steps.Select(s => s.At).Order(), steps.Select(s => s.At));
        Assert.Equal("Viktig for kommunesektoren.", steps[1].Comment);
        Assert.Contains("Koordinering", steps[3].Comment);
    }

    [Fact]
    public async Task KS_may_return_a_submission_with_a_comment_but_not_without_one()
    {
        if (!db.Available) return;
        var proposed = await db.ProposeAsync(db.OwnerOslo, UniqueName("Velferdsteknologi i Oslo"));
        var before = await db.CountsAsync();

        var errors = await AssertInvalidAsync(
            () => db.SendAsync((ReviewMunicipalSubmission u) => u.HandleAsync(proposed.Id, false, "  ", db.KsCoordinator)), "comment");
        Assert.Contains("må fylles ut", errors["comment"][0]);
        Assert.Equal(before, await db.CountsAsync());
        Assert.Equal(SubmissionState.Proposed, (await db.LoadInitiativeAsync(proposed.Id)).Submission);

        await db.SendAsync((ReviewMunicipalSubmission u) => u.HandleAsync(proposed.Id, false, "Beskriv avhengighetene til nasjonale løsninger.", db.KsCoordinator));
        var returned = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(SubmissionState.ReturnedByKs, returned.Submission);
        var step = returned.SubmissionSteps.OrderBy(s => s.Id).Last();
        Assert.Equal(SubmissionAction.KsReturned, step.Action);
        Assert.Equal("Beskriv avhengighetene til nasjonale løsninger.", step.Comment);

        // The owner sends it in again; KS sees it once more.
        await db.SendAsync((ResubmitInitiative u) => u.HandleAsync(proposed.Id, "Avhengighetene er beskrevet.", db.OwnerOslo));
        var resubmitted = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(SubmissionState.Proposed, resubmitted.Submission);
        Assert.Equal(SubmissionAction.Resubmitted, resubmitted.SubmissionSteps.OrderBy(s => s.Id).Last().Action);
    }

    [Fact]
    public async Task The_office_may_not_include_a_municipal_submission_before_KS_has_endorsed_it()
    {
        if (!db.Available) return;
        var proposed = await db.ProposeAsync(db.OwnerOslo, UniqueName("Kommunal journal"));
        await db.SendAsync((AssessInclusion u) => u.HandleAsync(proposed.Id, BothCriteriaMet, db.Office));
        var before = await db.CountsAsync();

        var errors = await AssertInvalidAsync(
            () => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "observasjon", null, db.Office)), "id");
        Assert.Contains("anbefalt av KS-koordinatoren", errors["id"][0]);

        Assert.Equal(before, await db.CountsAsync());
        var stored = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(Lifecycle.Candidate, stored.Lifecycle);
        Assert.Null(stored.IncludedOn);
        Assert.Null(stored.Segment);
    }

    [Fact]
    public async Task The_office_may_not_include_when_the_latest_assessment_says_the_criteria_are_not_met_and_assessments_are_versioned()
    {
        if (!db.Available) return;
        // A regional health authority's proposal does not pass KS.
        var proposed = await db.ProposeAsync(db.OwnerHelseSorOst, UniqueName("Regional bildedeling"));

        var first = await db.SendAsync((AssessInclusion u) => u.HandleAsync(proposed.Id, Criterion1NotMet, db.Office));
        Assert.Equal(1, first.Number);
        Assert.False(first.MayBeIncluded);
        await AssertInvalidAsync(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "samstyring", null, db.Office)), "id");
        Assert.Equal(Lifecycle.Candidate, (await db.LoadInitiativeAsync(proposed.Id)).Lifecycle);

        var second = await db.SendAsync((AssessInclusion u) => u.HandleAsync(proposed.Id, BothCriteriaMet, db.Office));
        Assert.Equal(2, second.Number);
        Assert.True(second.MayBeIncluded);
        await db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "samstyring", null, db.Office));

        var stored = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(Lifecycle.Active, stored.Lifecycle);
        Assert.Equal([1, 2], stored.Assessments.Select(a => a.Number).Order());
        Assert.False(stored.Assessments.Single(a => a.Number == 1).Criterion1Met); // the first assessment is kept as it was
    }

    [Fact]
    public async Task Including_needs_a_valid_segment_and_a_rejection_needs_a_reason()
    {
        if (!db.Available) return;
        var proposed = await db.ProposeAsync(db.OwnerHelseSorOst, UniqueName("Pasientforløp"));
        await db.SendAsync((AssessInclusion u) => u.HandleAsync(proposed.Id, BothCriteriaMet, db.Office));

        await AssertInvalidAsync(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, null, null, db.Office)), "segment");
        await AssertInvalidAsync(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "purple", null, db.Office)), "segment");
        await AssertInvalidAsync(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, false, null, null, db.Office)), "comment");

        await db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, false, null, "Rent utredningsarbeid.", db.Office));
        var stored = await db.LoadInitiativeAsync(proposed.Id);
        Assert.Equal(SubmissionState.Rejected, stored.Submission);
        Assert.Equal(Lifecycle.Candidate, stored.Lifecycle);
        // A decided submission cannot be decided again.
        await AssertInvalidAsync(() => db.SendAsync((DecideInclusion u) => u.HandleAsync(proposed.Id, true, "samstyring", null, db.Office)), "id");
    }

    [Fact]
    public async Task An_assessment_resting_on_dialogue_must_record_the_dialogue()
    {
        if (!db.Available) return;
        var proposed = await db.ProposeAsync(db.OwnerHelseSorOst, UniqueName("Samordnet innføring"));

        await AssertInvalidAsync(() => db.SendAsync((AssessInclusion u) =>
            u.HandleAsync(proposed.Id, new AssessmentInput(true, [], [], false, true, null), db.Office)), "dialogue");
        await AssertInvalidAsync(() => db.SendAsync((AssessInclusion u) =>
            u.HandleAsync(proposed.Id, new AssessmentInput(true, ["K9.9"], [], false, false, null), db.Office)), "criterion2Ways");

        var a = await db.SendAsync((AssessInclusion u) =>
            u.HandleAsync(proposed.Id, new AssessmentInput(true, [], [], false, true, "Møte med porteføljekontoret 3. mars: krever samordning med NHN."), db.Office));
        Assert.True(a.MayBeIncluded);
        Assert.Equal(1, a.Number);
    }
}

public sealed class SubmissionFlowTestsSqlite(SqliteDatabase db) : SubmissionFlowTests(db), IClassFixture<SqliteDatabase>;

public sealed class SubmissionFlowTestsPostgres(PostgresDatabase db) : SubmissionFlowTests(db), IClassFixture<PostgresDatabase>;
