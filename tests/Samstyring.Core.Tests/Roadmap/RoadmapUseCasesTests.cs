using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>
/// The office's work on the roadmap: drafting from a version, editing services, plans and dependencies, the steps through
/// NUIT and the board to publication; who sees what; and the read model (lateness, first and last in use).
/// Every test makes versions of its own (numbers from 100.1 up) and its own bodies and cases.
/// </summary>
public abstract class RoadmapUseCasesTests(TestDatabase db)
{
    private static int _next = 99;

    /// <summary>A version number no other test uses, higher than the demo versions (1.0, 21.1).</summary>
    private static string NewNumber() => $"{Interlocked.Increment(ref _next)}.1";

    private Task<RoadmapVersion> DraftAsync(string? basedOn = null, string kind = "yearly", string? number = null) =>
        db.SendAsync((RoadmapUseCases u) => u.CreateDraftAsync(new DraftInput(number ?? NewNumber(), basedOn, kind, null, null), db.Office), db.Office);

    private Task<RoadmapService> AddServiceAsync(string number, string goal, string? key = null, string area = "Samhandling",
        IReadOnlyList<string>? solutions = null, IReadOnlyList<int>? initiatives = null) =>
        db.SendAsync((RoadmapUseCases u) => u.AddServiceAsync(number, new ServiceInput(key, area, goal, null, solutions, initiatives), db.Office), db.Office);

    private Task<RoadmapPlan> AddPlanAsync(int serviceId, string actorGroup, string kind, string written, string? note = null) =>
        db.SendAsync((RoadmapUseCases u) => u.AddPlanAsync(serviceId, new PlanInput(actorGroup, kind, written, note), db.Office), db.Office);

    private Task<RoadmapDependency> DependAsync(int serviceId, string target, string key, string description = "") =>
        db.SendAsync((RoadmapUseCases u) => u.AddDependencyAsync(serviceId, new DependencyInput(target, key, description), db.Office), db.Office);

    private Task<RoadmapView> ViewAsync(string number, CurrentUser? user) =>
        db.SendAsync((RoadmapQueries q) => q.GetVersionAsync(number, user));

    private Task<RoadmapView> ViewAsync(string number) => ViewAsync(number, db.Office);

    private Task<RoadmapVersion> LoadVersionAsync(string number) =>
        db.QueryAsync(x => x.RoadmapVersions.AsNoTracking().SingleAsync(v => v.Number == number));

    private async Task<RoadmapVersion> AdvanceAsync(string number, string step, int? caseId = null, string? on = null)
    {
        var version = (await LoadVersionAsync(number)).Version;
        return await db.SendAsync((RoadmapUseCases u) => u.AdvanceAsync(number, new StepInput(step, caseId, on), version, db.Office), db.Office);
    }

    private sealed record TestCase(int Id, string Reference, string Title, DateOnly MeetingDate);

