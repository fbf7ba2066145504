using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The roadmap: versions, services with plans per actor group, links to solutions and initiatives, dependencies,
// milestones with prerequisites and phases. New tables only, so no provider branches are needed.
[DbContext(typeof(SamstyringDb))]
[Migration("20261125000000_Roadmap")]
public partial class Roadmap : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("roadmap_versions", t => new
        {
            Id = t.Identity(),
            Number = t.Column<string>(maxLength: 20, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            BasedOnId = t.Column<int>(nullable: true),
            Summary = t.Column<string>(maxLength: 4000, nullable: false),
            RecommendedCaseId = t.Column<int>(nullable: true),
            RecommendedOn = t.Column<DateOnly>(nullable: true),
            EndorsedCaseId = t.Column<int>(nullable: true),
            EndorsedOn = t.Column<DateOnly>(nullable: true),
            PublishedOn = t.Column<DateOnly>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_versions", x => x.Id);
            t.ForeignKey("FK_roadmap_versions_roadmap_versions_BasedOnId", x => x.BasedOnId, "roadmap_versions", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_roadmap_versions_cases_RecommendedCaseId", x => x.RecommendedCaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_roadmap_versions_cases_EndorsedCaseId", x => x.EndorsedCaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_roadmap_versions_Number", "roadmap_versions", "Number", unique: true);
        m.CreateIndex("IX_roadmap_versions_BasedOnId", "roadmap_versions", "BasedOnId");
        m.CreateIndex("IX_roadmap_versions_RecommendedCaseId", "roadmap_versions", "RecommendedCaseId");
        m.CreateIndex("IX_roadmap_versions_EndorsedCaseId", "roadmap_versions", "EndorsedCaseId");

        m.CreateTable("roadmap_services", t => new
        {
            Id = t.Identity(),
            RoadmapVersionId = t.Column<int>(nullable: false),
            Key = t.Column<string>(maxLength: 80, nullable: false),
            Area = t.Column<string>(maxLength: 120, nullable: false),
            Goal = t.Column<string>(maxLength: 300, nullable: false),
            Description = t.Column<string>(maxLength: 4000, nullable: false),
            Position = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_services", x => x.Id);
            t.ForeignKey("FK_roadmap_services_roadmap_versions_RoadmapVersionId", x => x.RoadmapVersionId, "roadmap_versions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_roadmap_services_RoadmapVersionId_Key", "roadmap_services", ["RoadmapVersionId", "Key"], unique: true);

        m.CreateTable("roadmap_plans", t => new
        {
            Id = t.Identity(),
            ServiceId = t.Column<int>(nullable: false),
            ActorGroup = t.Column<string>(maxLength: 120, nullable: false),
            Kind = t.Column<string>(maxLength: 20, nullable: false),
            Written = t.Column<string>(maxLength: 100, nullable: false),
            Start = t.Column<DateOnly>(nullable: true),
            End = t.Column<DateOnly>(nullable: true),
            Precision = t.Column<string>(maxLength: 20, nullable: false),
            Qualifier = t.Column<string>(maxLength: 20, nullable: false),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_plans", x => x.Id);
            t.ForeignKey("FK_roadmap_plans_roadmap_services_ServiceId", x => x.ServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_roadmap_plans_ServiceId_ActorGroup_Kind", "roadmap_plans", ["ServiceId", "ActorGroup", "Kind"], unique: true);

        m.CreateTable("roadmap_service_solutions", t => new
        {
            ServiceId = t.Column<int>(nullable: false),
            NationalSolutionId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_service_solutions", x => new { x.ServiceId, x.NationalSolutionId });
            t.ForeignKey("FK_roadmap_service_solutions_roadmap_services_ServiceId", x => x.ServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_roadmap_service_solutions_national_solutions_NationalSoluti~", x => x.NationalSolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_roadmap_service_solutions_NationalSolutionId", "roadmap_service_solutions", "NationalSolutionId");

        m.CreateTable("roadmap_service_initiatives", t => new
        {
            ServiceId = t.Column<int>(nullable: false),
            InitiativeId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_service_initiatives", x => new { x.ServiceId, x.InitiativeId });
            t.ForeignKey("FK_roadmap_service_initiatives_roadmap_services_ServiceId", x => x.ServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_roadmap_service_initiatives_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_roadmap_service_initiatives_InitiativeId", "roadmap_service_initiatives", "InitiativeId");

        m.CreateTable("roadmap_dependencies", t => new
        {
            Id = t.Identity(),
            ServiceId = t.Column<int>(nullable: false),
            DependsOnServiceId = t.Column<int>(nullable: true),
            InitiativeId = t.Column<int>(nullable: true),
            NationalSolutionId = t.Column<int>(nullable: true),
            Description = t.Column<string>(maxLength: 1000, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_dependencies", x => x.Id);
            t.ForeignKey("FK_roadmap_dependencies_roadmap_services_ServiceId", x => x.ServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_roadmap_dependencies_roadmap_services_DependsOnServiceId", x => x.DependsOnServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_roadmap_dependencies_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_roadmap_dependencies_national_solutions_NationalSolutionId", x => x.NationalSolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_roadmap_dependencies_ServiceId", "roadmap_dependencies", "ServiceId");
        m.CreateIndex("IX_roadmap_dependencies_DependsOnServiceId", "roadmap_dependencies", "DependsOnServiceId");
        m.CreateIndex("IX_roadmap_dependencies_InitiativeId", "roadmap_dependencies", "InitiativeId");
        m.CreateIndex("IX_roadmap_dependencies_NationalSolutionId", "roadmap_dependencies", "NationalSolutionId");

        m.CreateTable("roadmap_milestones", t => new
        {
            Id = t.Identity(),
            RoadmapVersionId = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 10, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            ReachCriterion = t.Column<string>(maxLength: 4000, nullable: false),
            TargetWritten = t.Column<string>(maxLength: 100, nullable: true),
            TargetStart = t.Column<DateOnly>(nullable: true),
            TargetEnd = t.Column<DateOnly>(nullable: true),
            Position = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_milestones", x => x.Id);
            t.ForeignKey("FK_roadmap_milestones_roadmap_versions_RoadmapVersionId", x => x.RoadmapVersionId, "roadmap_versions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_roadmap_milestones_RoadmapVersionId_Code", "roadmap_milestones", ["RoadmapVersionId", "Code"], unique: true);

        m.CreateTable("roadmap_prerequisites", t => new
        {
            Id = t.Identity(),
            MilestoneId = t.Column<int>(nullable: false),
            Text = t.Column<string>(maxLength: 2000, nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Assessment = t.Column<string>(maxLength: 4000, nullable: false),
            AssessedOn = t.Column<DateOnly>(nullable: true),
            Position = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_prerequisites", x => x.Id);
            t.ForeignKey("FK_roadmap_prerequisites_roadmap_milestones_MilestoneId", x => x.MilestoneId, "roadmap_milestones", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_roadmap_prerequisites_MilestoneId", "roadmap_prerequisites", "MilestoneId");

        m.CreateTable("roadmap_milestone_phases", t => new
        {
            Id = t.Identity(),
            MilestoneId = t.Column<int>(nullable: false),
            Phase = t.Column<string>(maxLength: 20, nullable: false),
            Written = t.Column<string>(maxLength: 100, nullable: false),
            Start = t.Column<DateOnly>(nullable: true),
            End = t.Column<DateOnly>(nullable: true),
            Position = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_roadmap_milestone_phases", x => x.Id);
            t.ForeignKey("FK_roadmap_milestone_phases_roadmap_milestones_MilestoneId", x => x.MilestoneId, "roadmap_milestones", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_roadmap_milestone_phases_MilestoneId", "roadmap_milestone_phases", "MilestoneId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "roadmap_milestone_phases", "roadmap_prerequisites", "roadmap_milestones", "roadmap_dependencies",
                     "roadmap_service_initiatives", "roadmap_service_solutions", "roadmap_plans", "roadmap_services", "roadmap_versions" })
            m.DropTable(table);
    }
}
