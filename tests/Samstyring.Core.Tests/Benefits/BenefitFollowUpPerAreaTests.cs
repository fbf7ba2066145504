using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Benefits;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Tests.Benefits;

/// <summary>
/// The benefit follow-up per target area of the adopted strategy, on a database of its own: the adopted strategy's links
/// are replaced by a few known ones, so every count below is worked out by hand. The class's one test arranges and checks
/// in one go: it rewrites the adopted strategy's links and at the end sets the strategy aside.
/// </summary>
public abstract class BenefitFollowUpPerAreaTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private const string Tarmscreening = "Nasjonal Tarmscreening";   // Koordinering: benefit values are optional
    private const string Msis = "Modernisering av MSIS";

    /// <summary>
    /// Baseline 100 on 1 January 2010, target 50 by 31 December 2040. At the end of 2021-T3 (31 December 2021) the plan's
    /// straight line is 4382/11322 ≈ 0.387 of the way: a value of 50 has reached the target (on track), 90 is 0.2 of the
    /// way (0.187 behind: at risk), 100 is 0 of the way (0.387 behind: late).
    /// </summary>
    private async Task<int> BenefitAsync(int initiativeId, string title, decimal? realisedIn2021T3)
    {
        var input = new BenefitInput(title, "freed-staff-time", "municipal-health-care", await db.OrganizationIdAsync("helse-sor-ost"),
            "Tid brukt på dokumenter", "timer per uke", 100m, "2010-01-01", 50m, "2040-12-31", false, null, null);
        var b = await db.SendAsync((SaveBenefit u) => u.HandleAsync(initiativeId, null, input, null, db.Office), db.Office);
        if (realisedIn2021T3 is { } v)
            await db.SendAsync((ReportBenefitValues u) => u.HandleAsync(initiativeId, "2021-T3", [new BenefitValueInput(b.Id, v, null)], db.Office), db.Office);
        return b.Id;
    }

    [Fact]
    public async Task Benefits_count_under_every_area_their_initiative_serves_and_only_in_the_adopted_strategy()
    {
        if (!db.Available) return;
        var a = await db.InitiativeIdAsync(Tarmscreening);
        var b = await db.InitiativeIdAsync(Msis);
        Assert.True(await db.QueryAsync(x => x.Initiatives.Where(i => i.Id == a || i.Id == b).AllAsync(i => i.Lifecycle == Lifecycle.Active)));
        Assert.False(await db.QueryAsync(x => x.Benefits.AnyAsync(z => z.InitiativeId == a || z.InitiativeId == b)), "the initiatives start without benefits");

        var adopted = await db.QueryAsync(x => x.Strategies.Where(s => s.Status == StrategyStatus.Adopted).Select(s => s.Id).SingleAsync());
        var areas = await db.QueryAsync(x => x.TargetAreas.Where(t => t.StrategyId == adopted).OrderBy(t => t.Number).Select(t => t.Id).ToListAsync());
        Assert.Equal(6, areas.Count);
        // Area 1 is served by A; area 2 by A and B; areas 3–6 by nothing.
        await db.QueryAsync(async x =>
        {
            x.TargetAreaInitiatives.RemoveRange(x.TargetAreaInitiatives.Where(l => areas.Contains(l.TargetAreaId)));
            x.TargetAreaInitiatives.AddRange(
                new TargetAreaInitiative { TargetAreaId = areas[0], InitiativeId = a },
                new TargetAreaInitiative { TargetAreaId = areas[1], InitiativeId = a },
                new TargetAreaInitiative { TargetAreaId = areas[1], InitiativeId = b });
            return await x.SaveChangesAsync();
        });
        // A draft's area served by B must not appear: drafts never enter the follow-up.
        var draft = await db.QueryAsync(x => x.Strategies.Where(s => s.Status == StrategyStatus.Draft).Select(s => new { s.Id, s.Version }).FirstAsync());
        await db.SendAsync((AddTargetArea u) => u.HandleAsync(draft.Id, new TargetAreaInput(99, "Hemmelig utkastområde", "Mål.", [], [b]), draft.Version, db.Office),
            db.Office);

        var before = await db.SendAsync((GetBenefitFollowUp u) => u.HandleAsync());
        await BenefitAsync(a, "A på mål", 50m);
        await BenefitAsync(a, "A bak planen", 100m);
        await BenefitAsync(a, "A uten verdi", null);
        await BenefitAsync(b, "B litt bak", 90m);

        var f = await db.SendAsync((GetBenefitFollowUp u) => u.HandleAsync());

        Assert.Equal(adopted, f.Strategy!.Id);
        Assert.Equal([1, 2, 3, 4, 5, 6], f.PerArea.Select(x => x.Number));
        Assert.DoesNotContain(f.PerArea, x => x.Title == "Hemmelig utkastområde");
        var counts = f.PerArea.Select(x => (x.Number, x.Initiatives, x.Counts)).ToList();
        Assert.Equal((1, 1, new TrackCounts(OnTrack: 1, AtRisk: 0, Late: 1, NotReported: 1)), counts[0]);
        Assert.Equal((2, 2, new TrackCounts(OnTrack: 1, AtRisk: 1, Late: 1, NotReported: 1)), counts[1]);
        Assert.All(counts.Skip(2), c => Assert.Equal((0, new TrackCounts(0, 0, 0, 0)), (c.Initiatives, c.Counts)));
        Assert.Equal(3, f.PerArea[0].Counts.Total);
        Assert.Equal(4, f.PerArea[1].Counts.Total);
        Assert.All(f.PerArea, x => Assert.False(x.DemoLinks)); // the demo links were replaced

        // Four benefits were added; those of the demo initiatives now serve no area.
        Assert.Equal(before.Total.Total + 4, f.Total.Total);
        Assert.Equal(before.Total.Total, f.WithoutArea.Total);
        Assert.Equal(f.Total.Total, f.PerArea[1].Counts.Total + f.WithoutArea.Total); // area 2 holds every linked benefit, once

        // The existing groups still count each benefit once.
        Assert.Equal(new TrackCounts(1, 0, 1, 1), f.PerInitiative.Single(g => g.Id == a).Counts);
        Assert.Equal(new TrackCounts(0, 1, 0, 0), f.PerInitiative.Single(g => g.Id == b).Counts);

        // With no strategy adopted (here: the adopted one set aside) there are no areas to count under.
        await db.QueryAsync(async x =>
        {
            (await x.Strategies.SingleAsync(s => s.Id == adopted)).Status = StrategyStatus.Replaced;
            return await x.SaveChangesAsync();
        });
        var none = await db.SendAsync((GetBenefitFollowUp u) => u.HandleAsync());
        Assert.Null(none.Strategy);
        Assert.Empty(none.PerArea);
        Assert.Equal(none.Total, none.WithoutArea);
    }
}

public sealed class BenefitFollowUpPerAreaTestsSqlite(SqliteDatabaseOnDemoDay db) : BenefitFollowUpPerAreaTests(db), IClassFixture<SqliteDatabaseOnDemoDay>;

public sealed class BenefitFollowUpPerAreaTestsPostgres(PostgresDatabaseOnDemoDay db) : BenefitFollowUpPerAreaTests(db), IClassFixture<PostgresDatabaseOnDemoDay>;
