using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Solutions;

/// <summary>A portfolio initiative that develops, rolls out or changes a solution.</summary>
public class SolutionInitiative
{
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
}

public class SolutionInitiativeConfiguration : IEntityTypeConfiguration<SolutionInitiative>
{
    public void Configure(EntityTypeBuilder<SolutionInitiative> b)
    {
        b.ToTable("solution_initiatives");
        b.HasKey(x => new { x.SolutionId, x.InitiativeId });
        b.HasOne(x => x.Solution).WithMany(s => s.Initiatives).HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InitiativeId);
    }
}
