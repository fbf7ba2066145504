namespace Samstyring.Core.Financing;

/// <summary>
/// Exact division of an amount in øre by weights, with the largest-remainder method: every part gets the whole øre of its
/// exact share, and the øre left over go one each to the parts with the largest remainders (ties: the larger weight, then
/// the earlier part). The parts always add up to the total. Products are taken in 128 bits, so no figure can overflow.
/// </summary>
public static class Allocation
{
    public static long[] Split(long totalOre, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalOre);
        var parts = new long[weights.Count];
        if (weights.Count == 0) return parts;
        Int128 sum = 0;
        foreach (var w in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(w);
            sum += w;
        }
        if (sum == 0) throw new ArgumentException("Minst én vekt må være større enn null.", nameof(weights));

        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)totalOre * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += parts[i];
        }
        var left = totalOre - given; // fewer than weights.Count øre
        if (left == 0) return parts;
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i]).ThenByDescending(i => weights[i]).ThenBy(i => i)
            .Take((int)left);
        foreach (var i in order) parts[i]++;
        return parts;
    }
}
