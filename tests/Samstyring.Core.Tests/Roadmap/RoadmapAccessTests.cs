using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>Endorsed and published versions are frozen, only the office changes the roadmap, and drafts are hidden from everyone but the office and members.</summary>
public abstract class RoadmapAccessTests(TestDatabase database) : RoadmapTestBase(database)
{
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
        plan = await db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(plan.Id, new PlanInput("Helseforetak", "rollout", "Q2 2023", null), plan.Version, db.Office), db.Office);
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
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(plan.Id,
            new PlanInput("Helseforetak", "rollout", "2025", null), plan.Version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RemoveRoadmapPlan u) => u.HandleAsync(plan.Id, plan.Version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateRoadmapService u) => u.HandleAsync(service.Id,
            new ServiceInput(null, "Samhandling", "Endret", null, null, null), serviceVersion, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((RemoveRoadmapService u) => u.HandleAsync(service.Id, serviceVersion, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => DependAsync(service.Id, "solution", "helsenorge"), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateRoadmapVersion u) => u.HandleAsync(n, new VersionInput("Ny tittel", null), version, db.Office), db.Office), "status");
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((DeleteRoadmapDraft u) => u.HandleAsync(n, version, db.Office), db.Office), "status");
        Assert.Equal(before, await CountsAsync());

        // The published roadmap itself was frozen: the released version 1.0 too.
        var published = (await ViewAsync("1.0")).Milestones.First();
        var prerequisite = published.Prerequisites.First();
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id,
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
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreateRoadmapDraft u) => u.HandleAsync(new DraftInput(NewNumber(), "21.1", null, null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateRoadmapVersion u) => u.HandleAsync(draft.Number, new VersionInput("x", null), view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((DeleteRoadmapDraft u) => u.HandleAsync(draft.Number, view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AdvanceRoadmapVersion u) => u.HandleAsync(draft.Number, new StepInput("recommended", nuit.Id, null), view.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddRoadmapService u) => u.HandleAsync(draft.Number, new ServiceInput(null, "A", "B", null, null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateRoadmapService u) => u.HandleAsync(service.Id, new ServiceInput(null, "A", "B", null, null, null), service.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemoveRoadmapService u) => u.HandleAsync(service.Id, service.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddRoadmapPlan u) => u.HandleAsync(service.Id, new PlanInput("Legevakt", "trial", "2030", null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(plan.Id, new PlanInput("Legevakt", "trial", "2030", null), plan.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemoveRoadmapPlan u) => u.HandleAsync(plan.Id, plan.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddRoadmapDependency u) => u.HandleAsync(service.Id, new DependencyInput("solution", "helseid", null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemoveRoadmapDependency u) => u.HandleAsync(dependency.Id, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdatePrerequisite u) => u.HandleAsync(prerequisite.Id, new PrerequisiteInput(null, "uncertain", null, null), 1, user), user));
            var milestone = view.Milestones.First();
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddMilestone u) => u.HandleAsync(draft.Number, new MilestoneInput("M9", "Ny", null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateMilestone u) => u.HandleAsync(milestone.Id, new MilestoneInput("M9", "Ny", null, null), milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemoveMilestone u) => u.HandleAsync(milestone.Id, milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddPrerequisite u) => u.HandleAsync(milestone.Id, new PrerequisiteInput("Ny", "uncertain", null, null), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemovePrerequisite u) => u.HandleAsync(prerequisite.Id, milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddMilestonePhase u) => u.HandleAsync(milestone.Id, new PhaseInput("rollout", "2030"), user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateMilestonePhase u) => u.HandleAsync(milestone.Phases.First().Id, new PhaseInput("rollout", "2030"), milestone.Version, user), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RemoveMilestonePhase u) => u.HandleAsync(milestone.Phases.First().Id, milestone.Version, user), user));
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
}

public sealed class RoadmapAccessTestsSqlite(SqliteDatabase db) : RoadmapAccessTests(db), IClassFixture<SqliteDatabase>;

public sealed class RoadmapAccessTestsPostgres(PostgresDatabase db) : RoadmapAccessTests(db), IClassFixture<PostgresDatabase>;
