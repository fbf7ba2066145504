using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Fast without the cache (issue 14): the latest report's status, risk and period are kept on the initiative beside
// LatestReportId, so the overview counts, filters and finds red flags in one table. Nullable columns, filled from the
// reports: the same SQL on SQLite and PostgreSQL, and run again on the rows of an older backup when it is restored.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class LatestReportFigures : Migration
{
    public const string Id = "20261220000000_LatestReportFigures";

    internal static readonly string[] DataSql =
    [
        """
        UPDATE "initiatives" SET
            "LatestStatus" = (SELECT r."Status" FROM "status_reports" r WHERE r."Id" = "initiatives"."LatestReportId"),
            "LatestRisk" = (SELECT r."Risk" FROM "status_reports" r WHERE r."Id" = "initiatives"."LatestReportId"),
            "LatestPeriodId" = (SELECT r."PeriodId" FROM "status_reports" r WHERE r."Id" = "initiatives"."LatestReportId");
        """,
    ];

    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("LatestStatus", "initiatives", maxLength: 10, nullable: true);
        m.AddColumn<string>("LatestRisk", "initiatives", maxLength: 10, nullable: true);
        m.AddColumn<int>("LatestPeriodId", "initiatives", nullable: true);
        foreach (var sql in DataSql) m.Sql(sql);
        m.DropIndex("IX_initiatives_Lifecycle", "initiatives");
        m.CreateIndex("IX_initiatives_Lifecycle_LatestStatus_LatestRisk", "initiatives", ["Lifecycle", "LatestStatus", "LatestRisk"]);
        m.CreateIndex("IX_initiatives_IncludedOn", "initiatives", "IncludedOn");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_initiatives_IncludedOn", "initiatives");
        m.DropIndex("IX_initiatives_Lifecycle_LatestStatus_LatestRisk", "initiatives");
        m.CreateIndex("IX_initiatives_Lifecycle", "initiatives", "Lifecycle");
        foreach (var column in new[] { "LatestPeriodId", "LatestRisk", "LatestStatus" })
        {
            // SQLite (3.35+) drops a plain column in place (the index on it is gone by now); without a target model EF
            // would try to rebuild the table.
            if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql($"""ALTER TABLE "initiatives" DROP COLUMN "{column}";""");
            else m.DropColumn(column, "initiatives");
        }
    }
}
