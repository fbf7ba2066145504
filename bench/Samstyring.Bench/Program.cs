using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

// Scale benchmark for the public portfolio overview. Subcommands:
//   generate --data-dir DIR | --connection-string CS [--initiatives N] [--reports-per-initiative N] [--dependencies N]
//   latency  --url URL [--requests N] [--warmup N] [--label TEXT]
//   explain  --data-dir DIR | --connection-string CS      (SQL and query plans of the overview queries)
//   council  [--data-dir DIR] [--iterations N] [--warmup N]  (board package PDF: demo meeting 6/2021 and 40 cases/100 attachments)
//   roadmap  [--services N] [--plans-per-service N] [--iterations N] [--warmup N] [--svg-out FILE]  (chart SVG/PDF and diff, in memory)
//   adoption [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--iterations N] [--warmup N] [--max-seconds N] [--explain]
//            (adoption summary, map SVG and state at a past date: 15 solutions × 357 municipalities × 120 monthly changes, SQLite and PostgreSQL)
//   financing [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--iterations N] [--warmup N] [--pdf-runs N]
//            (price model allocation of 20 solutions × 400 actors, 5 scenario comparisons, invoice letter PDFs for all municipalities)
//   archive  [--data-dir DIR] [--connection-string CS] [--skip-sqlite] [--skip-postgres] [--meetings N] [--cases-per-meeting N] [--attachments-per-case N]
//            (Noark 5 extract of a body with 500 meetings, 5 000 cases and 10 000 small attachments; time and memory sampled during the run)
//   evaluation [--areas N] [--principles N] [--draws N] [--top N] [--iterations N] [--warmup N]
//            (ranking and sensitivity of 10 000 seeded weight draws for 40 areas × 11 principles, in memory)
//   search [--cases N] [--attachments N] [--iterations N] [--warmup N] [--skip-sqlite] [--skip-postgres]
//            (search across everything: 20 000 cases and 50 000 attachment texts, one-word and three-word queries, SQLite and PostgreSQL)
// See bench/run.sh for the whole run and bench/results/ for recorded results.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Samstyring.Bench generate|latency|mixed|explain|council|archive|roadmap|adoption|financing|evaluation|search [options]");
    return 2;
}
var opts = Args.Parse(args.Skip(1));
try
{
    return args[0] switch
    {
        "generate" => await Generator.RunAsync(opts),
        "latency" => await Latency.RunAsync(opts),
        "explain" => await Explain.RunAsync(opts),
        "council" => await CouncilBench.RunAsync(opts),
        "archive" => await ArchiveBench.RunAsync(opts),
        "roadmap" => await RoadmapBench.RunAsync(opts),
        "adoption" => await AdoptionBench.RunAsync(opts),
        "financing" => await FinancingBench.RunAsync(opts),
        "evaluation" => await EvaluationBench.RunAsync(opts),
        "mixed" => await MixedLoad.RunAsync(opts),
        "search" => await SearchBench.RunAsync(opts),
        _ => Fail($"unknown subcommand {args[0]}"),
    };
}
catch (ArgumentException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(IEnumerable<string> args)
    {
        var d = new Dictionary<string, string>();
        string? key = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (key is not null) d[key] = "true";
                key = a[2..];
            }
            else if (key is not null)
            {
                d[key] = a;
                key = null;
            }
            else throw new ArgumentException($"unexpected argument {a}");
        }
        if (key is not null) d[key] = "true";
        return new Args(d);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);
    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");
    public bool Flag(string name) => Get(name) == "true";
    public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public SamstyringOptions Database()
    {
        if (Get("connection-string") is { } cs) return new SamstyringOptions { ConnectionString = cs, DemoData = false };
        if (Get("data-dir") is { } dir) return new SamstyringOptions { DataDirectory = dir, DemoData = false };
        throw new ArgumentException("--data-dir or --connection-string is required");
    }

    public static ServiceProvider Services(SamstyringOptions options) =>
        new ServiceCollection().AddSamstyringCore(options).BuildServiceProvider();
}

