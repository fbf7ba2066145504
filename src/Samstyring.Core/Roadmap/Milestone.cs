using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Roadmap;

/// <summary>The assessed status of a prerequisite (forutsetning), in the words of the roadmap report.</summary>
public enum PrerequisiteStatus
{
    [Label("Bekreftet så langt")] ConfirmedSoFar,
    [Label("Usikker")] Uncertain,
    [Label("Gjenstår arbeid")] WorkRemaining,
    [Label("Ikke besluttede planer")] NoDecidedPlans,
    [Label("Ikke vurdert")] NotAssessed,
}

public enum MilestonePhase
{
    [Label("Planlegging og forberedelse")] Planning,
    [Label("Anskaffelse")] Procurement,
    [Label("Etablering")] Establishment,
    [Label("Innføring")] Rollout,
    [Label("Drift og forvaltning")] Operation,
}

/// <summary>A milestone on the way to the target picture (M1 Helseplattformen, M2, M3), with what must hold for it to be reached.</summary>
public class Milestone
{
    public const int CodeMax = 10;
    public const int TitleMax = 200;
    public const int TextMax = 4000;

    public int Id { get; set; }
    public int RoadmapVersionId { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    /// <summary>When the milestone counts as reached ("Milepælen er nådd når …").</summary>
    public string ReachCriterion { get; set; } = "";
    /// <summary>The target as written ("2021/2022"), or null when none is set.</summary>
    public string? TargetWritten { get; set; }
    public DateOnly? TargetStart { get; set; }
    public DateOnly? TargetEnd { get; set; }
    public int Position { get; set; }
    public int Version { get; set; }

    public List<Prerequisite> Prerequisites { get; set; } = [];
    public List<MilestonePhasePlan> Phases { get; set; } = [];
}

/// <summary>What a milestone holds besides its own fields: its prerequisites and the phases of its plan, kept in order.</summary>
public interface IMilestonePart
{
    int Id { get; }
    int MilestoneId { get; set; }
    Milestone Milestone { get; }
    int Position { get; set; }
}

public class Prerequisite : IMilestonePart
{
    public const int TextMax = 2000;

    public int Id { get; set; }
    public int MilestoneId { get; set; }
    public Milestone Milestone { get; set; } = null!;
    public required string Text { get; set; }
    public PrerequisiteStatus Status { get; set; }
    public string Assessment { get; set; } = "";
    public DateOnly? AssessedOn { get; set; }
    public int Position { get; set; }
}

/// <summary>One phase of a milestone's plan; phases may overlap.</summary>
public class MilestonePhasePlan : IMilestonePart
{
    public int Id { get; set; }
    public int MilestoneId { get; set; }
    public Milestone Milestone { get; set; } = null!;
    public MilestonePhase Phase { get; set; }
    public required string Written { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public int Position { get; set; }
}

public class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ToTable("roadmap_milestones");
        b.Property(x => x.Code).HasMaxLength(Milestone.CodeMax);
        b.HasIndex(x => new { x.RoadmapVersionId, x.Code }).IsUnique();
        b.Property(x => x.Title).HasMaxLength(Milestone.TitleMax);
        b.Property(x => x.ReachCriterion).HasMaxLength(Milestone.TextMax);
        b.Property(x => x.TargetWritten).HasMaxLength(PlannedDate.MaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Prerequisites).WithOne(p => p.Milestone).HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Phases).WithOne(p => p.Milestone).HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PrerequisiteConfiguration : IEntityTypeConfiguration<Prerequisite>
{
    public void Configure(EntityTypeBuilder<Prerequisite> b)
    {
        b.ToTable("roadmap_prerequisites");
        b.Property(x => x.Text).HasMaxLength(Prerequisite.TextMax);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.Assessment).HasMaxLength(Milestone.TextMax);
    }
}

public class MilestonePhasePlanConfiguration : IEntityTypeConfiguration<MilestonePhasePlan>
{
    public void Configure(EntityTypeBuilder<MilestonePhasePlan> b)
    {
        b.ToTable("roadmap_milestone_phases");
        b.Property(x => x.Phase).HasMaxLength(20);
        b.Property(x => x.Written).HasMaxLength(PlannedDate.MaxLength);
    }
}
