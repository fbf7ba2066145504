namespace Samstyring.Core.Evaluation;

/// <summary>How the ranking moves when one principle's weight is halved (factor 0.5) or raised by half (factor 1.5), all else kept.</summary>
public sealed record WeightShift(int Principle, double Factor, IReadOnlyList<int> Ranks);

/// <summary>The random weight draws: how many were drawn, the seed, N, and for each candidate the share (0–1) of draws with it in the top N.</summary>
public sealed record DrawOutcome(int Draws, ulong Seed, int TopN, IReadOnlyList<double> TopNShares, IReadOnlyList<double> MinTotals, IReadOnlyList<double> MaxTotals);

/// <summary>
/// The arithmetic of an evaluation, free of the database so it can be checked by hand and run fast.
/// <list type="bullet">
/// <item>Scores are a matrix <c>scores[candidate, principle]</c> of the panel's mean score (0–4).</item>
/// <item>Weights are normalised to sum to 1; a candidate's total is the sum over principles of mean score × normalised
/// weight, so the total is on the same 0–4 scale as a score.</item>
/// <item>Ranks are competition ranks: 1 + the number of candidates with a strictly higher total (totals closer than
/// <see cref="Tolerance"/> are equal), so candidates that tie share a rank and the next rank is skipped ("1, 2, 2, 4").
/// Lists show tied candidates by title, then by id, so the order never depends on the database.</item>
/// <item>A candidate is in the top N when its rank is N or better: a tie at the boundary keeps both in.</item>
/// </list>
/// </summary>
public static class EvaluationCalculator
{
    public const double Tolerance = 1e-9;
    public const double ShiftDown = 0.5, ShiftUp = 1.5;

    /// <summary>The weights scaled to sum to 1. Refuses a negative weight and weights that are all zero.</summary>
    public static double[] Normalise(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w))) throw new ArgumentException("Vektene kan ikke være negative.", nameof(weights));
        var sum = weights.Sum();
        if (sum <= 0) throw new ArgumentException("Minst én vekt må være større enn null.", nameof(weights));
        return weights.Select(w => w / sum).ToArray();
    }

    /// <summary>Each candidate's weighted total: Σ mean score × normalised weight (weights need not be normalised).</summary>
    public static double[] Totals(double[,] scores, IReadOnlyList<double> weights)
    {
        var w = Normalise(weights);
        var totals = new double[scores.GetLength(0)];
        TotalsInto(scores, w, totals);
        return totals;
    }

    private static void TotalsInto(double[,] scores, double[] normalised, double[] totals)
    {
        var n = scores.GetLength(0);
        var p = scores.GetLength(1);
        if (normalised.Length != p) throw new ArgumentException("Det må være én vekt per prinsipp.");
        for (var i = 0; i < n; i++)
        {
            var t = 0.0;
            for (var j = 0; j < p; j++) t += scores[i, j] * normalised[j];
            totals[i] = t;
        }
    }

    /// <summary>Competition ranks: 1 + how many have a strictly higher total.</summary>
    public static int[] Ranks(IReadOnlyList<double> totals)
    {
        var ranks = new int[totals.Count];
        RanksInto(totals, ranks);
        return ranks;
    }

    private static void RanksInto(IReadOnlyList<double> totals, int[] ranks)
    {
        for (var i = 0; i < totals.Count; i++)
        {
            var above = 0;
            for (var k = 0; k < totals.Count; k++)
                if (totals[k] > totals[i] + Tolerance) above++;
            ranks[i] = above + 1;
        }
    }

    /// <summary>The order to list candidates in: by rank, ties by title (ordinal), then by id.</summary>
    public static int[] ListOrder(IReadOnlyList<int> ranks, IReadOnlyList<string> titles, IReadOnlyList<int> ids) =>
        Enumerable.Range(0, ranks.Count).OrderBy(i => ranks[i]).ThenBy(i => titles[i], StringComparer.Ordinal).ThenBy(i => ids[i]).ToArray();

    /// <summary>Each principle's weight multiplied by 0.5 and by 1.5 on its own, the others kept: the ranks that follow.</summary>
    public static List<WeightShift> WeightShifts(double[,] scores, IReadOnlyList<double> weights)
    {
        Normalise(weights);
        var shifts = new List<WeightShift>();
        for (var j = 0; j < weights.Count; j++)
            foreach (var factor in new[] { ShiftDown, ShiftUp })
            {
                var w = weights.ToArray();
                w[j] *= factor;
                // Halving the only non-zero weight still leaves it the only one: the ranking stays, as it should.
                shifts.Add(new WeightShift(j, factor, Ranks(Totals(scores, w))));
            }
        return shifts;
    }

    /// <summary>
    /// <paramref name="draws"/> random weight sets around the adopted ones: each weight multiplied by its own factor drawn
    /// uniformly from [0.5, 1.5) (<see cref="Factor"/>), the factors taken principle by principle, draw by draw, from one
    /// <see cref="SplitMix64"/> stream seeded with <paramref name="seed"/>. The same seed gives the same answer on every
    /// machine. Returns, per candidate, the share of draws in which its rank was <paramref name="topN"/> or better, and
    /// the lowest and highest total it got.
    /// </summary>
    public static DrawOutcome Draws(double[,] scores, IReadOnlyList<double> weights, int draws, int topN, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        ArgumentOutOfRangeException.ThrowIfLessThan(topN, 1);
        Normalise(weights);
        var n = scores.GetLength(0);
        var p = scores.GetLength(1);
        var rng = new SplitMix64(seed);
        var w = new double[p];
        var totals = new double[n];
        var sorted = new double[n];
        var inTop = new int[n];
        var min = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        for (var d = 0; d < draws; d++)
        {
            var sum = 0.0;
            for (var j = 0; j < p; j++)
            {
                w[j] = weights[j] * Factor(rng.Next());
                sum += w[j];
            }
            for (var j = 0; j < p; j++) w[j] /= sum;
            TotalsInto(scores, w, totals);
            // Rank ≤ N exactly when fewer than N totals lie above this one (by more than the tolerance), that is when the
            // N-th largest total is at most this total + tolerance: one sort per draw instead of comparing every pair.
            Array.Copy(totals, sorted, n);
            Array.Sort(sorted);
            var nth = topN <= n ? sorted[n - topN] : double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                if (nth <= totals[i] + Tolerance) inTop[i]++;
                if (totals[i] < min[i]) min[i] = totals[i];
                if (totals[i] > max[i]) max[i] = totals[i];
            }
        }
        return new DrawOutcome(draws, seed, topN, inTop.Select(c => draws == 0 ? 0 : (double)c / draws).ToList(),
            draws == 0 ? new double[n] : min, draws == 0 ? new double[n] : max);
    }

    /// <summary>A weight factor from a 64-bit random number: its top 53 bits as a fraction u in [0, 1), then 0.5 + u.</summary>
    public static double Factor(ulong random) => 0.5 + (random >> 11) * (1.0 / (1UL << 53));

    /// <summary>Population standard deviation (divides by n, not n − 1): the panel is the whole population of its scores.</summary>
    public static double StandardDeviation(IReadOnlyList<int> values)
    {
        if (values.Count == 0) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the seeding generator of Java's SplittableRandom and of xoshiro): a tiny,
/// well-known generator whose every output can be recomputed by hand or in any language, so a seeded draw is reproducible
/// everywhere and across .NET versions (System.Random makes no such promise).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