/// <summary>Fills a fresh database with a synthetic portfolio, bypassing EF for the bulk rows (SQLite: prepared INSERTs in one transaction; PostgreSQL: binary COPY).</summary>
static class Generator
{
    private static readonly string[] Prefixes = ["Digital", "Nasjonal", "Regional", "Felles", "Kommunal", "Trygg", "Sammenhengende", "Ny", "Modernisert", "Samordnet"];
    private static readonly string[] Nouns =
    [
        "samhandling", "journalløsning", "legemiddelliste", "henvisning", "kjernejournal", "pasientforløp", "helsedataplattform",
        "velferdsteknologi", "timebok", "meldingsutveksling", "e-resept", "innbyggertjeneste", "dokumentdeling", "pasientsikkerhet",
        "kodeverk", "identitetsforvaltning", "laboratoriesvar", "radiologi", "kommunikasjon", "kvalitetsregister",
    ];
    private static readonly string[] Places =
    [
        "Helse Sør-Øst", "Helse Vest", "Helse Midt-Norge", "Helse Nord", "kommunene", "fastlegene", "Oslo", "Bergen", "Trondheim",
        "Tromsø", "Agder", "Innlandet", "Viken", "Nordland", "hele landet",
    ];
    private static readonly string[] StatusTexts =
    [
        "Arbeidet går etter plan. Leveransene i perioden er levert, og prosjektet er i rute mot neste beslutningspunkt.",
        "Noe forsinkelse i testfasen på grunn av ressursknapphet hos leverandøren; tiltak er iverksatt for å hente inn etterslepet.",
        "Vesentlige forsinkelser. Integrasjonen mot nasjonale løsninger er ikke klar, og planen må revideres i styringsgruppen.",
        "Innføringen i pilotkommunene er gjennomført, og erfaringene brukes i planleggingen av videre utrulling.",
        "Anskaffelsen er avsluttet og kontrakt er signert. Oppstart av gjennomføringsfasen er planlagt i neste periode.",
    ];
    private static readonly string[] RiskTexts =
    [
        "Ingen vesentlige endringer i risikobildet siden forrige rapportering.",
        "Risiko knyttet til tilgang på fagressurser i kommunene; avbøtende tiltak er under vurdering.",
        "Høy risiko for at avhengigheter til nasjonale leveranser ikke blir levert i tide.",
        "Usikkerhet om finansiering av forvaltning og drift etter innføring.",
    ];
    private static readonly string[] ProgressTexts =
    [
        "Leveranser i henhold til plan.", "Milepæl 3 er nådd; milepæl 4 er forskjøvet én måned.", "Testing pågår.",
        "Pilot i drift hos tre aktører.",
    ];
    private static readonly string[] CostTexts =
    [
        "Innenfor budsjett.", "Forventet overskridelse på 5 prosent.", "Kostnadsrammen er under revisjon.", "Innenfor budsjett, men lite reserve.",
    ];
    private static readonly string[] DependencyTexts =
    [
        "Trenger API for deling av dokumenter før innføring kan starte.",
        "Avhenger av at kodeverket er oppdatert til ny versjon.",
        "Krever at aktøren har tatt i bruk ny meldingsstandard.",
        "Bygger på felles identitetsløsning for helsepersonell.",
        "Forutsetter nasjonal avtale om databehandling.",
    ];

    public static async Task<int> RunAsync(Args a)
    {
        var options = a.Database();
        var initiativeCount = a.Int("initiatives", 10_000);
        var reportsPer = a.Int("reports-per-initiative", 40);
        var dependencyCount = a.Int("dependencies", 30_000);
        var demo = a.Get("demo") == "true";

        var total = Stopwatch.StartNew();
        await using var services = Args.Services(options);
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            await db.Database.EnsureDeletedAsync();
        }
        await services.InitializeDatabaseAsync(demo);
        var seedTime = total.Elapsed;

