using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Search;

/// <summary>
/// Builds the search index from scratch: at start-up when it is empty (a new or upgraded database), after seeding and
/// after a restore (which bypass <see cref="SearchIndexer"/>), and on demand (<c>samstyring search reindex</c>).
/// One transaction: searches see the old index until the new one is complete. On SQLite the full-text indexes are built
/// once at the end, from their tables in key order (<see cref="SearchSchema.SqliteSuspendSql"/>).
/// </summary>
public static class SearchIndex
{
    private const int Batch = 1000;

    public static async Task BuildIfEmptyAsync(SamstyringDb db, CancellationToken ct = default)
    {
        if (!await db.SearchDocuments.AnyAsync(ct)) await RebuildAsync(db, ct);
    }

    /// <summary>Replaces every row of the index; gives how many there are now.</summary>
    public static async Task<int> RebuildAsync(SamstyringDb db, CancellationToken ct = default)
    {
        var saveIndexing = db.IndexSearch;
        db.IndexSearch = false;
        var saveTracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        try
        {
            var sqlite = db.Database.IsSqlite();
            if (sqlite) await ExecuteAsync(db, SearchSchema.SqliteSuspendSql, ct);
            await db.SearchDocuments.ExecuteDeleteAsync(ct);
            await db.SearchTerms.ExecuteDeleteAsync(ct);
            var sources = new SearchSources(db, sqlite);
            var count = 0;
            count += await AddAllAsync(db, (after, ct2) => sources.CasesAsync(db.Cases.Where(c => c.Id > after).OrderBy(c => c.Id).Take(Batch), ct2), ct);
            count += await AddAllAsync(db, (after, ct2) => sources.MinutesAsync(db.Meetings.Where(SearchSources.HasMinutesText).Where(m => m.Id > after).OrderBy(m => m.Id).Take(Batch), ct2), ct);
            count += await AddAllAsync(db, (after, ct2) => sources.AttachmentsAsync(db.Attachments.Where(a => a.Id > after).OrderBy(a => a.Id).Take(Batch), ct2), ct);
            count += await AddAllAsync(db, (after, ct2) => sources.InitiativesAsync(db.Initiatives.Where(i => i.Id > after).OrderBy(i => i.Id).Take(Batch), ct2), ct);
            count += await AddAllAsync(db, (after, ct2) => sources.ServicesAsync(db.RoadmapServices.Where(s => s.Id > after).OrderBy(s => s.Id).Take(Batch), ct2), ct);
            count += await AddAllAsync(db, (after, ct2) => sources.SolutionsAsync(db.NationalSolutions.Where(n => n.Id > after).OrderBy(n => n.Id).Take(Batch), ct2), ct);
            if (sqlite) await ExecuteAsync(db, SearchSchema.SqliteRebuildSql, ct);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
                // The planners go by the statistics of the last ANALYZE, which may be of a nearly empty index: with those,
                // SQLite scans the whole table (and every row's text) where it should look a row up. SQLite: the full-text
                // index merged into one segment per word (the batches left many). PostgreSQL: VACUUM marks the new rows
                // visible to all, so a search need not check each one.
                await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite()
                    ? "ANALYZE \"search_documents\"; ANALYZE \"search_terms\"; INSERT INTO \"search_fts\"(\"search_fts\") VALUES ('optimize');"
                    : "VACUUM (ANALYZE) \"search_documents\", \"search_terms\";", ct);
            }
            return count;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = saveTracking;
            db.IndexSearch = saveIndexing;
        }
    }

    private static async Task ExecuteAsync(SamstyringDb db, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    /// <summary>Adds the rows of one kind, a batch of sources at a time, each batch read by key after the last one.</summary>
    private static async Task<int> AddAllAsync(SamstyringDb db, Func<int, CancellationToken, Task<List<SearchDocument>>> batch, CancellationToken ct)
    {
        var count = 0;
        var after = 0;
        while (await batch(after, ct) is { Count: > 0 } docs)
        {
            db.SearchDocuments.AddRange(docs);
            await SearchTerms.AddAsync(db, docs, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += docs.Count;
            after = docs.Max(d => d.SourceId);
        }
        return count;
    }
}
