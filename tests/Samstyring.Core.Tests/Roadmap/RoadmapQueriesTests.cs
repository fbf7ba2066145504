using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Roadmap;
// Portfolio has its own DependencyInput and AssessmentInput; only these two are needed from it.
using Rag = Samstyring.Core.Portfolio.Rag;
using StatusReport = Samstyring.Core.Portfolio.StatusReport;

namespace Samstyring.Core.Tests.Roadmap;

/// <summary>The read model (<see cref="RoadmapQueries"/>): first and last in use, the order of plans, late dependencies and the diff.</summary>
public abstract class RoadmapQueriesTests(TestDatabase database) : RoadmapTestBase(database)
{
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
        await db.SendAsync((UpdateRoadmapPlan u) => u.HandleAsync(plan.Id,
            new PlanInput(plan.ActorGroup, plan.Kind.Code(), moved.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), null), plan.Version, db.Office), db.Office);

        var diff = await db.SendAsync((RoadmapQueries q) => q.DiffAsync("21.1", draft.Number, db.Member));
        Assert.Equal(("21.1", draft.Number), (diff.From, diff.To));
        var change = Assert.Single(diff.Changes);
        Assert.Equal((service.Key, plan.ActorGroup, ChangeKind.Moved), (change.ServiceKey, change.ActorGroup, change.Change));
        Assert.Equal("21.1", await db.SendAsync((RoadmapQueries q) => q.PreviousVersionAsync(draft.Number, db.Office)));
    }
}

public sealed class RoadmapQueriesTestsSqlite(SqliteDatabase db) : RoadmapQueriesTests(db), IClassFixture<SqliteDatabase>;

public sealed class RoadmapQueriesTestsPostgres(PostgresDatabase db) : RoadmapQueriesTests(db), IClassFixture<PostgresDatabase>;