        await using var scope2 = services.CreateAsyncScope();
        var db2 = scope2.ServiceProvider.GetRequiredService<SamstyringDb>();
        db2.AuditEnabled = false;
        var orgIds = await db2.Organizations.Select(o => o.Id).OrderBy(id => id).ToListAsync();
        var solutionIds = await db2.NationalSolutions.Select(s => s.Id).OrderBy(id => id).ToListAsync();
        var firstInitiative = (await db2.Initiatives.MaxAsync(i => (int?)i.Id) ?? 0) + 1;
        var firstReport = (await db2.StatusReports.MaxAsync(r => (int?)r.Id) ?? 0) + 1;
        var firstPeriod = (await db2.ReportingPeriods.MaxAsync(p => (int?)p.Id) ?? 0) + 1;
        var firstDependency = (await db2.Dependencies.MaxAsync(d => (int?)d.Id) ?? 0) + 1;

        var data = Build(initiativeCount, reportsPer, dependencyCount, orgIds, solutionIds, firstInitiative, firstReport, firstPeriod, firstDependency);
        var insert = Stopwatch.StartNew();
        var conn = db2.Database.GetDbConnection();
        await conn.OpenAsync();
        if (conn is NpgsqlConnection pg) await CopyPostgresAsync(pg, data);
        else await InsertSqliteAsync((SqliteConnection)conn, data);
        await conn.CloseAsync();

