using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Data;

namespace Samstyring.Core.Search;

/// <summary>
/// A word that occurs in the search index, with its Norwegian stem. A query word is looked up here, as part of a word, to
/// find the compounds it is in ("journal" → "kjernejournalen"), and the documents are then found by those words' stems in
/// the full-text index. Looking up a few thousand distinct words is cheap; looking for a part of a word in the text of
/// every document is not. Derived data like <see cref="SearchDocument"/>: added in the transaction that indexes a document,
/// never removed except by a rebuild (a word no document has any more finds nothing).
/// </summary>
public class SearchTerm
{
    /// <summary>Words shorter than a substring search word, or longer than a query word may be, are never looked up.</summary>
    public const int MinLength = SearchQuery.MinSubstringLength;
    public const int MaxLength = SearchQuery.MaxWordLength;

    public int Id { get; set; }
    public required string Term { get; set; }
    /// <summary>The stem the full-text index holds for this word: the C# stemmer's on SQLite, PostgreSQL's <c>norwegian</c> lexeme there ("" for a stop word).</summary>
    public string Stem { get; set; } = "";
}

public class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public const string Table = "search_terms";

    public void Configure(EntityTypeBuilder<SearchTerm> b)
    {
        b.ToTable(Table);
        b.HasIndex(x => x.Term).IsUnique();
        b.Property(x => x.Term).HasMaxLength(SearchTerm.MaxLength);
        b.Property(x => x.Stem).HasMaxLength(SearchTerm.MaxLength);
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}

/// <summary>Adds the words of indexed documents to <see cref="SearchTerm"/>, in the caller's transaction.</summary>
public static class SearchTerms
{
    /// <summary>
    /// Adds the words of <paramref name="docs"/> that are not there yet. One statement that skips a word already there, so
    /// two transactions adding the same new word do not fail; in sorted order, so on PostgreSQL they wait for each other
    /// rather than deadlock.
    /// </summary>
    public static async Task AddAsync(SamstyringDb db, IEnumerable<SearchDocument> docs, CancellationToken ct)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            foreach (var w in SearchText.Words(d.Title)) if (w.Length is >= SearchTerm.MinLength and <= SearchTerm.MaxLength) words.Add(w);
            foreach (var w in SearchText.Words(d.Body)) if (w.Length is >= SearchTerm.MinLength and <= SearchTerm.MaxLength) words.Add(w);
        }
        if (words.Count == 0) return;
        if (db.Database.IsSqlite())
        {
            var rows = JsonSerializer.Serialize(words.Select(w => new[] { w, NorwegianStemmer.Stem(w) }));
            await db.Database.ExecuteSqlRawAsync(
                "INSERT OR IGNORE INTO \"search_terms\" (\"Term\", \"Stem\") SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({0})", [rows], ct);
        }
        else
        {
            // The lexeme PostgreSQL's norwegian configuration gives the word, which is what the tsvector holds.
            var p = new Npgsql.NpgsqlParameter("terms", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = words.ToArray() };
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "search_terms" ("Term", "Stem")
                SELECT w, coalesce((tsvector_to_array(to_tsvector('norwegian'::regconfig, w)))[1], '') FROM unnest(@terms) AS w
                WHERE NOT EXISTS (SELECT 1 FROM "search_terms" s WHERE s."Term" = w) ORDER BY w
                ON CONFLICT DO NOTHING
                """, [p], ct);
        }
    }
}
