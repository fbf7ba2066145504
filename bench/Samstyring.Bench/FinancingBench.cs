using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;

/// <summary>
/// Financing at scale, on SQLite and on PostgreSQL. A synthetic year on top of the reference data (357 municipalities with
/// population on the reference date, the actor registry, the catalogue): 20 solutions (the catalogue's, topped up with synthetic
/// ones), the registry topped up with GP offices to 400 actors, a cost basis per solution, and an adopted price model where
/// every solution is shared by four groups with mixed keys: regional health authorities by a fixed key, municipalities by
/// population (invoice or block-grant deduction, alternating), GP offices by usage, and the rest of the registry in equal
/// shares. Five scenarios copy it, each moving 1–5 percentage points from the health authorities to the municipalities.
///
/// Measures Core directly (every call a fresh DI scope, as one web request; the office as user; the harness is CoreBench's):
///   (a) FinancingQueries.ModelAsync(adopted) — the model page and the API's /financing/{year}: load, key data, allocation;
///   (b) CompareAsync(the five scenarios, adopted) in one call (base and key data read once), and (b5) the five one call each;
///   (c) InvoiceBasesAsync(year) and InvoiceDocuments.Pdf for every municipality, total time (one sample per run);
///   then (a) and (b) again with the read cache on, as the product runs (the rows without it are the first read after a change).
/// Prints RESULT provider label n p50 p95 p99 max cpu_p50 alloc_mb_p50 output, times in ms.
///   financing [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--iterations N] [--warmup N]
///             [--pdf-runs N] [--keep]
/// Without --connection-string, PostgreSQL is SAMSTYRING_TEST_POSTGRES with the database samstyring_financing_bench (needs CREATEDB).
/// </summary>
static class FinancingBench
{
    private const int Solutions = 20, Actors = 400, Scenarios = 5;

    public static async Task<int> RunAsync(Args opts)
    {
        var iterations = opts.Int("iterations", 200);
        var warmup = opts.Int("warmup", 20);
        var pdfRuns = opts.Int("pdf-runs", 3);
        var keep = opts.Flag("keep");

        var (targets, tempDir) = CoreBench.Targets(opts, "financing", "samstyring_financing_bench");
        foreach (var (provider, options) in targets)
        {
            await using var services = Args.Services(options);
            var data = await GenerateAsync(services);
            Console.WriteLine($"{provider}: {data.Info}");
            var office = CurrentUser.System;

            await Measure(provider, $"(a) ModelAsync: {Solutions} løsninger × {Actors} aktører", services, warmup, iterations, async q =>
            {
                var m = await q.ModelAsync(data.AdoptedId, office);
                if (m.Problems.Count > 0) throw new InvalidOperationException(string.Join(" ", m.Problems));
                return m.Solutions.Sum(s => s.Shares.Sum(x => x.Actors.Count));
            });
            await Measure(provider, $"(b) CompareAsync({Scenarios} scenarioer) i ett kall", services, warmup / 5 + 1, iterations, async q =>
                (await q.CompareAsync(data.ScenarioIds, data.AdoptedId, office)).Sum(c => c.Actors.Count));
            await Measure(provider, $"(b5) CompareAsync × {Scenarios} scenarioer, ett kall per scenario", services, warmup / 5 + 1, iterations, async q =>
            {
                var n = 0;
                foreach (var id in data.ScenarioIds) n += (await q.CompareAsync(id, data.AdoptedId, office)).Actors.Count;
                return n;
            });
            var next = 0;
            await Measure(provider, "(b1) CompareAsync, ett scenario", services, warmup, iterations, async q =>
                (await q.CompareAsync(data.ScenarioIds[next++ % data.ScenarioIds.Count], data.AdoptedId, office)).Actors.Count);
            // Where the time goes: loading one model (shares, entries, steps) and the pure calculation in memory.
            await Measure(provider, "    LoadModelAsync (modell med andeler, nøkler og steg)", services, warmup, iterations, async q =>
                (await q.LoadModelAsync(data.AdoptedId, office)).Shares.Count);
            PriceModel? loaded = null;
            ModelAllocation? allocation = null;
            IReadOnlyDictionary<int, CostBasis>? costs = null;
            await using (var s0 = services.CreateAsyncScope())
                (loaded, allocation, costs) = await s0.ServiceProvider.GetRequiredService<FinancingQueries>().CalculateAsync(data.AdoptedId, office);
            KeyData keys;
            await using (var s1 = services.CreateAsyncScope())
            {
                var db = s1.ServiceProvider.GetRequiredService<SamstyringDb>();
                var on = loaded.Shares.First(x => x.Key == DistributionKey.Population).PopulationOn!.Value;
                keys = new KeyData(await db.Organizations.AsNoTracking().ToListAsync(),
                    new Dictionary<DateOnly, IReadOnlyDictionary<int, int>> { [on] = await db.PopulationFigures.AsNoTracking().Where(p => p.On == on).ToDictionaryAsync(p => p.OrganizationId, p => p.Population) });
            }
            await Measure(provider, "    PriceModelCalculator.Calculate (i minnet)", services, warmup, iterations, _ =>
                Task.FromResult(PriceModelCalculator.Calculate(loaded!, costs!, keys).Solutions.Count));

            await Measure(provider, "(c) InvoiceBasesAsync + PDF for alle kommuner", services, 1, pdfRuns, async q =>
            {
                var bases = await q.InvoiceBasesAsync(data.Year, office);
                var letters = 0;
                long bytes = 0;
                foreach (var b in bases.Where(b => data.Municipalities.Contains(b.Actor.Id)))
                {
                    bytes += InvoiceDocuments.Pdf(b).Length;
                    letters++;
                }
                Console.WriteLine($"{provider}: letters={letters} pdf_mb={bytes / 1048576.0:0.0}");
                return letters;
            });
            await PdfSplitAsync(provider, services, data);

            // As the product runs: the read cache on (a second service provider on the same database), so that a computed model and
            // its key data are kept until the data changes. The rows above are the first read after a change.
            await using (var cachedServices = Args.Services(new SamstyringOptions
                { DataDirectory = options.DataDirectory, ConnectionString = options.ConnectionString, DemoData = false, ReadCache = true }))
            {
                await Measure(provider, "(a) ModelAsync, lesebuffer på", cachedServices, warmup, iterations, async q =>
                    (await q.ModelAsync(data.AdoptedId, office)).Solutions.Sum(s => s.Shares.Sum(x => x.Actors.Count)));
                await Measure(provider, $"(b) CompareAsync({Scenarios} scenarioer) i ett kall, lesebuffer på", cachedServices, warmup, iterations, async q =>
                    (await q.CompareAsync(data.ScenarioIds, data.AdoptedId, office)).Sum(c => c.Actors.Count));
            }

            if (!keep) await CoreBench.DropAsync(services);
        }
        if (!keep) CoreBench.RemoveTempDir(tempDir);
        return 0;
    }

