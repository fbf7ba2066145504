using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Benefits;

/// <summary>
/// Gevinst: an expected benefit of an initiative, measured by an indicator that moves from a baseline towards a target by a
/// due date. The owner (an actor) answers for realising it; the actions are what is done to get there.
/// </summary>
public class Benefit
{
    public const int TitleMax = 200;
    public const int TextMax = 4000;
    public const int UnitMax = 60;
    /// <summary>Indicator values are stored with four decimals; this bound keeps them well inside numeric(18,4).</summary>
    public const decimal ValueMax = 1_000_000_000_000m;

    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
    public required string Title { get; set; }
    public BenefitType Type { get; set; }
    public Stakeholder Stakeholder { get; set; }
    /// <summary>The actor that answers for realising the benefit (gevinsteier).</summary>
    public int OwnerId { get; set; }
    public Organization Owner { get; set; } = null!;
    public required string Indicator { get; set; }
    public required string Unit { get; set; }
    public decimal Baseline { get; set; }
    /// <summary>When the baseline was measured: the plan runs from here to <see cref="TargetDue"/>.</summary>
    public DateOnly BaselineOn { get; set; }
    public decimal Target { get; set; }
    public DateOnly TargetDue { get; set; }
    /// <summary>Whether the benefit can be valued in kroner (prissatt), and if so what one unit of the indicator is worth.</summary>
    public bool ValuedInNok { get; set; }
    public long? NokPerUnitOre { get; set; }
    /// <summary>The actions that realise the benefit, one per line.</summary>
    public string Actions { get; set; } = "";
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<BenefitValue> Values { get; set; } = [];

    public IReadOnlyList<string> ActionList => Actions.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A benefit's realised value for one reporting period, reported by the initiative's owner with the status report.</summary>
public class BenefitValue
{
    public const int CommentMax = 2000;

    public int Id { get; set; }
    public int BenefitId { get; set; }
    public Benefit Benefit { get; set; } = null!;
    public int PeriodId { get; set; }
    public ReportingPeriod Period { get; set; } = null!;
    public decimal Value { get; set; }
    public string Comment { get; set; } = "";
    public required string ReportedBy { get; set; }
    public DateTime ReportedAt { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }
}

public class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> b)
    {
        b.ToTable("benefits");
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Title).HasMaxLength(Benefit.TitleMax);
        b.Property(x => x.Type).HasMaxLength(40);
        b.Property(x => x.Stakeholder).HasMaxLength(40);
        b.Property(x => x.Indicator).HasMaxLength(Benefit.TitleMax);
        b.Property(x => x.Unit).HasMaxLength(Benefit.UnitMax);
        b.Property(x => x.Baseline).HasPrecision(18, 4);
        b.Property(x => x.Target).HasPrecision(18, 4);
        b.Property(x => x.Actions).HasMaxLength(Benefit.TextMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.ActionList);
        b.HasIndex(x => x.InitiativeId);
        b.HasIndex(x => x.OwnerId);
    }
}

public class BenefitValueConfiguration : IEntityTypeConfiguration<BenefitValue>
{
    public void Configure(EntityTypeBuilder<BenefitValue> b)
    {
        b.ToTable("benefit_values");
        b.HasOne(x => x.Benefit).WithMany(x => x.Values).HasForeignKey(x => x.BenefitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Period).WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BenefitId, x.PeriodId }).IsUnique();
        b.HasIndex(x => x.PeriodId);
        b.Property(x => x.Value).HasPrecision(18, 4);
        b.Property(x => x.Comment).HasMaxLength(BenefitValue.CommentMax);
        b.Property(x => x.ReportedBy).HasMaxLength(80);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
