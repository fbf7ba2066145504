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

/// <summary>
/// Portfolio follow-up of benefits (seed 000 lines 1221–1223: «Oppfølgingen av porteføljen bør utvikles til å fokusere på
/// grad av strategisk oppnåelse og samfunnsøkonomisk lønnsomhet»): every benefit of the initiatives in the portfolio, on
/// track, at risk, late or not reported, counted per benefit owner and per initiative.
/// </summary>
public sealed record BenefitFollowUp(DateOnly Today, TrackCounts Total, IReadOnlyList<FollowUpGroup> PerOwner, IReadOnlyList<FollowUpGroup> PerInitiative,
    IReadOnlyList<BenefitFollowUpRow> Benefits);

[UseCase]
public sealed class GetBenefitFollowUp(SamstyringDb db)
{
    public async Task<BenefitFollowUp> HandleAsync(CancellationToken ct = default)
    {
        var benefits = await db.Benefits.AsNoTracking().AsSplitQuery()
            .Include(b => b.Initiative).Include(b => b.Owner).Include(b => b.Values).ThenInclude(v => v.Period)
            .Where(b => b.Initiative.Lifecycle == Lifecycle.Active || b.Initiative.Lifecycle == Lifecycle.Paused)
            .ToListAsync(ct);
        var today = db.Today;
        var rows = benefits.OrderBy(b => b.Initiative.Name).ThenBy(b => b.Id)
            .Select(b => new BenefitFollowUpRow(b.Id, b.Title, b.InitiativeId, b.Initiative.Name, b.OwnerId, b.Owner.Name, b.Type, b.Unit,
                b.Baseline, b.Target, b.TargetDue, BenefitProgress.Assess(b, today)))
            .ToList();
        var perOwner = rows.GroupBy(r => (r.OwnerId, r.Owner)).OrderBy(g => g.Key.Owner, StringComparer.Create(Common.Norwegian.Culture, false))
            .Select(g => new FollowUpGroup(g.Key.OwnerId, g.Key.Owner, TrackCounts.Of(g))).ToList();
        var perInitiative = rows.GroupBy(r => (r.InitiativeId, r.Initiative)).OrderBy(g => g.Key.Initiative, StringComparer.Create(Common.Norwegian.Culture, false))
            .Select(g => new FollowUpGroup(g.Key.InitiativeId, g.Key.Initiative, TrackCounts.Of(g))).ToList();
        return new BenefitFollowUp(today, TrackCounts.Of(rows), perOwner, perInitiative, rows);
    }
}
