using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Evaluation;

/// <summary>
/// Evalueringsprinsipper: a versioned set of principles candidates are scored against, like the portfolio's inclusion
/// criteria (<see cref="Portfolio.CriteriaSet"/>). Version 1 holds the 11 principles Nasjonalt e-helsestyre was asked
/// about in case 40/21, in the case's order and words. An evaluation points at the set it uses, so a later version does
/// not change the meaning of old scores.
/// </summary>
public class PrincipleSet
{
    public const int TitleMax = 200;

    public int Id { get; set; }
    /// <summary>"1", "2" … unique per purpose.</summary>
    public required string Version { get; set; }
    public required string Title { get; set; }
    public EvaluationPurpose Purpose { get; set; }
    /// <summary>Where the set comes from, as the source names it, e.g. "Nasjonalt e-helsestyre sak 40/21".</summary>
    public string? SourceCase { get; set; }
    /// <summary>The set new evaluations of its purpose use.</summary>
    public bool IsCurrent { get; set; }
    public bool IsDemo { get; set; }
    public List<Principle> Principles { get; set; } = [];
}

public class Principle
{
    public const int TextMax = 500;

    public int Id { get; set; }
    public int PrincipleSetId { get; set; }
    /// <summary>1, 2 … the order of the source.</summary>
    public int Number { get; set; }
    public required string Text { get; set; }
}

public class PrincipleSetConfiguration : IEntityTypeConfiguration<PrincipleSet>
{
    public void Configure(EntityTypeBuilder<PrincipleSet> b)
    {
        b.ToTable("principle_sets");
        b.Property(s => s.Version).HasMaxLength(20);
        b.Property(s => s.Title).HasMaxLength(PrincipleSet.TitleMax);
        b.Property(s => s.Purpose).HasMaxLength(40);
        b.Property(s => s.SourceCase).HasMaxLength(200);
        b.HasIndex(s => new { s.Purpose, s.Version }).IsUnique();
        b.HasMany(s => s.Principles).WithOne().HasForeignKey(p => p.PrincipleSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PrincipleConfiguration : IEntityTypeConfiguration<Principle>
{
    public void Configure(EntityTypeBuilder<Principle> b)
    {
        b.ToTable("principles");
        b.Property(p => p.Text).HasMaxLength(Principle.TextMax);
        b.HasIndex(p => new { p.PrincipleSetId, p.Number }).IsUnique();
    }
}
