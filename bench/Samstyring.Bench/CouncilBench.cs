using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

/// <summary>
/// Board package (styrepakke) generation: the demo meeting 6/2021 and a synthetic meeting with 40 cases and 100
/// attachments, on a fresh SQLite database. Each run is a fresh scope (as one web request): the query through
/// CouncilQueries, then the combined PDF. Reports median, p95 and max wall-clock time, the split between reading and
/// rendering, and the process CPU time per run (all threads; steadier than wall-clock on a shared machine).
///   council [--data-dir DIR] [--iterations N] [--warmup N]
/// </summary>
static class CouncilBench
{
    public static async Task<int> RunAsync(Args opts)
    {
        var dir = opts.Get("data-dir") ?? Path.Combine(Path.GetTempPath(), "samstyring-council-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var iterations = opts.Int("iterations", 20);
        var warmup = opts.Int("warmup", 3);
        var options = new SamstyringOptions { DataDirectory = dir, DemoData = true };
        await using var services = Args.Services(options);

        int demoId, syntheticId;
        var setup = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
            await SamstyringSetup.MigrateAsync(db, default);
            if (!await db.Organizations.AnyAsync()) await new Seeder(db).SeedAsync(true, default);
            demoId = await db.Meetings.Where(m => m.Body.Slug == "nasjonalt-e-helserad" && m.Year == 2021 && m.Number == 6).Select(m => m.Id).SingleAsync();
            syntheticId = await SyntheticMeetingAsync(db, cases: 40, attachments: 100);
        }
        Console.WriteLine($"setup_seconds={setup.Elapsed.TotalSeconds:0.0}");

        foreach (var (label, id) in new[] { ("Møte 6/2021 (demodata)", demoId), ("Syntetisk møte: 40 saker, 100 vedlegg", syntheticId) })
        {
            var total = new List<double>();
            var query = new List<double>();
            var render = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            byte[] pdf = [];
            int parts = 0;
            for (var i = 0; i < warmup + iterations; i++)
            {
                await using var scope = services.CreateAsyncScope();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var view = await scope.ServiceProvider.GetRequiredService<CouncilQueries>().GetMeetingAsync(id, CurrentUser.System);
                var q = sw.Elapsed.TotalMilliseconds;
                pdf = CouncilDocuments.PackagePdf(view);
                var t = sw.Elapsed.TotalMilliseconds;
                process.Refresh();
                var c = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                parts = CouncilDocuments.PackageParts(view).Count;
                if (i < warmup) continue;
                total.Add(t);
                query.Add(q);
                render.Add(t - q);
                cpu.Add(c);
            }
            var pages = CountPages(pdf);
            Console.WriteLine(string.Join('\t', "RESULT", label, iterations.ToString(CultureInfo.InvariantCulture),
                F(Pct(total, 50)), F(Pct(total, 95)), F(total.Max()), F(Pct(query, 50)), F(Pct(render, 50)), F(Pct(cpu, 50)),
                parts.ToString(CultureInfo.InvariantCulture), pages.ToString(CultureInfo.InvariantCulture), pdf.Length.ToString(CultureInfo.InvariantCulture)));
        }
        if (opts.Get("data-dir") is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        return 0;
    }

    private static string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Pct(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Pages of the PDF: its "/Type /Page" objects (the writer does not compress object dictionaries).</summary>
    private static int CountPages(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        return System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page(?!s)").Count;
    }

    /// <summary>A body with 17 members and an observer, and a meeting with realistic case texts (copied from demo case 38/21) and breaks.</summary>
    private static async Task<int> SyntheticMeetingAsync(SamstyringDb db, int cases, int attachments)
    {
        var template = await db.Cases.AsNoTracking().SingleAsync(c => c.Body.Slug == "nasjonalt-e-helserad" && c.Year == 2021 && c.Number == 38);
        var org = await db.Organizations.Select(o => o.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var body = new Body
        {
            Slug = "bench-" + Guid.NewGuid().ToString("N")[..6], Kind = BodyKind.Board, QuorumRule = QuorumRule.Majority,
            Names = [new BodyName { Name = "Ytelsesrådet", ValidFrom = new DateOnly(2020, 1, 1) }],
        };
        db.Bodies.Add(body);
        for (var i = 0; i < 18; i++)
            db.BodyMembers.Add(new BodyMember
            {
                Body = body, Name = $"Medlem Nummer{i + 1}", OrganizationId = org, Role = i == 17 ? MemberRole.Observer : MemberRole.Member,
                TermStart = new DateOnly(2030, 1, 1),
            });
        var meeting = new Meeting
        {
            Body = body, Year = 2030, Number = 1, Date = new DateOnly(2030, 3, 14), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(16, 0),
            Location = "Oslo", Status = MeetingStatus.NoticeSent, NoticeSentAt = now, CreatedAt = now, UpdatedAt = now,
        };
        var position = 0;
        var time = new TimeOnly(9, 0);
        var rng = new Random(42);
        for (var n = 1; n <= cases; n++)
        {
            var c = new CouncilCase
            {
                Body = body, Meeting = meeting, Year = 2030, Number = n, Title = $"Syntetisk sak {n}: {template.Title}", Type = (CaseType)(n % 4),
                From = template.From, Officers = template.Officers, Purpose = template.Purpose, Background = template.Background,
                ProposedDecision = template.ProposedDecision, Confidential = n % 10 == 0, LegalBasis = n % 10 == 0 ? "Offl. § 14" : null,
                CreatedAt = now, UpdatedAt = now,
            };
            db.Cases.Add(c);
            meeting.Agenda.Add(new AgendaItem { Position = ++position, Kind = AgendaItemKind.Case, Case = c, StartsAt = time });
            time = time.AddMinutes(10);
            if (n % 13 == 0)
            {
                meeting.Agenda.Add(new AgendaItem { Position = ++position, Kind = AgendaItemKind.Break, Title = "Pause", StartsAt = time });
                time = time.AddMinutes(10);
            }
        }
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        var caseIds = await db.Cases.Where(c => c.MeetingId == meeting.Id).OrderBy(c => c.Number).Select(c => c.Id).ToListAsync();
        for (var a = 0; a < attachments; a++)
            db.Attachments.Add(new Attachment
            {
                CaseId = caseIds[a % caseIds.Count], Label = $"{a / caseIds.Count + 1}{(char)('A' + a % 3)}", Title = $"Vedlegg nummer {a + 1} med en beskrivende tittel",
                FileName = $"vedlegg-{a + 1}.pdf", ContentType = "application/pdf", SizeBytes = rng.Next(20_000, 5_000_000),
                Confidential = a % 17 == 0, LegalBasis = a % 17 == 0 ? "Offl. § 13" : null, UploadedAt = now,
            });
        await db.SaveChangesAsync();
        return meeting.Id;
    }
}
