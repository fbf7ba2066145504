using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>Drafts copied from a version (<see cref="CreateRoadmapDraft"/>, <see cref="DeleteRoadmapDraft"/>) and the steps through NUIT and the board to publication (<see cref="AdvanceRoadmapVersion"/>).</summary>
public abstract class RoadmapVersionTests(TestDatabase database) : RoadmapTestBase(database)
{
    [Fact]
    public async Task A_draft_from_a_version_copies_everything_and_points_dependencies_at_the_copies()
    {
        if (!db.Available) return;
        var source = await ViewAsync("21.1");
        Assert.NotEmpty(source.Milestones);
        Assert.Contains(source.Services, s => s.Dependencies.Any(d => d.Target == DependencyTarget.Service));

        var draft = await DraftAsync(basedOn: "21.1");
        Assert.Equal((RoadmapStatus.Draft, source.Title), (draft.Status, draft.Title));
        var copy = await ViewAsync(draft.Number);

        Assert.Equal("21.1", copy.BasedOn);
        Assert.Equal(source.Services.Select(s => (s.Key, s.Area, s.Goal, s.Description)), copy.Services.Select(s => (s.Key, s.Area, s.Goal, s.Description)));
        Assert.Empty(copy.Services.Select(s => s.Id).Intersect(source.Services.Select(s => s.Id)));
        foreach (var (a, b) in source.Services.Zip(copy.Services))
        {
            Assert.Equal(a.Plans.Select(p => (p.ActorGroup, p.Kind, p.Date, p.Note)), b.Plans.Select(p => (p.ActorGroup, p.Kind, p.Date, p.Note)));
            Assert.Equal(a.Solutions.Select(x => x.Key), b.Solutions.Select(x => x.Key));
            Assert.Equal(a.Initiatives.Select(x => x.Key), b.Initiatives.Select(x => x.Key));
            Assert.Equal(a.Dependencies.Select(d => (d.Target, d.TargetKey, d.TargetName, d.Description, d.IsLate, d.LateReason)),
                b.Dependencies.Select(d => (d.Target, d.TargetKey, d.TargetName, d.Description, d.IsLate, d.LateReason)));
        }
        // A dependency on a service now points at the copy in the new version, not the original.
        var copiedIds = copy.Services.Select(s => s.Id).ToHashSet();
        Assert.All(copy.Services.SelectMany(s => s.Dependencies).Where(d => d.Target == DependencyTarget.Service),
            d => Assert.Contains(d.TargetId, copiedIds));

        Assert.Equal(
            source.Milestones.Select(m => (m.Code, m.Title, m.ReachCriterion, m.Target?.Written,
                string.Join("|", m.Prerequisites.Select(p => $"{p.Text}/{p.Status}/{p.Assessment}/{p.AssessedOn}")),
                string.Join("|", m.Phases.Select(p => $"{p.Phase}/{p.Date.Written}/{p.Date.Start}/{p.Date.End}")))),
            copy.Milestones.Select(m => (m.Code, m.Title, m.ReachCriterion, m.Target?.Written,
                string.Join("|", m.Prerequisites.Select(p => $"{p.Text}/{p.Status}/{p.Assessment}/{p.AssessedOn}")),
                string.Join("|", m.Phases.Select(p => $"{p.Phase}/{p.Date.Written}/{p.Date.Start}/{p.Date.End}")))));

        // The source is untouched, and the whole copy is one transaction: one audit timestamp.
        Assert.Equal(source, await ViewAsync("21.1"), new ViewComparer());
        var stamps = await db.QueryAsync(x => x.AuditLog.Where(a => a.EntityType == nameof(RoadmapVersion) && a.EntityId == draft.Id.ToString())
            .Select(a => a.At).ToListAsync());
        var at = Assert.Single(stamps);
        var entries = await db.QueryAsync(x => x.AuditLog.CountAsync(a => a.At == at));
        Assert.True(entries > copy.Services.Sum(s => s.Plans.Count), $"{entries} audit entries");
    }

