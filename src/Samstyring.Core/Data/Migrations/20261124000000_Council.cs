using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The council model: bodies, members, meetings, agenda, attendance, cases, attachments and the yearly cycle.
// Written by hand like InitialCreate; MigrationSchemaTests proves it matches the model on both databases.
[DbContext(typeof(SamstyringDb))]
[Migration("20261124000000_Council")]
public partial class Council : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // SQLite cannot add a foreign key to an existing table, but accepts one to a table created later;
        // PostgreSQL is the other way round. Both end with the same constraints.
        var sqlite = m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";

        m.CreateTable("bodies", t => new
        {
            Id = t.Identity(),
            Slug = t.Column<string>(maxLength: 80, nullable: false),
            Kind = t.Column<string>(maxLength: 40, nullable: false),
            NationalSolutionId = t.Column<int>(nullable: true),
            Description = t.Column<string>(maxLength: 20000, nullable: false),
            QuorumRule = t.Column<string>(maxLength: 20, nullable: false),
            QuorumCount = t.Column<int>(nullable: true),
            SortOrder = t.Column<int>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_bodies", x => x.Id);
            t.ForeignKey("FK_bodies_national_solutions_NationalSolutionId", x => x.NationalSolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_bodies_Slug", "bodies", "Slug", unique: true);
        m.CreateIndex("IX_bodies_NationalSolutionId", "bodies", "NationalSolutionId");

        m.CreateTable("body_names", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            ShortName = t.Column<string>(maxLength: 40, nullable: true),
            ValidFrom = t.Column<DateOnly>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_body_names", x => x.Id);
            t.ForeignKey("FK_body_names_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_body_names_BodyId_ValidFrom", "body_names", ["BodyId", "ValidFrom"], unique: true);

        m.CreateTable("body_members", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: true),
            OrganizationId = t.Column<int>(nullable: false),
            Role = t.Column<string>(maxLength: 20, nullable: false),
            SubstituteForId = t.Column<int>(nullable: true),
            TermStart = t.Column<DateOnly>(nullable: false),
            TermEnd = t.Column<DateOnly>(nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_body_members", x => x.Id);
            t.ForeignKey("FK_body_members_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_body_members_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_body_members_body_members_SubstituteForId", x => x.SubstituteForId, "body_members", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_body_members_BodyId_TermStart", "body_members", ["BodyId", "TermStart"]);
        m.CreateIndex("IX_body_members_OrganizationId", "body_members", "OrganizationId");
        m.CreateIndex("IX_body_members_SubstituteForId", "body_members", "SubstituteForId");

        m.CreateTable("meetings", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Date = t.Column<DateOnly>(nullable: false),
            StartTime = t.Column<TimeOnly>(nullable: false),
            EndTime = t.Column<TimeOnly>(nullable: false),
            Location = t.Column<string>(maxLength: 200, nullable: false),
            IsVideo = t.Column<bool>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            NoticeSentAt = t.Column<DateTime>(nullable: true),
            MinutesApprovalCaseId = t.Column<int>(nullable: true),
            OtherAttendees = t.Column<string>(maxLength: 4000, nullable: true),
            MinutesNote = t.Column<string>(maxLength: 20000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_meetings", x => x.Id);
            t.ForeignKey("FK_meetings_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Restrict);
            if (sqlite) t.ForeignKey("FK_meetings_cases_MinutesApprovalCaseId", x => x.MinutesApprovalCaseId, "cases", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_meetings_BodyId_Year_Number", "meetings", ["BodyId", "Year", "Number"], unique: true);
        m.CreateIndex("IX_meetings_Date", "meetings", "Date");
        m.CreateIndex("IX_meetings_MinutesApprovalCaseId", "meetings", "MinutesApprovalCaseId");

        m.CreateTable("cases", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            MeetingId = t.Column<int>(nullable: true),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Type = t.Column<string>(maxLength: 20, nullable: false),
            Standing = t.Column<string>(maxLength: 20, nullable: false),
            From = t.Column<string>(maxLength: 200, nullable: true),
            Officers = t.Column<string>(maxLength: 400, nullable: true),
            Purpose = t.Column<string>(maxLength: 20000, nullable: true),
            Background = t.Column<string>(maxLength: 20000, nullable: true),
            ProposedDecision = t.Column<string>(maxLength: 20000, nullable: true),
            Decision = t.Column<string>(maxLength: 20000, nullable: true),
            DecidedOn = t.Column<DateOnly>(nullable: true),
            Confidential = t.Column<bool>(nullable: false),
            LegalBasis = t.Column<string>(maxLength: 200, nullable: true),
            CommentDeadline = t.Column<DateOnly>(nullable: true),
            CommentDeadlineNote = t.Column<string>(maxLength: 1000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_cases", x => x.Id);
            t.ForeignKey("FK_cases_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_cases_meetings_MeetingId", x => x.MeetingId, "meetings", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_cases_BodyId_Year_Number", "cases", ["BodyId", "Year", "Number"], unique: true);
        m.CreateIndex("IX_cases_MeetingId", "cases", "MeetingId");

        if (!sqlite) m.AddForeignKey("FK_meetings_cases_MinutesApprovalCaseId", "meetings", "MinutesApprovalCaseId", "cases", principalColumn: "Id", onDelete: ReferentialAction.SetNull);

        m.CreateTable("body_mandates", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            ValidFrom = t.Column<DateOnly>(nullable: false),
            Text = t.Column<string>(maxLength: 20000, nullable: false),
            AdoptedInCaseId = t.Column<int>(nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_body_mandates", x => x.Id);
            t.ForeignKey("FK_body_mandates_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_body_mandates_cases_AdoptedInCaseId", x => x.AdoptedInCaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_body_mandates_BodyId_ValidFrom", "body_mandates", ["BodyId", "ValidFrom"], unique: true);
        m.CreateIndex("IX_body_mandates_AdoptedInCaseId", "body_mandates", "AdoptedInCaseId");

        m.CreateTable("agenda_items", t => new
        {
            Id = t.Identity(),
            MeetingId = t.Column<int>(nullable: false),
            Position = t.Column<int>(nullable: false),
            StartsAt = t.Column<TimeOnly>(nullable: true),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            CaseId = t.Column<int>(nullable: true),
            Title = t.Column<string>(maxLength: 200, nullable: true),
            Presenter = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_agenda_items", x => x.Id);
            t.ForeignKey("FK_agenda_items_meetings_MeetingId", x => x.MeetingId, "meetings", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_agenda_items_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_agenda_items_MeetingId_Position", "agenda_items", ["MeetingId", "Position"]);
        m.CreateIndex("IX_agenda_items_CaseId", "agenda_items", "CaseId");

        m.CreateTable("attendance", t => new
        {
            Id = t.Identity(),
            MeetingId = t.Column<int>(nullable: false),
            MemberId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            ByVideo = t.Column<bool>(nullable: false),
            SubstituteName = t.Column<string>(maxLength: 200, nullable: true),
            FromTime = t.Column<TimeOnly>(nullable: true),
            UpToCaseId = t.Column<int>(nullable: true),
            Note = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attendance", x => x.Id);
            t.ForeignKey("FK_attendance_meetings_MeetingId", x => x.MeetingId, "meetings", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attendance_body_members_MemberId", x => x.MemberId, "body_members", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_attendance_cases_UpToCaseId", x => x.UpToCaseId, "cases", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_attendance_MeetingId_MemberId", "attendance", ["MeetingId", "MemberId"], unique: true);
        m.CreateIndex("IX_attendance_MemberId", "attendance", "MemberId");
        m.CreateIndex("IX_attendance_UpToCaseId", "attendance", "UpToCaseId");

        m.CreateTable("case_links", t => new
        {
            Id = t.Identity(),
            CaseId = t.Column<int>(nullable: false),
            RelatedCaseId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_case_links", x => x.Id);
            t.ForeignKey("FK_case_links_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_case_links_cases_RelatedCaseId", x => x.RelatedCaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_case_links_CaseId_RelatedCaseId", "case_links", ["CaseId", "RelatedCaseId"], unique: true);
        m.CreateIndex("IX_case_links_RelatedCaseId", "case_links", "RelatedCaseId");

        m.CreateTable("case_references", t => new
        {
            Id = t.Identity(),
            CaseId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            InitiativeId = t.Column<int>(nullable: true),
            ReportingPeriodId = t.Column<int>(nullable: true),
            CriteriaSetId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_case_references", x => x.Id);
            t.ForeignKey("FK_case_references_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_case_references_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_case_references_reporting_periods_ReportingPeriodId", x => x.ReportingPeriodId, "reporting_periods", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_case_references_criteria_sets_CriteriaSetId", x => x.CriteriaSetId, "criteria_sets", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_case_references_CaseId", "case_references", "CaseId");
        m.CreateIndex("IX_case_references_InitiativeId", "case_references", "InitiativeId");
        m.CreateIndex("IX_case_references_ReportingPeriodId", "case_references", "ReportingPeriodId");
        m.CreateIndex("IX_case_references_CriteriaSetId", "case_references", "CriteriaSetId");

        m.CreateTable("case_comments", t => new
        {
            Id = t.Identity(),
            CaseId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: true),
            Author = t.Column<string>(maxLength: 200, nullable: false),
            ReceivedOn = t.Column<DateOnly>(nullable: false),
            Text = t.Column<string>(maxLength: 20000, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_case_comments", x => x.Id);
            t.ForeignKey("FK_case_comments_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_case_comments_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_case_comments_CaseId", "case_comments", "CaseId");
        m.CreateIndex("IX_case_comments_OrganizationId", "case_comments", "OrganizationId");

        m.CreateTable("attachments", t => new
        {
            Id = t.Identity(),
            CaseId = t.Column<int>(nullable: false),
            Label = t.Column<string>(maxLength: 10, nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: true),
            ContentType = t.Column<string>(maxLength: 120, nullable: true),
            SizeBytes = t.Column<long>(nullable: true),
            StoragePath = t.Column<string>(maxLength: 300, nullable: true),
            Sha256 = t.Column<string>(maxLength: 64, nullable: true),
            Confidential = t.Column<bool>(nullable: false),
            LegalBasis = t.Column<string>(maxLength: 200, nullable: true),
            UploadedAt = t.Column<DateTime>(nullable: false),
            UploadedBy = t.Column<string>(maxLength: 80, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attachments", x => x.Id);
            t.ForeignKey("FK_attachments_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_attachments_CaseId", "attachments", "CaseId");

        m.CreateTable("cycle_items", t => new
        {
            Id = t.Identity(),
            BodyId = t.Column<int>(nullable: false),
            Month = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Type = t.Column<string>(maxLength: 20, nullable: false),
            Description = t.Column<string>(maxLength: 4000, nullable: true),
            ProposedDecision = t.Column<string>(maxLength: 4000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_cycle_items", x => x.Id);
            t.ForeignKey("FK_cycle_items_bodies_BodyId", x => x.BodyId, "bodies", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_cycle_items_BodyId_Month", "cycle_items", ["BodyId", "Month"]);

        if (sqlite)
        {
            m.Sql("""ALTER TABLE "criteria_sets" ADD COLUMN "AdoptedInCaseId" INTEGER NULL CONSTRAINT "FK_criteria_sets_cases_AdoptedInCaseId" REFERENCES "cases" ("Id") ON DELETE SET NULL;""");
        }
        else
        {
            m.AddColumn<int>("AdoptedInCaseId", "criteria_sets", nullable: true);
            m.AddForeignKey("FK_criteria_sets_cases_AdoptedInCaseId", "criteria_sets", "AdoptedInCaseId", "cases", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        m.CreateIndex("IX_criteria_sets_AdoptedInCaseId", "criteria_sets", "AdoptedInCaseId");
    }

    protected override void Down(MigrationBuilder m)
    {
        var sqlite = m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
        m.DropIndex("IX_criteria_sets_AdoptedInCaseId", "criteria_sets");
        if (sqlite) m.Sql("""ALTER TABLE "criteria_sets" DROP COLUMN "AdoptedInCaseId";""");
        else
        {
            m.DropForeignKey("FK_criteria_sets_cases_AdoptedInCaseId", "criteria_sets");
            m.DropColumn("AdoptedInCaseId", "criteria_sets");
            m.DropForeignKey("FK_meetings_cases_MinutesApprovalCaseId", "meetings");
        }
        foreach (var table in new[] { "cycle_items", "attachments", "case_comments", "case_references", "case_links", "attendance",
                     "agenda_items", "body_mandates", "cases", "meetings", "body_members", "body_names", "bodies" })
            m.DropTable(table);
    }
}
