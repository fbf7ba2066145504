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
        // whose compiling costs more than these queries.
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
                    set.CommandText = "SET TRANSACTION READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL jit = off;";
                    await set.ExecuteNonQueryAsync(ct);
                }
            var counts = Enum.GetValues<SearchKind>().ToDictionary(k => k, _ => 0);
            var stems = await StemsAsync(connection, tx, query, sqlite, ct);
            if (stems.Any(s => s.Count == 0)) return new SearchResult(query, 0, counts, []);
            var match = sqlite
                ? string.Join(" AND ", stems.Select(s => "(" + string.Join(" OR ", s.Select(Phrase)) + ")"))
                : string.Join(" & ", stems.Select(s => "(" + string.Join(" | ", s.Select(Lexeme)) + ")"));

            // Rows (0, type, count) for the counts, then (1, position, id) for the page: one statement on PostgreSQL, two
            // on SQLite, whose page comes in order (no position).
            var page = new List<(long Position, int Id)>();
            await using (var cmd = Command(connection, tx, query, match, insider, sqlite))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                do
                    while (await reader.ReadAsync(ct))
                    {
                        if (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture) == 0)
                        {
                            if (EnumText.TryParse<SearchKind>(reader.GetString(1), out var k)) counts[k] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                        }
                        else page.Add((reader.IsDBNull(2) ? page.Count : Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                            Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)));
                    }
                while (await reader.NextResultAsync(ct));
            var total = query.Kind is { } only ? counts[only] : counts.Values.Sum();
            var ids = page.OrderBy(p => p.Position).Select(p => p.Id).ToList();
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

    /// <summary>PostgreSQL ranks this many of the newest hits by relevance (ts_rank reads each hit's tsvector); older ones follow them, newest first.</summary>
    public const int RankedHits = 500;

    /// <summary>The bodies a search can be filtered by.</summary>
    public async Task<IReadOnlyList<SearchBody>> BodiesAsync(CancellationToken ct = default)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        return bodies.Select(b => new SearchBody(b.Slug, b.NameOn(db.Today).Name)).ToList();
    }

    private async Task<List<SearchHit>> HitsAsync(SearchQuery query, List<int> ids, CancellationToken ct)
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
    /// The search as SQL: the hits counted per type (leaving out the type filter), rows (0, type, count, null), and the page
    /// of hits in rank order, rows (1, null, position, id); one statement on PostgreSQL, two on SQLite (position null: in
    /// order). <paramref name="match"/> is an FTS5 expression on SQLite and a tsquery on PostgreSQL, built from stems that
    /// hold only letters and digits, each quoted, and passed as a parameter, so nothing a user types becomes query syntax.
    /// </summary>
    private static DbCommand Command(DbConnection connection, DbTransaction? tx, SearchQuery q, string match, bool insider, bool sqlite)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        Add(cmd, "@m", match);
        Add(cmd, "@take", q.PageSize);
        Add(cmd, "@skip", (q.Page - 1) * q.PageSize);
        var filters = new StringBuilder();
        if (!insider) filters.Append(sqlite ? " AND d.\"Restricted\" = 0" : " AND NOT d.\"Restricted\"");
        if (q.BodyId is { } body) { filters.Append(" AND d.\"BodyId\" = @body"); Add(cmd, "@body", body); }
        if (q.From is { } from) { filters.Append(" AND d.\"Date\" >= @from"); Add(cmd, "@from", sqlite ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : from); }
        if (q.To is { } to) { filters.Append(" AND d.\"Date\" <= @to"); Add(cmd, "@to", sqlite ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : to); }
        // The type filter is for the page only: the counts are of every type.
        var kind = "";
        if (q.Kind is { } k) { kind = sqlite ? " AND d.\"Kind\" = @kind" : " AND h.kind = @kind"; Add(cmd, "@kind", k.Code()); }

        if (sqlite)
        {
            // The hits come from the FTS index; for each, a lookup in the covering index applies the filters without reading
            // the row and its text (null: filtered out). A subquery and not a join: for a join SQLite first builds a Bloom
            // filter over the whole index, which costs more than the search. Ranked by bm25 over the stems, a title word
            // weighing ten times a word of the text; then the newest. Two passes over the hits measured faster here than one
            // that keeps them all for both.
            string Lookup(string column, string more = "") =>
                $"(SELECT {column} FROM \"search_documents\" d INDEXED BY \"{SearchSchema.SqliteHitIndex}\" WHERE d.\"Id\" = f.rowid{filters}{more})";
            cmd.CommandText =
                $"SELECT 0, kind, count(*), NULL FROM (SELECT {Lookup("d.\"Kind\"")} AS kind FROM \"search_fts\" f WHERE \"search_fts\" MATCH @m) "
                + "WHERE kind IS NOT NULL GROUP BY kind;\n"
                + $"SELECT 1, NULL, NULL, id FROM (SELECT f.rowid AS id, bm25(\"search_fts\", 10.0, 1.0) AS score, "
                + $"{Lookup("coalesce(d.\"Date\", '')", kind)} AS day "
                + "FROM \"search_fts\" f WHERE \"search_fts\" MATCH @m) WHERE day IS NOT NULL ORDER BY score, day DESC, id LIMIT @take OFFSET @skip";
        }
        else
        {
            // The tsquery alone first, so the only index that can serve it is the GIN index: with the filters beside it the
            // planner may take a B-tree index on Restricted and check the tsquery on every row it gives, reading each
            // tsvector from TOAST. ts_rank for the newest hits only (RankedHits).
            cmd.CommandText =
                $"""
                WITH m AS MATERIALIZED (SELECT d."Id", d."Kind", d."Restricted", d."BodyId", d."Date" FROM "search_documents" d
                    WHERE d."Tsv" @@ CAST(@m AS tsquery)),
                f AS MATERIALIZED (SELECT d."Id" AS id, d."Kind" AS kind, d."Date" AS day FROM m d WHERE true{filters}),
                h AS MATERIALIZED (SELECT h.id, row_number() OVER (ORDER BY h.day DESC NULLS LAST, h.id DESC) AS n FROM f h WHERE true{kind}),
                r AS (SELECT h.id, h.n, CASE WHEN h.n <= {RankedHits}
                        THEN (SELECT ts_rank(x."Tsv", CAST(@m AS tsquery)) FROM "search_documents" x WHERE x."Id" = h.id) ELSE 0 END AS score FROM h)
                SELECT 0, kind, count(*)::int, NULL::int FROM f GROUP BY kind
                UNION ALL
                SELECT * FROM (SELECT 1, NULL::text, (row_number() OVER (ORDER BY r.score DESC, r.n))::int AS position, r.id FROM r
                    ORDER BY position LIMIT @take OFFSET @skip) p
                """;
        }
        return cmd;
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
