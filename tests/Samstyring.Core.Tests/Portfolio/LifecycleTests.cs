using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>kandidat → aktiv ⇄ pause → ferdigstilt, or gått ut av porteføljen with a reason; and dependencies past their deadline.</summary>
public abstract class LifecycleTests(TestDatabase db)
{
    private async Task<Initiative> Change(string name, string? lifecycle, string? reason = null, string? on = null)
    {
        var id = await db.InitiativeIdAsync(name);
        var version = (await db.LoadInitiativeAsync(id)).Version;
        return await db.SendAsync((ChangeLifecycle u) => u.HandleAsync(id, lifecycle, reason, on, version, db.Office));
    }

    [Fact]
    public async Task Leaving_the_portfolio_requires_a_reason_and_a_date()
    {
        if (!db.Available) return;
        const string name = "Oppgradering av regional journalløsning i Helse Nord";
        var before = await db.CountsAsync();

        var errors = await AssertInvalidAsync(() => Change(name, "left"), "leftReason", "leftOn");
        Assert.Equal("Begrunnelse for å gå ut av porteføljen må fylles ut.", errors["leftReason"].Single());
        await AssertInvalidAsync(() => Change(name, "left", "Oppfyller ikke kriteriene i sak 37/21."), "leftOn");
        await AssertInvalidAsync(() => Change(name, "left", "Oppfyller ikke kriteriene.", "2021-13-01"), "leftOn");
        Assert.Equal(before, await db.CountsAsync());
        Assert.Equal(Lifecycle.Active, (await db.LoadInitiativeAsync(await db.InitiativeIdAsync(name))).Lifecycle);

        await Change(name, "left", " Oppfyller ikke kriteriene i sak 37/21. ", "2021-12-09");
        var stored = await db.LoadInitiativeAsync(await db.InitiativeIdAsync(name));
        Assert.Equal(Lifecycle.Left, stored.Lifecycle);
        Assert.Equal("Oppfyller ikke kriteriene i sak 37/21.", stored.LeftReason);
        Assert.Equal(new DateOnly(2021, 12, 9), stored.LeftOn);
    }

    [Fact]
    public async Task A_completed_initiative_cannot_become_active_again()
    {
        if (!db.Available) return;
        const string name = "Elektronisk kurve og medikasjon i Helse Vest";
        var completed = await Change(name, "completed");
        Assert.Equal(Lifecycle.Completed, completed.Lifecycle);
        AssertToday(completed.CompletedOn);

        var errors = await AssertInvalidAsync(() => Change(name, "active"), "lifecycle");
        Assert.Equal("Et tiltak med livsløp «Ferdigstilt» kan ikke settes til «Aktiv».", errors["lifecycle"].Single());
        await AssertInvalidAsync(() => Change(name, "paused"), "lifecycle");
        Assert.Equal(Lifecycle.Completed, (await db.LoadInitiativeAsync(completed.Id)).Lifecycle);
    }

    [Fact]
    public async Task An_active_initiative_can_be_paused_and_resumed()
    {
        if (!db.Available) return;
        const string name = "Velferdsteknologisk responssenter i Kristiansand";
        Assert.Equal(Lifecycle.Paused, (await Change(name, "paused")).Lifecycle);
        Assert.Equal(Lifecycle.Active, (await Change(name, "active")).Lifecycle);
        await AssertInvalidAsync(() => Change(name, "sleeping"), "lifecycle");
        await AssertInvalidAsync(() => Change(name, null), "lifecycle");
    }

    [Fact]
    public async Task A_candidate_without_a_segment_cannot_be_made_active()
    {
        if (!db.Available) return;
        var errors = await AssertInvalidAsync(() => Change("Ny personidentifikator og felles hjelpenummer", "active"), "segment");
        Assert.Equal("Et aktivt tiltak må ha et segment.", errors["segment"].Single());
    }

    [Fact]
    public async Task High_criticality_red_dependencies_past_their_deadline_are_flagged_as_overdue()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Digital dialog med fastlegen");
        var nhn = await db.OrganizationIdAsync("nhn");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Task<Dependency> Add(string description, string deadline) => db.SendAsync((SaveDependency u) =>
            u.AddAsync(id, new DependencyInput("organization", nhn, description, "high", "red", deadline), db.Office));
        var late = await Add("Meldingsformat fra NHN (forsinket).", today.AddDays(-1).ToString("yyyy-MM-dd"));
        var notYet = await Add("Testmiljø fra NHN.", today.AddDays(30).ToString("yyyy-MM-dd"));

        var rows = await db.QueryAsync(x => GetPortfolioOverview.RedDependenciesAsync(x, CancellationToken.None));

        Assert.True(rows.Single(r => r.Description == late.Description).Overdue);
        Assert.False(rows.Single(r => r.Description == notYet.Description).Overdue);
        Assert.All(rows.Where(r => r.InitiativeId == id), r => Assert.Equal("Norsk Helsenett SF", r.Target));

        // Turning it green takes it off the red list.
        await db.SendAsync((SaveDependency u) => u.UpdateAsync(late.Id,
            new DependencyInput("organization", nhn, late.Description, "high", "green", late.Deadline!.Value.ToString("yyyy-MM-dd")), late.Version, db.Office));
        rows = await db.QueryAsync(x => GetPortfolioOverview.RedDependenciesAsync(x, CancellationToken.None));
        Assert.DoesNotContain(rows, r => r.Description == late.Description);
        var stored = await db.QueryAsync(x => x.Dependencies.AsNoTracking().SingleAsync(d => d.Id == late.Id));
        Assert.False(stored.IsOverdue(today));
        Assert.Equal(late.Version + 1, stored.Version);
    }

    [Fact]
    public async Task A_dependency_must_point_at_something_that_exists_and_not_at_itself()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Digital dialog med fastlegen");
        var before = await db.CountsAsync();
        var errors = await AssertInvalidAsync(() => db.SendAsync((SaveDependency u) =>
            u.AddAsync(id, new DependencyInput("initiative", id, "Seg selv.", "low", "green", null), db.Office)), "targetId");
        Assert.Equal("Et tiltak kan ikke være avhengig av seg selv.", errors["targetId"].Single());
        await AssertInvalidAsync(() => db.SendAsync((SaveDependency u) =>
            u.AddAsync(id, new DependencyInput("solution", 999_999, "", "extreme", "green", "2021-02-30"), db.Office)),
            "targetId", "description", "criticality", "deadline");
        Assert.Equal(before, await db.CountsAsync());
    }
}

public sealed class LifecycleTestsSqlite(SqliteDatabase db) : LifecycleTests(db), IClassFixture<SqliteDatabase>;

public sealed class LifecycleTestsPostgres(PostgresDatabase db) : LifecycleTests(db), IClassFixture<PostgresDatabase>;
