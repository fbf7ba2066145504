using Samstyring.Core.Evaluation;

namespace Samstyring.Core.Tests.Evaluation;

/// <summary>The ranking and the sensitivity with answers worked out by hand (the working is in the comments).</summary>
public sealed class EvaluationCalculatorTests
{
    // Three areas, three principles, weights 2 : 1 : 1, normalised 0.5, 0.25, 0.25.
    //   A = 4, 2, 0 → 4·0.5 + 2·0.25 + 0·0.25 = 2.5
    //   B = 2, 4, 4 → 1 + 1 + 1                = 3.0
    //   C = 3, 2, 2 → 1.5 + 0.5 + 0.5          = 2.5
    private static readonly double[,] Scores = { { 4, 2, 0 }, { 2, 4, 4 }, { 3, 2, 2 } };
    private static readonly double[] Weights = [2, 1, 1];

    [Fact]
    public void The_weighted_total_is_the_mean_score_times_the_normalised_weight_and_ties_share_a_rank()
    {
        Assert.Equal([0.5, 0.25, 0.25], EvaluationCalculator.Normalise(Weights));
        var totals = EvaluationCalculator.Totals(Scores, Weights);
        Assert.Equal(2.5, totals[0], 12);
        Assert.Equal(3.0, totals[1], 12);
        Assert.Equal(2.5, totals[2], 12);
        var ranks = EvaluationCalculator.Ranks(totals);
        Assert.Equal([2, 1, 2], ranks);
        // Listed by rank, the tie by title: B, then A before C.
        Assert.Equal([1, 0, 2], EvaluationCalculator.ListOrder(ranks, ["A", "B", "C"], [10, 11, 12]));
        // Same titles: the lower id first, whatever order they came in.
        Assert.Equal([1, 2, 0], EvaluationCalculator.ListOrder(ranks, ["X", "B", "X"], [12, 11, 10]));
    }

    [Fact]
    public void Weights_scaled_alike_give_the_same_ranking()
    {
        Assert.Equal(EvaluationCalculator.Totals(Scores, Weights), EvaluationCalculator.Totals(Scores, [20, 10, 10]));
    }

    [Fact]
    public void Moving_one_weight_by_fifty_percent_gives_the_ranking_worked_out_by_hand()
    {
        var shifts = EvaluationCalculator.WeightShifts(Scores, Weights);
        Assert.Equal(6, shifts.Count);
        // Principle 1 halved: weights 1 : 1 : 1. A = 6/3 = 2, B = 10/3 ≈ 3.33, C = 7/3 ≈ 2.33 → B 1, C 2, A 3.
        var down = shifts.Single(s => s.Principle == 0 && s.Factor == 0.5);
        Assert.Equal([3, 1, 2], down.Ranks);
        // Principle 1 × 1.5: weights 3 : 1 : 1 (fifths). A = 14/5 = 2.8, B = 14/5 = 2.8, C = 13/5 = 2.6 → A and B share 1, C 3.
        var up = shifts.Single(s => s.Principle == 0 && s.Factor == 1.5);
        Assert.Equal([1, 1, 3], up.Ranks);
        // Principle 3 halved: weights 2 : 1 : 0.5 (÷3.5). A = 10/3.5 ≈ 2.86, B = 10/3.5 ≈ 2.86, C = 9/3.5 ≈ 2.57.
        Assert.Equal([1, 1, 3], shifts.Single(s => s.Principle == 2 && s.Factor == 0.5).Ranks);
    }

    [Fact]
    public void All_zero_and_negative_weights_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EvaluationCalculator.Totals(Scores, [0, 0, 0]));
        Assert.Throws<ArgumentException>(() => EvaluationCalculator.Totals(Scores, [1, -1, 1]));
    }

    [Fact]
    public void SplitMix64_gives_the_published_sequence()
    {
        // The reference outputs of SplitMix64 seeded with 1.
        var rng = new SplitMix64(1);
        Assert.Equal(0x910A2DEC89025CC1UL, rng.Next());
        Assert.Equal(0xBEEB8DA1658EEC67UL, rng.Next());
        Assert.Equal(0xF893A2EEFB32555EUL, rng.Next());
    }

    [Fact]
    public void A_small_seeded_draw_gives_the_shares_worked_out_by_hand()
    {
        // Two areas, two principles, equal weights: A = 4, 0 and B = 0, 4. In a draw the factors f1, f2 multiply the
        // weights, so A's total is 4·f1/(f1+f2) and A is first exactly when f1 > f2. Seed 1's first eight outputs, as
        // factors 0.5 + u (u = top 53 bits / 2^53):
        //   draw 1: f1 = 1.06656, f2 = 1.24578 → A 1.8450, B 2.1550 → B first
        //   draw 2: f1 = 1.47100, f2 = 0.94436 → A 2.4361, B 1.5639 → A first
        //   draw 3: f1 = 0.94426, f2 = 1.26289 → A 1.7113, B 2.2887 → B first
        //   draw 4: f1 = 1.37735, f2 = 1.02307 → A 2.2952, B 1.7048 → A first
        // So each is in the top 1 in 2 of 4 draws, A's totals run from 1.7113 to 2.4361 and B's from 1.5639 to 2.2887.
        double[,] scores = { { 4, 0 }, { 0, 4 } };
        var outcome = EvaluationCalculator.Draws(scores, [1, 1], draws: 4, topN: 1, seed: 1);
        Assert.Equal([0.5, 0.5], outcome.TopNShares);
        Assert.Equal(1.7112761901634168, outcome.MinTotals[0], 9);
        Assert.Equal(2.4360783542442865, outcome.MaxTotals[0], 9);
        Assert.Equal(1.5639216457557132, outcome.MinTotals[1], 9);
        Assert.Equal(2.2887238098365827, outcome.MaxTotals[1], 9);
        // Only the first three draws: A first once (draw 2) of three.
        Assert.Equal(1 / 3.0, EvaluationCalculator.Draws(scores, [1, 1], 3, 1, 1).TopNShares[0], 12);
        // Top 2 of two: always in.
        Assert.Equal([1.0, 1.0], EvaluationCalculator.Draws(scores, [1, 1], 4, 2, 1).TopNShares);
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws_and_a_dominant_area_always_stays_on_top()
    {
        var a = EvaluationCalculator.Draws(Scores, Weights, 500, 1, 42);
        var b = EvaluationCalculator.Draws(Scores, Weights, 500, 1, 42);
        Assert.Equal(a.TopNShares, b.TopNShares);
        Assert.Equal(a.MinTotals, b.MinTotals);
        Assert.NotEqual(a.MinTotals, EvaluationCalculator.Draws(Scores, Weights, 500, 1, 43).MinTotals);
        double[,] dominant = { { 4, 4, 4 }, { 1, 2, 3 } };
        Assert.Equal([1.0, 0.0], EvaluationCalculator.Draws(dominant, Weights, 200, 1, 7).TopNShares);
    }

    [Fact]
    public void The_spread_uses_the_population_standard_deviation()
    {
        // 1, 3: mean 2, deviations ±1, variance (1 + 1) / 2 = 1.
        Assert.Equal(1.0, EvaluationCalculator.StandardDeviation([1, 3]), 12);
        // 0, 4, 4: mean 8/3, variance ((8/3)² + 2·(4/3)²) / 3 = (64/9 + 32/9) / 3 = 32/9 → √(32/9) ≈ 1.8856.
        Assert.Equal(Math.Sqrt(32.0 / 9), EvaluationCalculator.StandardDeviation([0, 4, 4]), 12);
        Assert.Equal(0.0, EvaluationCalculator.StandardDeviation([2]));
    }
}
