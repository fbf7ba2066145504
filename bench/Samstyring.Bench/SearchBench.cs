using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Search;

/// <summary>
/// Search across everything at scale (issue 15): 20 000 cases and 50 000 attachment texts of generated Norwegian case prose
/// (a vocabulary of compounds with their inflections, frequent and rare words), on SQLite and PostgreSQL. The index is built
/// once (<see cref="SearchIndex.RebuildAsync"/>), then one-word and three-word searches run as an anonymous visitor
/// through <see cref="SearchQueries"/> (count per type, one page of 20 ranked hits, snippets), each in a fresh scope.
///   search [--cases N] [--attachments N] [--iterations N] [--warmup N] [--max-seconds N] [--skip-sqlite] [--skip-postgres] [--keep]
/// </summary>
static class SearchBench
{
    private static readonly string[] Heads =
    [
        "kjerne", "legemiddel", "pasient", "helse", "journal", "dokument", "kommune", "data", "tjeneste", "resept", "samhandling",
        "styring", "innbygger", "plattform", "sikkerhet", "standard", "analyse", "gevinst", "risiko", "portefølje", "veikart",
        "finansiering", "innføring", "utprøving", "arkitektur", "modell", "prosjekt", "program", "register", "kvalitet",
    ];

    private static readonly string[] Tails =
    [
        "journal", "liste", "deling", "løsning", "modell", "plan", "rapport", "analyse", "tjeneste", "register", "portal", "prosjekt",
        "arbeid", "strategi", "avtale", "område", "system", "ordning", "behov", "grunnlag",
    ];

    private static readonly string[] Inflections = ["", "en", "er", "ene", "et", "s"];

    private static readonly string[] Glue =
    [
        "og", "i", "på", "for", "med", "til", "som", "det", "er", "av", "at", "en", "skal", "har", "kan", "ved", "fra", "om", "nasjonal",
        "felles", "ny", "bedre", "sektoren", "kommunene", "direktoratet", "status", "sak", "saken", "sakene", "vedtak", "utvalget",
    ];

    public static readonly string[] OneWord = ["kjernejournalen", "legemiddelliste", "finansieringen", "journal", "gevinstrealisering", "sakene"];
    public static readonly string[] ThreeWords =
    [
        "legemiddelliste finansiering kommunene", "kjernejournal dokumentdeling innføring", "pasientjournal risiko analyse",
        "helseplattform samhandling status", "journal kommune plan", "veikart tjenester innføringen",
    ];

