namespace Samstyring.Core.Benefits;

/// <param name="Realised">The latest realised value, and <paramref name="Period"/> the period it was reported for.</param>
/// <param name="Planned">Where the plan says the indicator should be at the end of that period.</param>
/// <param name="AchievedShare">How far from baseline to target the realised value has come (1 = target reached).</param>
/// <param name="PlannedShare">How far it should have come by then.</param>
public sealed record BenefitStanding(BenefitTrack Track, decimal? Realised, string? Period, DateOnly? MeasuredOn, decimal? Planned, decimal? AchievedShare, decimal? PlannedShare);

/// <summary>
/// Whether a benefit is on track. The plan is a straight line from the baseline (on the day it was measured) to the target
/// (on its due date). The latest realised value is compared with where the line was at the end of its period:
/// <list type="bullet">
/// <item>target reached, or at most 10 percentage points of the way behind the plan: on track;</item>
/// <item>more than 10 and at most 25 points behind: at risk;</item>
/// <item>more than 25 points behind, or the due date has passed without the target reached: late.</item>
/// </list>
/// Works the same for indicators that should fall (fewer incidents) as for those that should rise.
/// </summary>
public static class BenefitProgress
{
    public const decimal OnTrackMargin = 0.10m;
    public const decimal AtRiskMargin = 0.25m;

    public static decimal PlannedShareAt(DateOnly baselineOn, DateOnly due, DateOnly on)
    {
        var span = due.DayNumber - baselineOn.DayNumber;
        if (span <= 0) return 1m;
        return Math.Clamp((decimal)(on.DayNumber - baselineOn.DayNumber) / span, 0m, 1m);
    }

    public static decimal PlannedAt(decimal baseline, DateOnly baselineOn, decimal target, DateOnly due, DateOnly on) =>
        baseline + (target - baseline) * PlannedShareAt(baselineOn, due, on);

    public static BenefitStanding Assess(decimal baseline, DateOnly baselineOn, decimal target, DateOnly due,
        (decimal Value, DateOnly MeasuredOn, string Period)? latest, DateOnly today)
    {
        if (latest is not { } l) return new(BenefitTrack.NotReported, null, null, null, null, null, PlannedShareAt(baselineOn, due, today));
        var achieved = target == baseline ? 1m : (l.Value - baseline) / (target - baseline);
        var plannedShare = PlannedShareAt(baselineOn, due, l.MeasuredOn);
        var planned = PlannedAt(baseline, baselineOn, target, due, l.MeasuredOn);
        var gap = plannedShare - achieved;
        var track = achieved >= 1m ? BenefitTrack.OnTrack
            : today > due ? BenefitTrack.Late
            : gap <= OnTrackMargin ? BenefitTrack.OnTrack
            : gap <= AtRiskMargin ? BenefitTrack.AtRisk
            : BenefitTrack.Late;
        return new(track, l.Value, l.Period, l.MeasuredOn, planned, achieved, plannedShare);
    }

    public static BenefitStanding Assess(Benefit b, DateOnly today)
    {
        var latest = b.Values.Where(v => v.Period is not null).OrderByDescending(v => v.Period.End).FirstOrDefault();
        return Assess(b.Baseline, b.BaselineOn, b.Target, b.TargetDue,
            latest is null ? null : (latest.Value, latest.Period.End, latest.Period.Code), today);
    }
}
