using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Search;

/// <summary>What a search hit is.</summary>
public enum SearchKind
{
    [Label("Sak")] Case,
    [Label("Møtereferat")] Minutes,
    [Label("Tiltak")] Initiative,
    [Label("Tjeneste i veikartet")] RoadmapService,
    [Label("Nasjonal løsning")] Solution,
    [Label("Vedlegg")] Attachment,
}

/// <summary>
/// One searchable thing (a case, a meeting's minutes, an initiative, a roadmap service, a national solution, an
/// attachment) as the search index holds it: its text, and what the filters and the access rule need. Derived data, kept
/// by <see cref="SearchIndexer"/> in the transaction that changes the source; not audited, not backed up, rebuilt by
/// <see cref="SearchIndex"/>. The provider's full-text structures over it come from <see cref="SearchSchema"/>.
/// </summary>
public class SearchDocument
{
    public const int TitleMax = 300;

    /// <summary>The key, made from what a search orders and counts by (<see cref="KeyOf"/>), so the full-text index's rowids say it.</summary>
    public long Id { get; set; }
    public SearchKind Kind { get; set; }
    /// <summary>The id of the case, meeting (minutes), initiative, roadmap service, solution or attachment.</summary>
    public int SourceId { get; set; }
    /// <summary>The case an attachment belongs to (for its link); null for the other kinds.</summary>
    public int? ParentId { get; set; }
    public int? BodyId { get; set; }
    public DateOnly? Date { get; set; }
    /// <summary>
    /// Only those who may see confidential content and drafts (the secretariat and council members) may find it: content
    /// unntatt offentlighet, a case of a meeting whose notice is not sent, minutes of a meeting not held, a draft roadmap.
    /// </summary>
    public bool Restricted { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    /// <summary>The Norwegian stems of the title's and the text's words (<see cref="NorwegianStemmer"/>); filled on SQLite, whose FTS5 has no stemmer.</summary>
    public string TitleStems { get; set; } = "";
    public string BodyStems { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    /// <summary>Where the day starts in <see cref="KeyOf"/>; bits below it: restricted (1), kind (3), source id (32).</summary>
    public const int DayShift = 36;
    public const int RestrictedShift = 35;
    public const int KindShift = 32;

    /// <summary>
    /// A document's key: its day (0 when it has none), whether it is restricted, its kind and its source's id, in that order
    /// of bits. Ordered by key, the newest come last, so a search reads the newest hits first and the day, the kind and the
    /// access rule from the full-text index's rowid alone, without looking the row up. A change of day or access gives the
    /// document a new key. The numbers of <see cref="SearchKind"/> are part of it: a new kind goes last.
    /// </summary>
    public static long KeyOf(DateOnly? date, SearchKind kind, bool restricted, int sourceId) =>
        DayKey(date) | (restricted ? 1L << RestrictedShift : 0) | ((long)kind << KindShift) | (uint)sourceId;

    /// <summary>The day's part of a key: the first key of that day (0 for no day).</summary>
    public static long DayKey(DateOnly? date) => date is { } d ? (d.DayNumber + 1L) << DayShift : 0;
}

public class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public const string Table = "search_documents";

    public void Configure(EntityTypeBuilder<SearchDocument> b)
    {
        b.ToTable(Table);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(SearchDocument.TitleMax);
        b.HasIndex(x => new { x.Kind, x.SourceId }).IsUnique();
        b.HasIndex(x => new { x.Kind, x.Restricted, x.Date });
        b.HasIndex(x => new { x.BodyId, x.Date });
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
