namespace Samstyring.Core.Search;

/// <summary>
/// The full-text structures over <c>search_documents</c> and <c>search_terms</c> that EF cannot model, one place for both
/// databases. The SearchTerms migration runs <see cref="ProviderSql"/>, and the schema test runs the same on the database
/// it builds from the model.
/// <list type="bullet">
/// <item>PostgreSQL: a stored tsvector under the <c>norwegian</c> configuration (stems: "sakene" → "sak"), weighted title A,
/// text B, with a GIN index. The text and the tsvector are kept out of the table's own pages (TOAST, uncompressed), so the
/// rows a search counts and filters are small. A pg_trgm index on the words (<see cref="SearchTerm"/>) finds the words a
/// query word is part of ("journal" in "kjernejournalen"), which the stemmer does not split.</item>
/// <item>SQLite: FTS5 has no Norwegian stemmer, so <c>search_fts</c> indexes the stems C# wrote (<see cref="NorwegianStemmer"/>)
/// with unicode61 (diacritics kept: «å» is not «a» in Norwegian), an external-content table kept in step by triggers, so it
/// changes in the transaction that changes the row. <c>search_terms_trigram</c> indexes the words with the trigram
/// tokenizer. The FTS5 rowid is the document's key (<see cref="SearchDocument.KeyOf"/>), which holds the day, the access
/// rule and the type; a covering index gives a hit's body, for the body filter, without reading the row and its text.</item>
/// </list>
/// </summary>
public static class SearchSchema
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The covering index SQLite's searches name (INDEXED BY) when they look up a hit's body.</summary>
    public const string SqliteHitIndex = "IX_search_documents_Hits";

    public static IReadOnlyList<string> ProviderSql(string? activeProvider) =>
        activeProvider == SqliteProvider ? Sqlite : Postgres;

    public static IReadOnlyList<string> DropSql(string? activeProvider) =>
        activeProvider == SqliteProvider
            ?
            [
                .. SqliteTriggerDrops,
                """DROP TABLE IF EXISTS "search_fts";""",
                """DROP TABLE IF EXISTS "search_terms_trigram";""",
                $"""DROP INDEX IF EXISTS "{SqliteHitIndex}";""",
            ]
            :
            [
                """DROP INDEX IF EXISTS "IX_search_terms_Term_trgm";""",
                """ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "Tsv";""",
                """ALTER TABLE "search_documents" RESET (toast_tuple_target);""",
                """ALTER TABLE "search_documents" ALTER COLUMN "Body" SET STORAGE EXTENDED;""",
            ];

    private static readonly string[] Postgres =
    [
        // Trusted since PostgreSQL 13: the database's owner may create it.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        """
        ALTER TABLE "search_documents" ADD COLUMN "Tsv" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('norwegian'::regconfig, coalesce("Title", '')), 'A') ||
            setweight(to_tsvector('norwegian'::regconfig, coalesce("Body", '')), 'B')) STORED;
        """,
        """CREATE INDEX "IX_search_documents_Tsv" ON "search_documents" USING gin ("Tsv");""",
        // Rows of about a hundred bytes: the text and the tsvector move to TOAST, stored as they are (no decompressing to rank).
        """ALTER TABLE "search_documents" SET (toast_tuple_target = 128);""",
        """ALTER TABLE "search_documents" ALTER COLUMN "Body" SET STORAGE EXTERNAL;""",
        """ALTER TABLE "search_documents" ALTER COLUMN "Tsv" SET STORAGE EXTERNAL;""",
        """CREATE INDEX "IX_search_terms_Term_trgm" ON "search_terms" USING gin ("Term" gin_trgm_ops);""",
    ];

    private const string DocumentInserted = """
        CREATE TRIGGER "search_documents_ai" AFTER INSERT ON "search_documents" BEGIN
            INSERT INTO "search_fts"(rowid, "TitleStems", "BodyStems") VALUES (new."Id", new."TitleStems", new."BodyStems");
        END;
        """;

    private const string DocumentDeleted = """
        CREATE TRIGGER "search_documents_ad" AFTER DELETE ON "search_documents" BEGIN
            INSERT INTO "search_fts"("search_fts", rowid, "TitleStems", "BodyStems") VALUES ('delete', old."Id", old."TitleStems", old."BodyStems");
        END;
        """;

    private const string DocumentUpdated = """
        CREATE TRIGGER "search_documents_au" AFTER UPDATE ON "search_documents" BEGIN
            INSERT INTO "search_fts"("search_fts", rowid, "TitleStems", "BodyStems") VALUES ('delete', old."Id", old."TitleStems", old."BodyStems");
            INSERT INTO "search_fts"(rowid, "TitleStems", "BodyStems") VALUES (new."Id", new."TitleStems", new."BodyStems");
        END;
        """;

    private const string TermInserted = """
        CREATE TRIGGER "search_terms_ai" AFTER INSERT ON "search_terms" BEGIN
            INSERT INTO "search_terms_trigram"(rowid, "Term") VALUES (new."Id", new."Term");
        END;
        """;

    private const string TermDeleted = """
        CREATE TRIGGER "search_terms_ad" AFTER DELETE ON "search_terms" BEGIN
            INSERT INTO "search_terms_trigram"("search_terms_trigram", rowid, "Term") VALUES ('delete', old."Id", old."Term");
        END;
        """;

    private static readonly string[] Sqlite =
    [
        """
        CREATE VIRTUAL TABLE "search_fts" USING fts5("TitleStems", "BodyStems", content='search_documents', content_rowid='Id',
            tokenize='unicode61 remove_diacritics 0');
        """,
        DocumentInserted,
        DocumentDeleted,
        DocumentUpdated,
        $"""CREATE INDEX "{SqliteHitIndex}" ON "search_documents" ("Id", "Restricted", "Kind", "BodyId", "Date");""",
        """
        CREATE VIRTUAL TABLE "search_terms_trigram" USING fts5("Term", content='search_terms', content_rowid='Id', tokenize='trigram');
        """,
        TermInserted,
        TermDeleted,
    ];

    /// <summary>
    /// SQLite, for a rebuild of the whole index in one transaction: the triggers go, so emptying and filling the tables
    /// does not also write every row into the full-text indexes, one out-of-order key at a time.
    /// <see cref="SqliteRebuildSql"/> then builds both full-text indexes from their tables in a single pass in key order,
    /// and puts the triggers back. SQLite's DDL is transactional: a rebuild that fails or is killed leaves the old index
    /// and its triggers.
    /// </summary>
    public static IReadOnlyList<string> SqliteSuspendSql => SqliteTriggerDrops;

    /// <summary>See <see cref="SqliteSuspendSql"/>.</summary>
    public static readonly IReadOnlyList<string> SqliteRebuildSql =
    [
        """INSERT INTO "search_fts"("search_fts") VALUES ('rebuild');""",
        """INSERT INTO "search_terms_trigram"("search_terms_trigram") VALUES ('rebuild');""",
        DocumentInserted,
        DocumentDeleted,
        DocumentUpdated,
        TermInserted,
        TermDeleted,
    ];

    /// <summary>The five triggers of <see cref="Sqlite"/> dropped: by <see cref="DropSql"/> and for a rebuild.</summary>
    private static readonly string[] SqliteTriggerDrops =
    [
        """DROP TRIGGER IF EXISTS "search_documents_ai";""",
        """DROP TRIGGER IF EXISTS "search_documents_ad";""",
        """DROP TRIGGER IF EXISTS "search_documents_au";""",
        """DROP TRIGGER IF EXISTS "search_terms_ai";""",
        """DROP TRIGGER IF EXISTS "search_terms_ad";""",
    ];
}
