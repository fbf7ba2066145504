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
///   search [--vocabulary small|realistic] [--cases N] [--attachments N] [--iterations N] [--warmup N] [--max-seconds N]
///          [--per-query] [--skip-sqlite] [--skip-postgres] [--keep] [--reuse]
/// --vocabulary small (the default) is the worst case: a few hundred words, so every query word is in a large part of the
/// corpus. --per-query adds one row per query. --vocabulary realistic (<see cref="RealisticVocabulary"/>) has thousands of words with Zipf-like frequencies and topics.
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
        var vocabulary = opts.Get("vocabulary") ?? "small";
        if (vocabulary is not ("small" or "realistic")) throw new ArgumentException("--vocabulary must be small or realistic");
        var realistic = vocabulary == "realistic" ? new RealisticVocabulary() : null;
        var oneWord = realistic?.OneWord ?? OneWord;
        var threeWords = realistic?.ThreeWords ?? ThreeWords;
        Console.WriteLine(realistic is null ? "vocabulary: small (worst case)" : $"vocabulary: realistic, {realistic.Describe()}");
        var (targets, tempDir) = CoreBench.Targets(opts, "search", "samstyring_search_bench");
        foreach (var (provider, options) in targets)
        {
            await using var services = Args.Services(options);
            // --reuse: measure a database an earlier run kept (--keep), without generating it again.
            var info = opts.Flag("reuse") ? "reused the kept database" : await GenerateAsync(services, cases, attachments, realistic);
            Console.WriteLine($"{provider}: {info}");
            if (provider == "SQLite") Console.WriteLine($"{provider}: database_mb={new FileInfo(options.SqlitePath).Length / 1048576.0:0}");

            await CoreBench.MeasureAsync<SearchQueries>(provider, "Ett ord (anonym): " + string.Join(", ", oneWord), services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(oneWord[i % oneWord.Length]), null)).Total, maxSeconds);
            await CoreBench.MeasureAsync<SearchQueries>(provider, "Tre ord (anonym): " + string.Join(" | ", threeWords), services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(threeWords[i % threeWords.Length]), null)).Total, maxSeconds);
            await CoreBench.MeasureAsync<SearchQueries>(provider, "Ett ord, sekretariatet, type=attachment, side 3", services, warmup, iterations,
                async (q, i) => (await q.SearchAsync(new SearchRequest(oneWord[i % oneWord.Length], Type: "attachment", Page: 3), Samstyring.Core.Common.CurrentUser.System)).Total,
                maxSeconds);
            if (opts.Flag("per-query"))
                foreach (var query in oneWord.Concat(threeWords))
                    await CoreBench.MeasureAsync<SearchQueries>(provider, $"Ett søk (anonym): «{query}»", services, warmup, iterations,
                        async (q, _) => (await q.SearchAsync(new SearchRequest(query), null)).Total, maxSeconds);
            foreach (var word in oneWord.Concat(threeWords))
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
    private static async Task<string> GenerateAsync(IServiceProvider services, int caseCount, int attachmentCount, RealisticVocabulary? realistic)
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
                var word = WordsFor(realistic, n);
                batch.Add(new CouncilCase
                {
                    BodyId = body.Id, MeetingId = m.Id, Year = 3000 + n / 1000, Number = n % 1000 + 1, Title = Sentence(rng, 6, word).TrimEnd('.'),
                    Type = CaseType.Orientering, Purpose = Sentence(rng, 25, word), Background = Paragraph(rng, 70, word), ProposedDecision = Sentence(rng, 15, word),
                    Decision = rng.Next(3) == 0 ? null : Sentence(rng, 15, word), Confidential = rng.Next(20) == 0, LegalBasis = null,
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
            var words = new List<Func<Random, string>>();
            for (var n = start; n < Math.Min(attachmentCount, start + 2000); n++)
            {
                var word = WordsFor(realistic, n % caseIds.Count); // an attachment is about its case's topic
                words.Add(word);
                batch.Add(new Attachment
                {
                    CaseId = caseIds[n % caseIds.Count], Label = (n / caseIds.Count + 1).ToString(CultureInfo.InvariantCulture), Title = Sentence(rng, 5, word).TrimEnd('.'),
                    Confidential = rng.Next(25) == 0, UploadedAt = now,
                });
            }
            db.Attachments.AddRange(batch);
            await db.SaveChangesAsync();
            db.AttachmentTexts.AddRange(batch.Select((a, i) => new AttachmentText
            {
                AttachmentId = a.Id, Text = Paragraph(rng, 200, words[i]), Status = AttachmentTextStatus.Ok, ExtractedAt = now,
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

    /// <summary>The word source for case number <paramref name="caseNumber"/> (and its attachments): the small vocabulary, or the realistic one with the case's topic.</summary>
    private static Func<Random, string> WordsFor(RealisticVocabulary? realistic, int caseNumber) =>
        realistic is null ? Word : rng => realistic.Word(rng, realistic.TopicOf(caseNumber));

    private static string Word(Random rng)
    {
        // Skewed: low indexes are common, the rest rare.
        var r = rng.NextDouble();
        if (r < 0.45) return Glue[(int)(Math.Pow(rng.NextDouble(), 2) * Glue.Length)];
        var head = Heads[(int)(Math.Pow(rng.NextDouble(), 1.5) * Heads.Length)];
        var tail = Tails[(int)(Math.Pow(rng.NextDouble(), 1.5) * Tails.Length)];
        return (rng.Next(3) == 0 ? head : head + tail) + Inflections[rng.Next(Inflections.Length)];
    }

    private static string Sentence(Random rng, int words, Func<Random, string> word)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var w = word(rng);
            sb.Append(i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w).Append(i == words - 1 ? "." : " ");
        }
        return sb.ToString();
    }

    private static string Paragraph(Random rng, int words, Func<Random, string> word)
    {
        var sb = new StringBuilder();
        while (words > 0)
        {
            var n = Math.Min(words, rng.Next(8, 18));
            sb.Append(Sentence(rng, n, word)).Append(' ');
            words -= n;
        }
        return sb.ToString().TrimEnd();
    }
}

/// <summary>
/// A Norwegian-like vocabulary for the search bench (--vocabulary realistic), generated deterministically: 60 heads × 40 tails
/// of e-health words make about 2 400 compounds (so «journal» still matches «kjernejournalen»), the heads and tails are words of
/// their own too, and about 5 000 further words are made of syllables. Content words are drawn with a Zipf distribution
/// (exponent 1) over a shuffled ranking of all of them, with the endings -en, -er, -ene, -et, -s; 45 % of the words are the
/// small function words. Each case has one of 400 topics of 12 words, from which a quarter of its content words (and of
/// its attachments') come, so the words of a three-word query can occur together as in real papers.
/// </summary>
sealed class RealisticVocabulary
{
    private static readonly string[] Heads =
    [
        "kjerne", "legemiddel", "pasient", "helse", "journal", "dokument", "kommune", "data", "tjeneste", "resept", "samhandling",
        "styring", "innbygger", "plattform", "sikkerhet", "standard", "analyse", "gevinst", "risiko", "portefølje", "veikart",
        "finansiering", "innføring", "utprøving", "arkitektur", "modell", "prosjekt", "program", "register", "kvalitet",
        "bruker", "tilgang", "personvern", "informasjon", "digital", "nett", "henvisning", "time", "prøve", "bilde", "labora",
        "akutt", "omsorg", "fastlege", "sykehus", "spesialist", "behandling", "forvaltning", "drift", "økonomi", "kontrakt",
        "anskaffelse", "test", "migrering", "integrasjon", "melding", "samtykke", "logg", "identitet", "kode",
    ];

    private static readonly string[] Tails =
    [
        "journal", "liste", "deling", "løsning", "modell", "plan", "rapport", "analyse", "tjeneste", "register", "portal", "prosjekt",
        "arbeid", "strategi", "avtale", "område", "system", "ordning", "behov", "grunnlag", "oversikt", "tilgang", "melding", "forløp",
        "katalog", "styring", "forvaltning", "kostnad", "gevinst", "beslutning", "utvalg", "prosess", "krav", "nivå", "kanal",
        "verktøy", "rutine", "bruk", "kontroll", "oppfølging",
    ];

    private static readonly string[] Inflections = ["", "", "", "en", "er", "ene", "et", "s"];

    private static readonly string[] Glue =
    [
        "og", "i", "på", "for", "med", "til", "som", "det", "er", "av", "at", "en", "skal", "har", "kan", "ved", "fra", "om", "ikke",
        "de", "den", "et", "vil", "blir", "eller", "etter", "mellom", "også", "over", "samt", "nasjonal", "felles", "ny", "bedre",
    ];

    private static readonly string[] Onsets =
        ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "br", "dr", "fr", "gr", "kr", "pr", "tr", "sk", "sp", "st", "fl", "bl", "kl", "sl", "sv"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "y", "æ", "ø", "å", "ei", "au"];
    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "t", "k", "m", "nd", "ng", "kt", "st", "rt", "ll"];

    private const int TopicCount = 400;
    private const int TopicSize = 12;
    private readonly string[] lemmas;
    private readonly double[] cumulative;
    private readonly string[][] topics;
    private readonly int compounds;

    public RealisticVocabulary()
    {
        var rng = new Random(1515);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var h in Heads)
            foreach (var t in Tails)
                if (h != t && words.Add(h + t)) list.Add(h + t);
        compounds = list.Count;
        foreach (var w in Heads.Concat(Tails))
            if (words.Add(w)) list.Add(w);
        var simple = 0;
        while (simple < 5000)
        {
            var sb = new StringBuilder();
            var syllables = rng.Next(2, 4);
            for (var i = 0; i < syllables; i++)
                sb.Append(Onsets[rng.Next(Onsets.Length)]).Append(Vowels[rng.Next(Vowels.Length)]).Append(Codas[rng.Next(Codas.Length)]);
            var w = sb.ToString();
            if (w.Length < 4 || SearchText.StopWords.Contains(w) || Glue.Contains(w) || !words.Add(w)) continue;
            list.Add(w);
            simple++;
        }
        // Rank: a seeded shuffle of everything, so compounds, parts and other words are spread over common and rare.
        lemmas = [.. list];
        rng.Shuffle(lemmas);
        cumulative = new double[lemmas.Length];
        var sum = 0.0;
        for (var r = 0; r < lemmas.Length; r++) cumulative[r] = sum += 1.0 / (r + 1);
        for (var r = 0; r < lemmas.Length; r++) cumulative[r] /= sum;
        // Topics: words from the middle of the ranking (rank 50–3 000), neither the commonest nor the rarest.
        topics = new string[TopicCount][];
        for (var t = 0; t < TopicCount; t++)
            topics[t] = Enumerable.Range(0, TopicSize).Select(_ => lemmas[rng.Next(50, 3000)]).ToArray();

        // Queries, from words that occur: compounds and plain words at several ranks, compound parts, and topic words.
        string At(int rank, Func<string, bool> ok) => lemmas.Skip(rank).First(ok);
        bool IsCompound(string w) => Heads.Any(h => w.StartsWith(h, StringComparison.Ordinal) && Tails.Contains(w[h.Length..]));
        bool IsPlain(string w) => !IsCompound(w) && !Heads.Contains(w) && !Tails.Contains(w);
        OneWord =
        [
            Inflect(At(20, IsCompound), "en"), // a common compound, inflected
            At(300, IsCompound),       // a middling compound
            At(1000, IsPlain),         // a plain content word of middling rank
            Inflect(At(4000, IsCompound), "er"), // a rare compound
            "journal",                 // a compound part: every compound with «journal» in it
            "legemiddel",              // a compound part as head
        ];
        ThreeWords =
        [
            string.Join(' ', topics[0][..3]), string.Join(' ', topics[1][1..3].Append(topics[1][5])), string.Join(' ', topics[2][..3]),
            $"journal {topics[3][0]} {topics[3][1]}",                 // a compound part and two words of one topic
            $"{At(5, IsPlain)} {At(10, IsPlain)} {At(20, IsCompound)}", // three common words, no shared topic
            $"{At(200, IsCompound)} {At(400, IsPlain)} {At(800, IsPlain)}", // three middling words, no shared topic
        ];
    }

    public string[] OneWord { get; }
    public string[] ThreeWords { get; }

    public string Describe() =>
        $"{lemmas.Length} distinct words ({compounds} compounds, Zipf exponent 1) with {Inflections.Distinct().Count()} endings, {Glue.Length} function words, {TopicCount} topics of {TopicSize} words";

    public int TopicOf(int caseNumber) => (int)((uint)(caseNumber * 2654435761u) % TopicCount);

    public string Word(Random rng, int topic)
    {
        if (rng.NextDouble() < 0.45) return Glue[(int)(Math.Pow(rng.NextDouble(), 2) * Glue.Length)];
        string lemma;
        if (rng.NextDouble() < 0.25) lemma = topics[topic][rng.Next(TopicSize)];
        else
        {
            var i = Array.BinarySearch(cumulative, rng.NextDouble());
            lemma = lemmas[Math.Min(i < 0 ? ~i : i, lemmas.Length - 1)];
        }
        return Inflect(lemma, Inflections[rng.Next(Inflections.Length)]);
    }

    /// <summary>«rutine» + «en» is «rutinen», not «rutineen».</summary>
    private static string Inflect(string lemma, string ending) =>
        lemma.EndsWith('e') && ending.StartsWith('e') ? lemma + ending[1..] : lemma + ending;
}
