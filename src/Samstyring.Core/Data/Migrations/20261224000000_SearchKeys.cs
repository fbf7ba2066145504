using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Samstyring.Core.Search;

namespace Samstyring.Core.Data.Migrations;

// Faster search (issue 15): a search document's key is made from its day, access rule, kind and source id
// (SearchDocument.KeyOf) instead of a counter, so a search counts and orders its hits from the full-text index alone. The
// index is derived data: the table is made again, empty, and so are the words, and the index is built again at start-up.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class SearchKeys : Migration
{
    public const string Id = "20261224000000_SearchKeys";

    protected override void Up(MigrationBuilder m) => Remake(m, t => t.Column<long>(nullable: false));

    protected override void Down(MigrationBuilder m) => Remake(m, t => t.Identity());

    private static void Remake(MigrationBuilder m, Func<ColumnsBuilder, OperationBuilder<AddColumnOperation>> key)
    {
        // The words go with the documents (the rebuild adds both); emptied before their trigram table is dropped and made again.
        m.Sql($"DELETE FROM \"{SearchTermConfiguration.Table}\";");
        foreach (var sql in SearchSchema.DropSql(m.ActiveProvider)) m.Sql(sql);
        m.DropTable(SearchDocumentConfiguration.Table);
        m.CreateTable(SearchDocumentConfiguration.Table, t => new
        {
            Id = key(t),
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
        m.CreateIndex("IX_search_documents_Kind_SourceId", SearchDocumentConfiguration.Table, ["Kind", "SourceId"], unique: true);
        m.CreateIndex("IX_search_documents_Kind_Restricted_Date", SearchDocumentConfiguration.Table, ["Kind", "Restricted", "Date"]);
        m.CreateIndex("IX_search_documents_BodyId_Date", SearchDocumentConfiguration.Table, ["BodyId", "Date"]);
        foreach (var sql in SearchSchema.ProviderSql(m.ActiveProvider)) m.Sql(sql);
    }
}
