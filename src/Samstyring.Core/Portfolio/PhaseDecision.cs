using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Portfolio;

/// <summary>Beslutningspunkt: who decided the initiative moves into a phase, and when.</summary>
public class PhaseDecision
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public Phase Phase { get; set; }
    public DateOnly DecidedOn { get; set; }
    public required string DecidedBy { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

public class PhaseDecisionConfiguration : IEntityTypeConfiguration<PhaseDecision>
{
    public void Configure(EntityTypeBuilder<PhaseDecision> b)
    {
        b.ToTable("phase_decisions");
        b.Property(d => d.Phase).HasMaxLength(40);
        b.Property(d => d.DecidedBy).HasMaxLength(200);
        b.Property(d => d.Note).HasMaxLength(Initiative.TextMax);
        b.Property(d => d.RecordedBy).HasMaxLength(80);
        b.HasOne<Initiative>().WithMany(i => i.PhaseDecisions).HasForeignKey(d => d.InitiativeId).OnDelete(DeleteBehavior.Cascade);
    }
}