        Console.WriteLine($"provider:     {(options.UsesPostgres ? "PostgreSQL" : "SQLite")}");
        Console.WriteLine($"initiatives:  {data.Initiatives.Count}");
        Console.WriteLine($"periods:      {data.Periods.Count}");
        Console.WriteLine($"reports:      {data.Reports.Count}");
        Console.WriteLine($"dependencies: {data.Dependencies.Count}");
        Console.WriteLine($"organizations:{orgIds.Count}");
        Console.WriteLine($"seed_seconds={seedTime.TotalSeconds:F1}");
        Console.WriteLine($"insert_seconds={insert.Elapsed.TotalSeconds:F1}");
        Console.WriteLine($"generate_seconds={total.Elapsed.TotalSeconds:F1}");
        return 0;
    }

    private sealed record Data(List<ReportingPeriod> Periods, List<Initiative> Initiatives, List<StatusReport> Reports, List<Dependency> Dependencies);

    private static Data Build(int initiativeCount, int reportsPer, int dependencyCount, List<int> orgIds, List<int> solutionIds,
        int firstInitiative, int firstReport, int firstPeriod, int firstDependency)
    {
        var rnd = new Random(20261123);
        T Pick<T>(IReadOnlyList<T> xs) => xs[rnd.Next(xs.Count)];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Monthly periods ending with the current month: the reports fill the ones before it, and the current month is open
        // for reporting (reporting season: the mixed load's writes go there).
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var periods = new List<ReportingPeriod>();
        for (var k = 0; k <= reportsPer; k++)
        {
            var start = thisMonth.AddMonths(k - reportsPer);
            var end = start.AddMonths(1).AddDays(-1);
            periods.Add(new ReportingPeriod
            {
                Id = firstPeriod + k, Code = $"{start.Year}-{start.Month:00}", Year = start.Year, Cadence = ReportingCadence.Monthly,
                Number = start.Month, Start = start, End = end, Deadline = end.AddDays(10),
            });
        }

        var initiatives = new List<Initiative>(initiativeCount);
        var reports = new List<StatusReport>(initiativeCount * reportsPer);
        var created = new DateTime(2022, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        var reportId = firstReport;
        for (var n = 0; n < initiativeCount; n++)
        {
            var roll = rnd.Next(100);
            var lifecycle = roll switch { < 70 => Lifecycle.Active, < 80 => Lifecycle.Paused, < 90 => Lifecycle.Candidate, < 95 => Lifecycle.Completed, _ => Lifecycle.Left };
            var segment = (Segment)rnd.Next(3);
            var plannedStart = new DateOnly(2020 + rnd.Next(7), 1 + rnd.Next(12), 1);
            var i = new Initiative
            {
                Id = firstInitiative + n,
                Name = $"{Pick(Prefixes)} {Pick(Nouns)} i {Pick(Places)} {n + 1:00000}",
                Description = "Syntetisk tiltak for ytelsestest av porteføljeoversikten.",
                OwnerId = Pick(orgIds),
                Kind = (InitiativeKind)rnd.Next(4),
                Lifecycle = lifecycle,
                LeftReason = lifecycle == Lifecycle.Left ? "Oppfyller ikke kriteriene (syntetisk)." : null,
                LeftOn = lifecycle == Lifecycle.Left ? today.AddDays(-rnd.Next(400)) : null,
                IncludedOn = lifecycle == Lifecycle.Candidate ? null : plannedStart,
                CompletedOn = lifecycle == Lifecycle.Completed ? today.AddDays(-rnd.Next(400)) : null,
                Phase = (Phase)rnd.Next(6),
                Segment = lifecycle == Lifecycle.Candidate && rnd.Next(2) == 0 ? null : segment,
                PlannedStart = plannedStart,
                PlannedEnd = plannedStart.AddMonths(12 + rnd.Next(48)),
                ContactPerson = "Kari Nordmann",
                Submission = lifecycle == Lifecycle.Candidate ? SubmissionState.Proposed : SubmissionState.Included,
                IsDemo = true,
                DemoNote = "Syntetiske data for ytelsestest.",
                CreatedAt = created, UpdatedAt = created, Version = 1,
            };
            foreach (var p in periods.Take(reportsPer))
            {
                var s = rnd.Next(100);
                var status = s < 60 ? Rag.Green : s < 88 ? Rag.Yellow : Rag.Red;
                var r = rnd.Next(100);
                var risk = r < 55 ? Rag.Green : r < 88 ? Rag.Yellow : Rag.Red;
                reports.Add(new StatusReport
                {
                    Id = reportId++, InitiativeId = i.Id, PeriodId = p.Id, Status = status, Risk = risk,
                    StatusText = status switch { Rag.Green => StatusTexts[rnd.Next(2) == 0 ? 0 : 3 + rnd.Next(2)], Rag.Yellow => StatusTexts[1], _ => StatusTexts[2] },
                    RiskText = Pick(RiskTexts), Progress = Pick(ProgressTexts), Cost = Pick(CostTexts),
                    ReportedBy = "bench", ReportedAt = p.End.AddDays(rnd.Next(10)).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), Version = 1,
                });
            }
            if (reportsPer > 0) i.SetLatestReport(reports[^1]); // the newest period's report
            initiatives.Add(i);
        }

        var dependencies = new List<Dependency>(dependencyCount);
        for (var n = 0; n < dependencyCount; n++)
        {
            var from = firstInitiative + rnd.Next(initiativeCount);
            var kind = rnd.Next(10) switch { < 5 => DependencyTargetKind.Initiative, < 8 => DependencyTargetKind.Solution, _ => DependencyTargetKind.Organization };
            if (kind == DependencyTargetKind.Solution && solutionIds.Count == 0) kind = DependencyTargetKind.Organization;
            int? target = null;
            if (kind == DependencyTargetKind.Initiative)
            {
                do target = firstInitiative + rnd.Next(initiativeCount); while (target == from && initiativeCount > 1);
            }
            var c = rnd.Next(100);
            var s = rnd.Next(100);
            dependencies.Add(new Dependency
            {
                Id = firstDependency + n, InitiativeId = from, TargetKind = kind,
                TargetInitiativeId = target,
                TargetSolutionId = kind == DependencyTargetKind.Solution ? Pick(solutionIds) : null,
                TargetOrganizationId = kind == DependencyTargetKind.Organization ? Pick(orgIds) : null,
                Description = Pick(DependencyTexts),
                // ~20 % high criticality, ~15 % red: about 3 % (900) high and red, as case 38/21 lists.
                Criticality = c < 40 ? Criticality.Low : c < 80 ? Criticality.Medium : Criticality.High,
                Status = s < 60 ? Rag.Green : s < 85 ? Rag.Yellow : Rag.Red,
                Deadline = rnd.Next(4) == 0 ? null : today.AddDays(rnd.Next(-300, 600)),
                IsDemo = true, Version = 1,
            });
        }
        return new Data(periods, initiatives, reports, dependencies);
    }

    // ------------------------------------------------------------------ SQLite
    private static async Task InsertSqliteAsync(SqliteConnection conn, Data data)
    {
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
        await BulkAsync(conn, tx, "reporting_periods", ["Id", "Code", "Year", "Cadence", "Number", "Start", "End", "Deadline"], data.Periods,
            p => [p.Id, p.Code, p.Year, p.Cadence.Code(), p.Number, p.Start, p.End, p.Deadline]);
        await BulkAsync(conn, tx, "initiatives", InitiativeColumns, data.Initiatives, InitiativeValues);
        await BulkAsync(conn, tx, "status_reports", ReportColumns, data.Reports, ReportValues);
        await BulkAsync(conn, tx, "dependencies", DependencyColumns, data.Dependencies, DependencyValues);
        await tx.CommitAsync();
    }

    private static async Task BulkAsync<T>(SqliteConnection conn, SqliteTransaction tx, string table, string[] columns, List<T> rows, Func<T, object?[]> values)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, k) => $"$p{k}"))})";
        var ps = columns.Select((_, k) => cmd.Parameters.Add(new SqliteParameter($"$p{k}", null))).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            var v = values(row);
            for (var k = 0; k < ps.Length; k++) ps[k].Value = Sqlite(v[k]);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    // The same text formats EF Core's SQLite provider writes.
    private static object Sqlite(object? v) => v switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => v,
    };

    // ------------------------------------------------------------------ PostgreSQL
    private static async Task CopyPostgresAsync(NpgsqlConnection conn, Data data)
    {
        await CopyAsync(conn, "reporting_periods", ["Id", "Code", "Year", "Cadence", "Number", "Start", "End", "Deadline"], data.Periods,
            p => [p.Id, p.Code, p.Year, p.Cadence.Code(), p.Number, p.Start, p.End, p.Deadline]);
        await CopyAsync(conn, "initiatives", InitiativeColumns, data.Initiatives, InitiativeValues);
        await CopyAsync(conn, "status_reports", ReportColumns, data.Reports, ReportValues);
        await CopyAsync(conn, "dependencies", DependencyColumns, data.Dependencies, DependencyValues);
        foreach (var table in new[] { "reporting_periods", "initiatives", "status_reports", "dependencies" })
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))", conn);
            await cmd.ExecuteScalarAsync();
        }
        // autovacuum would do this within a minute on a live server; do it now so the plans are the steady-state ones.
        await using var analyze = new NpgsqlCommand("ANALYZE", conn);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync<T>(NpgsqlConnection conn, string table, string[] columns, List<T> rows, Func<T, object?[]> values)
    {
        await using var writer = await conn.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var v in values(row))
            {
                switch (v)
                {
                    case null: await writer.WriteNullAsync(); break;
                    case int n: await writer.WriteAsync(n, NpgsqlDbType.Integer); break;
                    case string s: await writer.WriteAsync(s, NpgsqlDbType.Varchar); break;
                    case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    case DateOnly d: await writer.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTime t: await writer.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    default: throw new InvalidOperationException($"unsupported value {v.GetType()}");
                }
            }
        }
        await writer.CompleteAsync();
    }

    // ------------------------------------------------------------------ rows
    private static readonly string[] InitiativeColumns =
    [
        "Id", "Name", "Description", "OwnerId", "Kind", "Lifecycle", "LeftReason", "LeftOn", "IncludedOn", "CompletedOn", "LatestReportId",
        "LatestStatus", "LatestRisk", "LatestPeriodId", "Phase", "Segment", "PlannedStart", "PlannedEnd", "ContactPerson", "Submission", "CarriesOverNextYear", "StartsNextYear", "IsDemo",
        "DemoNote", "CreatedAt", "UpdatedAt", "Version",
    ];

    private static object?[] InitiativeValues(Initiative i) =>
    [
        i.Id, i.Name, i.Description, i.OwnerId, i.Kind.Code(), i.Lifecycle.Code(), i.LeftReason, i.LeftOn, i.IncludedOn, i.CompletedOn,
        i.LatestReportId, i.LatestStatus?.Code(), i.LatestRisk?.Code(), i.LatestPeriodId, i.Phase.Code(), i.Segment?.Code(), i.PlannedStart, i.PlannedEnd, i.ContactPerson, i.Submission.Code(),
        i.CarriesOverNextYear, i.StartsNextYear, i.IsDemo, i.DemoNote, i.CreatedAt, i.UpdatedAt, i.Version,
    ];

    private static readonly string[] ReportColumns =
        ["Id", "InitiativeId", "PeriodId", "Status", "StatusText", "Risk", "RiskText", "Progress", "Cost", "ReportedBy", "ReportedAt", "Version"];

    private static object?[] ReportValues(StatusReport r) =>
        [r.Id, r.InitiativeId, r.PeriodId, r.Status.Code(), r.StatusText, r.Risk.Code(), r.RiskText, r.Progress, r.Cost, r.ReportedBy, r.ReportedAt, r.Version];

    private static readonly string[] DependencyColumns =
    [
        "Id", "InitiativeId", "TargetKind", "TargetInitiativeId", "TargetSolutionId", "TargetOrganizationId", "Description", "Criticality",
        "Status", "Deadline", "IsDemo", "Version",
    ];

    private static object?[] DependencyValues(Dependency d) =>
    [
        d.Id, d.InitiativeId, d.TargetKind.Code(), d.TargetInitiativeId, d.TargetSolutionId, d.TargetOrganizationId, d.Description,
        d.Criticality.Code(), d.Status.Code(), d.Deadline, d.IsDemo, d.Version,
    ];
}

