using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Samstyring.Core.Search;

namespace Samstyring.Core.Data.Migrations;

// Faster search (issue 15): the words of the index (search_terms) with a trigram index, which replaces looking for a part of
// a word in every document's text (the trigram FTS5 table over the text on SQLite, pg_trgm over the text on PostgreSQL);
// narrow rows on PostgreSQL and a covering index on SQLite for counting and filtering hits. The index is derived data: it
// is emptied here and built again at start-up, with its words.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class SearchTerms : Migration
{
    public const string Id = "20261223000000_SearchTerms";

    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""DELETE FROM "search_documents";""");
        foreach (var sql in Search.DropSql(m.ActiveProvider)) m.Sql(sql);
        if (m.ActiveProvider != SearchSchema.SqliteProvider)
        {
            m.Sql("""DROP INDEX IF EXISTS "IX_search_documents_Title_trgm";""");
            m.Sql("""DROP INDEX IF EXISTS "IX_search_documents_Body_trgm";""");
            m.Sql("""DROP INDEX IF EXISTS "IX_search_documents_Tsv";""");
            m.Sql("""ALTER TABLE "search_documents" DROP COLUMN IF EXISTS "Tsv";""");
        }
        m.CreateTable(SearchTermConfiguration.Table, t => new
        {
            Id = t.Identity(),
            Term = t.Column<string>(maxLength: SearchTerm.MaxLength, nullable: false),
            Stem = t.Column<string>(maxLength: SearchTerm.MaxLength, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_search_terms", x => x.Id));
        m.CreateIndex("IX_search_terms_Term", SearchTermConfiguration.Table, "Term", unique: true);
        foreach (var sql in SearchSchema.ProviderSql(m.ActiveProvider)) m.Sql(sql);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.Sql("""DELETE FROM "search_documents";""");
        foreach (var sql in SearchSchema.DropSql(m.ActiveProvider)) m.Sql(sql);
        m.DropTable(SearchTermConfiguration.Table);
        foreach (var sql in m.ActiveProvider == SearchSchema.SqliteProvider ? Search.Sqlite : Search.Postgres) m.Sql(sql);
    }
}
