using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Portfolio;

/// <summary>An initiative's periodic report: status and risk (red/yellow/green) with texts, progress and cost.</summary>
public class StatusReport
{
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
    public string Cost { get; set; } = "";
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
        b.Property(r => r.ReportedBy).HasMaxLength(80);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
