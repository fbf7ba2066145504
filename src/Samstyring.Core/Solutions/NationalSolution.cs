using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;

namespace Samstyring.Core.Solutions;

/// <summary>
/// A national e-health solution, collaboration area, service or standard in the catalogue. Owner, operator and lifecycle
/// are the state today; <see cref="Events"/> hold the dated history they follow from, so any past date can be shown.
/// </summary>
public class NationalSolution
{
    public const int KeyMax = 80;
    public const int NameMax = 200;
    public const int DescriptionMax = 2000;
    public const int LegalBasisMax = 500;
    public const int SourceMax = 500;
    public const int DemoNoteMax = 1000;

    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public SolutionKind Kind { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Løsningseier.</summary>
    public int? OwnerId { get; set; }
    public Organization? Owner { get; set; }
    /// <summary>Tjenesteleverandør/driftsleverandør.</summary>
    public int? OperatorId { get; set; }
    public Organization? Operator { get; set; }
    public SolutionLifecycle Lifecycle { get; set; }
    /// <summary>The solution this one is part of (grunndata and HelseID are financed as part of Helsenettet).</summary>
    public int? PartOfId { get; set; }
    public NationalSolution? PartOf { get; set; }
    public int? GrunnmurAreaId { get; set; }
    public GrunnmurArea? GrunnmurArea { get; set; }
    /// <summary>Rettslig grunnlag, e.g. "Pasientjournalloven § 13".</summary>
    public string? LegalBasis { get; set; }
    public FinancingModel? FinancingModel { get; set; }
    /// <summary>Where the facts come from (seed and lines).</summary>
    public string? Source { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public int Version { get; set; }

    public List<SolutionEvent> Events { get; set; } = [];
    public List<SolutionInitiative> Initiatives { get; set; } = [];
}

public class NationalSolutionConfiguration : IEntityTypeConfiguration<NationalSolution>
{
    public void Configure(EntityTypeBuilder<NationalSolution> b)
    {
        b.ToTable("national_solutions");
        b.Property(s => s.Key).HasMaxLength(NationalSolution.KeyMax);
        b.HasIndex(s => s.Key).IsUnique();
        b.Property(s => s.Name).HasMaxLength(NationalSolution.NameMax);
        // The columns added to an existing table need defaults; each is the CLR default, so EF's omission of a default
        // value on insert stores the same value (migration 20261211000000_Solutions).
        b.Property(s => s.Kind).HasMaxLength(40).HasDefaultValue(SolutionKind.NationalSolution);
        b.Property(s => s.Description).HasMaxLength(NationalSolution.DescriptionMax).HasDefaultValue("");
        b.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Operator).WithMany().HasForeignKey(s => s.OperatorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Lifecycle).HasMaxLength(40).HasDefaultValue(SolutionLifecycle.Planned);
        b.HasOne(s => s.PartOf).WithMany().HasForeignKey(s => s.PartOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.GrunnmurArea).WithMany(a => a.Components).HasForeignKey(s => s.GrunnmurAreaId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.LegalBasis).HasMaxLength(NationalSolution.LegalBasisMax);
        b.Property(s => s.FinancingModel).HasMaxLength(40);
        b.Property(s => s.Source).HasMaxLength(NationalSolution.SourceMax);
        b.Property(s => s.DemoNote).HasMaxLength(NationalSolution.DemoNoteMax);
        b.Property(s => s.IsDemo).HasDefaultValue(false);
        b.Property(s => s.Version).IsConcurrencyToken().HasDefaultValue(0);
    }
}
