using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Tests.Strategy;

/// <summary>
/// The office registers strategies, records their steps, writes target areas and links them to what serves them. Every
/// rule is checked before anything is saved, a stale version is refused, and only the office may write.
/// </summary>
public abstract class StrategyEditingTests(TestDatabase database)
{
    private readonly TestDatabase db = database;
    private static string Day(int daysAgo) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-daysAgo).ToString("yyyy-MM-dd");

    private Task<Samstyring.Core.Strategy.Strategy> CreateAsync(StrategyInput input, CurrentUser? user) =>
        db.SendAsync((CreateStrategy u) => u.HandleAsync(input, user), user);

    private Task<Samstyring.Core.Strategy.Strategy> StepAsync(int id, StrategyStepInput input, int? version) => StepAsync(id, input, version, db.Office);

    private Task<Samstyring.Core.Strategy.Strategy> StepAsync(int id, StrategyStepInput input, int? version, CurrentUser? user) =>
        db.SendAsync((RecordStrategyStep u) => u.HandleAsync(id, input, version, user), user);

    private Task<TargetArea> AddAreaAsync(int id, TargetAreaInput input, int? version) =>
        db.SendAsync((AddTargetArea u) => u.HandleAsync(id, input, version, db.Office), db.Office);

    private Task<TargetArea> UpdateAreaAsync(int id, int areaId, TargetAreaInput input, int? version) =>
        db.SendAsync((UpdateTargetArea u) => u.HandleAsync(id, areaId, input, version, db.Office), db.Office);

    private static StrategyInput Valid(string? title = null) => new(title ?? TestHelpers.UniqueName("Strategi"), 2031, 2035, "En visjon", "", null);

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        if (!db.Available) return;
        var before = await db.QueryAsync(x => x.Strategies.CountAsync());
        var e = await TestHelpers.AssertInvalidAsync(() => CreateAsync(new StrategyInput(" ", 1999, null, new string('v', 2001), null, null), db.Office),
            "title", "fromYear", "toYear", "vision");
        Assert.Equal("Tittelen må fylles ut.", Assert.Single(e["title"]));
        Assert.Equal("Første år må være et årstall fra 2000 til 2100, ikke 1999.", Assert.Single(e["fromYear"]));
        var order = await TestHelpers.AssertInvalidAsync(() => CreateAsync(new StrategyInput("S", 2030, 2025, null, null, null), db.Office), "toYear");
        Assert.Equal("Siste år (2025) kan ikke være før første år (2030).", Assert.Single(order["toYear"]));
        await TestHelpers.AssertInvalidAsync(() => CreateAsync(new StrategyInput("S\u200B", 2030, 2031, null, null, null), db.Office), "title");
        Assert.Equal(before, await db.QueryAsync(x => x.Strategies.CountAsync()));
    }

    [Fact]
    public async Task Only_the_office_writes()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        foreach (var user in new[] { null, db.Member, db.OwnerOslo, db.KsCoordinator, db.OperatorNhn })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => CreateAsync(Valid(), user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateStrategy u) => u.HandleAsync(s.Id, Valid(), s.Version, user)));
            await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(s.Id, new StrategyStepInput(Day(1), null, "Drøftet", null, null), s.Version, user));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AddTargetArea u) => u.HandleAsync(s.Id, new TargetAreaInput(1, "A", null, null), s.Version, user)));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((StrategyQueries q) => q.LinkOptionsAsync(user)));
        }
        Assert.Equal(1, await db.QueryAsync(x => x.Strategies.Where(y => y.Id == s.Id).Select(y => y.Version).SingleAsync()));
    }

    [Fact]
    public async Task A_change_needs_the_current_version()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        var changed = await db.SendAsync((UpdateStrategy u) => u.HandleAsync(s.Id, Valid("Ny tittel") with { Vision = "Endret" }, s.Version, db.Office));
        Assert.Equal(2, changed.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateStrategy u) => u.HandleAsync(s.Id, Valid(), s.Version, db.Office)));
        await Assert.ThrowsAsync<VersionRequiredException>(() => db.SendAsync((UpdateStrategy u) => u.HandleAsync(s.Id, Valid(), null, db.Office)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((UpdateStrategy u) => u.HandleAsync(999_999, Valid(), 1, db.Office)));
        Assert.Equal("Endret", await db.QueryAsync(x => x.Strategies.Where(y => y.Id == s.Id).Select(y => y.Vision).SingleAsync()));
    }

    [Fact]
    public async Task Steps_come_in_date_order_move_the_status_forward_and_adopting_replaces_the_strategy_in_force()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        var caseId = await db.QueryAsync(x => x.Cases.Where(c => c.Number == 40 && c.Year == 2021).Select(c => c.Id).FirstAsync());

        var future = await TestHelpers.AssertInvalidAsync(() => StepAsync(s.Id, new StrategyStepInput(Day(-1), null, "Drøftet", null, null), s.Version), "on");
        Assert.Contains("fram i tid", Assert.Single(future["on"]));
        await TestHelpers.AssertInvalidAsync(() => StepAsync(s.Id, new StrategyStepInput("i går", "vedtatt-ish", " ", 999_999, new string('r', 301)), s.Version),
            "on", "status", "description", "caseId", "reference");
        var skip = await TestHelpers.AssertInvalidAsync(() => StepAsync(s.Id, new StrategyStepInput(Day(10), "replaced", "Erstattet", null, null), s.Version), "status");
        Assert.Equal("En strategi som er utkast, kan ikke bli «Erstattet». Mulige: «Utkast», «På høring», «Vedtatt».", Assert.Single(skip["status"]));

        s = await StepAsync(s.Id, new StrategyStepInput(Day(10), null, "Drøftet i styret", caseId, null), s.Version);
        Assert.Equal((StrategyStatus.Draft, 2), (s.Status, s.Version));
        var back = await TestHelpers.AssertInvalidAsync(() => StepAsync(s.Id, new StrategyStepInput(Day(11), "in-consultation", "Høring", null, null), s.Version), "on");
        Assert.Contains("før forrige steg", Assert.Single(back["on"]));
        s = await StepAsync(s.Id, new StrategyStepInput(Day(8), "in-consultation", "Sendt på høring", null, "https://www.regjeringen.no/høring"), s.Version);
        Assert.Equal(StrategyStatus.InConsultation, s.Status);
        var noCase = await TestHelpers.AssertInvalidAsync(() => StepAsync(s.Id, new StrategyStepInput(Day(5), "adopted", "Vedtatt", null, null), s.Version), "caseId");
        Assert.Equal("Oppgi saken eller dokumentet strategien ble vedtatt i.", Assert.Single(noCase["caseId"]));

        var inForce = await db.QueryAsync(x => x.Strategies.Where(y => y.Status == StrategyStatus.Adopted).Select(y => y.Id).ToListAsync());
        s = await StepAsync(s.Id, new StrategyStepInput(Day(5), "adopted", "Vedtatt", caseId, null), s.Version);
        Assert.Equal(StrategyStatus.Adopted, s.Status);
        foreach (var id in inForce)
        {
            var old = await db.QueryAsync(x => x.Strategies.Include(y => y.Steps).SingleAsync(y => y.Id == id));
            Assert.Equal(StrategyStatus.Replaced, old.Status);
            var last = old.Steps.OrderBy(t => t.Id).Last();
            Assert.Equal((StrategyStatus.Replaced, caseId, $"Erstattet av {s.Title}."), (last.Status, last.CaseId, last.Description));
            var e = await TestHelpers.AssertInvalidAsync(() => StepAsync(id, new StrategyStepInput(Day(1), null, "Mer", null, null), old.Version), "status");
            Assert.Contains("erstattet", Assert.Single(e["status"]));
            await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateStrategy u) => u.HandleAsync(id, Valid(), old.Version, db.Office)), "status");
        }
        Assert.Equal(s.Id, (await db.SendAsync((StrategyQueries q) => q.CoverageOfAdoptedAsync()))!.Strategy.Id);
        var details = await db.SendAsync((StrategyQueries q) => q.DetailsAsync(s.Id, null));
        Assert.Equal(["Drøftet i styret", "Sendt på høring", "Vedtatt"], details.Steps.Select(x => x.Description));
        Assert.Equal("40/21", details.Steps[0].CaseNumber);
    }

    [Fact]
    public async Task Areas_have_unique_numbers_and_bounded_indicators_and_links_must_exist()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        var a = await AddAreaAsync(s.Id, new TargetAreaInput(1, "Helsedata", "Målet", ["Andel registre  ", "", "Tid til data"]), s.Version);
        Assert.Equal(["Andel registre", "Tid til data"], a.IndicatorList);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AddAreaAsync(s.Id, new TargetAreaInput(2, "B", null, null), s.Version));
        var version = s.Version + 1;
        var dup = await TestHelpers.AssertInvalidAsync(() => AddAreaAsync(s.Id, new TargetAreaInput(1, "B", null, Enumerable.Repeat("i", 31).ToList()), version),
            "number", "indicators");
        Assert.Equal("Nummer 1 er allerede brukt av «Helsedata».", Assert.Single(dup["number"]));
        await TestHelpers.AssertInvalidAsync(() => AddAreaAsync(s.Id, new TargetAreaInput(0, "", new string('g', 4001), [new string('i', 301)]), version),
            "number", "title", "goal", "indicators");
        var b = await AddAreaAsync(s.Id, new TargetAreaInput(2, "Grunnmur", null, null), version);

        var initiative = await db.InitiativeIdAsync("Modernisering av grunndata");
        var service = await db.QueryAsync(x => x.RoadmapServices.Select(r => r.Id).FirstAsync());
        var solution = await db.QueryAsync(x => x.NationalSolutions.Where(n => n.Key == "grunndata").Select(n => n.Id).SingleAsync());
        var missing = await TestHelpers.AssertInvalidAsync(() => UpdateAreaAsync(s.Id, b.Id,
            new TargetAreaInput(1, "Grunnmur", null, null, [initiative, 999_991], [999_992], [999_993]), b.Version), "number", "initiatives", "services", "solutions");
        Assert.Equal("Fant ingen tiltak med id 999991.", Assert.Single(missing["initiatives"]));
        b = await UpdateAreaAsync(s.Id, b.Id, new TargetAreaInput(2, "Felles grunnmur", "Styrke grunnmuren", ["Antall"], [initiative, initiative], [service], [solution]), b.Version);
        Assert.Equal(2, b.Version);
        var view = (await db.SendAsync((StrategyQueries q) => q.AreaAsync(s.Id, b.Id, db.Office))).Area;
        Assert.Equal(["Modernisering av grunndata"], view.Initiatives.Select(i => i.Name));
        Assert.Equal([service], view.Services.Select(x => x.Id));
        Assert.Equal(["grunndata"], view.Solutions.Select(x => x.Key));
        Assert.False(view.Initiatives[0].IsDemo);

        // Only the links changed: still a new version, and a stale one is refused with nothing saved.
        b = await UpdateAreaAsync(s.Id, b.Id, new TargetAreaInput(2, "Felles grunnmur", "Styrke grunnmuren", ["Antall"], [], [service], [solution]), b.Version);
        Assert.Equal(3, b.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => UpdateAreaAsync(s.Id, b.Id, new TargetAreaInput(2, "X", null, null, [initiative]), 2));
        await Assert.ThrowsAsync<NotFoundException>(() => UpdateAreaAsync(s.Id + 1_000, b.Id, new TargetAreaInput(2, "X", null, null), 3));
        Assert.Equal(0, await db.QueryAsync(x => x.TargetAreaInitiatives.CountAsync(l => l.TargetAreaId == b.Id)));
        Assert.Equal("Felles grunnmur", await db.QueryAsync(x => x.TargetAreas.Where(t => t.Id == b.Id).Select(t => t.Title).SingleAsync()));
    }

    [Fact]
    public async Task An_area_is_deleted_with_its_links_by_the_office_from_its_version_and_not_in_a_replaced_strategy()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        var a = await AddAreaAsync(s.Id, new TargetAreaInput(1, "Beholdes", null, null), s.Version);
        var b = await AddAreaAsync(s.Id, new TargetAreaInput(2, "Feilregistrert", null, null), s.Version + 1);
        var initiative = await db.InitiativeIdAsync("Modernisering av grunndata");
        var service = await db.QueryAsync(x => x.RoadmapServices.Select(r => r.Id).FirstAsync());
        var solution = await db.QueryAsync(x => x.NationalSolutions.Where(n => n.Key == "grunndata").Select(n => n.Id).SingleAsync());
        b = await UpdateAreaAsync(s.Id, b.Id, new TargetAreaInput(2, "Feilregistrert", null, null, [initiative], [service], [solution]), b.Version);
        Task Delete(int areaId, int? version, CurrentUser? user, int strategyId = 0) =>
            db.SendAsync((DeleteTargetArea u) => u.HandleAsync(strategyId == 0 ? s.Id : strategyId, areaId, version, user), user);
        var audit = await db.QueryAsync(x => x.AuditLog.CountAsync());

        await Assert.ThrowsAsync<ForbiddenException>(() => Delete(b.Id, b.Version, db.Member));
        await Assert.ThrowsAsync<ForbiddenException>(() => Delete(b.Id, b.Version, null));
        await Assert.ThrowsAsync<VersionRequiredException>(() => Delete(b.Id, null, db.Office));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Delete(b.Id, b.Version - 1, db.Office));
        await Assert.ThrowsAsync<NotFoundException>(() => Delete(b.Id, b.Version, db.Office, strategyId: s.Id + 1_000));
        Assert.Equal(audit, await db.QueryAsync(x => x.AuditLog.CountAsync()));

        var strategyVersion = await db.QueryAsync(x => x.Strategies.Where(t => t.Id == s.Id).Select(t => t.Version).SingleAsync());
        await Delete(b.Id, b.Version, db.Office);
        Assert.Equal(["Beholdes"], await db.QueryAsync(x => x.TargetAreas.Where(t => t.StrategyId == s.Id).Select(t => t.Title).ToListAsync()));
        Assert.Equal((0, 0, 0), await db.QueryAsync(async x => (await x.TargetAreaInitiatives.CountAsync(l => l.TargetAreaId == b.Id),
            await x.TargetAreaServices.CountAsync(l => l.TargetAreaId == b.Id), await x.TargetAreaSolutions.CountAsync(l => l.TargetAreaId == b.Id))));
        Assert.True(await db.QueryAsync(x => x.Initiatives.AnyAsync(i => i.Id == initiative)), "the initiative stays");
        Assert.Equal(strategyVersion + 1, await db.QueryAsync(x => x.Strategies.Where(t => t.Id == s.Id).Select(t => t.Version).SingleAsync()));
        // The area and its three links, each in the trail as deleted, by the office.
        var entries = await db.QueryAsync(x => x.AuditLog.OrderByDescending(e => e.Id).Take(10).Where(e => e.Action == "Deleted").ToListAsync());
        Assert.Equal(["TargetArea", "TargetAreaInitiative", "TargetAreaService", "TargetAreaSolution"], entries.Select(e => e.EntityType).Order());
        Assert.All(entries, e => Assert.Equal("kontor", e.UserName));
        await Assert.ThrowsAsync<NotFoundException>(() => Delete(b.Id, b.Version, db.Office));

        // History is not rewritten: an area of a replaced strategy stays.
        await db.QueryAsync(x => x.Strategies.Where(t => t.Id == s.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, StrategyStatus.Replaced)));
        var replaced = await TestHelpers.AssertInvalidAsync(() => Delete(a.Id, a.Version, db.Office), "status");
        Assert.Contains("er erstattet og kan ikke endres", replaced["status"][0]);
    }

    [Fact]
    public async Task Coverage_sums_the_latest_reported_costs_per_area_counts_shared_initiatives_once_and_lists_the_gaps()
    {
        if (!db.Available) return;
        var s = await CreateAsync(Valid(), db.Office);
        var a = await AddAreaAsync(s.Id, new TargetAreaInput(1, "A", null, null), s.Version);
        var b = await AddAreaAsync(s.Id, new TargetAreaInput(2, "B", null, null), s.Version + 1);
        var c = await AddAreaAsync(s.Id, new TargetAreaInput(3, "C", null, null), s.Version + 2);
        var red = await db.InitiativeIdAsync("Nasjonal Tarmscreening"); // latest report red (seed)
        var green = await db.InitiativeIdAsync("Statistisk logganalyse");
        var noFigures = await db.InitiativeIdAsync("Modernisering av grunndata");
        var completed = await db.InitiativeIdAsync("Nasjonalt koronasertifikat");
        await SetLatestCostAsync(red, 100_000_000, 40_000_000, 110_000_000);
        await SetLatestCostAsync(green, 50_000_000, null, 60_000_000);
        await SetLatestCostAsync(noFigures, null, null, null);
        await UpdateAreaAsync(s.Id, a.Id, new TargetAreaInput(1, "A", null, null, [red, green]), a.Version);
        await UpdateAreaAsync(s.Id, b.Id, new TargetAreaInput(2, "B", null, null, [green, noFigures, completed]), b.Version);

        var coverage = await db.SendAsync((StrategyQueries q) => q.CoverageAsync(s.Id, db.Office));

        var ca = coverage.Areas.Single(x => x.Number == 1);
        Assert.Equal(new CoverageCost(2, 150_000_000, 40_000_000, 170_000_000), ca.Cost);
        Assert.Equal([red], ca.RedFlags.Select(i => i.Id));
        var cb = coverage.Areas.Single(x => x.Number == 2);
        // A figure left out of a report counts as nothing; the completed initiative is outside the portfolio.
        Assert.Equal(new CoverageCost(1, 50_000_000, 0, 60_000_000), cb.Cost);
        Assert.Empty(cb.RedFlags);
        Assert.Equal((2, 1), (cb.Initiatives.Count, cb.OutsidePortfolio));
        Assert.Equal(["C"], coverage.AreasWithoutInitiative.Select(x => x.Title));
        Assert.Equal(c.Id, coverage.AreasWithoutInitiative[0].Id);
        // Logganalyse serves both areas but counts once in the total.
        Assert.Equal(new CoverageCost(2, 150_000_000, 40_000_000, 170_000_000), coverage.Total);
        Assert.Equal(1, coverage.RedFlags);
        var inPortfolio = await db.QueryAsync(x => x.Initiatives.CountAsync(i => i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused));
        Assert.Equal(inPortfolio - 3, coverage.InitiativesWithoutArea.Count);
        Assert.DoesNotContain(coverage.InitiativesWithoutArea, i => i.Id == red || i.Id == green || i.Id == noFigures);
    }

    private Task SetLatestCostAsync(int initiativeId, long? budget, long? spent, long? forecast) => db.QueryAsync(async x =>
    {
        var latest = await x.Initiatives.Where(i => i.Id == initiativeId).Select(i => i.LatestReportId).SingleAsync();
        return await x.StatusReports.Where(r => r.Id == latest)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.BudgetOre, budget).SetProperty(r => r.SpentOre, spent).SetProperty(r => r.ForecastOre, forecast));
    });
}

public sealed class StrategyEditingTestsSqlite(SqliteDatabase db) : StrategyEditingTests(db), IClassFixture<SqliteDatabase>;

public sealed class StrategyEditingTestsPostgres(PostgresDatabase db) : StrategyEditingTests(db), IClassFixture<PostgresDatabase>;
