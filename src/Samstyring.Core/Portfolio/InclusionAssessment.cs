using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// The office's assessment of an initiative against a criteria set (case 37/21). Versioned per
/// initiative: a new assessment never overwrites an earlier one.
/// </summary>
public class InclusionAssessment
{
    public int Id { get; set; }
    public int InitiativeId { get; set; }
    public int Number { get; set; }
    public int CriteriaSetId { get; set; }
    public CriteriaSet CriteriaSet { get; set; } = null!;
    public bool Criterion1Met { get; set; }
    /// <summary>Codes of the criterion-2 ways that apply, space separated ("K2.1 K2.5").</summary>
    public string Criterion2Ways { get; set; } = "";
    /// <summary>Codes of the "also wanted" kinds that apply.</summary>
    public string AlsoWanted { get; set; } = "";
    /// <summary>Depends only on minor Helsenorge deliveries: handled by the Helsenorge product board instead.</summary>
    public bool MinorHelsenorgeOnly { get; set; }
    /// <summary>Recorded dialogue with the portfolio office; the list of ways is not exhaustive.</summary>
    public string Dialogue { get; set; } = "";
    /// <summary>Criterion 2 met by other reasons agreed in the dialogue.</summary>
    public bool Criterion2MetByDialogue { get; set; }
    public required string AssessedBy { get; set; }
    public DateTime AssessedAt { get; set; }

    public bool Criterion2Met => !MinorHelsenorgeOnly && (Criterion2Ways.Length > 0 || Criterion2MetByDialogue);

    /// <summary>Both criteria met → may be included.</summary>
    public bool MayBeIncluded => Criterion1Met && Criterion2Met;

    public IEnumerable<string> Criterion2WayCodes => Criterion2Ways.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public IEnumerable<string> AlsoWantedCodes => AlsoWanted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public class InclusionAssessmentConfiguration : IEntityTypeConfiguration<InclusionAssessment>
{
    public void Configure(EntityTypeBuilder<InclusionAssessment> b)
    {
        b.ToTable("inclusion_assessments");
        b.HasOne<Initiative>().WithMany(i => i.Assessments).HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.CriteriaSet).WithMany().HasForeignKey(a => a.CriteriaSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.InitiativeId, a.Number }).IsUnique();
        b.Property(a => a.Criterion2Ways).HasMaxLength(200);
        b.Property(a => a.AlsoWanted).HasMaxLength(200);
        b.Property(a => a.Dialogue).HasMaxLength(Initiative.TextMax);
        b.Property(a => a.AssessedBy).HasMaxLength(80);
        b.Ignore(a => a.Criterion2Met);
        b.Ignore(a => a.MayBeIncluded);
        b.Ignore(a => a.Criterion2WayCodes);
        b.Ignore(a => a.AlsoWantedCodes);
    }
}
