using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The strategy area (issue 12): strategies with their steps, target areas (målområder) and their links to initiatives,
// roadmap services and national solutions. Only new tables: the same operations on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Strategy : Migration
{
    public const string Id = "20261213000000_Strategy";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("strategies", t => new
        {
            Id = t.Identity(),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            FromYear = t.Column<int>(nullable: false),
            ToYear = t.Column<int>(nullable: false),
            Vision = t.Column<string>(maxLength: 2000, nullable: false),
            Plan = t.Column<string>(maxLength: 2000, nullable: false),
            Source = t.Column<string>(maxLength: 500, nullable: true),
            Status = t.Column<string>(maxLength: 40, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedBy = t.Column<string>(maxLength: 80, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_strategies", x => x.Id));
        m.CreateIndex("IX_strategies_FromYear", "strategies", "FromYear");

        m.CreateTable("strategy_steps", t => new
        {
            Id = t.Identity(),
            StrategyId = t.Column<int>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            Status = t.Column<string>(maxLength: 40, nullable: false),
            Description = t.Column<string>(maxLength: 1000, nullable: false),
            CaseId = t.Column<int>(nullable: true),
            Reference = t.Column<string>(maxLength: 300, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            DemoNote = t.Column<string>(maxLength: 1000, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_strategy_steps", x => x.Id);
            t.ForeignKey("FK_strategy_steps_strategies_StrategyId", x => x.StrategyId, "strategies", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_strategy_steps_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_strategy_steps_StrategyId", "strategy_steps", "StrategyId");
        m.CreateIndex("IX_strategy_steps_CaseId", "strategy_steps", "CaseId");

        m.CreateTable("target_areas", t => new
        {
            Id = t.Identity(),
            StrategyId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Goal = t.Column<string>(maxLength: 4000, nullable: false),
            Indicators = t.Column<string>(maxLength: 9030, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_target_areas", x => x.Id);
            t.ForeignKey("FK_target_areas_strategies_StrategyId", x => x.StrategyId, "strategies", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_target_areas_StrategyId_Number", "target_areas", ["StrategyId", "Number"], unique: true);

        m.CreateTable("target_area_initiatives", t => new
        {
            TargetAreaId = t.Column<int>(nullable: false),
            InitiativeId = t.Column<int>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_target_area_initiatives", x => new { x.TargetAreaId, x.InitiativeId });
            t.ForeignKey("FK_target_area_initiatives_target_areas_TargetAreaId", x => x.TargetAreaId, "target_areas", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_target_area_initiatives_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_target_area_initiatives_InitiativeId", "target_area_initiatives", "InitiativeId");

        m.CreateTable("target_area_services", t => new
        {
            TargetAreaId = t.Column<int>(nullable: false),
            ServiceId = t.Column<int>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_target_area_services", x => new { x.TargetAreaId, x.ServiceId });
            t.ForeignKey("FK_target_area_services_target_areas_TargetAreaId", x => x.TargetAreaId, "target_areas", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_target_area_services_roadmap_services_ServiceId", x => x.ServiceId, "roadmap_services", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_target_area_services_ServiceId", "target_area_services", "ServiceId");

        m.CreateTable("target_area_solutions", t => new
        {
            TargetAreaId = t.Column<int>(nullable: false),
            SolutionId = t.Column<int>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_target_area_solutions", x => new { x.TargetAreaId, x.SolutionId });
            t.ForeignKey("FK_target_area_solutions_target_areas_TargetAreaId", x => x.TargetAreaId, "target_areas", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_target_area_solutions_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_target_area_solutions_SolutionId", "target_area_solutions", "SolutionId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var t in new[] { "target_area_solutions", "target_area_services", "target_area_initiatives", "target_areas", "strategy_steps", "strategies" })
            m.DropTable(t);
    }
}
