using Samstyring.Core.Benefits;

namespace Samstyring.Core.Tests.Benefits;

/// <summary>
/// A benefit that should fall from 100 (1 January 2022) to 50 (1 January 2024, 730 days later). At 1 January 2023 the plan
/// is halfway: 75.
/// </summary>
public sealed class BenefitProgressTests
{
    private static readonly DateOnly From = new(2022, 1, 1), Due = new(2024, 1, 1), Halfway = new(2023, 1, 1);

    private static BenefitStanding At(decimal value, DateOnly today, DateOnly? measured = null) =>
        BenefitProgress.Assess(100m, From, 50m, Due, (value, measured ?? Halfway, "2022-T3"), today);

    [Theory]
    [InlineData(78, BenefitTrack.OnTrack)]   // 44 % of the way against 50 % planned: 6 points behind
    [InlineData(70, BenefitTrack.OnTrack)]   // ahead of plan
    [InlineData(85, BenefitTrack.AtRisk)]    // 30 % against 50 %: 20 points behind
    [InlineData(95, BenefitTrack.Late)]      // 10 % against 50 %: 40 points behind
    public void Behind_the_plan_by_more_than_ten_points_is_at_risk_and_by_more_than_25_late(int value, BenefitTrack expected)
    {
        var s = At(value, new DateOnly(2023, 2, 1));
        Assert.Equal(expected, s.Track);
        Assert.Equal(75m, s.Planned);
        Assert.Equal(0.5m, s.PlannedShare);
    }

    [Fact]
    public void Past_the_due_date_short_of_the_target_is_late_and_at_the_target_on_track()
    {
        Assert.Equal(BenefitTrack.Late, At(55, new DateOnly(2024, 2, 1), Due).Track);
        Assert.Equal(BenefitTrack.OnTrack, At(50, new DateOnly(2024, 2, 1), Due).Track);
        Assert.Equal(BenefitTrack.OnTrack, At(49, new DateOnly(2023, 2, 1)).Track);
    }

    [Fact]
    public void Without_a_realised_value_it_is_not_reported()
    {
        var s = BenefitProgress.Assess(100m, From, 50m, Due, null, Halfway);
        Assert.Equal(BenefitTrack.NotReported, s.Track);
        Assert.Null(s.Realised);
    }

    [Fact]
    public void A_rising_indicator_is_judged_the_same_way()
    {
        // 0 → 400 over the same two years; at the halfway mark 150 is 37,5 % of the way: 12,5 points behind.
        var s = BenefitProgress.Assess(0m, From, 400m, Due, (150m, Halfway, "2022-T3"), Halfway);
        Assert.Equal(BenefitTrack.AtRisk, s.Track);
        Assert.Equal(200m, s.Planned);
    }
}
