using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Council;

/// <summary>
/// A body of the council model (Nasjonalt e-helsestyre/-råd, NUIT, NUFA, product and programme boards).
/// Its name and mandate are kept as dated versions, so old meetings show the name they were held under.
/// </summary>
public class Body
{
    public const int NameMax = 200;
    public const int TextMax = 20000;
    public const int SlugMin = 2, SlugMax = 80;
    public const int QuorumCountMax = 200;

    public int Id { get; set; }
    /// <summary>Stable URL key, e.g. "nuit". Never changes when the body is renamed.</summary>
    public required string Slug { get; set; }
    public BodyKind Kind { get; set; }
    public int? NationalSolutionId { get; set; }
    public NationalSolution? NationalSolution { get; set; }
    public string Description { get; set; } = "";
    public QuorumRule QuorumRule { get; set; } = QuorumRule.Majority;
    /// <summary>For <see cref="QuorumRule.AtLeast"/>: the minimum number of members present.</summary>
    public int? QuorumCount { get; set; }
    public int SortOrder { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public int Version { get; set; }

    public List<BodyName> Names { get; set; } = [];
    public List<BodyMandate> Mandates { get; set; } = [];
    public List<BodyMember> Members { get; set; } = [];

    /// <summary>The name in force on a date (the earliest name before the first date).</summary>
    public BodyName NameOn(DateOnly date) =>
        Names.Where(n => n.ValidFrom <= date).MaxBy(n => n.ValidFrom) ?? Names.MinBy(n => n.ValidFrom)
        ?? throw new InvalidOperationException($"Organ {Slug} mangler navn.");

    public BodyMandate? MandateOn(DateOnly date) =>
        Mandates.Where(m => m.ValidFrom <= date).MaxBy(m => m.ValidFrom);
}

public class BodyName
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public DateOnly ValidFrom { get; set; }
}

public class BodyMandate
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public required string Text { get; set; }
    /// <summary>The case that adopted this version of the mandate, when recorded.</summary>
    public int? AdoptedInCaseId { get; set; }
    public bool IsDemo { get; set; }
}

public class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> b)
    {
        b.ToTable("bodies");
        b.Property(x => x.Slug).HasMaxLength(80);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(Body.TextMax);
        b.Property(x => x.QuorumRule).HasMaxLength(20);
        b.Property(x => x.DemoNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.NationalSolution).WithMany().HasForeignKey(x => x.NationalSolutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Names).WithOne().HasForeignKey(n => n.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Mandates).WithOne().HasForeignKey(n => n.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Members).WithOne(m => m.Body).HasForeignKey(n => n.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class BodyNameConfiguration : IEntityTypeConfiguration<BodyName>
{
    public void Configure(EntityTypeBuilder<BodyName> b)
    {
        b.ToTable("body_names");
        b.Property(x => x.Name).HasMaxLength(Body.NameMax);
        b.Property(x => x.ShortName).HasMaxLength(40);
        b.HasIndex(x => new { x.BodyId, x.ValidFrom }).IsUnique();
    }
}

public class BodyMandateConfiguration : IEntityTypeConfiguration<BodyMandate>
{
    public void Configure(EntityTypeBuilder<BodyMandate> b)
    {
        b.ToTable("body_mandates");
        b.Property(x => x.Text).HasMaxLength(Body.TextMax);
        b.HasIndex(x => new { x.BodyId, x.ValidFrom }).IsUnique();
        b.HasOne<CouncilCase>().WithMany().HasForeignKey(x => x.AdoptedInCaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
