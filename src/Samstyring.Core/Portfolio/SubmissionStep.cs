using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Portfolio;

/// <summary>One step of the submission flow: proposed, endorsed or returned by KS, assessed, included.</summary>
public class SubmissionStep
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public SubmissionAction Action { get; set; }
    public string? Comment { get; set; }
    public required string ByUser { get; set; }
    public required string ByName { get; set; }
    public DateTime At { get; set; }
}

public class SubmissionStepConfiguration : IEntityTypeConfiguration<SubmissionStep>
{
    public void Configure(EntityTypeBuilder<SubmissionStep> b)
    {
        b.ToTable("submission_steps");
        b.Property(s => s.Action).HasMaxLength(40);
        b.Property(s => s.Comment).HasMaxLength(Initiative.TextMax);
        b.Property(s => s.ByUser).HasMaxLength(80);
        b.Property(s => s.ByName).HasMaxLength(200);
        b.HasOne<Initiative>().WithMany(i => i.SubmissionSteps).HasForeignKey(s => s.InitiativeId).OnDelete(DeleteBehavior.Cascade);
    }
}