/// <summary>Sequential GETs over one keep-alive connection; one Stopwatch per request including reading the whole body.</summary>
static class Latency
{
    public static async Task<int> RunAsync(Args a)
    {
        var url = a.Require("url");
        var requests = a.Int("requests", 500);
        var warmup = a.Int("warmup", 50);
        var label = a.Get("label") ?? url;
        // A time cap keeps slow endpoints bounded; the number actually measured is reported.
        var maxSeconds = a.Int("max-seconds", 0);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.IsLoopback)) throw new ArgumentException("--url must be a loopback address");

        // --gzip asks for a compressed body as browsers and most API clients do; decompression is inside the measured time.
        var compression = a.Flag("gzip") ? System.Net.DecompressionMethods.GZip : System.Net.DecompressionMethods.None;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = compression })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        long bytes = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < warmup && (maxSeconds == 0 || clock.Elapsed.TotalSeconds < maxSeconds / 5.0); n++) await Once(http, uri);
        clock.Restart();
        var measured = new List<double>(requests);
        for (var n = 0; n < requests && (maxSeconds == 0 || clock.Elapsed.TotalSeconds < maxSeconds); n++)
        {
            var sw = Stopwatch.StartNew();
            var (ok, len) = await Once(http, uri);
            measured.Add(sw.Elapsed.TotalMilliseconds);
            if (!ok) errors++;
            bytes = len;
        }
        var ms = measured.Order().ToArray();
        requests = ms.Length;
        double P(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Length) - 1, 0, ms.Length - 1)];
        Console.WriteLine(string.Join('\t', "RESULT", label, requests, P(0.5).ToString("F1"), P(0.95).ToString("F1"), P(0.99).ToString("F1"),
            ms[^1].ToString("F1"), bytes, errors));
        Console.Error.WriteLine($"{label}: n={requests} median={P(0.5):F1} ms p95={P(0.95):F1} ms p99={P(0.99):F1} ms max={ms[^1]:F1} ms body={bytes} B errors={errors}");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(bool Ok, long Bytes)> Once(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (response.IsSuccessStatusCode, body.LongLength);
    }
}