    /// <summary>Where the time of (c) goes: the query once, then the letters alone (PDF rendering only).</summary>
    private static async Task PdfSplitAsync(string provider, ServiceProvider services, Data data)
    {
        await using var scope = services.CreateAsyncScope();
        var q = scope.ServiceProvider.GetRequiredService<FinancingQueries>();
        var sw = Stopwatch.StartNew();
        var bases = (await q.InvoiceBasesAsync(data.Year, CurrentUser.System)).Where(b => data.Municipalities.Contains(b.Actor.Id)).ToList();
        var query = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        foreach (var b in bases) InvoiceDocuments.Pdf(b);
        var pdf = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"SPLIT\t{provider}\tInvoiceBasesAsync={query:0.0} ms\tPDF×{bases.Count}={pdf:0.0} ms\tper_letter={pdf / Math.Max(1, bases.Count):0.00} ms");
    }

    private sealed record Data(int Year, int AdoptedId, List<int> ScenarioIds, HashSet<int> Municipalities, string Info);

    private static async Task<Data> GenerateAsync(ServiceProvider services)
    {
        var total = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Database.EnsureDeletedAsync();
        await services.InitializeDatabaseAsync(false);

        await using var scope2 = services.CreateAsyncScope();
        var db = scope2.ServiceProvider.GetRequiredService<SamstyringDb>();
        db.AuditEnabled = false;
        var rng = new Random(20261205);

        // The reference date of the population figures in the reference data decides the year.
        var on = await db.PopulationFigures.MaxAsync(p => p.On);
        var year = on.Year;

        var orgs = await db.Organizations.ToListAsync();
        for (var i = orgs.Count + 1; i <= Actors; i++)
        {
            var gp = new Organization { Key = $"bench-legekontor-{i}", Name = $"Legekontor {i}", Type = OrganizationType.Fastlege, ActorGroup = ActorGroup.Kommunehelsetjenesten };
            db.Organizations.Add(gp);
            orgs.Add(gp);
        }
        var solutions = await db.NationalSolutions.OrderBy(s => s.Key).Take(Solutions).ToListAsync();
        for (var i = solutions.Count + 1; i <= Solutions; i++)
        {
            var s = new NationalSolution { Key = $"bench-losning-{i}", Name = $"Syntetisk løsning {i}" };
            db.NationalSolutions.Add(s);
            solutions.Add(s);
        }
        await db.SaveChangesAsync();

        var rhfs = orgs.Where(o => o.Type == OrganizationType.Rhf).ToList();
        var gps = orgs.Where(o => o.Type == OrganizationType.Fastlege).ToList();
        var municipalities = orgs.Where(o => o.Type == OrganizationType.Kommune && o.ExistedOn(on)).ToList();
        var others = orgs.Except(rhfs).Except(gps).Where(o => o.Type != OrganizationType.Kommune).ToList();

        foreach (var s in solutions)
            db.CostBases.Add(new CostBasis
            {
                SolutionId = s.Id, Year = year, ManagementOre = rng.NextInt64(10_000_000_00, 60_000_000_00), OperationOre = rng.NextInt64(5_000_000_00, 40_000_000_00),
                DevelopmentOre = rng.NextInt64(1_000_000_00, 20_000_000_00), InvestmentOre = rng.NextInt64(0, 10_000_000_00), Note = "Syntetisk", Version = 1,
            });

        PriceModel Model(int number, string name, bool scenario, int shift)
        {
            var model = new PriceModel
            {
                Year = year, Number = number, Name = name, IsScenario = scenario, Status = scenario ? PriceModelStatus.Draft : PriceModelStatus.Adopted,
                CreatedBy = "bench", CreatedAt = DateTime.UtcNow, Version = 1,
            };
            var k = 0;
            foreach (var s in solutions)
            {
                var r = new Random(k * 7919 + 1);
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = s.Id, Group = PayerGroup.RegionalHealthAuthorities, BasisPoints = 3500 - shift, Key = DistributionKey.Fixed, Collection = CollectionMethod.Invoice,
                    Entries = rhfs.Select((o, j) => new KeyEntry { OrganizationId = o.Id, Weight = 10 + j * 7 }).ToList(),
                });
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = s.Id, Group = PayerGroup.Municipalities, BasisPoints = 4000 + shift, Key = DistributionKey.Population, PopulationOn = on,
                    Collection = k % 2 == 0 ? CollectionMethod.BlockGrantDeduction : CollectionMethod.Invoice,
                });
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = s.Id, Group = PayerGroup.GeneralPractitioners, BasisPoints = 1500, Key = DistributionKey.Usage, Collection = CollectionMethod.Invoice,
                    Entries = gps.Select(o => new KeyEntry { OrganizationId = o.Id, Weight = r.Next(100, 50_000) }).ToList(),
                });
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = s.Id, Group = PayerGroup.Others, BasisPoints = 1000, Key = DistributionKey.Equal, Collection = CollectionMethod.Invoice,
                    Entries = others.Select(o => new KeyEntry { OrganizationId = o.Id, Weight = 1 }).ToList(),
                });
                k++;
            }
            return model;
        }

        var adopted = Model(1, $"Prismodell {year} (syntetisk)", false, 0);
        db.PriceModels.Add(adopted);
        var scenarios = Enumerable.Range(1, Scenarios).Select(i => Model(1 + i, $"Scenario {i}: {i} prosentpoeng fra RHF til kommunene", true, 100 * i)).ToList();
        db.PriceModels.AddRange(scenarios);
        await db.SaveChangesAsync();
        if (db.Database.GetDbConnection() is NpgsqlConnection)
            await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var entries = adopted.Shares.Sum(s => s.Entries.Count);
        return new Data(year, adopted.Id, scenarios.Select(s => s.Id).ToList(), municipalities.Select(m => m.Id).ToHashSet(),
            $"year={year} population_on={on:yyyy-MM-dd} solutions={solutions.Count} actors={orgs.Count} municipalities={municipalities.Count} rhfs={rhfs.Count} gp_offices={gps.Count} "
            + $"others={others.Count} shares_per_model={adopted.Shares.Count} key_entries_per_model={entries} models={1 + scenarios.Count} generate_seconds={total.Elapsed.TotalSeconds:0.0}");
    }

    private static Task Measure(string provider, string label, ServiceProvider services, int warmup, int iterations, Func<FinancingQueries, Task<int>> run) =>
        CoreBench.MeasureAsync<FinancingQueries>(provider, label, services, warmup, iterations, (q, _) => run(q));
}
