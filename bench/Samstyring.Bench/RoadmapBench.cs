using System.Diagnostics;
using System.Globalization;
using Samstyring.Core.Roadmap;

/// <summary>
/// The roadmap chart and the diff on a large synthetic roadmap held in memory (no database): 500 services in 12 areas,
/// 40 plans each (20 actor groups × trial and rollout, dates in every written form PlannedDate accepts), dependencies
/// between services, on initiatives and on solutions. The second version moves about 10 % of the plans, postpones some
/// indefinitely, removes and adds plans and services, and brings in new actor groups. Measures
/// RoadmapChart.ToSvg (the newer version), RoadmapDiffer.Compare (older → newer) and, for information, RoadmapChart.ToPdf.
/// Reports median, p95 and max wall-clock time, process CPU time and bytes allocated per run.
///   roadmap [--services N] [--plans-per-service N] [--iterations N] [--warmup N] [--pdf-iterations N] [--svg-out FILE]
/// </summary>
static class RoadmapBench
{
    private static readonly string[] Areas =
    [
        "Innbyggertjenester", "Deling av helseopplysninger", "Samhandling og meldinger", "Legemidler", "Kjernejournal", "Helsedata",
        "Velferdsteknologi", "Identitet og tilgang", "Kodeverk og terminologi", "Laboratorie og radiologi", "Pasientforløp", "Kommunal helse",
    ];

    private static readonly string[] ActorGroups =
    [
        "Helseforetak", "Fastleger", "Legevakt", "Kommunale pleie- og omsorgstjenester", "Offentlig tannhelsetjeneste", "Avtalespesialister",
        "Fysioterapeuter og manuellterapeuter", "Helse Sør-Øst RHF", "Helse Vest RHF", "Helse Midt-Norge RHF", "Helse Nord RHF", "Private sykehus",
        "Apotek", "Helsestasjoner", "Jordmortjenesten", "Kiropraktorer", "Psykologer", "Rusinstitusjoner", "Skolehelsetjenesten", "Ambulansetjenesten",
    ];

    private static readonly string[] Verbs = ["ha tilgang til", "kunne dele", "få oppdatert", "kunne bestille", "få varsel om", "kunne se"];
    private static readonly string[] Things =
    [
        "journaldokumenter", "kritisk informasjon", "legemiddellisten", "henvisninger", "prøvesvar", "timeavtaler", "pasientens språk og tolkebehov",
        "vaksinasjonsstatus", "bildeundersøkelser", "helsekort for gravide", "pleie- og omsorgsmeldinger", "epikriser",
    ];

