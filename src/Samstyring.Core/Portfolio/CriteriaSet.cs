using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

public enum CriterionKind
{
    /// <summary>Criterion 1 or 2 itself.</summary>
    [Label("Kriterium")] Main,
    /// <summary>One of the ways criterion 2 can be met.</summary>
    [Label("Måte kriterium 2 kan oppfylles på")] Criterion2Way,
    [Label("I tillegg ønsket i porteføljen")] AlsoWanted,
    [Label("Unntak")] Exception,
}

/// <summary>
/// The inclusion criteria are data: a versioned set, adopted by a council case (37/21 for the first).
/// Assessments point at the set they were made against, so old assessments keep their meaning.
/// </summary>
public class CriteriaSet
{
    public int Id { get; set; }
    public required string Version { get; set; }
    public required string Title { get; set; }
    /// <summary>The case that adopted the set, e.g. "Nasjonalt e-helsestyre 37/21".</summary>
    public string? AdoptedByCase { get; set; }
    public DateOnly? AdoptedOn { get; set; }
    /// <summary>The council case that adopted the set, when it was adopted in Samstyring.</summary>
    public int? AdoptedInCaseId { get; set; }
    public Council.CouncilCase? AdoptedInCase { get; set; }
    public bool IsCurrent { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
}

public class Criterion
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    /// <summary>"K1", "K2", "K2.1" … stable within a set.</summary>
    public required string Code { get; set; }
    public CriterionKind Kind { get; set; }
    public required string Text { get; set; }
    public int Order { get; set; }
}

public class CriteriaSetConfiguration : IEntityTypeConfiguration<CriteriaSet>
{
    public void Configure(EntityTypeBuilder<CriteriaSet> b)
    {
        b.ToTable("criteria_sets");
        b.Property(s => s.Version).HasMaxLength(20);
        b.HasIndex(s => s.Version).IsUnique();
        b.HasOne(s => s.AdoptedInCase).WithMany().HasForeignKey(s => s.AdoptedInCaseId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.AdoptedByCase).HasMaxLength(200);
        b.HasMany(s => s.Criteria).WithOne().HasForeignKey(c => c.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> b)
    {
        b.ToTable("criteria");
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Kind).HasMaxLength(40);
        b.Property(c => c.Text).HasMaxLength(2000);
        b.HasIndex(c => new { c.CriteriaSetId, c.Code }).IsUnique();
    }
}
