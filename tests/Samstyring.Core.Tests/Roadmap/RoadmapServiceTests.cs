using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>Editing a version: services, plans and dependencies (<see cref="AddRoadmapService"/>, <see cref="UpdateRoadmapPlan"/>, <see cref="AddRoadmapDependency"/> and the others), with versions that guard against lost edits.</summary>
public abstract class RoadmapServiceTests(TestDatabase database) : RoadmapTestBase(database)
{
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
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateRoadmapVersion u) =>
            u.HandleAsync(draft.Number, new VersionInput("Ny tittel", null), draft.Version, db.Office), db.Office));
        var renamed = await db.SendAsync((UpdateRoadmapVersion u) =>
            u.HandleAsync(draft.Number, new VersionInput("Ny tittel", "Sammendrag."), afterPlan.Version, db.Office), db.Office);
        Assert.Equal(("Ny tittel", "Sammendrag."), (renamed.Title, renamed.Summary));

        var moved = await db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(plan.Id, new PlanInput("Helseforetak", "trial", "2025", null), plan.Version, db.Office), db.Office);
        Assert.Equal(plan.Version + 1, moved.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateRoadmapPlan u) =>
            u.HandleAsync(plan.Id, new PlanInput("Helseforetak", "trial", "2026", null), plan.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RemoveRoadmapPlan u) => u.HandleAsync(plan.Id, plan.Version, db.Office), db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateRoadmapService u) =>
            u.HandleAsync(service.Id, new ServiceInput(null, "Samhandling", "Endret", null, null, null), service.Version + 5, db.Office), db.Office));
        var stale = await LoadVersionAsync(draft.Number);
        await db.SendAsync((RemoveRoadmapPlan u) => u.HandleAsync(plan.Id, moved.Version, db.Office), db.Office);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AdvanceWithVersionAsync(draft.Number, stale.Version));
        Assert.Empty((await ViewAsync(draft.Number)).Services.Single().Plans);
    }

    private Task<RoadmapVersion> AdvanceWithVersionAsync(string number, int version) =>
        db.SendAsync((AdvanceRoadmapVersion u) => u.HandleAsync(number, new StepInput("recommended", null, null), version, db.Office), db.Office);

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
        var clash = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateRoadmapPlan u) =>
            u.HandleAsync(trial.Id, new PlanInput("Legevakt", "rollout", "2024", null), trial.Version, db.Office), db.Office), "actorGroup");
        Assert.Contains("allerede en plan for innføring hos Legevakt", clash["actorGroup"].Single());
        // Saving a plan unchanged is not a clash with itself.
        await db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(trial.Id, new PlanInput("Legevakt", "trial", "Q4 2022", null), trial.Version, db.Office), db.Office);
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
        var updated = await db.SendAsync((UpdateRoadmapService u) => u.HandleAsync(first.Id,
            new ServiceInput(null, "Innbyggertjenester", "Innbygger skal se bildene sine", "Beskrivelse.", ["helsenorge"], null), first.Version, db.Office), db.Office);
        Assert.Equal((first.Key, "Innbyggertjenester", "Innbygger skal se bildene sine", first.Version + 1), (updated.Key, updated.Area, updated.Goal, updated.Version));
        var after = (await ViewAsync(n)).Services[0];
        Assert.Equal(["helsenorge"], after.Solutions.Select(s => s.Key));
        Assert.Single(after.Initiatives);
        var linksOnly = await db.SendAsync((UpdateRoadmapService u) => u.HandleAsync(first.Id,
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

        await db.SendAsync((RemoveRoadmapDependency u) => u.HandleAsync(onB.Id, db.Office), db.Office);
        Assert.Equal(2, (await ViewAsync(n)).Services.Single(s => s.Id == a.Id).Dependencies.Count);
        await DependAsync(a.Id, "service", "tjeneste-b");
        var bVersion = (await ViewAsync(n)).Services.Single(s => s.Id == b.Id).Version;
        await db.SendAsync((RemoveRoadmapService u) => u.HandleAsync(b.Id, bVersion, db.Office), db.Office);
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
}

public sealed class RoadmapServiceTestsSqlite(SqliteDatabase db) : RoadmapServiceTests(db), IClassFixture<SqliteDatabase>;

public sealed class RoadmapServiceTestsPostgres(PostgresDatabase db) : RoadmapServiceTests(db), IClassFixture<PostgresDatabase>;