    public static async Task<int> RunAsync(Args opts)
    {
        var cases = opts.Int("cases", 20_000);
        var attachments = opts.Int("attachments", 50_000);
        var iterations = opts.Int("iterations", 300);
        var warmup = opts.Int("warmup", 30);
        var maxSeconds = opts.Int("max-seconds", 60);
        var keep = opts.Flag("keep");
        var (targets, tempDir) = CoreBench.Targets(opts, "search", "samstyring_search_bench");
        foreach (var (provider, options) in targets)
        {
            await using var services = Args.Services(options);
            var info = await GenerateAsync(services, cases, attachments);
            Console.WriteLine($"{provider}: {info}");
            if (provider == "SQLite") Console.WriteLine($"{provider}: database_mb={new FileInfo(options.SqlitePath).Length / 1048576.0:0}");

            await CoreBench.MeasureAsync<SearchQueries>(provider, "Ett ord (anonym): " + string.Join(", ", OneWord), services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(OneWord[i % OneWord.Length]), null)).Total, maxSeconds);
            await CoreBench.MeasureAsync<SearchQueries>(provider, "Tre ord (anonym): " + string.Join(" | ", ThreeWords), services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(ThreeWords[i % ThreeWords.Length]), null)).Total, maxSeconds);
            await CoreBench.MeasureAsync<SearchQueries>(provider, "Ett ord, sekretariatet, type=attachment, side 3", services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(OneWord[i % OneWord.Length], Type: "attachment", Page: 3), Samstyring.Core.Common.CurrentUser.System)).Total,
                maxSeconds);
            foreach (var word in OneWord.Concat(ThreeWords))
            {
                await using var scope = services.CreateAsyncScope();
                var r = await scope.ServiceProvider.GetRequiredService<SearchQueries>().SearchAsync(new SearchRequest(word), null);
                Console.WriteLine($"{provider}: hits «{word}» total={r.Total} cases={r.Counts[SearchKind.Case]} attachments={r.Counts[SearchKind.Attachment]}");
            }
            if (!keep) await CoreBench.DropAsync(services);
        }
        if (!keep) CoreBench.RemoveTempDir(tempDir);
        return 0;
    }

    /// <summary>A fresh database with one body, 200 held meetings, the cases spread over them and the attachment texts spread over the cases.</summary>
    private static async Task<string> GenerateAsync(IServiceProvider services, int caseCount, int attachmentCount)
    {
        var total = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SamstyringDb>().Database.EnsureDeletedAsync();
        await services.InitializeDatabaseAsync(false);
        await using var scope2 = services.CreateAsyncScope();
        var db = scope2.ServiceProvider.GetRequiredService<SamstyringDb>();
        db.AuditEnabled = false;
        db.IndexSearch = false; // built once at the end, as after seeding
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var rng = new Random(15);
        var now = DateTime.UtcNow;
        var body = new Body { Slug = "sok-bench", Kind = BodyKind.Board, Names = [new BodyName { Name = "Søkerådet", ValidFrom = new DateOnly(2010, 1, 1) }] };
        db.Bodies.Add(body);
        var meetings = new List<Meeting>();
        for (var i = 0; i < 200; i++)
        {
            var date = new DateOnly(2012, 1, 10).AddDays(i * 18);
            var m = new Meeting
            {
                Body = body, Year = date.Year, Number = i + 1, Date = date, StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(15, 0),
                Location = "Oslo", Status = MeetingStatus.Held, NoticeSentAt = now, CreatedAt = now, UpdatedAt = now,
            };
            meetings.Add(m);
            db.Meetings.Add(m);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var caseIds = new List<int>(caseCount);
        for (var start = 0; start < caseCount; start += 2000)
        {
            var batch = new List<CouncilCase>();
            for (var n = start; n < Math.Min(caseCount, start + 2000); n++)
            {
                var m = meetings[n % meetings.Count];
                batch.Add(new CouncilCase
                {
                    BodyId = body.Id, MeetingId = m.Id, Year = 3000 + n / 1000, Number = n % 1000 + 1, Title = Sentence(rng, 6).TrimEnd('.'),
                    Type = CaseType.Orientering, Purpose = Sentence(rng, 25), Background = Paragraph(rng, 70), ProposedDecision = Sentence(rng, 15),
                    Decision = rng.Next(3) == 0 ? null : Sentence(rng, 15), Confidential = rng.Next(20) == 0, LegalBasis = null,
                    CreatedAt = now, UpdatedAt = now,
                });
            }
            db.Cases.AddRange(batch);
            await db.SaveChangesAsync();
            caseIds.AddRange(batch.Select(c => c.Id));
            db.ChangeTracker.Clear();
        }
        for (var start = 0; start < attachmentCount; start += 2000)
        {
            var batch = new List<Attachment>();
            for (var n = start; n < Math.Min(attachmentCount, start + 2000); n++)
                batch.Add(new Attachment
                {
                    CaseId = caseIds[n % caseIds.Count], Label = (n / caseIds.Count + 1).ToString(CultureInfo.InvariantCulture), Title = Sentence(rng, 5).TrimEnd('.'),
                    Confidential = rng.Next(25) == 0, UploadedAt = now,
                });
            db.Attachments.AddRange(batch);
            await db.SaveChangesAsync();
            db.AttachmentTexts.AddRange(batch.Select(a => new AttachmentText
            {
                AttachmentId = a.Id, Text = Paragraph(rng, 200), Status = AttachmentTextStatus.Ok, ExtractedAt = now,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        var generated = total.Elapsed.TotalSeconds;
        var index = Stopwatch.StartNew();
        var rows = await SearchIndex.RebuildAsync(db);
        var textMb = await db.SearchDocuments.SumAsync(d => (long)d.Body.Length) / 1048576.0;
        return $"generated {caseCount} cases, {attachmentCount} attachment texts in {generated:0} s; index of {rows} rows ({textMb:0} M characters of text) built in {index.Elapsed.TotalSeconds:0} s";
    }

    private static string Word(Random rng)
    {
        // Skewed: low indexes are common, the rest rare.
        var r = rng.NextDouble();
        if (r < 0.45) return Glue[(int)(Math.Pow(rng.NextDouble(), 2) * Glue.Length)];
        var head = Heads[(int)(Math.Pow(rng.NextDouble(), 1.5) * Heads.Length)];
        var tail = Tails[(int)(Math.Pow(rng.NextDouble(), 1.5) * Tails.Length)];
        return (rng.Next(3) == 0 ? head : head + tail) + Inflections[rng.Next(Inflections.Length)];
    }

    private static string Sentence(Random rng, int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var w = Word(rng);
            sb.Append(i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w).Append(i == words - 1 ? "." : " ");
        }
        return sb.ToString();
    }

    private static string Paragraph(Random rng, int words)
    {
        var sb = new StringBuilder();
        while (words > 0)
        {
            var n = Math.Min(words, rng.Next(8, 18));
            sb.Append(Sentence(rng, n)).Append(' ');
            words -= n;
        }
        return sb.ToString().TrimEnd();
    }
}
