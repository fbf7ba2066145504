using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
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
/// PostgreSQL through the <c>norwegian</c> tsvector and pg_trgm, SQLite through FTS5 over stems and the trigram table
/// (<see cref="SearchSchema"/>). What the user may not see is left out inside the query, before counting, ranking, paging
/// and snippets: content unntatt offentlighet, drafts and what is not public yet are found only by the secretariat and
/// council members (<see cref="CouncilAccess.CanSeeConfidential"/>).
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
        try
        {
            var counts = new Dictionary<SearchKind, int>();
            await using (var count = Command(connection, query, insider, sqlite, page: false))
            await using (var reader = await count.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    if (EnumText.TryParse<SearchKind>(reader.GetString(0), out var k)) counts[k] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            var total = query.Kind is { } only ? counts.GetValueOrDefault(only) : counts.Values.Sum();
            foreach (var k in Enum.GetValues<SearchKind>()) counts.TryAdd(k, 0);

            var rows = new List<(int Id, SearchKind Kind, int SourceId, int? ParentId, int? BodyId, DateOnly? Date, string Title)>();
            if (total > (query.Page - 1) * query.PageSize)
            {
                await using var page = Command(connection, query, insider, sqlite, page: true);
                await using var reader = await page.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    EnumText.TryParse<SearchKind>(reader.GetString(1), out var kind);
                    rows.Add((reader.GetInt32(0), kind, reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : ReadDate(reader, 5), reader.GetString(6)));
                }
            }
            return new SearchResult(query, total, counts, await HitsAsync(query, rows, ct));
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The bodies a search can be filtered by.</summary>
    public async Task<IReadOnlyList<SearchBody>> BodiesAsync(CancellationToken ct = default)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        return bodies.Select(b => new SearchBody(b.Slug, b.NameOn(db.Today).Name)).ToList();
    }

    private async Task<List<SearchHit>> HitsAsync(SearchQuery query, List<(int Id, SearchKind Kind, int SourceId, int? ParentId, int? BodyId, DateOnly? Date, string Title)> rows,
        CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var texts = await db.SearchDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Body }).ToDictionaryAsync(d => d.Id, d => d.Body, ct);
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
            return new SearchHit(r.Kind, r.SourceId, r.ParentId, r.Title, Snippet.Html(texts.GetValueOrDefault(r.Id), query),
                body?.Slug, body?.NameOn(r.Date ?? db.Today).Name, r.Date, key);
        }).ToList();
    }

    private static DateOnly ReadDate(DbDataReader reader, int i) =>
        reader.GetValue(i) switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"Uventet datoverdi {other}."),
        };

    /// <summary>
    /// The search as SQL: with <paramref name="page"/> the page of hits in rank order, without it the hits counted per
    /// type. Every word is a parameter; the words hold only letters and digits (<see cref="SearchText.Words"/>), and are
    /// quoted as FTS5 phrases on SQLite, so nothing a user types becomes query syntax.
    /// </summary>
    private static DbCommand Command(DbConnection connection, SearchQuery q, bool insider, bool sqlite, bool page)
    {
        var cmd = connection.CreateCommand();
        var sql = new StringBuilder();
        var filters = new StringBuilder();
        if (!insider) filters.Append(sqlite ? " AND d.\"Restricted\" = 0" : " AND NOT d.\"Restricted\"");
        if (page && q.Kind is { } kind) { filters.Append(" AND d.\"Kind\" = @kind"); Add(cmd, "@kind", kind.Code()); }
        if (q.BodyId is { } body) { filters.Append(" AND d.\"BodyId\" = @body"); Add(cmd, "@body", body); }
        if (q.From is { } from) { filters.Append(" AND d.\"Date\" >= @from"); Add(cmd, "@from", sqlite ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : from); }
        if (q.To is { } to) { filters.Append(" AND d.\"Date\" <= @to"); Add(cmd, "@to", sqlite ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : to); }

        // Ranking: each word found in the title counts 1; then the text rank (title words weigh more), then the newest.
        var titleHits = new List<string>();
        for (var i = 0; i < q.Words.Count; i++)
        {
            Add(cmd, $"@w{i}", q.Words[i]);
            Add(cmd, $"@s{i}", q.Stems[i]);
            var substring = q.Words[i].Length >= SearchQuery.MinSubstringLength;
            if (sqlite)
                titleHits.Add($"(CASE WHEN instr(lower(d.\"Title\"), @w{i}) > 0 OR instr(' ' || d.\"TitleStems\" || ' ', ' ' || @s{i} || ' ') > 0 THEN 1 ELSE 0 END)");
            else
            {
                Add(cmd, $"@p{i}", "%" + q.Words[i] + "%");
                titleHits.Add(substring ? $"(CASE WHEN d.\"Title\" ILIKE @p{i} THEN 1 ELSE 0 END)" : "0");
            }
        }

        if (sqlite)
        {
            sql.Append("WITH ");
            for (var i = 0; i < q.Words.Count; i++)
            {
                Add(cmd, $"@f{i}", Phrase(q.Stems[i]));
                Add(cmd, $"@t{i}", Phrase(q.Words[i]));
                if (i > 0) sql.Append(", ");
                sql.Append($"m{i} AS MATERIALIZED (SELECT rowid AS id FROM \"search_fts\" WHERE \"search_fts\" MATCH @f{i}");
                if (q.Words[i].Length >= SearchQuery.MinSubstringLength)
                    sql.Append($" UNION SELECT rowid FROM \"search_trigram\" WHERE \"search_trigram\" MATCH @t{i}");
                sql.Append(')');
            }
            sql.Append(", hits AS MATERIALIZED (").Append(string.Join(" INTERSECT ", Enumerable.Range(0, q.Words.Count).Select(i => $"SELECT id FROM m{i}"))).Append(')');
            if (page)
            {
                Add(cmd, "@all", string.Join(" OR ", q.Stems.Distinct().Select(Phrase)));
                sql.Append(", ranked AS MATERIALIZED (SELECT rowid AS id, bm25(\"search_fts\", 10.0, 1.0) AS score FROM \"search_fts\" WHERE \"search_fts\" MATCH @all)");
                sql.Append(" SELECT d.\"Id\", d.\"Kind\", d.\"SourceId\", d.\"ParentId\", d.\"BodyId\", d.\"Date\", d.\"Title\" FROM hits h")
                    .Append(" JOIN \"search_documents\" d ON d.\"Id\" = h.id LEFT JOIN ranked r ON r.id = d.\"Id\" WHERE 1 = 1").Append(filters)
                    .Append(" ORDER BY ").Append(string.Join(" + ", titleHits)).Append(" DESC, coalesce(r.score, 0) ASC, d.\"Date\" DESC NULLS LAST, d.\"Id\"")
                    .Append(" LIMIT @take OFFSET @skip");
            }
            else
                sql.Append(" SELECT d.\"Kind\", count(*) FROM hits h JOIN \"search_documents\" d ON d.\"Id\" = h.id WHERE 1 = 1").Append(filters)
                    .Append(" GROUP BY d.\"Kind\"");
        }
        else
        {
            var where = new StringBuilder(" WHERE 1 = 1").Append(filters);
            for (var i = 0; i < q.Words.Count; i++)
            {
                where.Append($" AND (d.\"Tsv\" @@ plainto_tsquery('norwegian', @w{i})");
                if (q.Words[i].Length >= SearchQuery.MinSubstringLength) where.Append($" OR d.\"Title\" ILIKE @p{i} OR d.\"Body\" ILIKE @p{i}");
                where.Append(')');
            }
            if (page)
            {
                var any = string.Join(" || ", Enumerable.Range(0, q.Words.Count).Select(i => $"plainto_tsquery('norwegian', @w{i})"));
                sql.Append("SELECT d.\"Id\", d.\"Kind\", d.\"SourceId\", d.\"ParentId\", d.\"BodyId\", d.\"Date\", d.\"Title\" FROM \"search_documents\" d")
                    .Append(where)
                    .Append(" ORDER BY ").Append(string.Join(" + ", titleHits)).Append($" DESC, ts_rank_cd(d.\"Tsv\", {any}) DESC, d.\"Date\" DESC NULLS LAST, d.\"Id\"")
                    .Append(" LIMIT @take OFFSET @skip");
            }
            else
                sql.Append("SELECT d.\"Kind\", count(*) FROM \"search_documents\" d").Append(where).Append(" GROUP BY d.\"Kind\"");
        }
        if (page)
        {
            Add(cmd, "@take", q.PageSize);
            Add(cmd, "@skip", (q.Page - 1) * q.PageSize);
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }

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
