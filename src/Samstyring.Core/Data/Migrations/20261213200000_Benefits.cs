using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The benefits area (issue 12): benefits per initiative, their realised values per reporting period, and the
// socio-economic analysis with its alternatives and yearly figures. New tables only: the same operations on SQLite and
// PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Benefits : Migration
{
    public const string Id = "20261213200000_Benefits";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("benefits", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Type = t.Column<string>(maxLength: 40, nullable: false),
            Stakeholder = t.Column<string>(maxLength: 40, nullable: false),
            OwnerId = t.Column<int>(nullable: false),
            Indicator = t.Column<string>(maxLength: 200, nullable: false),
            Unit = t.Column<string>(maxLength: 60, nullable: false),
            Baseline = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            BaselineOn = t.Column<DateOnly>(nullable: false),
            Target = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            TargetDue = t.Column<DateOnly>(nullable: false),
            ValuedInNok = t.Column<bool>(nullable: false),
            NokPerUnitOre = t.Column<long>(nullable: true),
            Actions = t.Column<string>(maxLength: 4000, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_benefits", x => x.Id);
            t.ForeignKey("FK_benefits_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_benefits_organizations_OwnerId", x => x.OwnerId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_benefits_InitiativeId", "benefits", "InitiativeId");
        m.CreateIndex("IX_benefits_OwnerId", "benefits", "OwnerId");

        m.CreateTable("benefit_values", t => new
        {
            Id = t.Identity(),
            BenefitId = t.Column<int>(nullable: false),
            PeriodId = t.Column<int>(nullable: false),
            Value = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            Comment = t.Column<string>(maxLength: 2000, nullable: false),
            ReportedBy = t.Column<string>(maxLength: 80, nullable: false),
            ReportedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_benefit_values", x => x.Id);
            t.ForeignKey("FK_benefit_values_benefits_BenefitId", x => x.BenefitId, "benefits", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_benefit_values_reporting_periods_PeriodId", x => x.PeriodId, "reporting_periods", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_benefit_values_BenefitId_PeriodId", "benefit_values", ["BenefitId", "PeriodId"], unique: true);
        m.CreateIndex("IX_benefit_values_PeriodId", "benefit_values", "PeriodId");

        m.CreateTable("benefit_analyses", t => new
        {
            Id = t.Identity(),
            InitiativeId = t.Column<int>(nullable: false),
            DiscountRateBasisPoints = t.Column<int>(nullable: false),
            Note = t.Column<string>(maxLength: 4000, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_benefit_analyses", x => x.Id);
            t.ForeignKey("FK_benefit_analyses_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_benefit_analyses_InitiativeId", "benefit_analyses", "InitiativeId", unique: true);

        m.CreateTable("analysis_alternatives", t => new
        {
            Id = t.Identity(),
            AnalysisId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            NonValuedEffects = t.Column<string>(maxLength: 4000, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_analysis_alternatives", x => x.Id);
            t.ForeignKey("FK_analysis_alternatives_benefit_analyses_AnalysisId", x => x.AnalysisId, "benefit_analyses", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_analysis_alternatives_AnalysisId_Number", "analysis_alternatives", ["AnalysisId", "Number"], unique: true);

        m.CreateTable("alternative_years", t => new
        {
            Id = t.Identity(),
            AlternativeId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            CostOre = t.Column<long>(nullable: false),
            BenefitOre = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_alternative_years", x => x.Id);
            t.ForeignKey("FK_alternative_years_analysis_alternatives_AlternativeId", x => x.AlternativeId, "analysis_alternatives", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_alternative_years_AlternativeId_Year", "alternative_years", ["AlternativeId", "Year"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var t in new[] { "alternative_years", "analysis_alternatives", "benefit_analyses", "benefit_values", "benefits" })
            m.DropTable(t);
    }
}
