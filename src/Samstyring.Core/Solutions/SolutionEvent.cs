using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;

namespace Samstyring.Core.Solutions;

/// <summary>
/// A dated change in a solution's life: a new lifecycle stage, a new owner, a new operator, or several at once (a transfer
/// to the national supplier, seed 000 lines 2088–2096). A field left null is unchanged by the event. Events may lie in the
/// future (a planned transfer); the state on a date folds every event up to and including it.
/// </summary>
public class SolutionEvent
{
    public const int NoteMax = 1000;

    public int Id { get; set; }
    public int SolutionId { get; set; }
    public NationalSolution Solution { get; set; } = null!;
    public DateOnly On { get; set; }
    public SolutionLifecycle? Lifecycle { get; set; }
    public int? OwnerId { get; set; }
    public Organization? Owner { get; set; }
    public int? OperatorId { get; set; }
    public Organization? Operator { get; set; }
    public string Note { get; set; } = "";
    public string? Source { get; set; }
    public bool IsDemo { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

public class SolutionEventConfiguration : IEntityTypeConfiguration<SolutionEvent>
{
    public void Configure(EntityTypeBuilder<SolutionEvent> b)
    {
        b.ToTable("solution_events");
        b.HasOne(e => e.Solution).WithMany(s => s.Events).HasForeignKey(e => e.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Owner).WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Operator).WithMany().HasForeignKey(e => e.OperatorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Lifecycle).HasMaxLength(40);
        b.Property(e => e.Note).HasMaxLength(SolutionEvent.NoteMax);
        b.Property(e => e.Source).HasMaxLength(NationalSolution.SourceMax);
        b.Property(e => e.RecordedBy).HasMaxLength(80);
        b.HasIndex(e => new { e.SolutionId, e.On });
    }
}
