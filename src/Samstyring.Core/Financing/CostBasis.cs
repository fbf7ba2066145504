using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Financing;

/// <summary>
/// Kostnadsgrunnlag: a solution's cost for one year, in øre. Running cost (management, operation, further development) is
/// kept apart from investment. The budget is what the year is planned to cost; the actual figures come when the year is
/// closed. The TBU's figure, when recorded, is the amount the price model allocates. The change from the year before is
/// broken down into price and wage growth, volume and new functions; what these do not explain is shown as such.
/// </summary>
public class CostBasis
{
    public const int NoteMax = 2000;
    /// <summary>No single figure above 100 billion kroner (10^13 øre); the sums stay far inside a long.</summary>
    public const long MaxOre = 10_000_000_000_000;

    public int Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public int Year { get; set; }
    /// <summary>Forvaltning.</summary>
    public long ManagementOre { get; set; }
    /// <summary>Drift.</summary>
    public long OperationOre { get; set; }
    /// <summary>Videreutvikling.</summary>
    public long DevelopmentOre { get; set; }
    /// <summary>Investering, kept apart from the running cost.</summary>
    public long InvestmentOre { get; set; }
    /// <summary>Regnskap (actual running cost), once the year is closed.</summary>
    public long? ActualRunningOre { get; set; }
    public long? ActualInvestmentOre { get; set; }
    /// <summary>The amount the technical calculation committee (TBU) calculated for the year.</summary>
    public long? TbuOre { get; set; }
    public string? TbuRecordedBy { get; set; }
    public DateTime? TbuRecordedAt { get; set; }
    /// <summary>The change from the year before: pris- og lønnsvekst, volum and nye funksjoner. May be negative.</summary>
    public long? PriceWageGrowthOre { get; set; }
    public long? VolumeOre { get; set; }
    public long? NewFunctionsOre { get; set; }
    public string Note { get; set; } = "";
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public long RunningOre => ManagementOre + OperationOre + DevelopmentOre;
    public long BudgetOre => RunningOre + InvestmentOre;
    public long? ActualOre => ActualRunningOre is null && ActualInvestmentOre is null ? null : (ActualRunningOre ?? 0) + (ActualInvestmentOre ?? 0);
    /// <summary>What the price model allocates among the payers: the TBU's figure once it is recorded, else the budget.</summary>
    public long AllocatedOre => TbuOre ?? BudgetOre;
}

public class CostBasisConfiguration : IEntityTypeConfiguration<CostBasis>
{
    public void Configure(EntityTypeBuilder<CostBasis> b)
    {
        b.ToTable("cost_bases");
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SolutionId, x.Year }).IsUnique();
        b.HasIndex(x => x.Year);
        b.Property(x => x.TbuRecordedBy).HasMaxLength(80);
        b.Property(x => x.Note).HasMaxLength(CostBasis.NoteMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.RunningOre);
        b.Ignore(x => x.BudgetOre);
        b.Ignore(x => x.ActualOre);
        b.Ignore(x => x.AllocatedOre);
    }
}
