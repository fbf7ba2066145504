using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Core.Search;

/// <summary>One hit: what it is, its title, a highlighted snippet (HTML), its body and date, and what its link needs.</summary>
/// <param name="ParentId">An attachment's case; a roadmap service's roadmap version.</param>
/// <param name="Key">A national solution's key, or the number of a roadmap service's version.</param>
public sealed record SearchHit(SearchKind Kind, int Id, int? ParentId, string Title, string SnippetHtml, string? BodySlug, string? BodyName,
    DateOnly? Date, string? Key);

/// <summary>A page of hits; <see cref="Total"/> counts every hit of the search and <see cref="Counts"/> each type's, leaving out the type filter.</summary>
public sealed record SearchResult(SearchQuery Query, int Total, IReadOnlyDictionary<SearchKind, int> Counts, IReadOnlyList<SearchHit> Items)
{
    public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);
}

/// <summary>A body to filter by.</summary>
public sealed record SearchBody(string Slug, string Name);

/// <summary>
/// Search across cases, minutes, initiatives, roadmap services, national solutions and attachment texts. Every query word
/// must match, by its Norwegian stem or as part of a word (compounds), on both databases:
/// a part of a word through the words of the index (<see cref="SearchTerm"/>), then by stem: PostgreSQL through the
/// <c>norwegian</c> tsvector, SQLite through FTS5 over the stems C# wrote (<see cref="SearchSchema"/>). What the user may
/// not see is left out inside the query, before counting, ranking, paging and snippets: content unntatt offentlighet,
/// drafts and what is not public yet are found only by the secretariat and council members (<see cref="CouncilAccess.CanSeeConfidential"/>).
/// Every hit is counted; the newest <see cref="RankedHits"/> are ranked by relevance, the older follow, newest first.
/// </summary>
[UseCase]
public sealed class SearchQueries(SamstyringDb db)
{
    public async Task<SearchResult> SearchAsync(SearchRequest request, CurrentUser? user, CancellationToken ct = default)
    {
        var query = await SearchQuery.ParseAsync(request, async slug =>
            await db.Bodies.AsNoTracking().Where(b => b.Slug == slug).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct));
        var insider = CouncilAccess.CanSeeConfidential(user);
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        // PostgreSQL: one snapshot for the counts and the page, and no sequential scan, which would read every row's
        // tsvector from TOAST (the planner does not count that cost, and takes the small table for a cheap scan); no JIT,
        // whose compiling costs more than these queries; no parallel workers, whose start costs more than they save here.
        // Inside a caller's transaction, its commands must join it (and its settings stand).
        var outer = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var own = sqlite || outer is not null ? null : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var tx = own ?? outer;
        try
        {
            if (own is not null)
                await using (var set = connection.CreateCommand())
                {
                    set.Transaction = own;
                    set.CommandText = "SET TRANSACTION READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0;";
                    await set.ExecuteNonQueryAsync(ct);
                }
            var counts = Enum.GetValues<SearchKind>().ToDictionary(k => k, _ => 0);
            var stems = await StemsAsync(connection, tx, query, sqlite, ct);
            if (stems.Any(s => s.Count == 0)) return new SearchResult(query, 0, counts, []);
            var ids = sqlite
                ? await PageSqliteAsync(connection, tx, query, stems, insider, counts, ct)
                : await PagePostgresAsync(connection, tx!, query, stems, insider, counts, ct);
            var total = query.Kind is { } only ? counts[only] : counts.Values.Sum();
            if (own is not null) await own.CommitAsync(ct);
            return new SearchResult(query, total, counts, await HitsAsync(query, ids, ct));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Each query word's stems to look for: its own, and, for a word of three letters or more, the stems of the indexed
    /// words it is part of (<see cref="SearchTerm"/>: "journal" gives "kjernejournal", "pasientjournal" …), at most
    /// <see cref="MaxStemsPerWord"/>, the shortest first. An empty list: the word is nowhere.
    /// </summary>
    private static async Task<List<List<string>>> StemsAsync(DbConnection connection, DbTransaction? tx, SearchQuery q, bool sqlite, CancellationToken ct)
    {
        var stems = q.Words.Select(_ => new List<string>()).ToList();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        var parts = new List<string>();
        for (var i = 0; i < q.Words.Count; i++)
        {
            if (sqlite) stems[i].Add(q.Stems[i]);
            else
            {
                Add(cmd, $"@w{i}", q.Words[i]);
                parts.Add($"SELECT {i}, coalesce((tsvector_to_array(to_tsvector('norwegian'::regconfig, @w{i})))[1], '')");
            }
            if (q.Words[i].Length < SearchQuery.MinSubstringLength) continue;
            parts.Add(sqlite
                ? $"SELECT {i}, \"Stem\" FROM (SELECT t.\"Stem\" FROM \"search_terms_trigram\" x CROSS JOIN \"search_terms\" t ON t.\"Id\" = x.rowid "
                  + $"WHERE \"search_terms_trigram\" MATCH @t{i} AND t.\"Stem\" <> '' GROUP BY t.\"Stem\" ORDER BY length(t.\"Stem\"), t.\"Stem\" LIMIT {MaxStemsPerWord})"
                : $"SELECT {i}, \"Stem\" FROM (SELECT \"Stem\" FROM \"search_terms\" WHERE \"Term\" LIKE @p{i} AND \"Stem\" <> '' "
                  + $"GROUP BY \"Stem\" ORDER BY length(\"Stem\"), \"Stem\" LIMIT {MaxStemsPerWord}) s{i}");
            if (sqlite) Add(cmd, $"@t{i}", Phrase(q.Words[i]));
            else Add(cmd, $"@p{i}", "%" + q.Words[i] + "%");
        }
        if (parts.Count > 0)
        {
            cmd.CommandText = string.Join(" UNION ALL ", parts);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var stem = reader.GetString(1);
                var list = stems[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)];
                if (stem.Length > 0 && !list.Contains(stem, StringComparer.Ordinal)) list.Add(stem);
            }
        }
        return stems;
    }

    /// <summary>How many indexed words' stems one query word may stand for; more would make the query itself slow.</summary>
    public const int MaxStemsPerWord = 300;

    /// <summary>
    /// How many of the newest hits are ranked by relevance (bm25 on SQLite, ts_rank on PostgreSQL); older ones follow them,
    /// newest first. Ranking every hit costs time in proportion to the hits times the stems: for a word that is part of a
    /// hundred indexed words and found in half the documents, several times the rest of the search.
    /// </summary>
    public const int RankedHits = 500;

    /// <summary>The bodies a search can be filtered by.</summary>
    public async Task<IReadOnlyList<SearchBody>> BodiesAsync(CancellationToken ct = default)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        return bodies.Select(b => new SearchBody(b.Slug, b.NameOn(db.Today).Name)).ToList();
    }

    private async Task<List<SearchHit>> HitsAsync(SearchQuery query, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var found = await db.SearchDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Kind, d.SourceId, d.ParentId, d.BodyId, d.Date, d.Title, d.Body }).ToDictionaryAsync(d => d.Id, ct);
        // In rank order; a row removed since the page was read is left out.
        var rows = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        var bodyIds = rows.Where(r => r.BodyId is not null).Select(r => r.BodyId!.Value).Distinct().ToList();
        var bodies = bodyIds.Count == 0 ? [] : await db.Bodies.AsNoTracking().Include(b => b.Names).Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var solutionIds = rows.Where(r => r.Kind == SearchKind.Solution).Select(r => r.SourceId).ToList();
        var solutionKeys = solutionIds.Count == 0 ? [] : await db.NationalSolutions.AsNoTracking().Where(n => solutionIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Key, ct);
        var versionIds = rows.Where(r => r.Kind == SearchKind.RoadmapService && r.ParentId is not null).Select(r => r.ParentId!.Value).Distinct().ToList();
        var versionNumbers = versionIds.Count == 0 ? [] : await db.RoadmapVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);

        return rows.Select(r =>
        {
            var body = r.BodyId is { } b && bodies.TryGetValue(b, out var x) ? x : null;
            var key = r.Kind switch
            {
                SearchKind.Solution => solutionKeys.GetValueOrDefault(r.SourceId),
                SearchKind.RoadmapService when r.ParentId is { } v => versionNumbers.GetValueOrDefault(v),
                _ => null,
            };
            return new SearchHit(r.Kind, r.SourceId, r.ParentId, r.Title, Snippet.Html(r.Body, query),
                body?.Slug, body?.NameOn(r.Date ?? db.Today).Name, r.Date, key);
        }).ToList();
    }

    /// <summary>
    /// The newest hits, <see cref="RankedHits"/> of them, ranked by relevance, then the older ones, newest first: the ids of
    /// the page asked for. SQLite: the rowid of <c>search_fts</c> is the document's key (<see cref="SearchDocument.KeyOf"/>),
    /// so the counts, the access rule, the type and the dates come from the index alone, and bm25 is computed for the newest
    /// hits only (over all hits it costs more than the rest of the search: «journal» stands for 105 stems). Only a body filter
    /// looks each hit up, in the covering index. <paramref name="stems"/> are letters and digits, each quoted, and the FTS5
    /// expression is a parameter, so nothing a user types becomes query syntax.
    /// </summary>
    private static async Task<List<long>> PageSqliteAsync(DbConnection connection, DbTransaction? tx, SearchQuery q, List<List<string>> stems, bool insider,
        Dictionary<SearchKind, int> counts, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        Add(cmd, "@m", string.Join(" AND ", stems.Select(s => "(" + string.Join(" OR ", s.Select(Phrase)) + ")")));
        var filters = new StringBuilder(AccessFilter("f.rowid", insider) + DayFilters(cmd, "f.rowid", q));
        if (q.BodyId is { } body)
        {
            filters.Append($" AND (SELECT d.\"BodyId\" FROM \"search_documents\" d INDEXED BY \"{SearchSchema.SqliteHitIndex}\" WHERE d.\"Id\" = f.rowid) = @body");
            Add(cmd, "@body", body);
        }
        // The counts per type: two types to a sum, the second's hits counted as 2³¹ each (a type has fewer documents than
        // that: its ids are int). An aggregate per type costs each hit a call per type, more than the rest of the count.
        var pairs = (Enum.GetValues<SearchKind>().Length + 1) / 2;
        var sql = new StringBuilder("SELECT " + string.Join(", ", Enumerable.Range(0, pairs).Select(p =>
                $"sum(CASE (f.rowid >> {SearchDocument.KindShift}) & 7 WHEN {2 * p} THEN 1 WHEN {2 * p + 1} THEN {1L << 31} END)"))
            + $" FROM \"search_fts\" f WHERE \"search_fts\" MATCH @m{filters};\n");
        filters.Append(KindFilter(cmd, "f.rowid", q)); // after the counts, which are of every type
        var skip = (q.Page - 1) * q.PageSize;
        var ranked = skip < RankedHits;
        // Ranked by bm25 over the stems, a title word weighing ten times a word of the text.
        if (ranked)
            sql.Append($"SELECT f.rowid, bm25(\"search_fts\", 10.0, 1.0) FROM \"search_fts\" f WHERE \"search_fts\" MATCH @m{filters} "
                       + $"ORDER BY f.rowid DESC LIMIT {RankedHits};\n");
        var start = Math.Max(skip, RankedHits);
        var older = skip + q.PageSize > RankedHits;
        if (older)
        {
            sql.Append($"SELECT f.rowid FROM \"search_fts\" f WHERE \"search_fts\" MATCH @m{filters} ORDER BY f.rowid DESC LIMIT @n OFFSET @start;");
            Add(cmd, "@n", skip + q.PageSize - start);
            Add(cmd, "@start", start);
        }
        cmd.CommandText = sql.ToString();

        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        for (var p = 0; p < pairs; p++)
        {
            var both = reader.IsDBNull(p) ? 0 : reader.GetInt64(p);
            counts[(SearchKind)(2 * p)] = (int)(both & int.MaxValue);
            if (Enum.IsDefined((SearchKind)(2 * p + 1))) counts[(SearchKind)(2 * p + 1)] = (int)(both >> 31);
        }
        if (ranked)
        {
            await reader.NextResultAsync(ct);
            var scored = new List<(long Id, double Score)>();
            while (await reader.ReadAsync(ct)) scored.Add((reader.GetInt64(0), reader.GetDouble(1)));
            // bm25: the lower, the better; newest first among equals. Positions before this page are skipped.
            ids.AddRange(scored.OrderBy(x => x.Score).ThenByDescending(x => x.Id).Skip(skip).Take(q.PageSize).Select(x => x.Id));
        }
        if (older)
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>
    /// PostgreSQL: the hits by the GIN index over the tsvector, alone in a materialized CTE so the GIN index is the one
    /// that serves them (with the filters beside it the planner may take a B-tree index on Restricted and check every
    /// row, reading each tsvector from TOAST); counts per type and the page in one statement; ts_rank for the newest hits
    /// only. The stems are bound as parameters.
    /// </summary>
    private static async Task<List<long>> PagePostgresAsync(DbConnection connection, DbTransaction tx, SearchQuery q, List<List<string>> stems,
        bool insider, Dictionary<SearchKind, int> counts, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        Add(cmd, "@m", string.Join(" & ", stems.Select(s => "(" + string.Join(" | ", s.Select(Lexeme)) + ")")));
        // One word: its stems as separate tsqueries (@@ ANY, one index scan per stem), since one tsquery of a hundred
        // alternatives costs several times more to check per hit. More words: one tsquery, in which the GIN index finds
        // the documents that have them all (arrays of two words in one scan would make it scan once per pair of stems).
        if (stems.Count == 1) Add(cmd, "@a", stems[0].Select(Lexeme).ToArray());
        var words = stems.Count == 1 ? "d.\"Tsv\" @@ ANY(CAST(@a AS tsquery[]))" : "d.\"Tsv\" @@ CAST(@m AS tsquery)";
        // The access rule beside the tsquery (no index can serve it, so the GIN index still does); the dates and the body
        // after, as an index could serve those.
        var access = AccessFilter("d.\"Id\"", insider);
        var filters = DayFilters(cmd, "m.id", q);
        var body = "";
        if (q.BodyId is { } b) { body = ", d.\"BodyId\" AS body"; filters += " AND m.body = @body"; Add(cmd, "@body", b); }
        var kind = KindFilter(cmd, "f.id", q);
        var skip = (q.Page - 1) * q.PageSize;
        Add(cmd, "@take", q.PageSize);
        Add(cmd, "@skip", skip);
        Add(cmd, "@newest", Math.Max(RankedHits, skip + q.PageSize));
        cmd.CommandText =
            $"""
            WITH m AS MATERIALIZED (SELECT d."Id" AS id{body} FROM "search_documents" d WHERE {words}{access}),
            f AS NOT MATERIALIZED (SELECT m.id FROM m WHERE true{filters}),
            n AS (SELECT h.id, row_number() OVER (ORDER BY h.id DESC) AS n FROM (SELECT f.id FROM f WHERE true{kind} ORDER BY f.id DESC LIMIT @newest) h),
            r AS (SELECT n.id, n.n, CASE WHEN n.n <= {RankedHits}
                    THEN (SELECT ts_rank(x."Tsv", CAST(@m AS tsquery)) FROM "search_documents" x WHERE x."Id" = n.id) ELSE 0 END AS score FROM n)
            SELECT 0, ((f.id >> {SearchDocument.KindShift}) & 7)::int, count(*)::int, NULL::bigint FROM f GROUP BY 2
            UNION ALL
            SELECT * FROM (SELECT 1, NULL::int, (row_number() OVER (ORDER BY r.score DESC, r.n))::int AS position, r.id FROM r
                ORDER BY position LIMIT @take OFFSET @skip) p
            """;

        var page = new List<(int Position, long Id)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (reader.GetInt32(0) == 0)
            {
                if (Enum.IsDefined((SearchKind)reader.GetInt32(1))) counts[(SearchKind)reader.GetInt32(1)] = reader.GetInt32(2);
            }
            else page.Add((reader.GetInt32(2), reader.GetInt64(3)));
        return page.OrderBy(p => p.Position).Select(p => p.Id).ToList();
    }

    /// <summary>The access rule on a document's key (<see cref="SearchDocument.KeyOf"/>): nothing restricted for those who may not see it.</summary>
    private static string AccessFilter(string key, bool insider) =>
        insider ? "" : $" AND ({key} >> {SearchDocument.RestrictedShift}) & 1 = 0";

    /// <summary>
    /// The dates on a document's key, the same on both databases: a day within from–to. A document without a day (key
    /// below the first day's) is neither «from» nor «up to» a day.
    /// </summary>
    private static string DayFilters(DbCommand cmd, string key, SearchQuery q)
    {
        var sql = "";
        if (q.From is { } from) { sql += $" AND {key} >= @from"; Add(cmd, "@from", SearchDocument.DayKey(from)); }
        if (q.To is { } to)
        {
            sql += $" AND {key} >= {SearchDocument.DayKey(DateOnly.MinValue)} AND {key} < @to";
            Add(cmd, "@to", SearchDocument.DayKey(to.AddDays(1)));
        }
        return sql;
    }

    /// <summary>The type filter on a document's key; for the page only, as the counts are of every type.</summary>
    private static string KindFilter(DbCommand cmd, string key, SearchQuery q)
    {
        if (q.Kind is not { } kind) return "";
        Add(cmd, "@kind", (int)kind);
        return $" AND ({key} >> {SearchDocument.KindShift}) & 7 = @kind";
    }

    /// <summary>A tsquery lexeme: the text in single quotes, any quote or backslash in it escaped.</summary>
    private static string Lexeme(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>An FTS5 phrase: the text in double quotes, any quote in it doubled.</summary>
    private static string Phrase(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
