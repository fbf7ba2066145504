using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Actors;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Council;

/// <summary>A case (sak), numbered per body and year across the body's meetings ("37/21").</summary>
public partial class CouncilCase
{
    public const int TitleMax = 300;
    public const int TextMax = 20000;

    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public int Year { get; set; }
    public int Number { get; set; }
    public int? MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public required string Title { get; set; }
    public CaseType Type { get; set; }
    public StandingCase Standing { get; set; }
    /// <summary>"Fra": who brings the case, e.g. "Direktoratet for e-helse".</summary>
    public string? From { get; set; }
    /// <summary>"Saksbehandler": the case officers, comma separated.</summary>
    public string? Officers { get; set; }
    public string? Purpose { get; set; }
    public string? Background { get; set; }
    /// <summary>"Forslag til vedtak". Text in {{double braces}} is a placeholder completed in the meeting.</summary>
    public string? ProposedDecision { get; set; }
    /// <summary>The decision as adopted; null until the meeting has decided.</summary>
    public string? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    /// <summary>
    /// When the adopted decision, or the title or type it is published under, last changed after it was first recorded;
    /// null while it is as first recorded. Feeds show it as the time of the later change.
    /// </summary>
    public DateTime? DecisionChangedAt { get; set; }
    /// <summary>Unntatt offentlighet: hidden from everyone but the office and members.</summary>
    public bool Confidential { get; set; }
    public string? LegalBasis { get; set; }
    public DateOnly? CommentDeadline { get; set; }
    /// <summary>What input is asked for by the deadline.</summary>
    public string? CommentDeadlineNote { get; set; }
    public bool IsDemo { get; set; }
    public string? DemoNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<CaseLink> Links { get; set; } = [];
    public List<CaseReference> References { get; set; } = [];
    public List<CaseComment> Comments { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];

    /// <summary>"37/21": the number and the two-digit year.</summary>
    public string NumberText => FormatNumber(Number, Year);
    public static string FormatNumber(int number, int year) => $"{number}/{year % 100:00}";

    public bool IsDecided => Decision is not null;

    public static bool HasPlaceholder(string? text) => text is not null && Placeholder().IsMatch(text);
    public static IEnumerable<string> Placeholders(string? text) =>
        text is null ? [] : Placeholder().Matches(text).Select(m => m.Groups[1].Value.Trim());

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    /// <summary>Parses "37/21" (or "37/2021") into number and four-digit year.</summary>
    public static bool TryParseNumber(string? text, out int number, out int year)
    {
        number = year = 0;
        var m = NumberPattern().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        number = int.Parse(m.Groups[1].Value);
        year = int.Parse(m.Groups[2].Value);
        if (year < 100) year += 2000;
        return number > 0;
    }

    [GeneratedRegex(@"^(\d{1,4})/(\d{2}|\d{4})$")]
    private static partial Regex NumberPattern();
}

/// <summary>Routing: this case follows up an earlier case in another body (NUFA → NUIT → the board).</summary>
public class CaseLink
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int RelatedCaseId { get; set; }
    public CouncilCase RelatedCase { get; set; } = null!;
}

public enum CaseReferenceKind
{
    [Common.Label("Tiltak")] Initiative,
    [Common.Label("Porteføljerapport")] PortfolioPeriod,
    [Common.Label("Porteføljekriterier")] CriteriaSet,
}

/// <summary>A portfolio item the case is about.</summary>
public class CaseReference
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public CaseReferenceKind Kind { get; set; }
    public int? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public int? ReportingPeriodId { get; set; }
    public ReportingPeriod? ReportingPeriod { get; set; }
    public int? CriteriaSetId { get; set; }
    public CriteriaSet? CriteriaSet { get; set; }
}

/// <summary>Input received on a case by its comment deadline.</summary>
public class CaseComment
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Author { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Vedlegg, labelled "1", "1A", "5A". The file is stored on disk under the data directory.</summary>
public class Attachment
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public required string Label { get; set; }
    public required string Title { get; set; }
    /// <summary>Null when only listed (e.g. a link published elsewhere, or demo data without the file).</summary>
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }
    /// <summary>Path relative to the attachment store.</summary>
    public string? StoragePath { get; set; }
    public string? Sha256 { get; set; }
    public bool Confidential { get; set; }
    public string? LegalBasis { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public bool HasFile => StoragePath is not null;
}

public class CouncilCaseConfiguration : IEntityTypeConfiguration<CouncilCase>
{
    public void Configure(EntityTypeBuilder<CouncilCase> b)
    {
        b.ToTable("cases");
        b.HasOne(x => x.Body).WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BodyId, x.Year, x.Number }).IsUnique();
        b.HasIndex(x => x.MeetingId);
        b.Property(x => x.Title).HasMaxLength(CouncilCase.TitleMax);
        b.Property(x => x.Type).HasMaxLength(20);
        b.Property(x => x.Standing).HasMaxLength(20);
        b.Property(x => x.From).HasMaxLength(200);
        b.Property(x => x.Officers).HasMaxLength(400);
        b.Property(x => x.Purpose).HasMaxLength(CouncilCase.TextMax);
        b.Property(x => x.Background).HasMaxLength(CouncilCase.TextMax);
        b.Property(x => x.ProposedDecision).HasMaxLength(CouncilCase.TextMax);
        b.Property(x => x.Decision).HasMaxLength(CouncilCase.TextMax);
        b.Property(x => x.LegalBasis).HasMaxLength(200);
        b.Property(x => x.CommentDeadlineNote).HasMaxLength(1000);
        b.Property(x => x.DemoNote).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Links).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.References).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Comments).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.NumberText);
        b.Ignore(x => x.IsDecided);
    }
}

public class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> b)
    {
        b.ToTable("case_links");
        b.HasOne(x => x.RelatedCase).WithMany().HasForeignKey(x => x.RelatedCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CaseId, x.RelatedCaseId }).IsUnique();
        b.HasIndex(x => x.RelatedCaseId);
    }
}

public class CaseReferenceConfiguration : IEntityTypeConfiguration<CaseReference>
{
    public void Configure(EntityTypeBuilder<CaseReference> b)
    {
        b.ToTable("case_references");
        b.Property(x => x.Kind).HasMaxLength(20);
        b.HasOne(x => x.Initiative).WithMany().HasForeignKey(x => x.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ReportingPeriod).WithMany().HasForeignKey(x => x.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.CriteriaSet).WithMany().HasForeignKey(x => x.CriteriaSetId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.InitiativeId);
        b.HasIndex(x => x.ReportingPeriodId);
        b.HasIndex(x => x.CriteriaSetId);
    }
}

public class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> b)
    {
        b.ToTable("case_comments");
        b.Property(x => x.Author).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(CouncilCase.TextMax);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.OrganizationId);
    }
}

public class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(x => x.Label).HasMaxLength(10);
        b.Property(x => x.Title).HasMaxLength(CouncilCase.TitleMax);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(120);
        b.Property(x => x.StoragePath).HasMaxLength(300);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.LegalBasis).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(80);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.Ignore(x => x.HasFile);
    }
}
