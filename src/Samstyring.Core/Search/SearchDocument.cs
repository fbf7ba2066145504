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

    public int Id { get; set; }
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
}

public class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public const string Table = "search_documents";

    public void Configure(EntityTypeBuilder<SearchDocument> b)
    {
        b.ToTable(Table);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(SearchDocument.TitleMax);
        b.HasIndex(x => new { x.Kind, x.SourceId }).IsUnique();
        b.HasIndex(x => new { x.Kind, x.Restricted, x.Date });
        b.HasIndex(x => new { x.BodyId, x.Date });
        b.Metadata.SetAnnotation(SamstyringDb.Transient, true);
    }
}