/// <summary>Prints the SQL of the overview queries and the database's plan for each, to find what is slow.</summary>
static class Explain
{
    public static async Task<int> RunAsync(Args a)
    {
        var options = a.Database();
        await using var services = Args.Services(options);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var uc = scope.ServiceProvider.GetRequiredService<GetPortfolioOverview>();
        var queries = new (string Name, string Sql)[]
        {
            ("rows (default lifecycles)", uc.QueryRows(new OverviewFilter()).ToQueryString()),
            ("rows segment=samstyring status=red", uc.QueryRows(new OverviewFilter(Segment: Segment.Samstyring, Status: Rag.Red)).ToQueryString()),
            ("page 1 (skip/take 50)", uc.QueryRows(new OverviewFilter()).Skip(0).Take(50).ToQueryString()),
            ("red dependencies", db.Dependencies.Where(d => d.Criticality == Criticality.High && d.Status == Rag.Red
                && (d.Initiative.Lifecycle == Lifecycle.Active || d.Initiative.Lifecycle == Lifecycle.Paused))
                .OrderBy(d => d.Initiative.Name).Select(d => new { d.Id, d.Initiative.Name }).ToQueryString()),
        };
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        foreach (var (name, sql) in queries)
        {
            Console.WriteLine($"== {name}\n{sql}\n-- plan:");
            var (parameters, body) = SplitParameters(sql);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = (conn is NpgsqlConnection ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + body;
            foreach (var (pname, pvalue) in parameters)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = pname;
                p.Value = pvalue;
                cmd.Parameters.Add(p);
            }
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine("   " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(k => reader.GetValue(k)?.ToString())));
            Console.WriteLine();
        }
        await conn.CloseAsync();

