using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Corrections checked against the sources (issue 10):
// - Shared ownership: organization_owners holds every owner of an actor with its share (null = not known). Each existing
//   single owner moves there with its share unknown, and organizations.OwnerId is emptied but kept: SQLite cannot drop a
//   column under a foreign key without rebuilding the table every area points at. Nasjonal IKT HF and HDO, seeded as owned
//   by Helse Sør-Øst alone, get all four regional health authorities («eid av de fire regionale helseforetakene», KS)
//   where their owners are still exactly the seeded one.
// - Criteria set 2021.1 was seeded as adopted in Nasjonalt e-helsestyre 37/21 on 9 December 2021 without that decision
//   being recorded. It has been tried out since 4/21 and is proposed for adoption in 37/21: where it was not adopted
//   through a recorded decision (AdoptedInCaseId empty), it is set back to that.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class DataCorrections : Migration
{
    public const string Id = "20261211100000_DataCorrections";

    /// <summary>
    /// The data changes of <see cref="Up"/>, after its schema changes. A restore of a backup made before this migration runs
    /// them on the restored rows too (<see cref="Restore"/>), so an old backup comes back the way the migration would have left it.
    /// </summary>
    internal static readonly string[] DataSql =
    [
        """
        INSERT INTO "organization_owners" ("OrganizationId", "OwnerId", "Share")
        SELECT "Id", "OwnerId", NULL FROM "organizations" WHERE "OwnerId" IS NOT NULL;

        """,
        """
        UPDATE "organizations" SET "OwnerId" = NULL WHERE "OwnerId" IS NOT NULL;
        """,
        """
        INSERT INTO "organization_owners" ("OrganizationId", "OwnerId", "Share")
        SELECT o."Id", r."Id", NULL FROM "organizations" o, "organizations" r
        WHERE o."Key" IN ('nasjonal-ikt', 'hdo') AND r."Key" IN ('helse-nord', 'helse-midt', 'helse-vest')
        AND (SELECT COUNT(*) FROM "organization_owners" x WHERE x."OrganizationId" = o."Id") = 1
        AND EXISTS (SELECT 1 FROM "organization_owners" x JOIN "organizations" h ON h."Id" = x."OwnerId"
        WHERE x."OrganizationId" = o."Id" AND h."Key" = 'helse-sor-ost');

        """,
        """
        UPDATE "criteria_sets"
        SET "TrialByCase" = 'Nasjonalt e-helsestyre sak 4/21', "ProposedInCase" = 'Nasjonalt e-helsestyre sak 37/21',
        "AdoptedByCase" = NULL, "AdoptedOn" = NULL
        WHERE "Version" = '2021.1' AND "AdoptedInCaseId" IS NULL AND "AdoptedByCase" = 'Nasjonalt e-helsestyre sak 37/21';

        """,
    ];

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("organization_owners", t => new
        {
            OrganizationId = t.Column<int>(nullable: false),
            OwnerId = t.Column<int>(nullable: false),
            Share = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_organization_owners", x => new { x.OrganizationId, x.OwnerId });
            t.ForeignKey("FK_organization_owners_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_organization_owners_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_organization_owners_OwnerId", "organization_owners", "OwnerId");
        m.AddColumn<string>("TrialByCase", "criteria_sets", maxLength: 200, nullable: true);
        m.AddColumn<string>("ProposedInCase", "criteria_sets", maxLength: 200, nullable: true);
        foreach (var sql in DataSql) m.Sql(sql);
    }

    protected override void Down(MigrationBuilder m)
    {
        // One owner fits the old column: the one with the largest known share, else the first by id.
        m.Sql("""
              UPDATE "organizations" SET "OwnerId" = (
                  SELECT x."OwnerId" FROM "organization_owners" x WHERE x."OrganizationId" = "organizations"."Id"
                  ORDER BY CASE WHEN x."Share" IS NULL THEN 1 ELSE 0 END, CAST(x."Share" AS REAL) DESC, x."OwnerId" LIMIT 1);
              """);
        m.DropTable("organization_owners");
        foreach (var column in new[] { "TrialByCase", "ProposedInCase" })
        {
            // SQLite (3.35+) drops a plain column in place; without a target model EF would try to rebuild the table.
            if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql($"""ALTER TABLE "criteria_sets" DROP COLUMN "{column}";""");
            else m.DropColumn(column, "criteria_sets");
        }
    }
}
