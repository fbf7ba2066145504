using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// A service (tjeneste) on the roadmap, phrased as a goal ("Helsepersonell skal ha tilgang til …"). Each version holds its
/// own copy; <see cref="Key"/> is the same across versions, so two versions can be compared.
/// </summary>
public class RoadmapService
{
    public const int KeyMax = 80;
    public const int AreaMax = 120;
    public const int GoalMax = 300;
    public const int TextMax = 4000;

    public int Id { get; set; }
    public int RoadmapVersionId { get; set; }
    public RoadmapVersion RoadmapVersion { get; set; } = null!;
    public required string Key { get; set; }
    /// <summary>The area it is grouped under (e.g. "Innbyggertjenester").</summary>
    public required string Area { get; set; }
    public required string Goal { get; set; }
    public string Description { get; set; } = "";
    public int Position { get; set; }
    public int Version { get; set; }

    public List<RoadmapPlan> Plans { get; set; } = [];
    public List<RoadmapServiceSolution> Solutions { get; set; } = [];
    public List<RoadmapServiceInitiative> Initiatives { get; set; } = [];
    /// <summary>What this service depends on.</summary>
    public List<RoadmapDependency> Dependencies { get; set; } = [];
}

public enum PlanKind
{
    [Label("Utprøving")] Trial,
    [Label("Innføring")] Rollout,
}

/// <summary>A trial (utprøving) or rollout (innføring) of a service for one actor group, with the date as the planner wrote it.</summary>
public class RoadmapPlan
{
    public const int ActorGroupMax = 120;
    public const int NoteMax = 1000;

    public int Id { get; set; }
    public int ServiceId { get; set; }
    public RoadmapService Service { get; set; } = null!;
    public required string ActorGroup { get; set; }
    public PlanKind Kind { get; set; }
    public required string Written { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public PlannedDatePrecision Precision { get; set; }
    public PlannedDateQualifier Qualifier { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    public PlannedDate Date
    {
        get => new(Written, Start, End, Precision, Qualifier);
        set
        {
            Written = value.Written;
            Start = value.Start;
            End = value.End;
            Precision = value.Precision;
            Qualifier = value.Qualifier;
        }
    }
}

public class RoadmapServiceSolution
{
    public int ServiceId { get; set; }
    public int NationalSolutionId { get; set; }
    public NationalSolution NationalSolution { get; set; } = null!;
}

public class RoadmapServiceInitiative
{
    public int ServiceId { get; set; }
    public int InitiativeId { get; set; }
    public Initiative Initiative { get; set; } = null!;
}

/// <summary>
/// A service depends on another service in the same version, a portfolio initiative or a national solution
/// (exactly one of the three).
/// </summary>
public class RoadmapDependency
{
    public const int DescriptionMax = 1000;

    public int Id { get; set; }
    public int ServiceId { get; set; }
    public RoadmapService Service { get; set; } = null!;
    public int? DependsOnServiceId { get; set; }
    public RoadmapService? DependsOnService { get; set; }
    public int? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public int? NationalSolutionId { get; set; }
    public NationalSolution? NationalSolution { get; set; }
    public string Description { get; set; } = "";
}

public class RoadmapServiceConfiguration : IEntityTypeConfiguration<RoadmapService>
{
    public void Configure(EntityTypeBuilder<RoadmapService> b)
    {
        b.ToTable("roadmap_services");
        b.Property(x => x.Key).HasMaxLength(RoadmapService.KeyMax);
        b.HasIndex(x => new { x.RoadmapVersionId, x.Key }).IsUnique();
        b.Property(x => x.Area).HasMaxLength(RoadmapService.AreaMax);
        b.Property(x => x.Goal).HasMaxLength(RoadmapService.GoalMax);
        b.Property(x => x.Description).HasMaxLength(RoadmapService.TextMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Plans).WithOne(p => p.Service).HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Solutions).WithOne().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Initiatives).WithOne().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Dependencies).WithOne(d => d.Service).HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RoadmapPlanConfiguration : IEntityTypeConfiguration<RoadmapPlan>
{
    public void Configure(EntityTypeBuilder<RoadmapPlan> b)
    {
        b.ToTable("roadmap_plans");
        b.Ignore(x => x.Date);
        b.Property(x => x.ActorGroup).HasMaxLength(RoadmapPlan.ActorGroupMax);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Written).HasMaxLength(PlannedDate.MaxLength);
        b.Property(x => x.Precision).HasMaxLength(20);
        b.Property(x => x.Qualifier).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(RoadmapPlan.NoteMax);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ServiceId, x.ActorGroup, x.Kind }).IsUnique();
    }
}

public class RoadmapServiceSolutionConfiguration : IEntityTypeConfiguration<RoadmapServiceSolution>
{
    public void Configure(EntityTypeBuilder<RoadmapServiceSolution> b)
    {
        b.ToTable("roadmap_service_solutions");
        b.HasKey(x => new { x.ServiceId, x.NationalSolutionId });
        b.HasOne(x => x.NationalSolution).WithMany().HasForeignKey(x => x.NationalSolutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class RoadmapServiceInitiativeConfiguration : IEntityTypeConfiguration<RoadmapServiceInitiative>
{
    public void Configure(EntityTypeBuilder<RoadmapServiceInitiative> b)
    {
        b.ToTable("roadmap_service_initiatives");
        b.HasKey(x => new { x.ServiceId, x.InitiativeId });
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class RoadmapDependencyConfiguration : IEntityTypeConfiguration<RoadmapDependency>
{
    public void Configure(EntityTypeBuilder<RoadmapDependency> b)
    {
        b.ToTable("roadmap_dependencies");
        b.Property(x => x.Description).HasMaxLength(RoadmapDependency.DescriptionMax);
        // Removing a service (or its whole draft) removes what depended on it within the version.
        b.HasOne(x => x.DependsOnService).WithMany().HasForeignKey(x => x.DependsOnServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.NationalSolution).WithMany().HasForeignKey(x => x.NationalSolutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
