using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

/// <summary>Årshjul: a case that recurs every year in a body in a given month (e.g. portfolio status to NUIT each autumn).</summary>
public class CycleItem
{
    public const int MinYear = 1990, MaxYear = 2100;
    public const int TextMax = 4000;

    /// <summary>"januar" … "desember".</summary>
    public static string MonthName(int month) => Norwegian.Culture.DateTimeFormat.GetMonthName(month);

    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public int Month { get; set; }
    public required string Title { get; set; }
    public CaseType Type { get; set; }
    public string? Description { get; set; }
    public string? ProposedDecision { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }
}

public class CycleItemConfiguration : IEntityTypeConfiguration<CycleItem>
{
    public void Configure(EntityTypeBuilder<CycleItem> b)
    {
        b.ToTable("cycle_items");
        b.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Title).HasMaxLength(CouncilCase.TitleMax);
        b.Property(x => x.Type).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.ProposedDecision).HasMaxLength(4000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.BodyId, x.Month });
    }
}
