using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// The evaluation round's strategy becomes a foreign key (issue 12): the two areas were built side by side, and the round
// only checked the strategy when it was created. A round pointing at a strategy that is gone (none can, but an old
// database is not trusted) loses the link first. PostgreSQL adds the key; SQLite cannot add one to a column, so the table
// is rebuilt the way EF rebuilds SQLite tables, with foreign keys off outside the transaction so that the weights, panel
// and candidates pointing at the rounds keep their rows.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class EvaluationStrategyLink : Migration
{
    public const string Id = "20261215100000_EvaluationStrategyLink";
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string ForeignKey = "FK_evaluations_strategies_StrategyId";

    protected override void Up(MigrationBuilder m)
    {
        m.Sql("""UPDATE "evaluations" SET "StrategyId" = NULL WHERE "StrategyId" IS NOT NULL AND "StrategyId" NOT IN (SELECT "Id" FROM "strategies");""");
        if (m.ActiveProvider == Sqlite) Rebuild(m, withStrategyKey: true);
        else m.AddForeignKey(ForeignKey, "evaluations", "StrategyId", "strategies", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
    }

    protected override void Down(MigrationBuilder m)
    {
        if (m.ActiveProvider == Sqlite) Rebuild(m, withStrategyKey: false);
        else m.DropForeignKey(ForeignKey, "evaluations");
    }

    private static void Rebuild(MigrationBuilder m, bool withStrategyKey)
    {
        m.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        m.CreateTable("ef_temp_evaluations", t => new
        {
            Id = t.Identity(),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 2000, nullable: false),
            PrincipleSetId = t.Column<int>(nullable: false),
            Purpose = t.Column<string>(maxLength: 40, nullable: false),
            Status = t.Column<string>(maxLength: 40, nullable: false),
            IsPublished = t.Column<bool>(nullable: false),
            StrategyId = t.Column<int>(nullable: true),
            WeightsCaseId = t.Column<int>(nullable: true),
            WeightsDecidedOn = t.Column<DateOnly>(nullable: true),
            CreatedBy = t.Column<string>(maxLength: 80, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluations", x => x.Id);
            t.ForeignKey("FK_evaluations_principle_sets_PrincipleSetId", x => x.PrincipleSetId, "principle_sets", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_evaluations_cases_WeightsCaseId", x => x.WeightsCaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
            if (withStrategyKey) t.ForeignKey(ForeignKey, x => x.StrategyId, "strategies", "Id", onDelete: ReferentialAction.Restrict);
        });
        const string columns = """ "Id", "Title", "Description", "PrincipleSetId", "Purpose", "Status", "IsPublished", "StrategyId", "WeightsCaseId", "WeightsDecidedOn", "CreatedBy", "CreatedAt", "IsDemo", "Version" """;
        m.Sql($"""INSERT INTO "ef_temp_evaluations" ({columns}) SELECT {columns} FROM "evaluations";""");
        m.DropTable("evaluations");
        m.RenameTable("ef_temp_evaluations", newName: "evaluations");
        m.CreateIndex("IX_evaluations_PrincipleSetId", "evaluations", "PrincipleSetId");
        m.CreateIndex("IX_evaluations_WeightsCaseId", "evaluations", "WeightsCaseId");
        m.CreateIndex("IX_evaluations_StrategyId", "evaluations", "StrategyId");
        m.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }
}
