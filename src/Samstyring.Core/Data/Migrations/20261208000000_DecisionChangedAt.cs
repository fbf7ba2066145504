using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// When a recorded decision was later changed, so the decision feed can date entries by the decision and by a later
// change instead of by when the row was last touched. A nullable column: existing decisions count as unchanged.
[DbContext(typeof(SamstyringDb))]
[Migration("20261208000000_DecisionChangedAt")]
public partial class DecisionChangedAt : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<DateTime>("DecisionChangedAt", "cases", nullable: true);

    protected override void Down(MigrationBuilder m)
    {
        // SQLite (3.35+) drops a plain column in place; without a target model EF would try to rebuild the table.
        if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql("""ALTER TABLE "cases" DROP COLUMN "DecisionChangedAt";""");
        else m.DropColumn("DecisionChangedAt", "cases");
    }
}
