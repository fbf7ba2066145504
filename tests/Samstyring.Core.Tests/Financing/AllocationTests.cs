using CsCheck;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>
/// Properties of the largest-remainder split that every amount an actor is billed rests on, checked on thousands of
/// generated cases: small weights and totals (many ties, many øre left over) and the largest figures the model allows.
/// </summary>
public sealed class AllocationTests
{
    private const long MaxWeight = 1_000_000_000_000;
    private const long MaxOre = CostBasis.MaxOre;

    /// <summary>A total and weights of which at least one is above zero: small (ties) or large (no overflow).</summary>
    private static readonly Gen<(long Total, long[] Weights)> Cases = Gen.OneOf(
            Gen.Select(Gen.Long[0, 1_000], Gen.Long[0, 5].Array[1, 12]),
            Gen.Select(Gen.Long[0, MaxOre], Gen.Long[0, MaxWeight].Array[1, 40]),
            Gen.Select(Gen.Long[0, MaxOre], Gen.Long[0, 1_000_000].Array[1, 400]))
        .Where(c => c.Item2.Any(w => w > 0));

    private static (Int128 Floor, bool Whole) Exact(long total, long weight, Int128 sum) =>
        ((Int128)total * weight / sum, (Int128)total * weight % sum == 0);

    [Fact]
    public void The_parts_add_up_to_the_total_exactly() =>
        Cases.Sample((total, weights) => Allocation.Split(total, weights).Sum() == total, iter: 3_000);

    [Fact]
    public void Every_part_is_its_exact_share_rounded_down_or_up() =>
        Cases.Sample((total, weights) =>
        {
            var parts = Allocation.Split(total, weights);
            Int128 sum = 0;
            foreach (var w in weights) sum += w;
            for (var i = 0; i < weights.Length; i++)
            {
                var (floor, whole) = Exact(total, weights[i], sum);
                if (parts[i] != floor && (whole || parts[i] != floor + 1)) return false;
            }
            return true;
        }, iter: 3_000);

    [Fact]
    public void A_weight_of_zero_gets_nothing() =>
        Cases.Sample((total, weights) =>
        {
            var parts = Allocation.Split(total, weights);
            return weights.Select((w, i) => w != 0 || parts[i] == 0).All(ok => ok);
        }, iter: 3_000);

    [Fact]
    public void A_larger_weight_never_gets_less_and_equal_weights_differ_by_at_most_one_ore() =>
        Cases.Sample((total, weights) =>
        {
            var parts = Allocation.Split(total, weights);
            for (var i = 0; i < weights.Length; i++)
                for (var j = 0; j < weights.Length; j++)
                {
                    if (weights[i] > weights[j] && parts[i] < parts[j]) return false;
                    if (weights[i] == weights[j] && Math.Abs(parts[i] - parts[j]) > 1) return false;
                }
            return true;
        }, iter: 1_000);

    [Fact]
    public void The_same_figures_always_give_the_same_parts() =>
        Cases.Sample((total, weights) => Allocation.Split(total, weights).SequenceEqual(Allocation.Split(total, weights.ToArray())), iter: 2_000);

    [Fact]
    public void Known_splits_follow_the_largest_remainder_and_then_the_larger_weight()
    {
        Assert.Equal([34, 33, 33], Allocation.Split(100, [1, 1, 1]));
        Assert.Equal([0, 1, 0], Allocation.Split(1, [1, 2, 0]));
        Assert.Equal([6_667, 3_333], Allocation.Split(10_000, [2, 1]));
        Assert.Equal([0, 0], Allocation.Split(0, [5, 7]));
        Assert.Throws<ArgumentException>(() => Allocation.Split(100, [0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocation.Split(100, [-1, 2]));
    }
}
