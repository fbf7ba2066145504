using System.Diagnostics;
using System.Globalization;
using Samstyring.Core.Evaluation;

/// <summary>
/// The evaluation's arithmetic at the scale, in memory (the pure functions the queries call): 40 areas × 11
/// principles, panel means on the 0–4 scale in quarter steps and whole-number weights 1–10, all from a fixed seed.
/// One sample is the whole ranking and sensitivity the API answers with: totals, ranks and list order, each weight ±50 %
/// alone (22 rankings), and 10 000 seeded random weight sets with the share in the top N.
/// Prints RESULT label n p50 p95 p99 max alloc_kb_p50 cpu_p50 (process CPU time per sample), times in ms.
///   evaluation [--areas N] [--principles N] [--draws N] [--top N] [--iterations N] [--warmup N]
/// </summary>
static class EvaluationBench
{
    public static Task<int> RunAsync(Args opts)
    {
        var areas = opts.Int("areas", 40);
        var principles = opts.Int("principles", 11);
        var draws = opts.Int("draws", 10_000);
        var top = opts.Int("top", 5);
        var iterations = opts.Int("iterations", 100);
        var warmup = opts.Int("warmup", 10);

        var rng = new SplitMix64(2026);
        var scores = new double[areas, principles];
        for (var i = 0; i < areas; i++)
            for (var j = 0; j < principles; j++)
                scores[i, j] = (int)(rng.Next() % 17) / 4.0;
        var weights = Enumerable.Range(0, principles).Select(_ => (double)(1 + (int)(rng.Next() % 10))).ToArray();
        var titles = Enumerable.Range(0, areas).Select(i => $"Målområde {i + 1}").ToList();
        var ids = Enumerable.Range(1, areas).ToList();

        int Sample()
        {
            var totals = EvaluationCalculator.Totals(scores, weights);
            var ranks = EvaluationCalculator.Ranks(totals);
            var order = EvaluationCalculator.ListOrder(ranks, titles, ids);
            var shifts = EvaluationCalculator.WeightShifts(scores, weights);
            var outcome = EvaluationCalculator.Draws(scores, weights, draws, top, SensitivityOptions.DefaultSeed);
            return order[0] + shifts.Count + (int)Math.Round(outcome.TopNShares.Sum());
        }

        for (var w = 0; w < warmup; w++) Sample();
        var times = new List<double>();
        var allocs = new List<long>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        var check = 0;
        for (var n = 0; n < iterations; n++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            check = Sample();
            sw.Stop();
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocs.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        allocs.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var label = $"ranking+sensitivity {areas}x{principles} draws={draws} top={top}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT memory \"{label}\" {iterations} {P(0.5):0.0} {P(0.95):0.0} {P(0.99):0.0} {times[^1]:0.0} {allocs[allocs.Count / 2] / 1024} cpu_p50={cpu[cpu.Count / 2]:0.0} check={check}"));
        return Task.FromResult(0);
    }
}
