using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;

namespace Samstyring.Core.Solutions;

/// <summary>A national e-health solution (Kjernejournal, e-resept, …). The solutions issue extends this.</summary>
public class NationalSolution
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int? OwnerId { get; set; }
    public Organization? Owner { get; set; }
}

public class NationalSolutionConfiguration : IEntityTypeConfiguration<NationalSolution>
{
    public void Configure(EntityTypeBuilder<NationalSolution> b)
    {
        b.ToTable("national_solutions");
        b.Property(s => s.Key).HasMaxLength(80);
        b.HasIndex(s => s.Key).IsUnique();
        b.Property(s => s.Name).HasMaxLength(200);
        b.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
