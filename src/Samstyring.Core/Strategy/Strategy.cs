using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Core.Strategy;

/// <summary>Where a strategy stands; its status is set by its latest step.</summary>
public enum StrategyStatus
{
    [Label("Utkast")] Draft,
    [Label("På høring")] InConsultation,
    [Label("Vedtatt")] Adopted,
    /// <summary>An adopted strategy that a later adopted strategy replaced.</summary>
    [Label("Erstattet")] Replaced,
}

/// <summary>
/// Nasjonal e-helsestrategi: a period of years, a vision, its target areas (målområder) and the steps (council cases,
/// consultation, adoption) that moved it on. A draft is seen by the office and council members only; a strategy on
/// consultation, adopted or replaced is public.
/// </summary>
public class Strategy
{
    public const int TitleMax = 200;
    public const int VisionMax = 2000;
    public const int PlanMax = 2000;
    public const int SourceMax = 500;
    public const int DemoNoteMax = 1000;
    public const int FirstYear = 2000, LastYear = 2100;

    public int Id { get; set; }
    public required string Title { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    public string Vision { get; set; } = "";
    /// <summary>The further work as planned (when the draft goes on consultation and for how long), as the sources write it.</summary>
    public string Plan { get; set; } = "";
    /// <summary>The document the strategy is published in, as its source names it.</summary>
    public string? Source { get; set; }
    public StrategyStatus Status { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public List<StrategyStep> Steps { get; set; } = [];
    public List<TargetArea> Areas { get; set; } = [];

    public bool IsPublic => Status is not StrategyStatus.Draft;

    /// <summary>"2017–2022", or one year.</summary>
    public static string Period(int from, int to) => from == to ? from.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{from}–{to}";

    /// <summary>
    /// The statuses a step may give a strategy with <paramref name="from"/>: the same (a step that moves the work on without a
    /// new status, such as a board discussion), or forward. A draft may go straight to adoption; a strategy on consultation
    /// may go back to draft to be reworked. A replaced strategy takes no more steps; replacing is done by adopting another.
    /// </summary>
    public static IReadOnlyList<StrategyStatus> NextStatuses(StrategyStatus from) => from switch
    {
        StrategyStatus.Draft => [StrategyStatus.Draft, StrategyStatus.InConsultation, StrategyStatus.Adopted],
        StrategyStatus.InConsultation => [StrategyStatus.InConsultation, StrategyStatus.Draft, StrategyStatus.Adopted],
        StrategyStatus.Adopted => [StrategyStatus.Adopted],
        _ => [],
    };
}

/// <summary>A step in a strategy's life: what happened, on which date, the status it gave, and the council case or document.</summary>
public class StrategyStep
{
    public const int DescriptionMax = 1000;
    public const int ReferenceMax = 300;

    public int Id { get; set; }
    public int StrategyId { get; set; }
    public Strategy Strategy { get; set; } = null!;
    public DateOnly On { get; set; }
    public StrategyStatus Status { get; set; }
    public required string Description { get; set; }
    public int? CaseId { get; set; }
    public CouncilCase? Case { get; set; }
    /// <summary>The case or document as its source names it, when it is not a case in the council's records.</summary>
    public string? Reference { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// Målområde (a strategic or target area): its number in the strategy, title, goal and indicators, and what serves it:
/// portfolio initiatives, roadmap services and national solutions.
/// </summary>
public class TargetArea
{
    public const int TitleMax = 200;
    public const int GoalMax = 4000;
    public const int IndicatorMax = 300;
    public const int IndicatorsMax = 30;
    public const int LinksMax = 200;

    public int Id { get; set; }
    public int StrategyId { get; set; }
    public Strategy Strategy { get; set; } = null!;
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Goal { get; set; } = "";
    /// <summary>One indicator a line.</summary>
    public string Indicators { get; set; } = "";
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<TargetAreaInitiative> Initiatives { get; set; } = [];
    public List<TargetAreaService> Services { get; set; } = [];
    public List<TargetAreaSolution> Solutions { get; set; } = [];

    public IReadOnlyList<string> IndicatorList => SplitIndicators(Indicators);

    public static IReadOnlyList<string> SplitIndicators(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

/// <summary>A portfolio initiative that serves a target area. Demo links are marked.</summary>
public class TargetAreaInitiative
{
    public int TargetAreaId { get; set; }
    public TargetArea TargetArea { get; set; } = null!;
    public int InitiativeId { get; set; }
    public Portfolio.Initiative Initiative { get; set; } = null!;
    public bool IsDemo { get; set; }
}

/// <summary>A roadmap service that serves a target area.</summary>
public class TargetAreaService
{
    public int TargetAreaId { get; set; }
    public TargetArea TargetArea { get; set; } = null!;
    public int ServiceId { get; set; }
    public Roadmap.RoadmapService Service { get; set; } = null!;
    public bool IsDemo { get; set; }
}

/// <summary>A national solution that serves a target area.</summary>
public class TargetAreaSolution
{
    public int TargetAreaId { get; set; }
    public TargetArea TargetArea { get; set; } = null!;
    public int SolutionId { get; set; }
    public Solutions.NationalSolution Solution { get; set; } = null!;
    public bool IsDemo { get; set; }
}

public class StrategyConfiguration : IEntityTypeConfiguration<Strategy>
{
    public void Configure(EntityTypeBuilder<Strategy> b)
    {
        b.ToTable("strategies");
        b.Property(x => x.Title).HasMaxLength(Strategy.TitleMax);
        b.Property(x => x.Vision).HasMaxLength(Strategy.VisionMax);
        b.Property(x => x.Plan).HasMaxLength(Strategy.PlanMax);
        b.Property(x => x.Source).HasMaxLength(Strategy.SourceMax);
        b.Property(x => x.Status).HasMaxLength(40);
        b.Property(x => x.DemoNote).HasMaxLength(Strategy.DemoNoteMax);
        b.Property(x => x.CreatedBy).HasMaxLength(80);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.FromYear);
        b.Ignore(x => x.IsPublic);
    }
}

public class StrategyStepConfiguration : IEntityTypeConfiguration<StrategyStep>
{
    public void Configure(EntityTypeBuilder<StrategyStep> b)
    {
        b.ToTable("strategy_steps");
        b.HasOne(x => x.Strategy).WithMany(s => s.Steps).HasForeignKey(x => x.StrategyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Status).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(StrategyStep.DescriptionMax);
        b.Property(x => x.Reference).HasMaxLength(StrategyStep.ReferenceMax);
        b.Property(x => x.DemoNote).HasMaxLength(Strategy.DemoNoteMax);
        b.Property(x => x.RecordedBy).HasMaxLength(80);
        b.HasIndex(x => x.StrategyId);
        b.HasIndex(x => x.CaseId);
    }
}

public class TargetAreaConfiguration : IEntityTypeConfiguration<TargetArea>
{
    public void Configure(EntityTypeBuilder<TargetArea> b)
    {
        b.ToTable("target_areas");
        b.HasOne(x => x.Strategy).WithMany(s => s.Areas).HasForeignKey(x => x.StrategyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Title).HasMaxLength(TargetArea.TitleMax);
        b.Property(x => x.Goal).HasMaxLength(TargetArea.GoalMax);
        b.Property(x => x.Indicators).HasMaxLength(TargetArea.IndicatorsMax * (TargetArea.IndicatorMax + 1));
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.StrategyId, x.Number }).IsUnique();
        b.Ignore(x => x.IndicatorList);
    }
}

public class TargetAreaInitiativeConfiguration : IEntityTypeConfiguration<TargetAreaInitiative>
{
    public void Configure(EntityTypeBuilder<TargetAreaInitiative> b)
    {
        b.ToTable("target_area_initiatives");
        b.HasKey(x => new { x.TargetAreaId, x.InitiativeId });
        b.HasOne(x => x.TargetArea).WithMany(a => a.Initiatives).HasForeignKey(x => x.TargetAreaId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.InitiativeId);
    }
}

public class TargetAreaServiceConfiguration : IEntityTypeConfiguration<TargetAreaService>
{
    public void Configure(EntityTypeBuilder<TargetAreaService> b)
    {
        b.ToTable("target_area_services");
        b.HasKey(x => new { x.TargetAreaId, x.ServiceId });
        b.HasOne(x => x.TargetArea).WithMany(a => a.Services).HasForeignKey(x => x.TargetAreaId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ServiceId);
    }
}

public class TargetAreaSolutionConfiguration : IEntityTypeConfiguration<TargetAreaSolution>
{
    public void Configure(EntityTypeBuilder<TargetAreaSolution> b)
    {
        b.ToTable("target_area_solutions");
        b.HasKey(x => new { x.TargetAreaId, x.SolutionId });
        b.HasOne(x => x.TargetArea).WithMany(a => a.Solutions).HasForeignKey(x => x.TargetAreaId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Solution).WithMany().HasForeignKey(x => x.SolutionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SolutionId);
    }
}
