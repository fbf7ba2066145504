using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>Milestones with their prerequisites and phase plans (<see cref="AddMilestone"/>, <see cref="UpdatePrerequisite"/>, <see cref="AddMilestonePhase"/> and the others).</summary>
public abstract class MilestoneTests(TestDatabase database) : RoadmapTestBase(database)
{
    [Fact]
    public async Task Assessing_a_prerequisite_records_status_text_and_date()
    {
        if (!db.Available) return;
        var original = (await ViewAsync("21.1")).Milestones.First().Prerequisites.First();
        var draft = await DraftAsync(basedOn: "21.1");
        var milestone = (await ViewAsync(draft.Number)).Milestones.First();
        var prerequisite = milestone.Prerequisites.First();
        await db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id,
            new PrerequisiteInput(null, "work-remaining", "Anskaffelsen er ikke startet.", null), milestone.Version, db.Office), db.Office);
        var after = (await ViewAsync(draft.Number)).Milestones.First();
        var assessed = after.Prerequisites.First();
        Assert.Equal((PrerequisiteStatus.WorkRemaining, "Anskaffelsen er ikke startet."), (assessed.Status, assessed.Assessment));
        TestHelpers.AssertToday(assessed.AssessedOn);
        Assert.Equal(milestone.Version + 1, after.Version);

        // Someone who started from the milestone as it was before gets a conflict instead of overwriting the assessment.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id,
            new PrerequisiteInput(null, "confirmed-so-far", "Alt i orden.", null), milestone.Version, db.Office), db.Office));
        Assert.Equal("Anskaffelsen er ikke startet.", (await ViewAsync(draft.Number)).Milestones.First().Prerequisites.First().Assessment);

        await db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id,
            new PrerequisiteInput(null, "confirmed-so-far", "", "2021-06-01"), after.Version, db.Office), db.Office);
        var latest = (await ViewAsync(draft.Number)).Milestones.First();
        Assert.Equal(new DateOnly(2021, 6, 1), latest.Prerequisites.First().AssessedOn);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id,
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
        var bad = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMilestone u) =>
            u.HandleAsync(n, new MilestoneInput("M 4", "", null, "januar 2O22"), db.Office), db.Office), "code", "title", "target");
        Assert.Equal("«M 4» er ikke en gyldig kode. Skriv den med bokstaver og sifre uten mellomrom, for eksempel «M4».", bad["code"].Single());
        Assert.StartsWith("«2O22» er ikke et gyldig årstall", bad["target"].Single());
        var taken = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMilestone u) =>
            u.HandleAsync(n, new MilestoneInput("m2", "Enda en M2", null, null), db.Office), db.Office), "code");
        Assert.Equal($"Versjon {n} har allerede milepæl M2.", taken["code"].Single());
        Assert.Equal(before, (await CountsAsync(), await MilestoneCount()));

        var m4 = await db.SendAsync((AddMilestone u) => u.HandleAsync(n,
            new MilestoneInput(" M4 ", " Nasjonal samhandling ", "Milepælen er nådd når alle bruker samhandlingsløsningene.", "innen 2030"), db.Office), db.Office);
        var view = await Read(m4.Id);
        Assert.Equal(("M4", "Nasjonal samhandling", "innen 2030", new DateOnly(2030, 1, 1)), (view.Code, view.Title, view.Target!.Written, view.Target.Start!.Value));
        Assert.Equal("M4", (await ViewAsync(n)).Milestones[^1].Code);
        var version = view.Version;

        // Prerequisites: added with their assessment, the text changed, removed; each change is a new version of the milestone.
        var p1 = await db.SendAsync((AddPrerequisite u) => u.HandleAsync(m4.Id, new PrerequisiteInput("Finansiering er avklart.", "uncertain", "Ikke besluttet.", null), db.Office), db.Office);
        var p2 = await db.SendAsync((AddPrerequisite u) => u.HandleAsync(m4.Id, new PrerequisiteInput("Lovgrunnlag er på plass.", "not-assessed", null, null), db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(version + 2, view.Version);
        Assert.Equal([("Finansiering er avklart.", PrerequisiteStatus.Uncertain), ("Lovgrunnlag er på plass.", PrerequisiteStatus.NotAssessed)],
            view.Prerequisites.Select(p => (p.Text, p.Status)));
        TestHelpers.AssertToday(view.Prerequisites[0].AssessedOn);
        Assert.Null(view.Prerequisites[1].AssessedOn);
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddPrerequisite u) => u.HandleAsync(m4.Id, new PrerequisiteInput(null, "uncertain", null, null), db.Office), db.Office), "text");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdatePrerequisite u) =>
            u.HandleAsync(p2.Id, new PrerequisiteInput(" ", "uncertain", null, null), view.Version, db.Office), db.Office), "text");
        await db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(p2.Id,
            new PrerequisiteInput("Lovgrunnlaget er vedtatt.", "confirmed-so-far", "Vedtatt i Stortinget.", "2029-06-01"), view.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RemovePrerequisite u) => u.HandleAsync(p1.Id, view.Version, db.Office), db.Office));
        view = await Read(m4.Id);
        await db.SendAsync((RemovePrerequisite u) => u.HandleAsync(p1.Id, view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(("Lovgrunnlaget er vedtatt.", PrerequisiteStatus.ConfirmedSoFar, new DateOnly(2029, 6, 1)),
            (view.Prerequisites.Single().Text, view.Prerequisites.Single().Status, view.Prerequisites.Single().AssessedOn!.Value));

        // Phases may overlap; the period is kept as written and read as an interval.
        var procurement = await db.SendAsync((AddMilestonePhase u) => u.HandleAsync(m4.Id, new PhaseInput("procurement", "2027–medio 2028"), db.Office), db.Office);
        await db.SendAsync((AddMilestonePhase u) => u.HandleAsync(m4.Id, new PhaseInput("establishment", "2028–2029"), db.Office), db.Office);
        var badPhase = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMilestonePhase u) => u.HandleAsync(m4.Id, new PhaseInput("pilot", "Q5 2028"), db.Office), db.Office), "phase", "written");
        Assert.Equal("Kvartal må være 1–4, ikke 5.", badPhase["written"].Single());
        view = await Read(m4.Id);
        Assert.Equal([(MilestonePhase.Procurement, "2027–medio 2028", new DateOnly(2028, 8, 31)), (MilestonePhase.Establishment, "2028–2029", new DateOnly(2029, 12, 31))],
            view.Phases.Select(p => (p.Phase, p.Date.Written, p.Date.End!.Value)));
        await db.SendAsync((UpdateMilestonePhase u) => u.HandleAsync(procurement.Id, new PhaseInput("procurement", "2027"), view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal("2027", view.Phases[0].Date.Written);
        await db.SendAsync((RemoveMilestonePhase u) => u.HandleAsync(procurement.Id, view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal([MilestonePhase.Establishment], view.Phases.Select(p => p.Phase));

        // The milestone itself: changed with its version, and removed with everything in it.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateMilestone u) =>
            u.HandleAsync(m4.Id, new MilestoneInput("M4", "Gammel", null, null), version, db.Office), db.Office));
        await db.SendAsync((UpdateMilestone u) => u.HandleAsync(m4.Id, new MilestoneInput("M5", "Samhandling", "", ""), view.Version, db.Office), db.Office);
        view = await Read(m4.Id);
        Assert.Equal(("M5", "Samhandling", (PlannedDate?)null), (view.Code, view.Title, view.Target));
        var audit = await db.QueryAsync(x => x.AuditLog.CountAsync());
        await db.SendAsync((RemoveMilestone u) => u.HandleAsync(m4.Id, view.Version, db.Office), db.Office);
        Assert.DoesNotContain((await ViewAsync(n)).Milestones, m => m.Id == m4.Id);
        Assert.False(await db.QueryAsync(x => x.Prerequisites.AnyAsync(p => p.MilestoneId == m4.Id)));
        Assert.False(await db.QueryAsync(x => x.MilestonePhases.AnyAsync(p => p.MilestoneId == m4.Id)));
        // The milestone, its prerequisite and its phase are each in the audit trail.
        Assert.True(await db.QueryAsync(x => x.AuditLog.CountAsync()) >= audit + 3);

        // A frozen version's milestones stay as they are.
        var published = (await ViewAsync("1.0")).Milestones.First();
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((AddMilestonePhase u) => u.HandleAsync(published.Id, new PhaseInput("rollout", "2030"), db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RemoveMilestone u) => u.HandleAsync(published.Id, published.Version, db.Office), db.Office), "status");
    }
}

public sealed class MilestoneTestsSqlite(SqliteDatabase db) : MilestoneTests(db), IClassFixture<SqliteDatabase>;

public sealed class MilestoneTestsPostgres(PostgresDatabase db) : MilestoneTests(db), IClassFixture<PostgresDatabase>;
