using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The solutions area: the catalogue's new facts on national_solutions, the grunnmur areas, dated lifecycle and transfer
// events, links to initiatives, adoption per actor and per group, and adoption targets; and when a municipality existed.
// SQLite cannot add a foreign key to an existing table through EF without the target model, but it can add a column
// that carries its REFERENCES clause, which gives the same schema; PostgreSQL takes the ordinary operations.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Solutions : Migration
{
    public const string Id = "20261211000000_Solutions";

    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("grunnmur_areas", t => new
        {
            Id = t.Identity(),
            Key = t.Column<string>(maxLength: 80, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 2000, nullable: false),
            Position = t.Column<int>(nullable: false),
            Source = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_grunnmur_areas", x => x.Id));
        m.CreateIndex("IX_grunnmur_areas_Key", "grunnmur_areas", "Key", unique: true);

        m.AddColumn<string>("Kind", "national_solutions", maxLength: 40, nullable: false, defaultValue: "national-solution");
        m.AddColumn<string>("Description", "national_solutions", maxLength: 2000, nullable: false, defaultValue: "");
        m.AddColumn<string>("Lifecycle", "national_solutions", maxLength: 40, nullable: false, defaultValue: "planned");
        m.AddColumn<string>("LegalBasis", "national_solutions", maxLength: 500, nullable: true);
        m.AddColumn<string>("FinancingModel", "national_solutions", maxLength: 40, nullable: true);
        m.AddColumn<string>("Source", "national_solutions", maxLength: 500, nullable: true);
        m.AddColumn<bool>("IsDemo", "national_solutions", nullable: false, defaultValue: false);
        m.AddColumn<string>("DemoNote", "national_solutions", maxLength: 1000, nullable: true);
        m.AddColumn<int>("Version", "national_solutions", nullable: false, defaultValue: 0);
        AddReference(m, "national_solutions", "OperatorId", "organizations");
        AddReference(m, "national_solutions", "PartOfId", "national_solutions");
        AddReference(m, "national_solutions", "GrunnmurAreaId", "grunnmur_areas");

        m.AddColumn<DateOnly>("ExistsFrom", "organizations", nullable: true);
        m.AddColumn<DateOnly>("ExistsTo", "organizations", nullable: true);

        m.CreateTable("solution_events", t => new
        {
            Id = t.Identity(),
            SolutionId = t.Column<int>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            Lifecycle = t.Column<string>(maxLength: 40, nullable: true),
            OwnerId = t.Column<int>(nullable: true),
            OperatorId = t.Column<int>(nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: false),
            Source = t.Column<string>(maxLength: 500, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_solution_events", x => x.Id);
            t.ForeignKey("FK_solution_events_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_solution_events_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_solution_events_organizations_OperatorId", x => x.OperatorId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_solution_events_SolutionId_On", "solution_events", ["SolutionId", "On"]);
        m.CreateIndex("IX_solution_events_OwnerId", "solution_events", "OwnerId");
        m.CreateIndex("IX_solution_events_OperatorId", "solution_events", "OperatorId");

        m.CreateTable("solution_initiatives", t => new
        {
            SolutionId = t.Column<int>(nullable: false),
            InitiativeId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_solution_initiatives", x => new { x.SolutionId, x.InitiativeId });
            t.ForeignKey("FK_solution_initiatives_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_solution_initiatives_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_solution_initiatives_InitiativeId", "solution_initiatives", "InitiativeId");

        m.CreateTable("adoption_changes", t => new
        {
            Id = t.Identity<long>(),
            SolutionId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            Stage = t.Column<string>(maxLength: 40, nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            Source = t.Column<string>(maxLength: 300, nullable: false),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_adoption_changes", x => x.Id);
            t.ForeignKey("FK_adoption_changes_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_adoption_changes_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_adoption_changes_SolutionId_OrganizationId_On", "adoption_changes", ["SolutionId", "OrganizationId", "On"]);
        m.CreateIndex("IX_adoption_changes_SolutionId_On", "adoption_changes", ["SolutionId", "On"]);
        m.CreateIndex("IX_adoption_changes_OrganizationId", "adoption_changes", "OrganizationId");

        m.CreateTable("adoption_counts", t => new
        {
            Id = t.Identity<long>(),
            SolutionId = t.Column<int>(nullable: false),
            Group = t.Column<string>(maxLength: 40, nullable: false),
            Stage = t.Column<string>(maxLength: 40, nullable: false),
            Count = t.Column<int>(nullable: false),
            Total = t.Column<int>(nullable: true),
            On = t.Column<DateOnly>(nullable: false),
            Source = t.Column<string>(maxLength: 300, nullable: false),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_adoption_counts", x => x.Id);
            t.ForeignKey("FK_adoption_counts_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_adoption_counts_SolutionId_Group_On", "adoption_counts", ["SolutionId", "Group", "On"]);

        m.CreateTable("adoption_targets", t => new
        {
            Id = t.Identity(),
            SolutionId = t.Column<int>(nullable: false),
            Group = t.Column<string>(maxLength: 40, nullable: false),
            Stage = t.Column<string>(maxLength: 40, nullable: false),
            Measure = t.Column<string>(maxLength: 20, nullable: false),
            Value = t.Column<double>(nullable: false),
            DueOn = t.Column<DateOnly>(nullable: false),
            CaseId = t.Column<int>(nullable: true),
            CaseReference = t.Column<string>(maxLength: 200, nullable: true),
            Source = t.Column<string>(maxLength: 500, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_adoption_targets", x => x.Id);
            t.ForeignKey("FK_adoption_targets_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_adoption_targets_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_adoption_targets_SolutionId", "adoption_targets", "SolutionId");
        m.CreateIndex("IX_adoption_targets_CaseId", "adoption_targets", "CaseId");
    }

    private static void AddReference(MigrationBuilder m, string table, string column, string principal)
    {
        var fk = $"FK_{table}_{principal}_{column}";
        if (m.ActiveProvider == Sqlite)
            m.Sql($"""ALTER TABLE "{table}" ADD COLUMN "{column}" INTEGER NULL CONSTRAINT "{fk}" REFERENCES "{principal}" ("Id") ON DELETE RESTRICT;""");
        else
        {
            m.AddColumn<int>(column, table, nullable: true);
            m.AddForeignKey(fk, table, column, principal, principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        m.CreateIndex($"IX_{table}_{column}", table, column);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var t in new[] { "adoption_targets", "adoption_counts", "adoption_changes", "solution_initiatives", "solution_events" }) m.DropTable(t);
        if (m.ActiveProvider == Sqlite)
        {
            // SQLite cannot drop a column that is part of a foreign key: the table is rebuilt as it was, the way EF rebuilds
            // SQLite tables, with foreign keys off outside the transaction so the tables pointing at it keep their rows.
            m.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            m.CreateTable("ef_temp_national_solutions", t => new
            {
                Id = t.Identity(),
                Key = t.Column<string>(maxLength: 80, nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                OwnerId = t.Column<int>(nullable: true),
            }, constraints: t =>
            {
                t.PrimaryKey("PK_national_solutions", x => x.Id);
                t.ForeignKey("FK_national_solutions_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
            });
            m.Sql("""INSERT INTO "ef_temp_national_solutions" ("Id", "Key", "Name", "OwnerId") SELECT "Id", "Key", "Name", "OwnerId" FROM "national_solutions";""");
            m.DropTable("national_solutions");
            m.RenameTable("ef_temp_national_solutions", newName: "national_solutions");
            m.CreateIndex("IX_national_solutions_Key", "national_solutions", "Key", unique: true);
            m.CreateIndex("IX_national_solutions_OwnerId", "national_solutions", "OwnerId");
            m.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
            foreach (var c in new[] { "ExistsFrom", "ExistsTo" }) m.Sql($"""ALTER TABLE "organizations" DROP COLUMN "{c}";""");
        }
        else
        {
            foreach (var c in new[] { "OperatorId", "PartOfId", "GrunnmurAreaId" })
            {
                m.DropForeignKey($"FK_national_solutions_{(c == "OperatorId" ? "organizations" : c == "PartOfId" ? "national_solutions" : "grunnmur_areas")}_{c}", "national_solutions");
                m.DropColumn(c, "national_solutions");
            }
            foreach (var c in new[] { "Kind", "Description", "Lifecycle", "LegalBasis", "FinancingModel", "Source", "IsDemo", "DemoNote", "Version" })
                m.DropColumn(c, "national_solutions");
            m.DropColumn("ExistsFrom", "organizations");
            m.DropColumn("ExistsTo", "organizations");
        }
        m.DropTable("grunnmur_areas");
    }
}
