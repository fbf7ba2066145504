using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

public enum CriterionKind
{
    /// <summary>Criterion 1 or 2 itself.</summary>
    [Label("Kriterium")] Main,
    /// <summary>One of the ways criterion 2 can be met.</summary>
    [Label("Måte kriterium 2 kan oppfylles på")] Criterion2Way,
    [Label("I tillegg ønsket i porteføljen")] AlsoWanted,
    [Label("Unntak")] Exception,
}

/// <summary>Where a criteria set stands: tried out until a council case adopts it.</summary>
public enum CriteriaSetStatus
{
    [Label("Under utprøving")] Trial,
    [Label("Vedtatt")] Adopted,
}

/// <summary>
/// The inclusion criteria are data: a versioned set, tried out and then adopted by a council case. The first (2021.1)
/// has been tried out since Nasjonalt e-helsestyre 4/21 and is proposed for adoption in 37/21 (9 December 2021).
/// Assessments point at the set they were made against, so old assessments keep their meaning.
/// </summary>
public class CriteriaSet
{
    public int Id { get; set; }
    public required string Version { get; set; }
    public required string Title { get; set; }
    /// <summary>The case that adopted the set, e.g. "Nasjonalt e-helsestyre sak 37/21"; null until a case has adopted it.</summary>
    public string? AdoptedByCase { get; set; }
    public DateOnly? AdoptedOn { get; set; }
    /// <summary>The case that let the set be tried out (utprøving) before adoption, e.g. "Nasjonalt e-helsestyre sak 4/21".</summary>
    public string? TrialByCase { get; set; }
    /// <summary>The case the set is put forward to for adoption, e.g. "Nasjonalt e-helsestyre sak 37/21".</summary>
    public string? ProposedInCase { get; set; }
    public CriteriaSetStatus Status => AdoptedByCase is not null || AdoptedOn is not null ? CriteriaSetStatus.Adopted : CriteriaSetStatus.Trial;

    /// <summary>Where the set stands, in a sentence part: "vedtatt i … 9. desember 2021" or "under utprøving siden …, foreslått vedtatt i …".</summary>
    public string StatusText => Status == CriteriaSetStatus.Adopted
        ? "vedtatt" + (AdoptedByCase is { } c ? $" i {c}" : "") + (AdoptedOn is { } on ? $" {Norwegian.Date(on)}" : "")
        : "under utprøving" + (TrialByCase is { } t ? $" siden {t}" : "") + (ProposedInCase is { } p ? $", foreslått vedtatt i {p}" : "");
    /// <summary>The council case that adopted the set, when it was adopted in Samstyring.</summary>
    public int? AdoptedInCaseId { get; set; }
    public Council.CouncilCase? AdoptedInCase { get; set; }
    public bool IsCurrent { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
}

public class Criterion
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    /// <summary>"K1", "K2", "K2.1" … stable within a set.</summary>
    public required string Code { get; set; }
    public CriterionKind Kind { get; set; }
    public required string Text { get; set; }
    public int Order { get; set; }
}

public class CriteriaSetConfiguration : IEntityTypeConfiguration<CriteriaSet>
{
    public void Configure(EntityTypeBuilder<CriteriaSet> b)
    {
        b.ToTable("criteria_sets");
        b.Property(s => s.Version).HasMaxLength(20);
        b.HasIndex(s => s.Version).IsUnique();
        b.HasOne(s => s.AdoptedInCase).WithMany().HasForeignKey(s => s.AdoptedInCaseId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.Title).HasMaxLength(200);
        b.Property(s => s.AdoptedByCase).HasMaxLength(200);
        b.Property(s => s.TrialByCase).HasMaxLength(200);
        b.Property(s => s.ProposedInCase).HasMaxLength(200);
        b.HasMany(s => s.Criteria).WithOne().HasForeignKey(c => c.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> b)
    {
        b.ToTable("criteria");
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Kind).HasMaxLength(40);
        b.Property(c => c.Text).HasMaxLength(2000);
        b.HasIndex(c => new { c.CriteriaSetId, c.Code }).IsUnique();
    }
}
