using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Portfolio;

/// <summary>What an initiative depends on: another initiative, a national solution or an organisation.</summary>
public class Dependency
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
    public DependencyTargetKind TargetKind { get; set; }
    public int? TargetInitiativeId { get; set; }
    public Initiative? TargetInitiative { get; set; }
    public int? TargetSolutionId { get; set; }
    public NationalSolution? TargetSolution { get; set; }
    public int? TargetOrganizationId { get; set; }
    public Organization? TargetOrganization { get; set; }
    public required string Description { get; set; }
    public Criticality Criticality { get; set; }
    public Rag Status { get; set; }
    public DateOnly? Deadline { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public string TargetName => TargetKind switch
    {
        DependencyTargetKind.Initiative => TargetInitiative?.Name,
        DependencyTargetKind.Solution => TargetSolution?.Name,
        _ => TargetOrganization?.Name,
    } ?? "";

    /// <summary>Past its deadline and not green.</summary>
    public bool IsOverdue(DateOnly today) => Deadline is { } d && d < today && Status != Rag.Green;
}

public class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> b)
    {
        b.ToTable("dependencies");
        b.HasOne(d => d.Initiative).WithMany(i => i.Dependencies).HasForeignKey(d => d.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.TargetInitiative).WithMany().HasForeignKey(d => d.TargetInitiativeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.TargetSolution).WithMany().HasForeignKey(d => d.TargetSolutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.TargetOrganization).WithMany().HasForeignKey(d => d.TargetOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.TargetKind).HasMaxLength(20);
        b.Property(d => d.Description).HasMaxLength(Initiative.TextMax);
        b.Property(d => d.Criticality).HasMaxLength(10);
        b.Property(d => d.Status).HasMaxLength(10);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.TargetName);
        b.HasIndex(d => new { d.Criticality, d.Status });
    }
}
