using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Samstyring.Core.Data.Migrations;

// Proposals and evaluation against principles (issue 12): versioned principle sets, evaluation rounds with the board's
// weights, candidates with their proposers, the panel and the score sheets. Only new tables: the same operations on SQLite
// and PostgreSQL. evaluations.StrategyId is a plain column; its foreign key comes when the strategy area is merged.
[DbContext(typeof(SamstyringDb))]
[Migration(Id)]
public partial class Evaluation : Migration
{
    public const string Id = "20261213100000_Evaluation";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("principle_sets", t => new
        {
            Id = t.Identity(),
            Version = t.Column<string>(maxLength: 20, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Purpose = t.Column<string>(maxLength: 40, nullable: false),
            SourceCase = t.Column<string>(maxLength: 200, nullable: true),
            IsCurrent = t.Column<bool>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_principle_sets", x => x.Id));
        m.CreateIndex("IX_principle_sets_Purpose_Version", "principle_sets", ["Purpose", "Version"], unique: true);

        m.CreateTable("principles", t => new
        {
            Id = t.Identity(),
            PrincipleSetId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Text = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_principles", x => x.Id);
            t.ForeignKey("FK_principles_principle_sets_PrincipleSetId", x => x.PrincipleSetId, "principle_sets", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_principles_PrincipleSetId_Number", "principles", ["PrincipleSetId", "Number"], unique: true);

        m.CreateTable("evaluations", t => new
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
        });
        m.CreateIndex("IX_evaluations_PrincipleSetId", "evaluations", "PrincipleSetId");
        m.CreateIndex("IX_evaluations_WeightsCaseId", "evaluations", "WeightsCaseId");
        m.CreateIndex("IX_evaluations_StrategyId", "evaluations", "StrategyId");

        m.CreateTable("evaluation_weights", t => new
        {
            Id = t.Identity(),
            EvaluationId = t.Column<int>(nullable: false),
            PrincipleId = t.Column<int>(nullable: false),
            Weight = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_weights", x => x.Id);
            t.ForeignKey("FK_evaluation_weights_evaluations_EvaluationId", x => x.EvaluationId, "evaluations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_evaluation_weights_principles_PrincipleId", x => x.PrincipleId, "principles", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_evaluation_weights_EvaluationId_PrincipleId", "evaluation_weights", ["EvaluationId", "PrincipleId"], unique: true);
        m.CreateIndex("IX_evaluation_weights_PrincipleId", "evaluation_weights", "PrincipleId");

        m.CreateTable("evaluation_candidates", t => new
        {
            Id = t.Identity(),
            EvaluationId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Description = t.Column<string>(maxLength: 2000, nullable: false),
            InitiativeId = t.Column<int>(nullable: true),
            MergedIntoId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_candidates", x => x.Id);
            t.ForeignKey("FK_evaluation_candidates_evaluations_EvaluationId", x => x.EvaluationId, "evaluations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_evaluation_candidates_initiatives_InitiativeId", x => x.InitiativeId, "initiatives", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_evaluation_candidates_evaluation_candidates_MergedIntoId", x => x.MergedIntoId, "evaluation_candidates", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_evaluation_candidates_EvaluationId", "evaluation_candidates", "EvaluationId");
        m.CreateIndex("IX_evaluation_candidates_InitiativeId", "evaluation_candidates", "InitiativeId");
        m.CreateIndex("IX_evaluation_candidates_MergedIntoId", "evaluation_candidates", "MergedIntoId");

        m.CreateTable("evaluation_proposers", t => new
        {
            Id = t.Identity(),
            CandidateId = t.Column<int>(nullable: false),
            UserName = t.Column<string>(maxLength: 80, nullable: false),
            DisplayName = t.Column<string>(maxLength: 200, nullable: false),
            ProposedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_proposers", x => x.Id);
            t.ForeignKey("FK_evaluation_proposers_evaluation_candidates_CandidateId", x => x.CandidateId, "evaluation_candidates", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_evaluation_proposers_CandidateId", "evaluation_proposers", "CandidateId");

        m.CreateTable("evaluation_panel_members", t => new
        {
            Id = t.Identity(),
            EvaluationId = t.Column<int>(nullable: false),
            UserId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_panel_members", x => x.Id);
            t.ForeignKey("FK_evaluation_panel_members_evaluations_EvaluationId", x => x.EvaluationId, "evaluations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_evaluation_panel_members_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_evaluation_panel_members_EvaluationId_UserId", "evaluation_panel_members", ["EvaluationId", "UserId"], unique: true);
        m.CreateIndex("IX_evaluation_panel_members_UserId", "evaluation_panel_members", "UserId");

        m.CreateTable("evaluation_score_sheets", t => new
        {
            Id = t.Identity(),
            CandidateId = t.Column<int>(nullable: false),
            ScorerId = t.Column<int>(nullable: false),
            ScoredAt = t.Column<DateTime>(nullable: false),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_score_sheets", x => x.Id);
            t.ForeignKey("FK_evaluation_score_sheets_evaluation_candidates_CandidateId", x => x.CandidateId, "evaluation_candidates", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_evaluation_score_sheets_users_ScorerId", x => x.ScorerId, "users", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_evaluation_score_sheets_CandidateId_ScorerId", "evaluation_score_sheets", ["CandidateId", "ScorerId"], unique: true);
        m.CreateIndex("IX_evaluation_score_sheets_ScorerId", "evaluation_score_sheets", "ScorerId");

        m.CreateTable("evaluation_scores", t => new
        {
            Id = t.Identity(),
            SheetId = t.Column<int>(nullable: false),
            PrincipleId = t.Column<int>(nullable: false),
            Value = t.Column<int>(nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evaluation_scores", x => x.Id);
            t.ForeignKey("FK_evaluation_scores_evaluation_score_sheets_SheetId", x => x.SheetId, "evaluation_score_sheets", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_evaluation_scores_principles_PrincipleId", x => x.PrincipleId, "principles", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_evaluation_scores_SheetId_PrincipleId", "evaluation_scores", ["SheetId", "PrincipleId"], unique: true);
        m.CreateIndex("IX_evaluation_scores_PrincipleId", "evaluation_scores", "PrincipleId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var t in new[] { "evaluation_scores", "evaluation_score_sheets", "evaluation_panel_members", "evaluation_proposers", "evaluation_candidates",
                     "evaluation_weights", "evaluations", "principles", "principle_sets" })
            m.DropTable(t);
    }
}
