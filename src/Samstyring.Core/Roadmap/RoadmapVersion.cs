using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Core.Roadmap;

/// <summary>Where a roadmap version is on its way: NUIT recommends, the board endorses, then it is published.</summary>
public enum RoadmapStatus
{
    [Label("Utkast")] Draft,
    [Label("Anbefalt av NUIT")] Recommended,
    [Label("Tilsluttet av Nasjonalt e-helseråd")] Endorsed,
    [Label("Publisert")] Published,
}

public enum RoadmapVersionKind
{
    /// <summary>The yearly version, treated by NUIT and the board.</summary>
    [Label("Årlig versjon")] Yearly,
    /// <summary>Smaller changes between yearly versions: NUIT only, then published.</summary>
    [Label("Endringsliste")] ChangeList,
}

/// <summary>
/// A version of the national roadmap (1.0, 21.1, …). A draft is built by copying the version before it; once published
/// it is frozen, and changes go into a new draft.
/// </summary>
public class RoadmapVersion
{
    public const int NumberMax = 20;
    public const int TitleMax = 200;
    public const int TextMax = 4000;

    public int Id { get; set; }
    /// <summary>"1.0", "21.1": year and sequence, as the office writes it.</summary>
    public required string Number { get; set; }
    public string Title { get; set; } = "Veikart for nasjonale e-helseløsninger";
    public RoadmapVersionKind Kind { get; set; }
    public RoadmapStatus Status { get; set; }
    public int? BasedOnId { get; set; }
    public RoadmapVersion? BasedOn { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>The NUIT case that recommended the version.</summary>
    public int? RecommendedCaseId { get; set; }
    public CouncilCase? RecommendedCase { get; set; }
    public DateOnly? RecommendedOn { get; set; }
    /// <summary>The board case that endorsed it.</summary>
    public int? EndorsedCaseId { get; set; }
    public CouncilCase? EndorsedCase { get; set; }
    public DateOnly? EndorsedOn { get; set; }
    public DateOnly? PublishedOn { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public int Version { get; set; }

    public List<RoadmapService> Services { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];

    /// <summary>Endorsed by the board or published: the content is what was decided, so changes go into a new draft.</summary>
    public bool IsFrozen => Status is RoadmapStatus.Endorsed or RoadmapStatus.Published;

    /// <summary>Orders version numbers as numbers: 1.0 &lt; 1.01 &lt; 21.1 &lt; 22.1.</summary>
    public static (int Major, decimal Minor) SortKey(string number)
    {
        var parts = number.Split('.', 2);
        var major = int.TryParse(parts[0], out var m) ? m : int.MaxValue;
        var minor = parts.Length > 1 && decimal.TryParse("0." + parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0m;
        return (major, minor);
    }
}

public class RoadmapVersionConfiguration : IEntityTypeConfiguration<RoadmapVersion>
{
    public void Configure(EntityTypeBuilder<RoadmapVersion> b)
    {
        b.ToTable("roadmap_versions");
        b.Property(x => x.Number).HasMaxLength(RoadmapVersion.NumberMax);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Title).HasMaxLength(RoadmapVersion.TitleMax);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.Summary).HasMaxLength(RoadmapVersion.TextMax);
        b.Property(x => x.DemoNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.BasedOn).WithMany().HasForeignKey(x => x.BasedOnId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.RecommendedCase).WithMany().HasForeignKey(x => x.RecommendedCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.EndorsedCase).WithMany().HasForeignKey(x => x.EndorsedCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Services).WithOne(s => s.RoadmapVersion).HasForeignKey(s => s.RoadmapVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Milestones).WithOne().HasForeignKey(s => s.RoadmapVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
