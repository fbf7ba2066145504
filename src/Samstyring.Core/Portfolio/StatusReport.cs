using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

/// <summary>Where an initiative's money comes from (issue 11).</summary>
public enum FundingSource
{
    [Label("Budsjett")] Budget,
    [Label("Samfinansiering")] CoFinancing,
    [Label("Aktørens egne midler")] OwnFunds,
    [Label("Tilskudd")] Grant,
}

/// <summary>An initiative's periodic report: status and risk (red/yellow/green) with texts, progress and cost.</summary>
public class StatusReport
{
    /// <summary>The largest cost figure a report takes: 100 milliarder kroner, in øre (far above any initiative, and safe to sum).</summary>
    public const long MaxOre = 10_000_000_000_000;

    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
    public int PeriodId { get; set; }
    public ReportingPeriod Period { get; set; } = null!;
    public Rag Status { get; set; }
    public string StatusText { get; set; } = "";
    public Rag Risk { get; set; }
    public string RiskText { get; set; } = "";
    public string Progress { get; set; } = "";
    /// <summary>Free-text comment on the cost; the figures are the structured fields below.</summary>
    public string Cost { get; set; } = "";
    /// <summary>Budget for the initiative, in øre.</summary>
    public long? BudgetOre { get; set; }
    /// <summary>Spent to date (påløpt hittil), in øre.</summary>
    public long? SpentOre { get; set; }
    /// <summary>Forecast at completion (prognose), in øre.</summary>
    public long? ForecastOre { get; set; }
    public FundingSource? FundingSource { get; set; }
    public required string ReportedBy { get; set; }
    public DateTime ReportedAt { get; set; }
    public int Version { get; set; }
}

public class StatusReportConfiguration : IEntityTypeConfiguration<StatusReport>
{
    public void Configure(EntityTypeBuilder<StatusReport> b)
    {
        b.ToTable("status_reports");
        b.HasOne(r => r.Initiative).WithMany(i => i.Reports).HasForeignKey(r => r.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Period).WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.InitiativeId, r.PeriodId }).IsUnique();
        b.HasIndex(r => r.PeriodId);
        b.Property(r => r.Status).HasMaxLength(10);
        b.Property(r => r.Risk).HasMaxLength(10);
        b.Property(r => r.StatusText).HasMaxLength(Initiative.TextMax);
        b.Property(r => r.RiskText).HasMaxLength(Initiative.TextMax);
        b.Property(r => r.Progress).HasMaxLength(Initiative.TextMax);
        b.Property(r => r.Cost).HasMaxLength(Initiative.TextMax);
        b.Property(r => r.FundingSource).HasMaxLength(40);
        b.Property(r => r.ReportedBy).HasMaxLength(80);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
