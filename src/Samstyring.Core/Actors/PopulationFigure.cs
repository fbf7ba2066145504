using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Actors;

/// <summary>
/// An actor's population on a date (folketall per 1. januar, Statistics Norway). A population key names its date and
/// takes the figures of exactly that date; a date without figures is refused rather than guessed.
/// </summary>
public class PopulationFigure
{
    public const int SourceMax = 300;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public DateOnly On { get; set; }
    public int Population { get; set; }
    public string Source { get; set; } = "";
    public bool IsDemo { get; set; }
}

public class PopulationFigureConfiguration : IEntityTypeConfiguration<PopulationFigure>
{
    public void Configure(EntityTypeBuilder<PopulationFigure> b)
    {
        b.ToTable("population_figures");
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganizationId, x.On }).IsUnique();
        b.HasIndex(x => x.On);
        b.Property(x => x.Source).HasMaxLength(PopulationFigure.SourceMax);
    }
}
