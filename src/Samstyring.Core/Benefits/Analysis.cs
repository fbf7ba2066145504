using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>
/// Samfunnsøkonomisk analyse of one initiative: its alternatives, each with costs and kroner-valued benefits per year, and
/// the discount rate they are compared at.
/// </summary>
public class BenefitAnalysis
{
    public const int NoteMax = 4000;

    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
    /// <summary>The real discount rate in basis points (400 = 4 %); see <see cref="DiscountRate.Default"/>.</summary>
    public int DiscountRateBasisPoints { get; set; } = DiscountRate.Default;
    public string Note { get; set; } = "";
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<AnalysisAlternative> Alternatives { get; set; } = [];
}

/// <summary>One alternative of an analysis (for example the zero alternative or a chosen scope), with its cash flows.</summary>
public class AnalysisAlternative
{
    public const int NameMax = 200;
    public const int TextMax = 4000;

    public int Id { get; set; }
    public int AnalysisId { get; set; }
    public BenefitAnalysis Analysis { get; set; } = null!;
    public int Number { get; set; }
    public required string Name { get; set; }
    /// <summary>Effects not valued in kroner (ikke-prissatte virkninger), one per line, listed beside the net present value.</summary>
    public string NonValuedEffects { get; set; } = "";
    public List<AlternativeYear> Years { get; set; } = [];

    public IReadOnlyList<string> NonValuedEffectList =>
        NonValuedEffects.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An alternative's cost and kroner-valued benefit in one year, in øre (real, fixed prices).</summary>
public class AlternativeYear
{
    public int Id { get; set; }
    public int AlternativeId { get; set; }
    public AnalysisAlternative Alternative { get; set; } = null!;
    public int Year { get; set; }
    public long CostOre { get; set; }
    public long BenefitOre { get; set; }
}

public class BenefitAnalysisConfiguration : IEntityTypeConfiguration<BenefitAnalysis>
{
    public void Configure(EntityTypeBuilder<BenefitAnalysis> b)
    {
        b.ToTable("benefit_analyses");
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InitiativeId).IsUnique();
        b.Property(x => x.Note).HasMaxLength(BenefitAnalysis.NoteMax);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

public class AnalysisAlternativeConfiguration : IEntityTypeConfiguration<AnalysisAlternative>
{
    public void Configure(EntityTypeBuilder<AnalysisAlternative> b)
    {
        b.ToTable("analysis_alternatives");
        b.HasOne(x => x.Analysis).WithMany(x => x.Alternatives).HasForeignKey(x => x.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AnalysisId, x.Number }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(AnalysisAlternative.NameMax);
        b.Property(x => x.NonValuedEffects).HasMaxLength(AnalysisAlternative.TextMax);
        b.Ignore(x => x.NonValuedEffectList);
    }
}

public class AlternativeYearConfiguration : IEntityTypeConfiguration<AlternativeYear>
{
    public void Configure(EntityTypeBuilder<AlternativeYear> b)
    {
        b.ToTable("alternative_years");
        b.HasOne(x => x.Alternative).WithMany(x => x.Years).HasForeignKey(x => x.AlternativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AlternativeId, x.Year }).IsUnique();
    }
}
