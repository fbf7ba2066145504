using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>One benefit in the follow-up: where it stands, its realised value against the planned one.</summary>
public sealed record BenefitFollowUpRow(
    int BenefitId, string Title, int InitiativeId, string Initiative, int OwnerId, string Owner, BenefitType Type, string Unit,
    decimal Baseline, decimal Target, DateOnly TargetDue, BenefitStanding Standing);

public sealed record TrackCounts(int OnTrack, int AtRisk, int Late, int NotReported)
{
    public int Total => OnTrack + AtRisk + Late + NotReported;

    public static TrackCounts Of(IEnumerable<BenefitFollowUpRow> rows)
    {
        var list = rows.Select(r => r.Standing.Track).ToList();
        return new(list.Count(t => t == BenefitTrack.OnTrack), list.Count(t => t == BenefitTrack.AtRisk),
            list.Count(t => t == BenefitTrack.Late), list.Count(t => t == BenefitTrack.NotReported));
    }
}

public sealed record FollowUpGroup(int Id, string Name, TrackCounts Counts);

/// <summary>A target area of the strategy in force and the benefits of the initiatives in the portfolio that serve it.</summary>
/// <param name="DemoLinks">Some of the area's links to initiatives are invented demo data.</param>
public sealed record AreaFollowUpGroup(int AreaId, int Number, string Title, int Initiatives, TrackCounts Counts, bool DemoLinks);

/// <summary>The strategy the per-area grouping follows: the adopted one (drafts never).</summary>
public sealed record FollowUpStrategy(int Id, string Title, string Period, bool IsDemo);

/// <summary>
/// Samfunnsøkonomisk avkastning of one initiative: its analysis evaluated at the analysis's own rate, and the alternative
/// with «størst netto nåverdi» (the first of them if two tie).
/// </summary>
public sealed record InitiativeReturn(
    int InitiativeId, string Initiative, string Owner, int RateBasisPoints, int? BaseYear, int Alternatives, int BestNumber, string BestAlternative,
    long NetPresentValueOre, long PresentCostOre, long PresentBenefitOre, int? BreakEvenYear, bool IsDemo);

/// <summary>
/// Portfolio follow-up of benefits (seed 000 lines 1221–1223: «Oppfølgingen av porteføljen bør utvikles til å fokusere på
/// grad av strategisk oppnåelse og samfunnsøkonomisk lønnsomhet»): every benefit of the initiatives in the portfolio, on
/// track, at risk, late or not reported, counted per benefit owner, per initiative and per target area of the strategy in
/// force (a benefit counts under every area its initiative serves, so the areas may add up to more than the total;
/// <c>WithoutArea</c> counts those whose initiative serves none), and the net present value of the best alternative of
/// each initiative with a socio-economic analysis.
/// </summary>
public sealed record BenefitFollowUp(DateOnly Today, TrackCounts Total, IReadOnlyList<FollowUpGroup> PerOwner, IReadOnlyList<FollowUpGroup> PerInitiative,
    IReadOnlyList<BenefitFollowUpRow> Benefits, FollowUpStrategy? Strategy, IReadOnlyList<AreaFollowUpGroup> PerArea, TrackCounts WithoutArea,
    IReadOnlyList<InitiativeReturn> Returns);

[UseCase]
public sealed class GetBenefitFollowUp(SamstyringDb db, Strategy.StrategyQueries strategies)
{
    public async Task<BenefitFollowUp> HandleAsync(CancellationToken ct = default)
    {
        var benefits = await db.Benefits.AsNoTracking().AsSplitQuery()
            .Include(b => b.Initiative).Include(b => b.Owner).Include(b => b.Values).ThenInclude(v => v.Period)
            .Where(b => b.Initiative.Lifecycle == Lifecycle.Active || b.Initiative.Lifecycle == Lifecycle.Paused)
            .ToListAsync(ct);
        var today = db.Today;
        var culture = StringComparer.Create(Common.Norwegian.Culture, false);
        var rows = benefits.OrderBy(b => b.Initiative.Name).ThenBy(b => b.Id)
            .Select(b => new BenefitFollowUpRow(b.Id, b.Title, b.InitiativeId, b.Initiative.Name, b.OwnerId, b.Owner.Name, b.Type, b.Unit,
                b.Baseline, b.Target, b.TargetDue, BenefitProgress.Assess(b, today)))
            .ToList();
        var perOwner = rows.GroupBy(r => (r.OwnerId, r.Owner)).OrderBy(g => g.Key.Owner, culture)
            .Select(g => new FollowUpGroup(g.Key.OwnerId, g.Key.Owner, TrackCounts.Of(g))).ToList();
        var perInitiative = rows.GroupBy(r => (r.InitiativeId, r.Initiative)).OrderBy(g => g.Key.Initiative, culture)
            .Select(g => new FollowUpGroup(g.Key.InitiativeId, g.Key.Initiative, TrackCounts.Of(g))).ToList();

        // Per area of the strategy in force, as the public sees it; every area is listed, also one with no benefits.
        var links = await strategies.AreaLinksOfAdoptedAsync(ct);
        var inPortfolio = (await db.Initiatives.AsNoTracking()
            .Where(i => i.Lifecycle == Lifecycle.Active || i.Lifecycle == Lifecycle.Paused).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var perArea = (links?.Areas ?? []).Select(a =>
        {
            var ids = a.InitiativeIds.Where(inPortfolio.Contains).ToHashSet();
            return new AreaFollowUpGroup(a.AreaId, a.Number, a.Title, ids.Count, TrackCounts.Of(rows.Where(r => ids.Contains(r.InitiativeId))), a.HasDemoLinks);
        }).ToList();
        var linked = (links?.Areas ?? []).SelectMany(a => a.InitiativeIds).ToHashSet();

        return new BenefitFollowUp(today, TrackCounts.Of(rows), perOwner, perInitiative, rows,
            links is null ? null : new FollowUpStrategy(links.Strategy.Id, links.Strategy.Title, links.Strategy.Period, links.Strategy.IsDemo),
            perArea, TrackCounts.Of(rows.Where(r => !linked.Contains(r.InitiativeId))),
            await ReturnsAsync(culture, ct));
    }

    private async Task<List<InitiativeReturn>> ReturnsAsync(StringComparer culture, CancellationToken ct)
    {
        var analyses = await db.BenefitAnalyses.AsNoTracking().AsSplitQuery()
            .Include(a => a.Initiative).ThenInclude(i => i.Owner).Include(a => a.Alternatives).ThenInclude(a => a.Years)
            .Where(a => a.Initiative.Lifecycle == Lifecycle.Active || a.Initiative.Lifecycle == Lifecycle.Paused)
            .ToListAsync(ct);
        var list = new List<InitiativeReturn>();
        foreach (var a in analyses.OrderBy(a => a.Initiative.Name, culture).ThenBy(a => a.InitiativeId))
        {
            var r = GetBenefits.Evaluate(a, a.DiscountRateBasisPoints);
            // An analysis without years has no net present value to compare; it is left out rather than shown as zero.
            if (r.Alternatives.FirstOrDefault(x => x.Largest) is not { } best) continue;
            list.Add(new InitiativeReturn(a.InitiativeId, a.Initiative.Name, a.Initiative.Owner.Name, r.RateBasisPoints, r.BaseYear, r.Alternatives.Count,
                best.Number, best.Name, best.Result.NetPresentValueOre, best.Result.PresentCostOre, best.Result.PresentBenefitOre, best.Result.BreakEvenYear,
                a.IsDemo));
        }
        return list;
    }
}
