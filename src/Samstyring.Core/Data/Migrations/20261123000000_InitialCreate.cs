using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Samstyring.Core.Data.Migrations;

// Written by hand (the EF design-time tools are not available here). Column types are left to the
// provider so the same migration serves SQLite and PostgreSQL; MigrationSchemaTests proves that the
// migrated schema equals the model on both.
[DbContext(typeof(SamstyringDb))]
[Migration("20261123000000_InitialCreate")]
public partial class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("organizations", t => new
        {
            Id = t.Identity(),
            Key = t.Column<string>(maxLength: 80, nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            ShortName = t.Column<string>(maxLength: 40, nullable: true),
            OrgNumber = t.Column<string>(maxLength: 9, nullable: true),
            Type = t.Column<string>(maxLength: 40, nullable: false),
            ActorGroup = t.Column<string>(maxLength: 40, nullable: false),
            Region = t.Column<string>(maxLength: 40, nullable: true),
            OwnerId = t.Column<int>(nullable: true),
            MunicipalityNumber = t.Column<string>(maxLength: 4, nullable: true),
            County = t.Column<string>(maxLength: 80, nullable: true),
            Population = t.Column<int>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_organizations", x => x.Id);
            t.ForeignKey("FK_organizations_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_organizations_Key", "organizations", "Key", unique: true);
        m.CreateIndex("IX_organizations_Name", "organizations", "Name");
        m.CreateIndex("IX_organizations_OwnerId", "organizations", "OwnerId");

        m.CreateTable("users", t => new
        {
            Id = t.Identity(),
            UserName = t.Column<string>(maxLength: 80, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            PasswordHash = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<string>(maxLength: 40, nullable: false),
            OrganizationId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_users", x => x.Id);
            t.ForeignKey("FK_users_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_users_UserName", "users", "UserName", unique: true);
        m.CreateIndex("IX_users_OrganizationId", "users", "OrganizationId");

        m.CreateTable("national_solutions", t => new
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
        m.CreateIndex("IX_national_solutions_Key", "national_solutions", "Key", unique: true);
        m.CreateIndex("IX_national_solutions_OwnerId", "national_solutions", "OwnerId");

        m.CreateTable("initiatives", t => new
        {
            Id = t.Identity(),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 4000, nullable: false),
            OwnerId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            Lifecycle = t.Column<string>(maxLength: 40, nullable: false),
            LeftReason = t.Column<string>(maxLength: 4000, nullable: true),
            LeftOn = t.Column<DateOnly>(nullable: true),
            IncludedOn = t.Column<DateOnly>(nullable: true),
            CompletedOn = t.Column<DateOnly>(nullable: true),
            LatestReportId = t.Column<int>(nullable: true),
            Phase = t.Column<string>(maxLength: 40, nullable: false),
            Segment = t.Column<string>(maxLength: 40, nullable: true),
            PlannedStart = t.Column<DateOnly>(nullable: true),
            PlannedEnd = t.Column<DateOnly>(nullable: true),
            ContactPerson = t.Column<string>(maxLength: 200, nullable: true),
            Submission = t.Column<string>(maxLength: 40, nullable: false),
            CarriesOverNextYear = t.Column<bool>(nullable: true),
            StartsNextYear = t.Column<bool>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_initiatives", x => x.Id);
            t.ForeignKey("FK_initiatives_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_initiatives_Lifecycle", "initiatives", "Lifecycle");
        m.CreateIndex("IX_initiatives_OwnerId", "initiatives", "OwnerId");
        m.CreateIndex("IX_initiatives_Name", "initiatives", "Name");

        m.CreateTable("phase_decisions", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            Phase = t.Column<string>(maxLength: 40, nullable: false),
            DecidedOn = t.Column<DateOnly>(nullable: false),
            DecidedBy = t.Column<string>(maxLength: 200, nullable: false),
            Note = t.Column<string>(maxLength: 4000, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_phase_decisions", x => x.Id);
            t.ForeignKey("FK_phase_decisions_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_phase_decisions_InitiativeId", "phase_decisions", "InitiativeId");

        m.CreateTable("submission_steps", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            Action = t.Column<string>(maxLength: 40, nullable: false),
            Comment = t.Column<string>(maxLength: 4000, nullable: true),
            ByUser = t.Column<string>(maxLength: 80, nullable: false),
            ByName = t.Column<string>(maxLength: 200, nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_submission_steps", x => x.Id);
            t.ForeignKey("FK_submission_steps_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_submission_steps_InitiativeId", "submission_steps", "InitiativeId");

        m.CreateTable("criteria_sets", t => new
        {
            Id = t.Identity(),
            Version = t.Column<string>(maxLength: 20, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            AdoptedByCase = t.Column<string>(maxLength: 200, nullable: true),
            AdoptedOn = t.Column<DateOnly>(nullable: true),
            IsCurrent = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_criteria_sets", x => x.Id));
        m.CreateIndex("IX_criteria_sets_Version", "criteria_sets", "Version", unique: true);

        m.CreateTable("criteria", t => new
        {
            Id = t.Identity(),
            CriteriaSetId = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 20, nullable: false),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            Text = t.Column<string>(maxLength: 2000, nullable: false),
            Order = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_criteria", x => x.Id);
            t.ForeignKey("FK_criteria_criteria_sets_CriteriaSetId", x => x.CriteriaSetId, "criteria_sets", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_criteria_CriteriaSetId_Code", "criteria", ["CriteriaSetId", "Code"], unique: true);

        m.CreateTable("inclusion_assessments", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            CriteriaSetId = t.Column<int>(nullable: false),
            Criterion1Met = t.Column<bool>(nullable: false),
            Criterion2Ways = t.Column<string>(maxLength: 200, nullable: false),
            AlsoWanted = t.Column<string>(maxLength: 200, nullable: false),
            MinorHelsenorgeOnly = t.Column<bool>(nullable: false),
            Dialogue = t.Column<string>(maxLength: 4000, nullable: false),
            Criterion2MetByDialogue = t.Column<bool>(nullable: false),
            AssessedBy = t.Column<string>(maxLength: 80, nullable: false),
            AssessedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_inclusion_assessments", x => x.Id);
            t.ForeignKey("FK_inclusion_assessments_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_inclusion_assessments_criteria_sets_CriteriaSetId", x => x.CriteriaSetId, "criteria_sets", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_inclusion_assessments_InitiativeId_Number", "inclusion_assessments", ["InitiativeId", "Number"], unique: true);
        m.CreateIndex("IX_inclusion_assessments_CriteriaSetId", "inclusion_assessments", "CriteriaSetId");

        m.CreateTable("reporting_periods", t => new
        {
            Id = t.Identity(),
            Code = t.Column<string>(maxLength: 20, nullable: false),
            Year = t.Column<int>(nullable: false),
            Cadence = t.Column<string>(maxLength: 20, nullable: false),
            Number = t.Column<int>(nullable: false),
            Start = t.Column<DateOnly>(nullable: false),
            End = t.Column<DateOnly>(nullable: false),
            Deadline = t.Column<DateOnly>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_reporting_periods", x => x.Id));
        m.CreateIndex("IX_reporting_periods_Code", "reporting_periods", "Code", unique: true);

        m.CreateTable("status_reports", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            PeriodId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 10, nullable: false),
            StatusText = t.Column<string>(maxLength: 4000, nullable: false),
            Risk = t.Column<string>(maxLength: 10, nullable: false),
            RiskText = t.Column<string>(maxLength: 4000, nullable: false),
            Progress = t.Column<string>(maxLength: 4000, nullable: false),
            Cost = t.Column<string>(maxLength: 4000, nullable: false),
            ReportedBy = t.Column<string>(maxLength: 80, nullable: false),
            ReportedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_status_reports", x => x.Id);
            t.ForeignKey("FK_status_reports_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_status_reports_reporting_periods_PeriodId", x => x.PeriodId, "reporting_periods", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_status_reports_InitiativeId_PeriodId", "status_reports", ["InitiativeId", "PeriodId"], unique: true);
        m.CreateIndex("IX_status_reports_PeriodId", "status_reports", "PeriodId");

        m.CreateTable("dependencies", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            TargetKind = t.Column<string>(maxLength: 20, nullable: false),
            TargetInitiativeId = t.Column<int>(nullable: true),
            TargetSolutionId = t.Column<int>(nullable: true),
            TargetOrganizationId = t.Column<int>(nullable: true),
            Description = t.Column<string>(maxLength: 4000, nullable: false),
            Criticality = t.Column<string>(maxLength: 10, nullable: false),
            Status = t.Column<string>(maxLength: 10, nullable: false),
            Deadline = t.Column<DateOnly>(nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_dependencies", x => x.Id);
            t.ForeignKey("FK_dependencies_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_dependencies_initiatives_TargetInitiativeId", x => x.TargetInitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_dependencies_national_solutions_TargetSolutionId", x => x.TargetSolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_dependencies_organizations_TargetOrganizationId", x => x.TargetOrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_dependencies_InitiativeId", "dependencies", "InitiativeId");
        m.CreateIndex("IX_dependencies_TargetInitiativeId", "dependencies", "TargetInitiativeId");
        m.CreateIndex("IX_dependencies_TargetSolutionId", "dependencies", "TargetSolutionId");
        m.CreateIndex("IX_dependencies_TargetOrganizationId", "dependencies", "TargetOrganizationId");
        m.CreateIndex("IX_dependencies_Criticality_Status", "dependencies", ["Criticality", "Status"]);

        m.CreateTable("audit_log", t => new
        {
            Id = t.Identity<long>(),
            At = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 80, nullable: false),
            Action = t.Column<string>(maxLength: 20, nullable: false),
            EntityType = t.Column<string>(maxLength: 80, nullable: false),
            EntityId = t.Column<string>(maxLength: 80, nullable: false),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_audit_log", x => x.Id));
        m.CreateIndex("IX_audit_log_At", "audit_log", "At");
        m.CreateIndex("IX_audit_log_EntityType_EntityId", "audit_log", ["EntityType", "EntityId"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "audit_log", "dependencies", "status_reports", "reporting_periods", "inclusion_assessments",
                     "criteria", "criteria_sets", "submission_steps", "phase_decisions", "initiatives", "national_solutions", "users", "organizations" })
            m.DropTable(table);
    }
}

internal static class MigrationColumns
{
    /// <summary>An auto-generated key on either provider.</summary>
    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity<T>(this ColumnsBuilder t) =>
        t.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(this ColumnsBuilder t) => t.Identity<int>();
}