        // Where the time of one GET /api/v1/initiatives goes, as CPU time of this process (robust on a busy machine).
        var rounds = a.Int("rounds", 10);
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        json.Converters.Add(new EnumCodeJsonConverter());
        var defaultSql = SplitParameters(uc.QueryRows(new OverviewFilter()).ToQueryString());
        List<InitiativeRow> rows = [];
        var stages = new (string Name, Func<Task<string>> Run)[]
        {
            ("SQL only (ADO.NET, read every column)", async () =>
            {
                var c = db.Database.GetDbConnection();
                await c.OpenAsync();
                try
                {
                    await using var cmd = c.CreateCommand();
                    cmd.CommandText = defaultSql.Item2;
                    var n = 0;
                    await using var r = await cmd.ExecuteReaderAsync();
                    while (await r.ReadAsync()) { for (var k = 0; k < r.FieldCount; k++) r.GetValue(k); n++; }
                    return $"{n} rows";
                }
                finally { await c.CloseAsync(); }
            }),
            ("EF QueryRows(default).ToListAsync", async () => { rows = await uc.QueryRows(new OverviewFilter()).ToListAsync(); return $"{rows.Count} rows"; }),
            ("JSON of those rows (InitiativeDto)", () =>
            {
                var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(rows.Select(Samstyring.Web.Portfolio.InitiativeDto.From), json);
                return Task.FromResult($"{bytes.Length} bytes");
            }),
            ("EF QueryRows(segment+status red)", async () => $"{(await uc.QueryRows(new OverviewFilter(Segment: Segment.Samstyring, Status: Rag.Red)).ToListAsync()).Count} rows"),
            ("EF QueryRows(default).CountAsync (page)", async () => $"{await uc.QueryRows(new OverviewFilter()).CountAsync()}"),
            ("EF QueryRows(default).Skip(4950).Take(50) (page 100)", async () => $"{(await uc.QueryRows(new OverviewFilter()).Skip(4950).Take(50).ToListAsync()).Count} rows"),
            ("RedDependenciesAsync", async () => $"{(await GetPortfolioOverview.RedDependenciesAsync(db, default)).Count} rows"),
            ("CountsAsync", async () => { await GetPortfolioOverview.CountsAsync(db, await GetPortfolioOverview.CurrentPeriodAsync(db, default), default); return ""; }),
            ("HandleAsync(new OverviewFilter()) (overview + page)", async () =>
            {
                var o = await uc.HandleAsync(new OverviewFilter());
                return $"{o.Initiatives.Count} rows, {o.RedFlags.Count} red flags, {o.RedDependencies.Count} red dependencies";
            }),
            ("page owner list (distinct owners)", async () =>
                $"{(await db.Initiatives.AsNoTracking().Select(i => new { i.OwnerId, i.Owner.Name }).Distinct().OrderBy(o => o.Name).ToListAsync()).Count} owners"),
        };
        Console.WriteLine($"CPU time per call (ms), median of {rounds} after 2 warm-up calls; wall time in brackets:");
        var self = Process.GetCurrentProcess();
        foreach (var (name, run) in stages)
        {
            string info = "";
            for (var k = 0; k < 2; k++) info = await run();
            var cpu = new List<double>();
            var wall = new List<double>();
            for (var k = 0; k < rounds; k++)
            {
                GC.Collect(); // so one stage's garbage is not billed to the next
                GC.WaitForPendingFinalizers();
                self.Refresh();
                var before = self.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                info = await run();
                wall.Add(sw.Elapsed.TotalMilliseconds);
                self.Refresh();
                cpu.Add((self.TotalProcessorTime - before).TotalMilliseconds);
            }
            Console.WriteLine($"  {name,-55} cpu {cpu.Order().ElementAt(cpu.Count / 2),7:F1}  [wall {wall.Order().ElementAt(wall.Count / 2),7:F1}]  {info}");
        }
        return 0;
    }

    // ToQueryString() prefixes the SQL with parameter declarations; turn them back into parameters.
    private static (List<(string, object)>, string) SplitParameters(string sql)
    {
        var ps = new List<(string, object)>();
        var lines = sql.Split('\n').ToList();
        while (lines.Count > 0 && (lines[0].StartsWith(".param set ", StringComparison.Ordinal) || lines[0].StartsWith("-- @", StringComparison.Ordinal)))
        {
            var line = lines[0].TrimEnd('\r');
            lines.RemoveAt(0);
            if (line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                ps.Add((parts[0], Unquote(parts[1])));
            }
            else
            {
                // -- @p='value' (Nullable = false) (DbType = String)
                var rest = line[3..];
                var eq = rest.IndexOf('=');
                var value = rest[(eq + 1)..];
                var paren = value.IndexOf(" (", StringComparison.Ordinal);
                if (paren >= 0) value = value[..paren];
                ps.Add((rest[..eq], Unquote(value)));
            }
        }
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0])) lines.RemoveAt(0);
        return (ps, string.Join('\n', lines));
    }

    private static object Unquote(string v)
    {
        v = v.Trim();
        if (v.StartsWith('\'') && v.EndsWith('\'')) v = v[1..^1].Replace("''", "'");
        // Only LIMIT/OFFSET are numeric in these queries; every string parameter here is an enum name.
        return int.TryParse(v, out var n) ? n : v;
    }
}