    [Fact]
    public async Task An_empty_draft_and_the_rules_for_version_numbers()
    {
        if (!db.Available) return;
        var number = NewNumber();
        var empty = await db.SendAsync((CreateRoadmapDraft u) => u.HandleAsync(
            new DraftInput(number, null, "change-list", "Endringsliste høsten", "Små endringer."), db.Office), db.Office);
        Assert.Equal((RoadmapStatus.Draft, RoadmapVersionKind.ChangeList, "Endringsliste høsten", "Små endringer.", (int?)null),
            (empty.Status, empty.Kind, empty.Title, empty.Summary, empty.BasedOnId));
        var view = await ViewAsync(number);
        Assert.Empty(view.Services);
        Assert.Empty(view.Milestones);

        var before = await CountsAsync();
        var bad = await TestHelpers.AssertInvalidAsync(() => DraftAsync(number: "22"), "number");
        Assert.Equal("«22» er ikke et gyldig versjonsnummer. Versjonsnummeret skrives som år og løpenummer, for eksempel 22.1.", bad["number"].Single());
        var taken = await TestHelpers.AssertInvalidAsync(() => DraftAsync(number: number), "number");
        Assert.Equal($"Versjon {number} finnes allerede.", taken["number"].Single());
        var lower = await TestHelpers.AssertInvalidAsync(() => DraftAsync(basedOn: "21.1", number: "21.05"), "number");
        Assert.Equal("Den nye versjonen må ha et høyere nummer enn versjonen den bygger på (21.1).", lower["number"].Single());
        var missing = await TestHelpers.AssertInvalidAsync(() => DraftAsync(basedOn: "9.9"), "basedOn");
        Assert.Equal("Fant ikke veikartversjon 9.9.", missing["basedOn"].Single());
        await TestHelpers.AssertInvalidAsync(() => DraftAsync(kind: "monthly"), "kind");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_draft_can_be_deleted_and_a_version_treated_by_NUIT_cannot()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(basedOn: "21.1");
        var child = await DraftAsync(basedOn: draft.Number);
        var blocked = await TestHelpers.AssertInvalidAsync(
            () => db.SendAsync((DeleteRoadmapDraft u) => u.HandleAsync(draft.Number, draft.Version, db.Office), db.Office), "status");
        Assert.Contains($"versjon {child.Number} bygger på den", blocked["status"].Single());

        await db.SendAsync((DeleteRoadmapDraft u) => u.HandleAsync(child.Number, child.Version, db.Office), db.Office);
        var childId = child.Id;
        Assert.False(await db.QueryAsync(x => x.RoadmapVersions.AnyAsync(v => v.Id == childId)));
        Assert.False(await db.QueryAsync(x => x.RoadmapServices.AnyAsync(s => s.RoadmapVersionId == childId)));
        Assert.False(await db.QueryAsync(x => x.Milestones.AnyAsync(s => s.RoadmapVersionId == childId)));
        await Assert.ThrowsAsync<NotFoundException>(() => ViewAsync(child.Number));

        // After NUIT recommended 21.1 (19 November 2021), which the draft builds on.
        var nuit = await CaseAsync("prioritisation-committee", "2022-03-02");
        await AdvanceAsync(draft.Number, "recommended", nuit.Id);
        var version = (await LoadVersionAsync(draft.Number)).Version;
        var refused = await TestHelpers.AssertInvalidAsync(
            () => db.SendAsync((DeleteRoadmapDraft u) => u.HandleAsync(draft.Number, version, db.Office), db.Office), "status");
        Assert.Equal($"Bare utkast kan slettes. Versjon {draft.Number} har status «Anbefalt av NUIT».", refused["status"].Single());
    }

    [Fact]
    public async Task A_case_a_version_was_treated_in_cannot_be_withdrawn()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var nuit = await CaseAsync("prioritisation-committee");
        await AdvanceAsync(draft.Number, "recommended", nuit.Id);
        var caseVersion = await db.QueryAsync(x => x.Cases.Where(c => c.Id == nuit.Id).Select(c => c.Version).SingleAsync());

