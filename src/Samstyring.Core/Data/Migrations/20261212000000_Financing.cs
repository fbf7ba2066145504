using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The financing area (issue 11): population figures per date, cost bases per solution and year, price models with their
// steps, group shares and key entries, the voluntary purchases' price lists and orders, and the structured cost of a
// status report. Only new tables and nullable columns: the same operations on SQLite and PostgreSQL.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Financing : Migration
{
    public const string Id = "20261212000000_Financing";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("population_figures", t => new
        {
            Id = t.Identity(),
            OrganizationId = t.Column<int>(nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            Population = t.Column<int>(nullable: false),
            Source = t.Column<string>(maxLength: 300, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_population_figures", x => x.Id);
            t.ForeignKey("FK_population_figures_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_population_figures_OrganizationId_On", "population_figures", ["OrganizationId", "On"], unique: true);
        m.CreateIndex("IX_population_figures_On", "population_figures", "On");

        m.CreateTable("cost_bases", t => new
        {
            Id = t.Identity(),
            SolutionId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            ManagementOre = t.Column<long>(nullable: false),
            OperationOre = t.Column<long>(nullable: false),
            DevelopmentOre = t.Column<long>(nullable: false),
            InvestmentOre = t.Column<long>(nullable: false),
            ActualRunningOre = t.Column<long>(nullable: true),
            ActualInvestmentOre = t.Column<long>(nullable: true),
            TbuOre = t.Column<long>(nullable: true),
            TbuRecordedBy = t.Column<string>(maxLength: 80, nullable: true),
            TbuRecordedAt = t.Column<DateTime>(nullable: true),
            PriceWageGrowthOre = t.Column<long>(nullable: true),
            VolumeOre = t.Column<long>(nullable: true),
            NewFunctionsOre = t.Column<long>(nullable: true),
            Note = t.Column<string>(maxLength: 2000, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_cost_bases", x => x.Id);
            t.ForeignKey("FK_cost_bases_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_cost_bases_SolutionId_Year", "cost_bases", ["SolutionId", "Year"], unique: true);
        m.CreateIndex("IX_cost_bases_Year", "cost_bases", "Year");

        m.CreateTable("price_models", t => new
        {
            Id = t.Identity(),
            Year = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            IsScenario = t.Column<bool>(nullable: false),
            Status = t.Column<string>(maxLength: 40, nullable: false),
            BasedOnId = t.Column<int>(nullable: true),
            Note = t.Column<string>(maxLength: 2000, nullable: false),
            CreatedBy = t.Column<string>(maxLength: 80, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_price_models", x => x.Id);
            t.ForeignKey("FK_price_models_price_models_BasedOnId", x => x.BasedOnId, "price_models", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_price_models_Year_Number", "price_models", ["Year", "Number"], unique: true);
        m.CreateIndex("IX_price_models_BasedOnId", "price_models", "BasedOnId");

        m.CreateTable("price_model_steps", t => new
        {
            Id = t.Identity(),
            PriceModelId = t.Column<int>(nullable: false),
            Step = t.Column<string>(maxLength: 40, nullable: false),
            On = t.Column<DateOnly>(nullable: false),
            CaseId = t.Column<int>(nullable: true),
            Reference = t.Column<string>(maxLength: 300, nullable: true),
            RecordedBy = t.Column<string>(maxLength: 80, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_price_model_steps", x => x.Id);
            t.ForeignKey("FK_price_model_steps_price_models_PriceModelId", x => x.PriceModelId, "price_models", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_price_model_steps_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_price_model_steps_PriceModelId", "price_model_steps", "PriceModelId");
        m.CreateIndex("IX_price_model_steps_CaseId", "price_model_steps", "CaseId");

        m.CreateTable("price_model_shares", t => new
        {
            Id = t.Identity(),
            PriceModelId = t.Column<int>(nullable: false),
            SolutionId = t.Column<int>(nullable: false),
            Group = t.Column<string>(maxLength: 40, nullable: false),
            BasisPoints = t.Column<int>(nullable: false),
            Key = t.Column<string>(maxLength: 40, nullable: false),
            PopulationOn = t.Column<DateOnly>(nullable: true),
            Collection = t.Column<string>(maxLength: 40, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_price_model_shares", x => x.Id);
            t.ForeignKey("FK_price_model_shares_price_models_PriceModelId", x => x.PriceModelId, "price_models", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_price_model_shares_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_price_model_shares_PriceModelId_SolutionId_Group", "price_model_shares", ["PriceModelId", "SolutionId", "Group"], unique: true);
        m.CreateIndex("IX_price_model_shares_SolutionId", "price_model_shares", "SolutionId");

        m.CreateTable("key_entries", t => new
        {
            Id = t.Identity(),
            ShareId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            Weight = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_key_entries", x => x.Id);
            t.ForeignKey("FK_key_entries_price_model_shares_ShareId", x => x.ShareId, "price_model_shares", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_key_entries_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_key_entries_ShareId_OrganizationId", "key_entries", ["ShareId", "OrganizationId"], unique: true);
        m.CreateIndex("IX_key_entries_OrganizationId", "key_entries", "OrganizationId");

        m.CreateTable("price_list_items", t => new
        {
            Id = t.Identity(),
            SolutionId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Unit = t.Column<string>(maxLength: 60, nullable: false),
            UnitPriceOre = t.Column<long>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_price_list_items", x => x.Id);
            t.ForeignKey("FK_price_list_items_national_solutions_SolutionId", x => x.SolutionId, "national_solutions", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_price_list_items_Year_SolutionId", "price_list_items", ["Year", "SolutionId"]);
        m.CreateIndex("IX_price_list_items_SolutionId", "price_list_items", "SolutionId");

        m.CreateTable("service_orders", t => new
        {
            Id = t.Identity(),
            PriceListItemId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            Quantity = t.Column<long>(nullable: false),
            OrderedOn = t.Column<DateOnly>(nullable: false),
            Note = t.Column<string>(maxLength: 500, nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_service_orders", x => x.Id);
            t.ForeignKey("FK_service_orders_price_list_items_PriceListItemId", x => x.PriceListItemId, "price_list_items", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_service_orders_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_service_orders_PriceListItemId", "service_orders", "PriceListItemId");
        m.CreateIndex("IX_service_orders_OrganizationId", "service_orders", "OrganizationId");

        m.AddColumn<long>("BudgetOre", "status_reports", nullable: true);
        m.AddColumn<long>("SpentOre", "status_reports", nullable: true);
        m.AddColumn<long>("ForecastOre", "status_reports", nullable: true);
        m.AddColumn<string>("FundingSource", "status_reports", maxLength: 40, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var t in new[] { "service_orders", "price_list_items", "key_entries", "price_model_shares", "price_model_steps", "price_models", "cost_bases", "population_figures" })
            m.DropTable(t);
        // SQLite drops a plain column with ALTER TABLE (3.35 and later); EF's operation refuses it there.
        foreach (var c in new[] { "BudgetOre", "SpentOre", "ForecastOre", "FundingSource" })
            if (m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql($"""ALTER TABLE "status_reports" DROP COLUMN "{c}";""");
            else m.DropColumn(c, "status_reports");
    }
}
