namespace Samstyring.Core.Search;

/// <summary>
/// The full-text structures over <c>search_documents</c> that EF cannot model, one place for both databases. The
/// migration runs <see cref="ProviderSql"/>, and the schema test runs the same on the database it builds from the model.
/// <list type="bullet">
/// <item>PostgreSQL: a stored tsvector under the <c>norwegian</c> configuration (stems: "sakene" → "sak"), weighted title A,
/// text B, with a GIN index; and pg_trgm GIN indexes on title and text for words inside compounds ("journal" in
/// "kjernejournalen"), which the stemmer does not split.</item>
/// <item>SQLite: FTS5 has no Norwegian stemmer, so <c>search_fts</c> indexes the stems C# wrote (<see cref="NorwegianStemmer"/>)
/// with unicode61 (diacritics kept: «å» is not «a» in Norwegian), and <c>search_trigram</c> indexes the text itself with the
/// trigram tokenizer for substrings. Both are external-content tables kept in step by triggers, so they change in the
/// transaction that changes the row.</item>
/// </list>
/// </summary>
public static class SearchSchema
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public static IReadOnlyList<string> ProviderSql(string? activeProvider) =>
        activeProvider == SqliteProvider ? Sqlite : Postgres;

    public static IReadOnlyList<string> DropSql(string? activeProvider) =>
        activeProvider == SqliteProvider
            ?
            [
                """DROP TRIGGER IF EXISTS "search_documents_ai";""",
                """DROP TRIGGER IF EXISTS "search_documents_ad";""",
                """DROP TRIGGER IF EXISTS "search_documents_au";""",
                """DROP TABLE IF EXISTS "search_fts";""",
                """DROP TABLE IF EXISTS "search_trigram";""",
            ]
            : [];

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
        """CREATE INDEX "IX_search_documents_Title_trgm" ON "search_documents" USING gin ("Title" gin_trgm_ops);""",
        """CREATE INDEX "IX_search_documents_Body_trgm" ON "search_documents" USING gin ("Body" gin_trgm_ops);""",
    ];

    private static readonly string[] Sqlite =
    [
        """
        CREATE VIRTUAL TABLE "search_fts" USING fts5("TitleStems", "BodyStems", content='search_documents', content_rowid='Id',
            tokenize='unicode61 remove_diacritics 0');
        """,
        """
        CREATE VIRTUAL TABLE "search_trigram" USING fts5("Title", "Body", content='search_documents', content_rowid='Id',
            tokenize='trigram');
        """,
        """
        CREATE TRIGGER "search_documents_ai" AFTER INSERT ON "search_documents" BEGIN
            INSERT INTO "search_fts"(rowid, "TitleStems", "BodyStems") VALUES (new."Id", new."TitleStems", new."BodyStems");
            INSERT INTO "search_trigram"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
        END;
        """,
        """
        CREATE TRIGGER "search_documents_ad" AFTER DELETE ON "search_documents" BEGIN
            INSERT INTO "search_fts"("search_fts", rowid, "TitleStems", "BodyStems") VALUES ('delete', old."Id", old."TitleStems", old."BodyStems");
            INSERT INTO "search_trigram"("search_trigram", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
        END;
        """,
        """
        CREATE TRIGGER "search_documents_au" AFTER UPDATE ON "search_documents" BEGIN
            INSERT INTO "search_fts"("search_fts", rowid, "TitleStems", "BodyStems") VALUES ('delete', old."Id", old."TitleStems", old."BodyStems");
            INSERT INTO "search_trigram"("search_trigram", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
            INSERT INTO "search_fts"(rowid, "TitleStems", "BodyStems") VALUES (new."Id", new."TitleStems", new."BodyStems");
            INSERT INTO "search_trigram"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
        END;
        """,
    ];
}
