using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Council;

namespace Samstyring.Core.Solutions;

/// <summary>
/// One actor's adoption stage of a solution from a date (innføring). Rows are never changed: a new stage is a new row, so
/// the state on any past date is the latest row on or before it.
/// </summary>
public class AdoptionChange
{
    public const int SourceMax = 300;

    public long Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public AdoptionStage Stage { get; set; }
    public DateOnly On { get; set; }
    /// <summary>Where the figure comes from: "Opplastet liste fra NHN", "Sak 38/21", …</summary>
    public required string Source { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>
/// Adoption in a group whose actors are not registered one by one (health trusts, GP offices, pharmacies): how many of
/// them had reached a stage on a date, out of how many.
/// </summary>
public class AdoptionCount
{
    public long Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public AdoptionGroup Group { get; set; }
    public AdoptionStage Stage { get; set; }
    public int Count { get; set; }
    public int? Total { get; set; }
    public DateOnly On { get; set; }
    public required string Source { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>
/// A target for a solution's adoption in one actor group: a count or share of actors at a stage (usually "tatt i bruk")
/// by a date, set by a council case ("75 % av landets kommuner innen 2022", seed 001 lines 1484–1489).
/// </summary>
public class AdoptionTarget
{
    public int Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public AdoptionGroup Group { get; set; }
    public AdoptionStage Stage { get; set; } = AdoptionStage.InUse;
    public TargetMeasure Measure { get; set; }
    public double Value { get; set; }
    public DateOnly DueOn { get; set; }
    public int? CaseId { get; set; }
    public CouncilCase? Case { get; set; }
    /// <summary>The case as the source names it, when it is not (yet) registered: "Nasjonalt e-helsestyre sak 38/21".</summary>
    public string? CaseReference { get; set; }
    public string? Source { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }
}

public class AdoptionChangeConfiguration : IEntityTypeConfiguration<AdoptionChange>
{
    public void Configure(EntityTypeBuilder<AdoptionChange> b)
    {
        b.ToTable("adoption_changes");
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Stage).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(AdoptionChange.SourceMax);
        b.Property(x => x.RecordedBy).HasMaxLength(80);
        // The state on a date reads, per solution, the latest row per organisation on or before it.
        b.HasIndex(x => new { x.SolutionId, x.OrganizationId, x.On });
        b.HasIndex(x => new { x.SolutionId, x.On });
    }
}

public class AdoptionCountConfiguration : IEntityTypeConfiguration<AdoptionCount>
{
    public void Configure(EntityTypeBuilder<AdoptionCount> b)
    {
        b.ToTable("adoption_counts");
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Group).HasMaxLength(40);
        b.Property(x => x.Stage).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(AdoptionChange.SourceMax);
        b.Property(x => x.RecordedBy).HasMaxLength(80);
        b.HasIndex(x => new { x.SolutionId, x.Group, x.On });
    }
}

public class AdoptionTargetConfiguration : IEntityTypeConfiguration<AdoptionTarget>
{
    public void Configure(EntityTypeBuilder<AdoptionTarget> b)
    {
        b.ToTable("adoption_targets");
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Group).HasMaxLength(40);
        b.Property(x => x.Stage).HasMaxLength(40);
        b.Property(x => x.Measure).HasMaxLength(20);
        b.Property(x => x.CaseReference).HasMaxLength(200);
        b.Property(x => x.Source).HasMaxLength(NationalSolution.SourceMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.SolutionId);
        b.HasIndex(x => x.CaseId);
    }
}
