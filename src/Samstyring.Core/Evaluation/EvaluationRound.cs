using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Accounts;
using Samstyring.Core.Council;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// One evaluation round (vurdering): candidates (proposed target areas, or initiatives) scored by a panel against a
/// principle set, weighted by the board. The office runs it; the public sees the candidates, scores and ranking once the
/// office publishes it. Until the board has set weights, every principle weighs the same.
/// </summary>
public class EvaluationRound
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 2000;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int PrincipleSetId { get; set; }
    public PrincipleSet PrincipleSet { get; set; } = null!;
    /// <summary>Copied from the principle set: what the candidates are.</summary>
    public EvaluationPurpose Purpose { get; set; }
    public EvaluationStatus Status { get; set; }
    /// <summary>The public sees the candidates, their proposers, the scores and the ranking.</summary>
    public bool IsPublished { get; set; }
    /// <summary>The strategy the round serves, whose target areas a prioritised proposal can become.</summary>
    public int? StrategyId { get; set; }
    /// <summary>The council case whose decision set the weights; null while the weights are equal (not yet decided).</summary>
    public int? WeightsCaseId { get; set; }
    public CouncilCase? WeightsCase { get; set; }
    public DateOnly? WeightsDecidedOn { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<EvaluationWeight> Weights { get; set; } = [];
    public List<Candidate> Candidates { get; set; } = [];
    public List<PanelMember> Panel { get; set; } = [];

    public bool WeightsDecided => WeightsCaseId is not null;
}

/// <summary>The board's weight of one principle, a whole number from 0 to 100; only the weights' ratios count.</summary>
public class EvaluationWeight
{
    public const int Max = 100;

    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public int PrincipleId { get; set; }
    public Principle Principle { get; set; } = null!;
    public int Weight { get; set; }
}

/// <summary>
/// A candidate in a round: a proposed target area (title, description) or an initiative. A duplicate merged into another
/// stays, pointing at the one kept (<see cref="MergedIntoId"/>), and its proposers move to that one.
/// </summary>
public class Candidate
{
    public const int TitleMax = 200;
    public const int DescriptionMax = 2000;

    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public EvaluationRound Evaluation { get; set; } = null!;
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public int? MergedIntoId { get; set; }
    public Candidate? MergedInto { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<CandidateProposer> Proposers { get; set; } = [];
    public List<ScoreSheet> Sheets { get; set; } = [];
}

/// <summary>Who proposed a candidate: the name is kept as it was when proposed, and survives a merge.</summary>
public class CandidateProposer
{
    public int Id { get; set; }
    public int CandidateId { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public DateTime ProposedAt { get; set; }
}

/// <summary>A user the office has named to the round's panel (vurderingspanel).</summary>
public class PanelMember
{
    public int Id { get; set; }
    public int EvaluationId { get; set; }
    public int UserId { get; set; }
    public User User { get; set; } = null!;
}

/// <summary>One scorer's scores of one candidate, one per principle; saved together, versioned together.</summary>
public class ScoreSheet
{
    public int Id { get; set; }
    public int CandidateId { get; set; }
    public Candidate Candidate { get; set; } = null!;
    public int ScorerId { get; set; }
    public User Scorer { get; set; } = null!;
    public DateTime ScoredAt { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }
    public List<Score> Scores { get; set; } = [];
}

/// <summary>A score from 0 (does not contribute) to 4 (contributes very much), with the scorer's short reason.</summary>
public class Score
{
    public const int Min = 0, Max = 4;
    public const int ReasonMax = 500;

    public int Id { get; set; }
    public int SheetId { get; set; }
    public int PrincipleId { get; set; }
    public Principle Principle { get; set; } = null!;
    public int Value { get; set; }
    public required string Reason { get; set; }
}

public class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> b)
    {
        b.ToTable("evaluations");
        b.Property(e => e.Title).HasMaxLength(EvaluationRound.TitleMax);
        b.Property(e => e.Description).HasMaxLength(EvaluationRound.DescriptionMax);
        b.Property(e => e.Purpose).HasMaxLength(40);
        b.Property(e => e.Status).HasMaxLength(40);
        b.Property(e => e.CreatedBy).HasMaxLength(80);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.PrincipleSet).WithMany().HasForeignKey(e => e.PrincipleSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.WeightsCase).WithMany().HasForeignKey(e => e.WeightsCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.PrincipleSetId);
        b.HasIndex(e => e.WeightsCaseId);
        b.HasIndex(e => e.StrategyId);
        b.HasOne<Strategy.Strategy>().WithMany().HasForeignKey(e => e.StrategyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Weights).WithOne().HasForeignKey(w => w.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Panel).WithOne().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Candidates).WithOne(c => c.Evaluation).HasForeignKey(c => c.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(e => e.WeightsDecided);
    }
}

public class EvaluationWeightConfiguration : IEntityTypeConfiguration<EvaluationWeight>
{
    public void Configure(EntityTypeBuilder<EvaluationWeight> b)
    {
        b.ToTable("evaluation_weights");
        b.HasOne(w => w.Principle).WithMany().HasForeignKey(w => w.PrincipleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => new { w.EvaluationId, w.PrincipleId }).IsUnique();
        b.HasIndex(w => w.PrincipleId);
    }
}

public class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.ToTable("evaluation_candidates");
        b.Property(c => c.Title).HasMaxLength(Candidate.TitleMax);
        b.Property(c => c.Description).HasMaxLength(Candidate.DescriptionMax);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Initiative).WithMany().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        // SetNull, not Restrict: SQLite deletes a round's candidates (or drops the table) row by row, and a kept candidate
        // may go before the duplicate that points at it.
        b.HasOne(c => c.MergedInto).WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Proposers).WithOne().HasForeignKey(p => p.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sheets).WithOne(s => s.Candidate).HasForeignKey(s => s.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.EvaluationId);
        b.HasIndex(c => c.InitiativeId);
        b.HasIndex(c => c.MergedIntoId);
    }
}

public class CandidateProposerConfiguration : IEntityTypeConfiguration<CandidateProposer>
{
    public void Configure(EntityTypeBuilder<CandidateProposer> b)
    {
        b.ToTable("evaluation_proposers");
        b.Property(p => p.UserName).HasMaxLength(80);
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.HasIndex(p => p.CandidateId);
    }
}

public class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> b)
    {
        b.ToTable("evaluation_panel_members");
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.EvaluationId, p.UserId }).IsUnique();
        b.HasIndex(p => p.UserId);
    }
}

public class ScoreSheetConfiguration : IEntityTypeConfiguration<ScoreSheet>
{
    public void Configure(EntityTypeBuilder<ScoreSheet> b)
    {
        b.ToTable("evaluation_score_sheets");
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Scorer).WithMany().HasForeignKey(s => s.ScorerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Scores).WithOne().HasForeignKey(s => s.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.CandidateId, s.ScorerId }).IsUnique();
        b.HasIndex(s => s.ScorerId);
    }
}

public class ScoreConfiguration : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> b)
    {
        b.ToTable("evaluation_scores");
        b.Property(s => s.Reason).HasMaxLength(Score.ReasonMax);
        b.HasOne(s => s.Principle).WithMany().HasForeignKey(s => s.PrincipleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.SheetId, s.PrincipleId }).IsUnique();
        b.HasIndex(s => s.PrincipleId);
    }
}