    /// <summary>
    /// A case in a new body of the given kind ("prioritisation-committee" for NUIT, "board"), in a meeting on
    /// <paramref name="date"/>; case 2 of the year (the meeting's standing case is 1). Decided when asked.
    /// </summary>
    private async Task<TestCase> CaseAsync(string kind, string date = "2021-09-22", bool confidential = false, string? decision = null)
    {
        var slug = $"vk-{Guid.NewGuid().ToString("N")[..8]}";
        var shortName = kind == "board" ? "TRÅD" : "TNUIT";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, "Testorgan for veikartet", shortName, "2017-01-01", kind, "Laget av testene.", "none", null, null, null), db.Office), db.Office);
        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(
            new MeetingInput(slug, date, "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);
        var title = confidential ? "Veikart med fortrolige planer" : "Veikart for nasjonale e-helseløsninger";
        var c = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id,
            new CaseInput(title, "anbefaling", "Direktoratet for e-helse", null, "Hensikt.", "Bakgrunn.", "Utvalget anbefaler veikartet.",
                confidential, confidential ? "Offl. § 14" : null, null, null), db.Office), db.Office);
        if (decision is not null)
        {
            var mv = await db.QueryAsync(x => x.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.Version).SingleAsync());
            await db.SendAsync((SendNotice u) => u.HandleAsync(meeting.Id, mv, db.Office), db.Office);
            var cv = await db.QueryAsync(x => x.Cases.Where(k => k.Id == c.Id).Select(k => k.Version).SingleAsync());
            await db.SendAsync((RecordDecision u) => u.HandleAsync(c.Id, decision, cv, db.Office), db.Office);
        }
        return new TestCase(c.Id, $"{shortName} {c.NumberText}", title, meeting.Date);
    }

    private Task<(int Versions, int Services, int Plans, int Dependencies, int Audit)> CountsAsync() => db.QueryAsync(async x => (
        await x.RoadmapVersions.CountAsync(), await x.RoadmapServices.CountAsync(), await x.RoadmapPlans.CountAsync(),
        await x.RoadmapDependencies.CountAsync(), await x.AuditLog.CountAsync()));

    /// <summary>An initiative of its own, planned to end on <paramref name="plannedEnd"/>, with a red latest report when asked.</summary>
    private async Task<int> InitiativeAsync(DateOnly? plannedEnd, bool red = false)
    {
        var initiative = await db.ProposeAsync(db.OwnerHelseSorOst, TestHelpers.UniqueName("Veikarttiltak"));
        await db.QueryAsync(async x =>
        {
            var i = await x.Initiatives.SingleAsync(y => y.Id == initiative.Id);
            i.PlannedEnd = plannedEnd;
            if (red)
            {
                var period = await x.ReportingPeriods.OrderBy(p => p.Id).FirstAsync();
                var report = new StatusReport
                {
                    InitiativeId = i.Id, PeriodId = period.Id, Status = Rag.Red, Risk = Rag.Yellow, ReportedBy = "test", ReportedAt = DateTime.UtcNow,
                };
                x.StatusReports.Add(report);
                await x.SaveChangesAsync();
                i.LatestReportId = report.Id;
            }
            return await x.SaveChangesAsync();
        });
        return initiative.Id;
    }

    // ---------------------------------------------------------------- drafts

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

    /// <summary>Compares the parts of two views that a copy must not change.</summary>
    private sealed class ViewComparer : IEqualityComparer<RoadmapView>
    {
        public bool Equals(RoadmapView? x, RoadmapView? y) =>
            x is not null && y is not null && x.Version == y.Version
            && x.Services.Select(s => (s.Id, s.Version, s.Plans.Count)).SequenceEqual(y.Services.Select(s => (s.Id, s.Version, s.Plans.Count)));

        public int GetHashCode(RoadmapView obj) => obj.Id;
    }

    [Fact]
    public async Task An_empty_draft_and_the_rules_for_version_numbers()
    {
        if (!db.Available) return;
        var number = NewNumber();
        var empty = await db.SendAsync((RoadmapUseCases u) => u.CreateDraftAsync(
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
            () => db.SendAsync((RoadmapUseCases u) => u.DeleteDraftAsync(draft.Number, draft.Version, db.Office), db.Office), "status");
        Assert.Contains($"versjon {child.Number} bygger på den", blocked["status"].Single());

        await db.SendAsync((RoadmapUseCases u) => u.DeleteDraftAsync(child.Number, child.Version, db.Office), db.Office);
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
            () => db.SendAsync((RoadmapUseCases u) => u.DeleteDraftAsync(draft.Number, version, db.Office), db.Office), "status");
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

    // ---------------------------------------------------------------- frozen versions, access

    [Fact]
    public async Task Endorsed_and_published_versions_cannot_be_changed()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var n = draft.Number;
        var service = await AddServiceAsync(n, "Helsepersonell skal kunne dele bilder");
        var plan = await AddPlanAsync(service.Id, "Helseforetak", "rollout", "2023");

        // Recommended is still open: NUIT's input is worked in before the board.
        await AdvanceAsync(n, "recommended", (await CaseAsync("prioritisation-committee")).Id);
        plan = await db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(plan.Id, new PlanInput("Helseforetak", "rollout", "Q2 2023", null), plan.Version, db.Office), db.Office);
        Assert.Equal("Q2 2023", plan.Written);

        await AdvanceAsync(n, "endorsed", (await CaseAsync("board", "2021-12-09")).Id);
        var endorsed = await TestHelpers.AssertInvalidAsync(() => AddServiceAsync(n, "En ny tjeneste"), "status");
        Assert.Equal($"Versjon {n} er tilsluttet av Nasjonalt e-helseråd og kan ikke endres. Lag et nytt utkast.", endorsed["status"].Single());

        await AdvanceAsync(n, "published");
        var before = await CountsAsync();
        var version = (await LoadVersionAsync(n)).Version;
        var serviceVersion = (await ViewAsync(n)).Services.Single().Version;
        const string frozen = "er publisert og kan ikke endres. Lag et nytt utkast.";
        Assert.Equal($"Versjon {n} {frozen}", (await TestHelpers.AssertInvalidAsync(() => AddServiceAsync(n, "En ny tjeneste"), "status"))["status"].Single());
        await TestHelpers.AssertInvalidAsync(() => AddPlanAsync(service.Id, "Legevakt", "trial", "2024"), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(plan.Id,
            new PlanInput("Helseforetak", "rollout", "2025", null), plan.Version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.RemovePlanAsync(plan.Id, plan.Version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.UpdateServiceAsync(service.Id,
            new ServiceInput(null, "Samhandling", "Endret", null, null, null), serviceVersion, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.RemoveServiceAsync(service.Id, serviceVersion, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(service.Id, "solution", "helsenorge"), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.UpdateVersionAsync(n, new VersionInput("Ny tittel", null), version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.DeleteDraftAsync(n, version, db.Office), db.Office), "status");
        Assert.Equal(before, await CountsAsync());

        // The published roadmap itself was frozen: the released version 1.0 too.
        var published = (await ViewAsync("1.0")).Milestones.First();
        var prerequisite = published.Prerequisites.First();
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id,
            new PrerequisiteInput(null, "uncertain", "Usikkert.", null), published.Version, db.Office), db.Office), "status");
    }

    [Fact]
    public async Task Only_the_office_changes_the_roadmap_and_a_refused_change_saves_nothing()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(basedOn: "21.1");
        var view = await ViewAsync(draft.Number);
        var service = view.Services.First();
        var plan = service.Plans.First();
        var dependency = view.Services.SelectMany(s => s.Dependencies).First();
        var prerequisite = view.Milestones.First().Prerequisites.First();
        var nuit = await CaseAsync("prioritisation-committee");
        var before = await CountsAsync();

        foreach (var user in new[] { null, db.OwnerHelseSorOst, db.KsCoordinator, db.Member })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.CreateDraftAsync(new DraftInput(NewNumber(), "21.1", null, null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdateVersionAsync(draft.Number, new VersionInput("x", null), view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.DeleteDraftAsync(draft.Number, view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AdvanceAsync(draft.Number, new StepInput("recommended", nuit.Id, null), view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddServiceAsync(draft.Number, new ServiceInput(null, "A", "B", null, null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdateServiceAsync(service.Id, new ServiceInput(null, "A", "B", null, null, null), service.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemoveServiceAsync(service.Id, service.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddPlanAsync(service.Id, new PlanInput("Legevakt", "trial", "2030", null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(plan.Id, new PlanInput("Legevakt", "trial", "2030", null), plan.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemovePlanAsync(plan.Id, plan.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddDependencyAsync(service.Id, new DependencyInput("solution", "helseid", null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemoveDependencyAsync(dependency.Id, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id, new PrerequisiteInput(null, "uncertain", null, null), 1, user), user));
            var milestone = view.Milestones.First();
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddMilestoneAsync(draft.Number, new MilestoneInput("M9", "Ny", null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdateMilestoneAsync(milestone.Id, new MilestoneInput("M9", "Ny", null, null), milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemoveMilestoneAsync(milestone.Id, milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddPrerequisiteAsync(milestone.Id, new PrerequisiteInput("Ny", "uncertain", null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemovePrerequisiteAsync(prerequisite.Id, milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.AddPhaseAsync(milestone.Id, new PhaseInput("rollout", "2030"), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePhaseAsync(milestone.Phases.First().Id, new PhaseInput("rollout", "2030"), milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RoadmapUseCases u) => u.RemovePhaseAsync(milestone.Phases.First().Id, milestone.Version, user), user));
        }
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(view, await ViewAsync(draft.Number), new ViewComparer());
    }

    [Fact]
    public async Task Drafts_are_hidden_from_everyone_but_the_office_and_members()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(basedOn: "1.0");
        foreach (var outsider in new[] { null, db.OwnerHelseSorOst, db.KsCoordinator })
        {
            var ex = await Assert.ThrowsAsync<NotFoundException>(() => ViewAsync(draft.Number, outsider));
            Assert.Equal($"Fant ikke veikartversjon {draft.Number}.", ex.Message);
            await Assert.ThrowsAsync<NotFoundException>(() => ViewAsync("21.1", outsider)); // recommended, not yet published
            await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((RoadmapQueries q) => q.DiffAsync("1.0", draft.Number, outsider)));
            await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync(draft.Number, outsider)));
            var list = await db.SendAsync((RoadmapQueries q) => q.ListVersionsAsync(outsider));
            Assert.All(list, v => Assert.Equal(RoadmapStatus.Published, v.Status));
            Assert.Contains(list, v => v.Number == "1.0");
            Assert.Equal("1.0", (await ViewAsync("1.0", outsider)).Number);
        }
        Assert.Equal(draft.Number, (await ViewAsync(draft.Number, db.Member)).Number);
        var all = await db.SendAsync((RoadmapQueries q) => q.ListVersionsAsync(db.Member));
        Assert.Contains(all, v => v.Number == draft.Number && v.Status == RoadmapStatus.Draft && v.BasedOn == "1.0");
        Assert.Equal(all.OrderByDescending(v => RoadmapVersion.SortKey(v.Number)).Select(v => v.Number), all.Select(v => v.Number));
        await Assert.ThrowsAsync<NotFoundException>(() => ViewAsync("9999.999", db.Office));

        // What to compare with: the version drafted from when visible, else the latest visible one before it.
        Assert.Equal("1.0", await db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync(draft.Number, db.Member)));
        Assert.Equal("1.0", await db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync("21.1", db.Member)));
        Assert.Null(await db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync("1.0", null)));
    }

    [Fact]
    public async Task The_latest_published_version_is_the_highest_number_published()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(kind: "change-list");
        var before = await db.SendAsync((RoadmapQueries q) => q.GetLatestPublishedAsync());
        Assert.NotNull(before);
        Assert.NotEqual(draft.Number, before.Number);
        await AdvanceAsync(draft.Number, "recommended", (await CaseAsync("prioritisation-committee")).Id);
        await AdvanceAsync(draft.Number, "published");
        Assert.Equal(draft.Number, (await db.SendAsync((RoadmapQueries q) => q.GetLatestPublishedAsync()))!.Number);
    }

    // ---------------------------------------------------------------- editing

    [Fact]
    public async Task A_stale_version_is_refused()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var service = await AddServiceAsync(draft.Number, "Helsepersonell skal kunne se legemiddellisten");
        var plan = await AddPlanAsync(service.Id, "Helseforetak", "trial", "2024");

        // Adding content makes a new version of the version, so an edit of the title from before is stale.
        var afterPlan = await LoadVersionAsync(draft.Number);
        Assert.True(afterPlan.Version > draft.Version);
        Assert.True(afterPlan.UpdatedAt >= draft.UpdatedAt);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdateVersionAsync(draft.Number, new VersionInput("Ny tittel", null), draft.Version, db.Office), db.Office));
        var renamed = await db.SendAsync((RoadmapUseCases u) =>
            u.UpdateVersionAsync(draft.Number, new VersionInput("Ny tittel", "Sammendrag."), afterPlan.Version, db.Office), db.Office);
        Assert.Equal(("Ny tittel", "Sammendrag."), (renamed.Title, renamed.Summary));

        var moved = await db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(plan.Id, new PlanInput("Helseforetak", "trial", "2025", null), plan.Version, db.Office), db.Office);
        Assert.Equal(plan.Version + 1, moved.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdatePlanAsync(plan.Id, new PlanInput("Helseforetak", "trial", "2026", null), plan.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) => u.RemovePlanAsync(plan.Id, plan.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdateServiceAsync(service.Id, new ServiceInput(null, "Samhandling", "Endret", null, null, null), service.Version + 5, db.Office), db.Office));
        var stale = await LoadVersionAsync(draft.Number);
        await db.SendAsync((RoadmapUseCases u) => u.RemovePlanAsync(plan.Id, moved.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AdvanceWithVersionAsync(draft.Number, stale.Version));
        Assert.Empty((await ViewAsync(draft.Number)).Services.Single().Plans);
    }

    private Task<RoadmapVersion> AdvanceWithVersionAsync(string number, int version) =>
        db.SendAsync((RoadmapUseCases u) => u.AdvanceAsync(number, new StepInput("recommended", null, null), version, db.Office), db.Office);

    [Fact]
    public async Task Plans_are_validated_in_Norwegian_and_a_bad_plan_saves_nothing()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var service = await AddServiceAsync(draft.Number, "Legevakten skal kunne se kritisk informasjon");
        await AddPlanAsync(service.Id, "Legevakt", "rollout", "medio 2023");
        var before = await CountsAsync();

        var quarter = await TestHelpers.AssertInvalidAsync(() => AddPlanAsync(service.Id, "Helseforetak", "trial", "Q5 2021"), "written");
        Assert.False(PlannedDate.TryParse("Q5 2021", out _, out var expected));
        Assert.Equal(expected, quarter["written"].Single());
        Assert.Equal("Kvartal må være 1–4, ikke 5.", quarter["written"].Single());
        var empty = await TestHelpers.AssertInvalidAsync(() => AddPlanAsync(service.Id, " ", "sometime", ""), "actorGroup", "kind", "written");
        Assert.Equal("Aktørgruppe må fylles ut.", empty["actorGroup"].Single());
        Assert.Equal("Tidspunktet må fylles ut.", empty["written"].Single());
        await TestHelpers.AssertInvalidAsync(() => AddPlanAsync(service.Id, new string('x', 121), "trial", "2024"), "actorGroup");

        // One plan per actor group and kind; the spelling does not make a new group.
        var duplicate = await TestHelpers.AssertInvalidAsync(() => AddPlanAsync(service.Id, "legevakt", "rollout", "2024"), "actorGroup");
        Assert.Equal("Tjenesten har allerede en plan for innføring hos Legevakt. Endre den planen i stedet.", duplicate["actorGroup"].Single());
        Assert.Equal(before, await CountsAsync());

        var trial = await AddPlanAsync(service.Id, "  legevakt ", "trial", "tidligst Q4 2022", "Utprøving i Bergen.");
        Assert.Equal(("Legevakt", PlanKind.Trial, "tidligst Q4 2022", new DateOnly(2022, 10, 1), PlannedDateQualifier.Earliest, "Utprøving i Bergen."),
            (trial.ActorGroup, trial.Kind, trial.Written, trial.Start, trial.Qualifier, trial.Note));
        var clash = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdatePlanAsync(trial.Id, new PlanInput("Legevakt", "rollout", "2024", null), trial.Version, db.Office), db.Office), "actorGroup");
        Assert.Contains("allerede en plan for innføring hos Legevakt", clash["actorGroup"].Single());
        // Saving a plan unchanged is not a clash with itself.
        await db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(trial.Id, new PlanInput("Legevakt", "trial", "Q4 2022", null), trial.Version, db.Office), db.Office);
        Assert.Contains("Legevakt", await db.SendAsync((RoadmapQueries q) => q.KnownActorGroupsAsync()));
    }

    [Fact]
    public async Task Services_get_keys_from_their_goal_and_links_are_checked()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var n = draft.Number;
        var initiative = await InitiativeAsync(new DateOnly(2026, 6, 30));
        var first = await AddServiceAsync(n, "Innbygger skal få se sine røntgenbilder på Helsenorge", solutions: ["helsenorge", "kjernejournal"], initiatives: [initiative]);
        Assert.Equal("innbygger-skal-fa-se-sine-rontgenbilder-pa-helsenorge", first.Key);
        var second = await AddServiceAsync(n, "Innbygger skal få se sine røntgenbilder på Helsenorge");
        Assert.Equal("innbygger-skal-fa-se-sine-rontgenbilder-pa-helsenorge-2", second.Key);
        var long_ = await AddServiceAsync(n, string.Join(' ', Enumerable.Repeat("Ærlig samhandling", 10)));
        Assert.InRange(long_.Key.Length, 10, RoadmapService.KeyMax);
        Assert.StartsWith("aerlig-samhandling-", long_.Key);
        Assert.DoesNotMatch("-$", long_.Key);

        var view = (await ViewAsync(n)).Services;
        Assert.Equal([first.Id, second.Id, long_.Id], view.Select(s => s.Id));
        Assert.Equal(["helsenorge", "kjernejournal"], view[0].Solutions.Select(s => s.Key).Order());
        Assert.Equal(initiative.ToString(), view[0].Initiatives.Single().Key);

        var before = await CountsAsync();
        var bad = await TestHelpers.AssertInvalidAsync(() => AddServiceAsync(n, "", key: first.Key, area: "", solutions: ["finnes-ikke"], initiatives: [999_999]),
            "area", "goal", "key", "solutions", "initiatives");
        Assert.Equal($"Nøkkelen «{first.Key}» er allerede brukt av en annen tjeneste i versjon {n}.", bad["key"].Single());
        Assert.Equal("Fant ikke den nasjonale løsningen «finnes-ikke».", bad["solutions"].Single());
        Assert.Equal("Fant ikke tiltak 999999.", bad["initiatives"].Single());
        await TestHelpers.AssertInvalidAsync(() => AddServiceAsync(n, "Mål", key: "Store Bokstaver"), "key");
        Assert.Equal(before, await CountsAsync());

        // An update keeps the key when none is given, and replaces the links only when they are given.
        var updated = await db.SendAsync((RoadmapUseCases u) => u.UpdateServiceAsync(first.Id,
            new ServiceInput(null, "Innbyggertjenester", "Innbygger skal se bildene sine", "Beskrivelse.", ["helsenorge"], null), first.Version, db.Office), db.Office);
        Assert.Equal((first.Key, "Innbyggertjenester", "Innbygger skal se bildene sine", first.Version + 1), (updated.Key, updated.Area, updated.Goal, updated.Version));
        var after = (await ViewAsync(n)).Services[0];
        Assert.Equal(["helsenorge"], after.Solutions.Select(s => s.Key));
        Assert.Single(after.Initiatives);
        var linksOnly = await db.SendAsync((RoadmapUseCases u) => u.UpdateServiceAsync(first.Id,
            new ServiceInput(null, "Innbyggertjenester", "Innbygger skal se bildene sine", "Beskrivelse.", ["helsenorge"], []), updated.Version, db.Office), db.Office);
        Assert.Equal(updated.Version + 1, linksOnly.Version);
        Assert.Empty((await ViewAsync(n)).Services[0].Initiatives);
    }

    [Fact]
    public async Task Dependencies_are_checked_and_removing_a_service_removes_what_depended_on_it()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var n = draft.Number;
        var a = await AddServiceAsync(n, "Tjeneste A", key: "tjeneste-a");
        var b = await AddServiceAsync(n, "Tjeneste B", key: "tjeneste-b");
        var initiative = await InitiativeAsync(null);

        var onB = await DependAsync(a.Id, "service", "tjeneste-b", "A bygger på B.");
        await DependAsync(a.Id, "initiative", initiative.ToString());
        await DependAsync(a.Id, "solution", "helseid");
        var before = await CountsAsync();
        Assert.Equal("En tjeneste kan ikke avhenge av seg selv.", (await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "service", "tjeneste-a"), "key"))["key"].Single());
        Assert.Equal("Tjenesten avhenger allerede av «Tjeneste B».", (await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "service", "tjeneste-b"), "key"))["key"].Single());
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "service", "kritisk-informasjon"), "key"); // in another version
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "initiative", initiative.ToString()), "key");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "initiative", "tiltak"), "key");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "solution", "helseid"), "key");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "solution", "finnes-ikke"), "key");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "organization", "x"), "target");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(a.Id, "service", ""), "key");
        Assert.Equal(before, await CountsAsync());

        var view = (await ViewAsync(n)).Services.Single(s => s.Id == a.Id);
        Assert.Equal([DependencyTarget.Service, DependencyTarget.Initiative, DependencyTarget.Solution], view.Dependencies.Select(d => d.Target));
        Assert.Equal((b.Id, "tjeneste-b", "Tjeneste B", "A bygger på B."), (view.Dependencies[0].TargetId, view.Dependencies[0].TargetKey, view.Dependencies[0].TargetName, view.Dependencies[0].Description));

        await db.SendAsync((RoadmapUseCases u) => u.RemoveDependencyAsync(onB.Id, db.Office), db.Office);
        Assert.Equal(2, (await ViewAsync(n)).Services.Single(s => s.Id == a.Id).Dependencies.Count);
        await DependAsync(a.Id, "service", "tjeneste-b");
        var bVersion = (await ViewAsync(n)).Services.Single(s => s.Id == b.Id).Version;
        await db.SendAsync((RoadmapUseCases u) => u.RemoveServiceAsync(b.Id, bVersion, db.Office), db.Office);
        var left = Assert.Single((await ViewAsync(n)).Services);
        Assert.Equal([DependencyTarget.Initiative, DependencyTarget.Solution], left.Dependencies.Select(d => d.Target));
    }

    [Fact]
    public async Task A_dependency_that_would_close_a_ring_is_refused_directly_or_through_other_services()
    {
        if (!db.Available) return;
        var n = (await DraftAsync()).Number;
        var a = await AddServiceAsync(n, "Tjeneste A", key: "a");
        var b = await AddServiceAsync(n, "Tjeneste B", key: "b");
        var c = await AddServiceAsync(n, "Tjeneste C", key: "c");
        var d = await AddServiceAsync(n, "Tjeneste D", key: "d");
        await DependAsync(a.Id, "service", "b");
        await DependAsync(b.Id, "service", "c");
        await DependAsync(c.Id, "service", "d");
        var before = await CountsAsync();

        var direct = await TestHelpers.AssertInvalidAsync(() => DependAsync(b.Id, "service", "a"), "key");
        Assert.Equal("«Tjeneste A» avhenger allerede av denne tjenesten, så avhengighetene ville gått i ring. Fjern den avhengigheten først hvis den er feil.",
            direct["key"].Single());
        var indirect = await TestHelpers.AssertInvalidAsync(() => DependAsync(d.Id, "service", "a"), "key");
        Assert.Equal("«Tjeneste A» avhenger allerede av denne tjenesten gjennom «Tjeneste B» og «Tjeneste C», så avhengighetene ville gått i ring. "
            + "Fjern den avhengigheten først hvis den er feil.", indirect["key"].Single());
        await TestHelpers.AssertInvalidAsync(() => DependAsync(c.Id, "service", "a"), "key");
        Assert.Equal(before, await CountsAsync());

        // A shortcut in the same direction is no ring, nor is a service outside the chain depending on it; the ring named is the shortest.
        await DependAsync(a.Id, "service", "d");
        var e = await AddServiceAsync(n, "Tjeneste E", key: "e");
        await DependAsync(e.Id, "service", "a");
        var shortest = await TestHelpers.AssertInvalidAsync(() => DependAsync(d.Id, "service", "e"), "key");
        Assert.StartsWith("«Tjeneste E» avhenger allerede av denne tjenesten gjennom «Tjeneste A», så", shortest["key"].Single());
    }

    [Fact]
    public async Task Assessing_a_prerequisite_records_status_text_and_date()
    {
        if (!db.Available) return;
        var original = (await ViewAsync("21.1")).Milestones.First().Prerequisites.First();
        var draft = await DraftAsync(basedOn: "21.1");
        var milestone = (await ViewAsync(draft.Number)).Milestones.First();
        var prerequisite = milestone.Prerequisites.First();
        await db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id,
            new PrerequisiteInput(null, "work-remaining", "Anskaffelsen er ikke startet.", null), milestone.Version, db.Office), db.Office);
        var after = (await ViewAsync(draft.Number)).Milestones.First();
        var assessed = after.Prerequisites.First();
        Assert.Equal((PrerequisiteStatus.WorkRemaining, "Anskaffelsen er ikke startet."), (assessed.Status, assessed.Assessment));
        TestHelpers.AssertToday(assessed.AssessedOn);
        Assert.Equal(milestone.Version + 1, after.Version);

        // Someone who started from the milestone as it was before gets a conflict instead of overwriting the assessment.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id,
            new PrerequisiteInput(null, "confirmed-so-far", "Alt i orden.", null), milestone.Version, db.Office), db.Office));
        Assert.Equal("Anskaffelsen er ikke startet.", (await ViewAsync(draft.Number)).Milestones.First().Prerequisites.First().Assessment);

        await db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id,
            new PrerequisiteInput(null, "confirmed-so-far", "", "2021-06-01"), after.Version, db.Office), db.Office);
        var latest = (await ViewAsync(draft.Number)).Milestones.First();
        Assert.Equal(new DateOnly(2021, 6, 1), latest.Prerequisites.First().AssessedOn);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(prerequisite.Id,
            new PrerequisiteInput(null, "maybe", null, "i går"), latest.Version, db.Office), db.Office), "status", "assessedOn");
        // The source version is not touched.
        Assert.Equal(original, (await ViewAsync("21.1")).Milestones.First().Prerequisites.First());
    }

    [Fact]
    public async Task The_office_keeps_milestones_with_their_prerequisites_and_phase_plans()
    {
        if (!db.Available) return;
        var n = (await DraftAsync(basedOn: "21.1")).Number;
        async Task<MilestoneView> Read(int id) => (await ViewAsync(n)).Milestones.Single(m => m.Id == id);
        Task<int> MilestoneCount() => db.QueryAsync(x => x.Milestones.CountAsync());

        // Refused input names each field and saves nothing.
        var before = (await CountsAsync(), await MilestoneCount());
        var bad = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) =>
            u.AddMilestoneAsync(n, new MilestoneInput("M 4", "", null, "januar 2O22"), db.Office), db.Office), "code", "title", "target");
        Assert.Equal("«M 4» er ikke en gyldig kode. Skriv den med bokstaver og sifre uten mellomrom, for eksempel «M4».", bad["code"].Single());
        Assert.StartsWith("«2O22» er ikke et gyldig årstall", bad["target"].Single());
        var taken = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) =>
            u.AddMilestoneAsync(n, new MilestoneInput("m2", "Enda en M2", null, null), db.Office), db.Office), "code");
        Assert.Equal($"Versjon {n} har allerede milepæl M2.", taken["code"].Single());
        Assert.Equal(before, (await CountsAsync(), await MilestoneCount()));

        var m4 = await db.SendAsync((RoadmapUseCases u) => u.AddMilestoneAsync(n,
            new MilestoneInput(" M4 ", " Nasjonal samhandling ", "Milepælen er nådd når alle bruker samhandlingsløsningene.", "innen 2030"), db.Office), db.Office);
        var view = await Read(m4.Id);
        Assert.Equal(("M4", "Nasjonal samhandling", "innen 2030", new DateOnly(2030, 1, 1)), (view.Code, view.Title, view.Target!.Written, view.Target.Start!.Value));
        Assert.Equal("M4", (await ViewAsync(n)).Milestones[^1].Code);
        var version = view.Version;

        // Prerequisites: added with their assessment, the text changed, removed; each change is a new version of the milestone.
        var p1 = await db.SendAsync((RoadmapUseCases u) => u.AddPrerequisiteAsync(m4.Id, new PrerequisiteInput("Finansiering er avklart.", "uncertain", "Ikke besluttet.", null), db.Office), db.Office);
        var p2 = await db.SendAsync((RoadmapUseCases u) => u.AddPrerequisiteAsync(m4.Id, new PrerequisiteInput("Lovgrunnlag er på plass.", "not-assessed", null, null), db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(version + 2, view.Version);
        Assert.Equal([("Finansiering er avklart.", PrerequisiteStatus.Uncertain), ("Lovgrunnlag er på plass.", PrerequisiteStatus.NotAssessed)],
            view.Prerequisites.Select(p => (p.Text, p.Status)));
        TestHelpers.AssertToday(view.Prerequisites[0].AssessedOn);
        Assert.Null(view.Prerequisites[1].AssessedOn);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.AddPrerequisiteAsync(m4.Id, new PrerequisiteInput(null, "uncertain", null, null), db.Office), db.Office), "text");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdatePrerequisiteAsync(p2.Id, new PrerequisiteInput(" ", "uncertain", null, null), view.Version, db.Office), db.Office), "text");
        await db.SendAsync((RoadmapUseCases u) => u.UpdatePrerequisiteAsync(p2.Id,
            new PrerequisiteInput("Lovgrunnlaget er vedtatt.", "confirmed-so-far", "Vedtatt i Stortinget.", "2029-06-01"), view.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) => u.RemovePrerequisiteAsync(p1.Id, view.Version, db.Office), db.Office));
        view = await Read(m4.Id);
        await db.SendAsync((RoadmapUseCases u) => u.RemovePrerequisiteAsync(p1.Id, view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(("Lovgrunnlaget er vedtatt.", PrerequisiteStatus.ConfirmedSoFar, new DateOnly(2029, 6, 1)),
            (view.Prerequisites.Single().Text, view.Prerequisites.Single().Status, view.Prerequisites.Single().AssessedOn!.Value));

        // Phases may overlap; the period is kept as written and read as an interval.
        var procurement = await db.SendAsync((RoadmapUseCases u) => u.AddPhaseAsync(m4.Id, new PhaseInput("procurement", "2027–medio 2028"), db.Office), db.Office);
        await db.SendAsync((RoadmapUseCases u) => u.AddPhaseAsync(m4.Id, new PhaseInput("establishment", "2028–2029"), db.Office), db.Office);
        var badPhase = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.AddPhaseAsync(m4.Id, new PhaseInput("pilot", "Q5 2028"), db.Office), db.Office), "phase", "written");
        Assert.Equal("Kvartal må være 1–4, ikke 5.", badPhase["written"].Single());
        view = await Read(m4.Id);
        Assert.Equal([(MilestonePhase.Procurement, "2027–medio 2028", new DateOnly(2028, 8, 31)), (MilestonePhase.Establishment, "2028–2029", new DateOnly(2029, 12, 31))],
            view.Phases.Select(p => (p.Phase, p.Date.Written, p.Date.End!.Value)));
        await db.SendAsync((RoadmapUseCases u) => u.UpdatePhaseAsync(procurement.Id, new PhaseInput("procurement", "2027"), view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal("2027", view.Phases[0].Date.Written);
        await db.SendAsync((RoadmapUseCases u) => u.RemovePhaseAsync(procurement.Id, view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal([MilestonePhase.Establishment], view.Phases.Select(p => p.Phase));

        // The milestone itself: changed with its version, and removed with everything in it.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RoadmapUseCases u) =>
            u.UpdateMilestoneAsync(m4.Id, new MilestoneInput("M4", "Gammel", null, null), version, db.Office), db.Office));
        await db.SendAsync((RoadmapUseCases u) => u.UpdateMilestoneAsync(m4.Id, new MilestoneInput("M5", "Samhandling", "", ""), view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(("M5", "Samhandling", (PlannedDate?)null), (view.Code, view.Title, view.Target));
        var audit = await db.QueryAsync(x => x.AuditLog.CountAsync());
        await db.SendAsync((RoadmapUseCases u) => u.RemoveMilestoneAsync(m4.Id, view.Version, db.Office), db.Office);
        Assert.DoesNotContain((await ViewAsync(n)).Milestones, m => m.Id == m4.Id);
        Assert.False(await db.QueryAsync(x => x.Prerequisites.AnyAsync(p => p.MilestoneId == m4.Id)));
        Assert.False(await db.QueryAsync(x => x.MilestonePhases.AnyAsync(p => p.MilestoneId == m4.Id)));
        // The milestone, its prerequisite and its phase are each in the audit trail.
        Assert.True(await db.QueryAsync(x => x.AuditLog.CountAsync()) >= audit + 3);

        // A frozen version's milestones stay as they are.
        var published = (await ViewAsync("1.0")).Milestones.First();
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.AddPhaseAsync(published.Id, new PhaseInput("rollout", "2030"), db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RoadmapUseCases u) => u.RemoveMilestoneAsync(published.Id, published.Version, db.Office), db.Office), "status");
    }

    // ---------------------------------------------------------------- the read model

    [Fact]
    public async Task First_and_last_in_use_and_the_order_of_plans()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var s = await AddServiceAsync(draft.Number, "Helsepersonell skal ha tilgang til journaldokumenter");
        await AddPlanAsync(s.Id, "Offentlig tannhelsetjeneste", "rollout", "utsatt på ubestemt tid");
        await AddPlanAsync(s.Id, "Legevakt", "rollout", "2023/2024");
        await AddPlanAsync(s.Id, "Helseforetak", "rollout", "Q1 2022");
        await AddPlanAsync(s.Id, "Helse Vest", "trial", "2021");
        await AddPlanAsync(s.Id, "Fastleger", "rollout", "Q1 2022");

        var view = (await ViewAsync(draft.Number)).Services.Single();
        Assert.Equal(["Helse Vest", "Fastleger", "Helseforetak", "Legevakt", "Offentlig tannhelsetjeneste"], view.Plans.Select(p => p.ActorGroup));
        Assert.Equal(("Fastleger", PlanKind.Rollout), (view.FirstInUse!.ActorGroup, view.FirstInUse.Kind));
        Assert.Equal("Legevakt", view.LastInUse!.ActorGroup);
        Assert.Equal(new DateOnly(2021, 1, 1), view.EarliestStart);

        // Without rollouts, the trials count.
        var t = await AddServiceAsync(draft.Number, "Utprøving av pasientens legemiddelliste");
        await AddPlanAsync(t.Id, "Helse Nord", "trial", "H2 2022");
        await AddPlanAsync(t.Id, "Helse Vest", "trial", "medio 2022");
        var trials = (await ViewAsync(draft.Number)).Services.Single(x => x.Id == t.Id);
        Assert.Equal(("Helse Vest", "Helse Nord"), (trials.FirstInUse!.ActorGroup, trials.LastInUse!.ActorGroup));
    }

    [Fact]
    public async Task A_dependency_is_late_when_it_comes_after_the_service_needs_it()
    {
        if (!db.Available) return;
        var draft = await DraftAsync();
        var n = draft.Number;
        var service = await AddServiceAsync(n, "Tjenesten som venter", key: "venter");
        await AddPlanAsync(service.Id, "Helseforetak", "trial", "Q4 2022");
        await AddPlanAsync(service.Id, "Legevakt", "rollout", "2024");

        var later = await AddServiceAsync(n, "Kommer senere", key: "senere");
        await AddPlanAsync(later.Id, "Helseforetak", "trial", "2021");
        await AddPlanAsync(later.Id, "Helseforetak", "rollout", "Q2 2023");
        var earlier = await AddServiceAsync(n, "Kommer før", key: "for");
        await AddPlanAsync(earlier.Id, "Helseforetak", "rollout", "Q4 2022");
        var postponed = await AddServiceAsync(n, "Utsatt", key: "utsatt");
        await AddPlanAsync(postponed.Id, "Helseforetak", "rollout", "utsatt på ubestemt tid");

        var endsLate = await InitiativeAsync(new DateOnly(2024, 12, 31));
        var endsEarly = await InitiativeAsync(new DateOnly(2022, 6, 30));
        var red = await InitiativeAsync(new DateOnly(2022, 6, 30), red: true);

        await DependAsync(service.Id, "service", "senere");
        await DependAsync(service.Id, "service", "for");
        await DependAsync(service.Id, "service", "utsatt");
        await DependAsync(service.Id, "initiative", endsLate.ToString());
        await DependAsync(service.Id, "initiative", endsEarly.ToString());
        await DependAsync(service.Id, "initiative", red.ToString());
        await DependAsync(service.Id, "solution", "kjernejournal");

        var view = (await ViewAsync(n)).Services.Single(s => s.Id == service.Id);
        Assert.True(view.HasLateDependency);
        Assert.Equal(
            [
                (true, "Tjenesten den avhenger av, tas først i bruk Q2 2023 (Helseforetak), etter at denne tjenesten starter Q4 2022 (Helseforetak)."),
                (false, null),
                (true, "Tjenesten den avhenger av, er utsatt på ubestemt tid."),
                (true, "Tiltaket den avhenger av, er planlagt avsluttet 31. desember 2024, etter at denne tjenesten starter Q4 2022 (Helseforetak)."),
                (false, null),
                (true, "Siste statusrapport for tiltaket den avhenger av, er rød."),
                (false, null),
            ],
            view.Dependencies.Select(d => (d.IsLate, d.LateReason)));

        // With the service starting in 2025 the initiative ending in 2024 is in time; a solution is never late.
        var calm = await AddServiceAsync(n, "Tjenesten som kan vente", key: "rolig");
        await AddPlanAsync(calm.Id, "Legevakt", "rollout", "2025");
        await DependAsync(calm.Id, "initiative", endsLate.ToString());
        await DependAsync(calm.Id, "solution", "helseid");
        await DependAsync(calm.Id, "service", "for");
        var calmView = (await ViewAsync(n)).Services.Single(s => s.Id == calm.Id);
        Assert.False(calmView.HasLateDependency);
        Assert.All(calmView.Dependencies, d => Assert.Null(d.LateReason));

        // The service's own start is written as planned: "2023".
        var plain = await AddServiceAsync(n, "Starter i 2023", key: "starter-2023");
        await AddPlanAsync(plain.Id, "Legevakt", "rollout", "2023");
        await DependAsync(plain.Id, "initiative", endsLate.ToString());
        Assert.Equal("Tiltaket den avhenger av, er planlagt avsluttet 31. desember 2024, etter at denne tjenesten starter 2023 (Legevakt).",
            (await ViewAsync(n)).Services.Single(s => s.Id == plain.Id).Dependencies.Single().LateReason);
    }

    [Fact]
    public async Task The_diff_compares_two_visible_versions()
    {
        if (!db.Available) return;
        var draft = await DraftAsync(basedOn: "21.1");
        var plan = (await ViewAsync(draft.Number)).Services.SelectMany(s => s.Plans).First(p => !p.Date.IsIndefinite);
        var service = (await ViewAsync(draft.Number)).Services.First(s => s.Plans.Any(p => p.Id == plan.Id));
        var moved = new DateOnly(plan.Date.Start!.Value.Year + 1, plan.Date.Start.Value.Month, 1);
        await db.SendAsync((RoadmapUseCases u) => u.UpdatePlanAsync(plan.Id,
            new PlanInput(plan.ActorGroup, plan.Kind.Code(), moved.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), null), plan.Version, db.Office), db.Office);

        var diff = await db.SendAsync((RoadmapQueries q) => q.DiffAsync("21.1", draft.Number, db.Member));
        Assert.Equal(("21.1", draft.Number), (diff.From, diff.To));
        var change = Assert.Single(diff.Changes);
        Assert.Equal((service.Key, plan.ActorGroup, ChangeKind.Moved), (change.ServiceKey, change.ActorGroup, change.Change));
        Assert.Equal("21.1", await db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync(draft.Number, db.Office)));
    }
}

public sealed class RoadmapUseCasesTestsSqlite(SqliteDatabase db) : RoadmapUseCasesTests(db), IClassFixture<SqliteDatabase>;

public sealed class RoadmapUseCasesTestsPostgres(PostgresDatabase db) : RoadmapUseCasesTests(db), IClassFixture<PostgresDatabase>;
