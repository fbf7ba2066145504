using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Solutions;

/// <summary>An area of the common foundation (felles grunnmur), seed 000 lines 983–1014. Its components are catalogue entries.</summary>
public class GrunnmurArea
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int Position { get; set; }
    public string? Source { get; set; }
    public List<NationalSolution> Components { get; set; } = [];
}

public class GrunnmurAreaConfiguration : IEntityTypeConfiguration<GrunnmurArea>
{
    public void Configure(EntityTypeBuilder<GrunnmurArea> b)
    {
        b.ToTable("grunnmur_areas");
        b.Property(a => a.Key).HasMaxLength(80);
        b.HasIndex(a => a.Key).IsUnique();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Description).HasMaxLength(2000);
        b.Property(a => a.Source).HasMaxLength(NationalSolution.SourceMax);
    }
}