    public static Task<int> RunAsync(Args opts)
    {
        var serviceCount = opts.Int("services", 500);
        var plansPerService = opts.Int("plans-per-service", 40);
        var iterations = opts.Int("iterations", 50);
        var warmup = opts.Int("warmup", 5);
        var pdfIterations = opts.Int("pdf-iterations", 5);
        var today = new DateOnly(2026, 11, 24);

        var setup = Stopwatch.StartNew();
        var from = Synthetic(serviceCount, plansPerService, "21.1", seed: 42, changed: false);
        var to = Synthetic(serviceCount, plansPerService, "22.1", seed: 42, changed: true);
        Console.WriteLine($"setup_ms={setup.Elapsed.TotalMilliseconds:0}");
        Console.WriteLine($"from_services={from.Services.Count} from_plans={from.Services.Sum(s => s.Plans.Count)} "
            + $"to_services={to.Services.Count} to_plans={to.Services.Sum(s => s.Plans.Count)} "
            + $"to_indefinite={to.Services.SelectMany(s => s.Plans).Count(p => p.Date.IsIndefinite)} "
            + $"to_dependencies={to.Services.Sum(s => s.Dependencies.Count)} to_late={to.Services.Sum(s => s.Dependencies.Count(d => d.IsLate))}");

        string svg = "";
        Measure("RoadmapChart.ToSvg (22.1)", warmup, iterations, () => { svg = RoadmapChart.ToSvg(to, today); return svg.Length; });
        if (opts.Get("svg-out") is { } path) File.WriteAllText(path, svg);
        RoadmapDiff? diff = null;
        Measure("RoadmapDiffer.Compare (21.1 → 22.1)", warmup, iterations, () => { diff = RoadmapDiffer.Compare(from, to); return diff.Changes.Count; });
        Console.WriteLine("changes=" + string.Join(' ', diff!.Changes.GroupBy(c => c.Change).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))
            + $" new_actor_groups={diff.NewActorGroups.Count}");
        if (pdfIterations > 0)
        {
            byte[] pdf = [];
            Measure("RoadmapChart.ToPdf (22.1)", 1, pdfIterations, () => { pdf = RoadmapChart.ToPdf(to, today); return pdf.Length; });
            Console.WriteLine($"pdf_pages={System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count}");
        }
        return Task.FromResult(0);
    }

    /// <summary>Prints RESULT label n median p95 max cpu_median alloc_mb_median output_size.</summary>
    private static void Measure(string label, int warmup, int iterations, Func<int> run)
    {
        var wall = new List<double>();
        var cpu = new List<double>();
        var alloc = new List<double>();
        var size = 0;
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < warmup + iterations; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocBefore = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            size = run();
            var t = sw.Elapsed.TotalMilliseconds;
            var a = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
            process.Refresh();
            var c = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            if (i < warmup) continue;
            wall.Add(t);
            cpu.Add(c);
            alloc.Add(a / 1048576.0);
        }
        Console.WriteLine(string.Join('\t', "RESULT", label, iterations.ToString(CultureInfo.InvariantCulture), F(Pct(wall, 50)), F(Pct(wall, 95)), F(wall.Max()),
            F(Pct(cpu, 50)), F(Pct(alloc, 50)), size.ToString(CultureInfo.InvariantCulture)));
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// A roadmap version. With <paramref name="changed"/> the same seed gives the same roadmap and then the changes of a new
    /// version: ~10 % of plans moved, ~1 % postponed, ~2 % removed, a new actor group on ~5 % of services, 5 services
    /// removed and 5 added.
    /// </summary>
    private static RoadmapView Synthetic(int serviceCount, int plansPerService, string number, int seed, bool changed)
    {
        var rng = new Random(seed);
        var change = new Random(seed + 1);
        var id = 0;
        var services = new List<ServiceView>(serviceCount + 5);
        var groupsPerKind = Math.Max(1, plansPerService / 2);
        var count = changed ? serviceCount + 5 : serviceCount;
        for (var s = 0; s < count; s++)
        {
            var key = $"tjeneste-{s:0000}";
            var plans = new List<PlanView>(plansPerService + 2);
            for (var g = 0; g < groupsPerKind; g++)
            {
                var actor = g < ActorGroups.Length ? ActorGroups[g] : $"{ActorGroups[g % ActorGroups.Length]} {g / ActorGroups.Length + 1}";
                foreach (var kind in new[] { PlanKind.Trial, PlanKind.Rollout })
                {
                    var year = 2019 + rng.Next(8) + (kind == PlanKind.Rollout ? 1 : 0);
                    var form = rng.Next(100);
                    var written = Written(form, year, rng);
                    if (changed)
                    {
                        var roll = change.Next(1000);
                        if (roll < 20) continue;                                    // removed
                        if (roll < 30) written = "utsatt på ubestemt tid";           // postponed
                        else if (roll < 130) written = Written(change.Next(100), year + 1 + change.Next(2), change); // moved
                    }
                    plans.Add(new PlanView(++id, actor, kind, PlannedDate.Parse(written), null, 1));
                }
            }
            if (changed && s % 20 == 7)
                plans.Add(new PlanView(++id, $"Ny aktørgruppe {s % 3 + 1}", PlanKind.Trial, PlannedDate.Parse($"H2 {2025 + s % 3}"), null, 1));

            var dependencies = new List<DependencyView>();
            if (s > 0)
            {
                var target = rng.Next(Math.Min(s, serviceCount));
                var late = rng.Next(10) == 0;
                dependencies.Add(new DependencyView(++id, DependencyTarget.Service, target, $"tjeneste-{target:0000}", Goal(target), "",
                    late, late ? "Tjenesten den avhenger av tas i bruk senere." : null));
            }
            if (s % 3 == 0)
                dependencies.Add(new DependencyView(++id, DependencyTarget.Solution, 1, "kjernejournal", "Kjernejournal dokumentdeling", "", false, null));
            if (s % 7 == 0)
                dependencies.Add(new DependencyView(++id, DependencyTarget.Initiative, s, s.ToString(CultureInfo.InvariantCulture),
                    $"Tiltak nummer {s}", "", s % 14 == 0, s % 14 == 0 ? "Siste statusrapport er rød." : null));

            // Generated in full before dropping, so both versions draw the same random numbers for the services they share.
            if (changed && s < serviceCount && s % Math.Max(1, serviceCount / 5) == 3) continue; // removed in the new version
            services.Add(new ServiceView(++id, key, Areas[s % Areas.Length], Goal(s), "", 1, plans, [], [], dependencies));
        }
        // Areas together, as the roadmap is ordered.
        var ordered = services.OrderBy(x => Array.IndexOf(Areas, x.Area)).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        return new RoadmapView(1, number, "Veikart for nasjonale e-helseløsninger", RoadmapVersionKind.Yearly, RoadmapStatus.Published, null, "",
            null, null, new DateOnly(2026, 1, 15), false, null, 1, ordered, []);
    }

    private static string Goal(int s) =>
        $"Helsepersonell skal {Verbs[s % Verbs.Length]} {Things[s / Verbs.Length % Things.Length]} uavhengig av hvor pasienten har mottatt helsehjelp (nr. {s})";

    /// <summary>Every form planners write, in rough proportion.</summary>
    private static string Written(int form, int year, Random rng) => form switch
    {
        < 20 => $"Q{rng.Next(1, 5)} {year}",
        < 30 => $"H{rng.Next(1, 3)} {year}",
        < 40 => $"{year}",
        < 48 => $"{year}–{year + 1 + rng.Next(3)}",
        < 54 => $"{year}/{(year + 1) % 100:00}",
        < 60 => $"{Months[rng.Next(12)]} {year}",
        < 66 => $"tidligst Q{rng.Next(1, 5)} {year}",
        < 72 => $"innen {year}",
        < 77 => $"ca. {year}",
        < 82 => $"{(rng.Next(3) switch { 0 => "primo", 1 => "medio", _ => "ultimo" })} {year}",
        < 86 => $"T{rng.Next(1, 4)} {year}",
        < 90 => $"{rng.Next(1, 29):00}.{rng.Next(1, 13):00}.{year}",
        < 93 => $"{(rng.Next(3) switch { 0 => "våren", 1 => "sommeren", _ => "høsten" })} {year}",
        < 96 => $"Q{rng.Next(1, 3)} {year}–Q{rng.Next(3, 5)} {year + 1}",
        < 98 => $"{rng.Next(1, 5)}. kvartal {year}",
        _ => "utsatt på ubestemt tid",
    };

    private static readonly string[] Months =
        ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
}
