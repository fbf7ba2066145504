using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

/// <summary>Tiltak: a project, programme, rollout project or concept work in the national portfolio.</summary>
public class Initiative
{
    public const int NameMax = 200;
    public const int TextMax = 4000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int OwnerId { get; set; }
    public Organization Owner { get; set; } = null!;
    public InitiativeKind Kind { get; set; }
    public Lifecycle Lifecycle { get; set; }
    public string? LeftReason { get; set; }
    public DateOnly? LeftOn { get; set; }
    /// <summary>When the office took it into the portfolio ("new in the period").</summary>
    public DateOnly? IncludedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    /// <summary>The report for the latest period, kept here so the overview needs no per-row subquery.</summary>
    public int? LatestReportId { get; set; }
    /// <summary>That report's status and risk, kept with <see cref="LatestReportId"/> (see <see cref="ReportStatus"/>) so the
    /// overview filters, counts and finds red flags in this table alone.</summary>
    public Rag? LatestStatus { get; set; }
    public Rag? LatestRisk { get; set; }
    /// <summary>That report's period (no foreign key: derived data, kept with <see cref="LatestReportId"/>).</summary>
    public int? LatestPeriodId { get; set; }
    public Phase Phase { get; set; }
    public Segment? Segment { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public string? ContactPerson { get; set; }
    public SubmissionState Submission { get; set; }
    /// <summary>Set by the office when planning next year's portfolio; null when not yet decided.</summary>
    public bool? CarriesOverNextYear { get; set; }
    public bool StartsNextYear { get; set; }
    /// <summary>Invented demo details are marked so nobody mistakes them for real data.</summary>
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<StatusReport> Reports { get; set; } = [];
    public List<PhaseDecision> PhaseDecisions { get; set; } = [];
    public List<SubmissionStep> SubmissionSteps { get; set; } = [];
    public List<InclusionAssessment> Assessments { get; set; } = [];
    public List<Dependency> Dependencies { get; set; } = [];

    /// <summary>In the portfolio proper: reported on and counted.</summary>
    public bool IsInPortfolio => Lifecycle is Lifecycle.Active or Lifecycle.Paused;

    private static readonly Dictionary<Lifecycle, Lifecycle[]> Transitions = new()
    {
        [Lifecycle.Candidate] = [Lifecycle.Active, Lifecycle.Left],
        [Lifecycle.Active] = [Lifecycle.Paused, Lifecycle.Completed, Lifecycle.Left],
        [Lifecycle.Paused] = [Lifecycle.Active, Lifecycle.Completed, Lifecycle.Left],
        [Lifecycle.Completed] = [],
        [Lifecycle.Left] = [Lifecycle.Candidate],
    };

    /// <summary>Points at the report for the latest period and keeps its status and risk beside it.</summary>
    public void SetLatestReport(StatusReport? report)
    {
        LatestReportId = report?.Id;
        LatestStatus = report?.Status;
        LatestRisk = report?.Risk;
        LatestPeriodId = report?.PeriodId;
    }

    public static IReadOnlyList<Lifecycle> AllowedTransitions(Lifecycle from) => Transitions[from];

    /// <summary>Moves the lifecycle; leaving the portfolio needs a reason and a date.</summary>
    public void ChangeLifecycle(Lifecycle to, string? reason, DateOnly? on)
    {
        var v = new Validator();
        if (to != Lifecycle && !Transitions[Lifecycle].Contains(to))
            v.Add("lifecycle", $"Et tiltak med livsløp «{Lifecycle.Label()}» kan ikke settes til «{to.Label()}».");
        if (to == Lifecycle.Left)
        {
            v.Required("leftReason", reason, "Begrunnelse for å gå ut av porteføljen", TextMax);
            if (on is null) v.Add("leftOn", "Dato for når tiltaket gikk ut av porteføljen må fylles ut.");
        }
        if (to == Lifecycle.Active && Segment is null)
            v.Add("segment", "Et aktivt tiltak må ha et segment.");
        v.ThrowIfInvalid();
        Lifecycle = to;
        LeftReason = to == Lifecycle.Left ? reason!.Trim() : null;
        LeftOn = to == Lifecycle.Left ? on : null;
        if (to == Lifecycle.Completed) CompletedOn = on;
    }
}

public class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> b)
    {
        b.ToTable("initiatives");
        b.Property(i => i.Name).HasMaxLength(Initiative.NameMax);
        b.Property(i => i.Description).HasMaxLength(Initiative.TextMax);
        b.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.Kind).HasMaxLength(40);
        b.Property(i => i.Lifecycle).HasMaxLength(40);
        b.Property(i => i.LeftReason).HasMaxLength(Initiative.TextMax);
        b.Property(i => i.Phase).HasMaxLength(40);
        b.Property(i => i.Segment).HasMaxLength(40);
        b.Property(i => i.ContactPerson).HasMaxLength(200);
        b.Property(i => i.Submission).HasMaxLength(40);
        b.Property(i => i.LatestStatus).HasMaxLength(10);
        b.Property(i => i.LatestRisk).HasMaxLength(10);
        b.Property(i => i.DemoNote).HasMaxLength(1000);
        b.Property(i => i.Version).IsConcurrencyToken();
        // Lifecycle first for lookups by it; with the latest figures the overview's counts read the index alone.
        b.HasIndex(i => new { i.Lifecycle, i.LatestStatus, i.LatestRisk });
        // "New in the period" among every initiative, whatever its lifecycle now.
        b.HasIndex(i => i.IncludedOn);
        b.HasIndex(i => i.OwnerId);
        b.HasIndex(i => i.Name);
    }
}
