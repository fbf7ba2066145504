using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Samstyring.Core.Search;

namespace Samstyring.Core.Data.Migrations;

// Search across everything (issue 15): the search index (search_documents) with the provider's full-text structures over
// it (SearchSchema: a norwegian tsvector and pg_trgm on PostgreSQL, FTS5 over C# stems and a trigram FTS5 table on SQLite),
// and the text extracted from attachment files (attachment_texts). Both are derived data and start empty: the index is
// built at start-up when it is empty, because stemming for SQLite happens in C#.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Search : Migration
{
    public const string Id = "20261222000000_Search";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("attachment_texts", t => new
        {
            AttachmentId = t.Column<int>(nullable: false),
            Text = t.Column<string>(nullable: true),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            ExtractedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attachment_texts", x => x.AttachmentId);
            t.ForeignKey("FK_attachment_texts_attachments_AttachmentId", x => x.AttachmentId, "attachments", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("search_documents", t => new
        {
            Id = t.Identity(),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            SourceId = t.Column<int>(nullable: false),
            ParentId = t.Column<int>(nullable: true),
            BodyId = t.Column<int>(nullable: true),
            Date = t.Column<DateOnly>(nullable: true),
            Restricted = t.Column<bool>(nullable: false),
            Title = t.Column<string>(maxLength: SearchDocument.TitleMax, nullable: false),
            Body = t.Column<string>(nullable: false),
            TitleStems = t.Column<string>(nullable: false),
            BodyStems = t.Column<string>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_search_documents", x => x.Id));
        m.CreateIndex("IX_search_documents_Kind_SourceId", "search_documents", ["Kind", "SourceId"], unique: true);
        m.CreateIndex("IX_search_documents_Kind_Restricted_Date", "search_documents", ["Kind", "Restricted", "Date"]);
        m.CreateIndex("IX_search_documents_BodyId_Date", "search_documents", ["BodyId", "Date"]);
        foreach (var sql in m.ActiveProvider == SearchSchema.SqliteProvider ? Sqlite : Postgres) m.Sql(sql);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var sql in DropSql(m.ActiveProvider)) m.Sql(sql);
        m.DropTable("search_documents");
        m.DropTable("attachment_texts");
    }

    // The full-text structures as this migration made them (SearchSchema has today's; SearchTerms replaced these).
    internal static IReadOnlyList<string> DropSql(string? activeProvider) =>
            activeProvider == SearchSchema.SqliteProvider
            ?
            [
                """DROP TRIGGER IF EXISTS "search_documents_ai";""",
                """DROP TRIGGER IF EXISTS "search_documents_ad";""",
                """DROP TRIGGER IF EXISTS "search_documents_au";""",
                """DROP TABLE IF EXISTS "search_fts";""",
                """DROP TABLE IF EXISTS "search_trigram";""",
            ]
            : [];

    internal static readonly string[] Postgres =
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

    internal static readonly string[] Sqlite =
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