        var refused = await TestHelpers.AssertInvalidAsync(
            () => db.SendAsync((WithdrawCase u) => u.HandleAsync(nuit.Id, caseVersion, db.Office), db.Office), "case");
        Assert.Contains("En veikartversjon er registrert behandlet i saken, så den kan ikke trekkes.", refused["case"]);
        Assert.True(await db.QueryAsync(x => x.Cases.AnyAsync(c => c.Id == nuit.Id)));
        Assert.Equal(nuit.Reference, (await ViewAsync(draft.Number)).Recommended!.Reference);
    }

    [Fact]
    public async Task A_draft_copied_from_demo_data_stays_marked_as_demo_data()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(basedOn: "21.1");
        var view = await ViewAsync(draft.Number);
        Assert.True(view.IsDemo);
        Assert.Contains("21.1", view.DemoNote);
        var diff = RoadmapDiffer.Compare(view, view);
        Assert.True(diff.IsDemo);
    }

    // ---------------------------------------------------------------- steps

    [Fact]
    public async Task A_yearly_version_goes_through_NUIT_and_the_board_one_step_at_a_time()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var n = draft.Number;
        var nuit = await CaseAsync("prioritisation-committee", "2021-09-22");
        var board = await CaseAsync("board", "2021-12-09");

        var skip = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "endorsed", board.Id), "step");
        Assert.Equal($"Versjon {n} har status «Utkast». Neste steg er «Anbefalt av NUIT».", skip["step"].Single());
        var noCase = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended"), "caseId");
        Assert.Equal("Velg saken i NUIT (prioriteringsutvalget).", noCase["caseId"].Single());
        var wrongBody = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended", board.Id), "caseId");
        Assert.Equal("Sak 2/21 er behandlet i TRÅD. Velg en sak i NUIT (prioriteringsutvalget).", wrongBody["caseId"].Single());
        await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended", 999_999), "caseId");
        await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "approved"), "step");
        Assert.Equal(RoadmapStatus.Draft, (await LoadVersionAsync(n)).Status);

        // The date defaults to the meeting where the case was treated.
        var recommended = await AdvanceAsync(n, "recommended", nuit.Id);
        Assert.Equal((RoadmapStatus.Recommended, nuit.Id, nuit.MeetingDate), (recommended.Status, recommended.RecommendedCaseId, recommended.RecommendedOn));

        var toPublish = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "published"), "step");
        Assert.Equal($"Versjon {n} er en årlig versjon og må tilsluttes av Nasjonalt e-helseråd før den publiseres.", toPublish["step"].Single());
        var nuitForBoard = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "endorsed", nuit.Id), "caseId");
        Assert.Equal("Sak 2/21 er behandlet i TNUIT. Velg en sak i Nasjonalt e-helseråd.", nuitForBoard["caseId"].Single());
        // Steps follow each other in time: not before the meeting of the case, not before the step before.
        var early = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "endorsed", board.Id, "2021-09-01"), "on");
        Assert.Equal("Datoen (1. september 2021) kan ikke være før saken ble behandlet (9. desember 2021).", early["on"].Single());
        var earlyBoard = await CaseAsync("board", "2021-09-01");
        var beforeNuit = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "endorsed", earlyBoard.Id), "caseId");
        Assert.Equal("Sak 2/21 ble behandlet 1. september 2021, før versjonen ble anbefalt av NUIT (22. september 2021). Velg en sak som ble behandlet senere.",
            beforeNuit["caseId"].Single());

        var endorsed = await AdvanceAsync(n, "endorsed", board.Id, "2021-12-10");
        Assert.Equal((RoadmapStatus.Endorsed, board.Id, new DateOnly(2021, 12, 10)), (endorsed.Status, endorsed.EndorsedCaseId, endorsed.EndorsedOn));
        var published = await AdvanceAsync(n, "published");
        Assert.Equal(RoadmapStatus.Published, published.Status);
        TestHelpers.AssertToday(published.PublishedOn);
        var again = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "published"), "step");
        Assert.Equal($"Versjon {n} er allerede publisert.", again["step"].Single());

        var view = await ViewAsync(n, null);
        Assert.Equal(new CaseStepView(nuit.Id, nuit.Reference, nuit.Title, nuit.MeetingDate, null), view.Recommended);
        Assert.Equal(new CaseStepView(board.Id, board.Reference, board.Title, new DateOnly(2021, 12, 10), null), view.Endorsed);
        Assert.Equal("TNUIT 2/21", view.Recommended!.Reference);
    }

    [Fact]
    public async Task A_version_is_recommended_after_the_last_step_of_the_version_it_builds_on()
    {
        if (!db.Available) return;
        // 21.1 was recommended in NUIT 39/21 on 19 November 2021; a draft of 22.1 built on it cannot be recommended in that
        // case, nor dated that day or earlier.
        var draft = await DraftAsync(basedOn: "21.1");
        var n = draft.Number;
        var nuit3921 = await db.QueryAsync(x => x.Cases.Where(c => c.Body.Slug == "nuit" && c.Year == 2021 && c.Number == 39).Select(c => c.Id).SingleAsync());
        var sameCase = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended", nuit3921), "caseId");
        Assert.Equal($"Sak 39/21 ble behandlet 19. november 2021, ikke etter at versjon 21.1, som versjon {n} bygger på, ble anbefalt av NUIT (19. november 2021). "
            + "En versjon behandles etter versjonen den bygger på: velg en senere sak i NUIT.", sameCase["caseId"].Single());
        var earlier = await CaseAsync("prioritisation-committee", "2021-06-01");
        await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended", earlier.Id), "caseId");
        var dated = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(n, "recommended", earlier.Id, "2021-11-19"), "on");
        Assert.Equal($"Datoen (19. november 2021) må være etter at versjon 21.1, som versjon {n} bygger på, ble anbefalt av NUIT (19. november 2021). "
            + "En versjon behandles etter versjonen den bygger på.", dated["on"].Single());
        Assert.Equal(RoadmapStatus.Draft, (await LoadVersionAsync(n)).Status);

        // A later NUIT case is fine, even though the draft was made after it: versions may be entered after the fact.
        var later = await CaseAsync("prioritisation-committee", "2022-11-17");
        var recommended = await AdvanceAsync(n, "recommended", later.Id);
        Assert.Equal(new DateOnly(2022, 11, 17), recommended.RecommendedOn);
        // And a version built on one that is only a draft has nothing to wait for.
        var child = await DraftAsync(basedOn: (await DraftAsync()).Number);
        await AdvanceAsync(child.Number, "recommended", earlier.Id);
    }

    [Fact]
    public async Task A_change_list_skips_the_board()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(kind: "change-list");
        var nuit = await CaseAsync("prioritisation-committee", "2022-03-02");
        var board = await CaseAsync("board", "2022-03-10");
        await AdvanceAsync(draft.Number, "recommended", nuit.Id);

        var toBoard = await TestHelpers.AssertInvalidAsync(() => AdvanceAsync(draft.Number, "endorsed", board.Id), "step");
        Assert.Equal("En endringsliste behandles bare i NUIT og publiseres uten å gå til Nasjonalt e-helseråd.", toBoard["step"].Single());
        var published = await AdvanceAsync(draft.Number, "published", on: "2022-03-15");
        Assert.Equal((RoadmapStatus.Published, new DateOnly(2022, 3, 15), (int?)null), (published.Status, published.PublishedOn, published.EndorsedCaseId));
    }

    [Fact]
    public async Task The_decision_of_the_case_is_shown_and_a_confidential_case_is_hidden_from_the_public()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(kind: "change-list");
        var nuit = await CaseAsync("prioritisation-committee", "2022-05-04", confidential: true, decision: "NUIT anbefaler endringslisten.");
        await AdvanceAsync(draft.Number, "recommended", nuit.Id);
        await AdvanceAsync(draft.Number, "published");

        var office = (await ViewAsync(draft.Number)).Recommended!;
        Assert.Equal((nuit.Reference, "Veikart med fortrolige planer", "NUIT anbefaler endringslisten."), (office.Reference, office.Title, office.Decision));
        var member = (await ViewAsync(draft.Number, db.Member)).Recommended!;
        Assert.Equal("NUIT anbefaler endringslisten.", member.Decision);
        foreach (var outsider in new[] { null, db.OwnerOslo, db.KsCoordinator })
        {
            var step = (await ViewAsync(draft.Number, outsider)).Recommended!;
            Assert.Equal((nuit.Id, nuit.Reference, "Unntatt offentlighet", (string?)null), (step.CaseId, step.Reference, step.Title, step.Decision));
        }
        var choices = await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Recommended, null));
        Assert.Equal("Unntatt offentlighet", choices.Single(c => c.Id == nuit.Id).Title);
        var insiderChoices = await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Recommended, db.Office));
        Assert.Equal(new CaseChoice(nuit.Id, nuit.Reference, nuit.Title), insiderChoices.Single(c => c.Id == nuit.Id));
    }

    [Fact]
    public async Task Case_choices_are_NUIT_cases_for_the_recommendation_and_board_cases_for_the_endorsement_newest_first()
    {
        if (!db.Available) return;
        var older = await CaseAsync("prioritisation-committee", "2019-03-01");
        var newer = await CaseAsync("prioritisation-committee", "2030-03-01");
        var board = await CaseAsync("board", "2030-03-02");

        var nuit = await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Recommended, db.Office));
        Assert.Contains(nuit, c => c.Id == older.Id);
        Assert.DoesNotContain(nuit, c => c.Id == board.Id);
        Assert.True(nuit.ToList().FindIndex(c => c.Id == newer.Id) < nuit.ToList().FindIndex(c => c.Id == older.Id));
        Assert.Contains(nuit, c => c.Reference == "NUIT 39/21");
        var boardChoices = await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Endorsed, db.Office));
        Assert.Contains(boardChoices, c => c.Id == board.Id);
        Assert.DoesNotContain(boardChoices, c => c.Id == newer.Id);
        Assert.Empty(await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Published, db.Office)));
        // Cases of meetings not yet announced are the office's and the members' business.
        Assert.DoesNotContain(await db.SendAsync((RoadmapQueries q) => q.CaseChoicesAsync(RoadmapStatus.Recommended, null)), c => c.Id == newer.Id);
    }
}

public sealed class RoadmapVersionTestsSqlite(SqliteDatabase db) : RoadmapVersionTests(db), IClassFixture<SqliteDatabase>;

public sealed class RoadmapVersionTestsPostgres(PostgresDatabase db) : RoadmapVersionTests(db), IClassFixture<PostgresDatabase>;
