namespace Samstyring.Core.Documents;

/// <summary>One block of a <see cref="FlowDocument"/>; each writer knows how to draw every kind.</summary>
public abstract record FlowBlock;

public sealed record FlowTitle(string Text) : FlowBlock;

public sealed record FlowSubtitle(string Text) : FlowBlock;

public sealed record FlowHeading(string Text, int Level) : FlowBlock;

/// <summary>Body text; "\n" in <paramref name="Text"/> is a line break inside the paragraph.</summary>
public sealed record FlowParagraph(string Text, bool Bold = false, bool Italic = false) : FlowBlock;

/// <summary>"Hensikt: tekst" with the label in bold.</summary>
public sealed record FlowLabelledParagraph(string Label, string Text) : FlowBlock;

public sealed record FlowBullets(IReadOnlyList<string> Items) : FlowBlock;

/// <summary>A table with a header row that repeats on every page; widths in cm (null = equal shares of the text width).</summary>
public sealed record FlowTable(
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<DocxCell>> Rows,
    IReadOnlyList<double>? ColumnWidthsCm = null,
    string? Caption = null) : FlowBlock;

/// <summary>The case-paper header block (Til / Dato / Saksnummer / Type / Fra / Saksbehandler): borderless, bold keys.</summary>
public sealed record FlowKeyValues(IReadOnlyList<KeyValuePair<string, string>> Pairs) : FlowBlock;

/// <summary>A framed, shaded box, e.g. "Unntatt offentlighet, jf. Offl. § 14".</summary>
public sealed record FlowNotice(string Text) : FlowBlock;

public sealed record FlowPageBreak : FlowBlock;

/// <summary>
/// A council document (notice, case paper, minutes, attachment list) written once and rendered as DOCX or PDF.
/// Build it top to bottom with the block methods; the blocks themselves are immutable records.
/// </summary>
public sealed class FlowDocument
{
    public const double TextWidthCm = DocxWriter.TextWidthCm;

    private readonly List<FlowBlock> _blocks = [];

    /// <param name="documentTitle">Title in the file's metadata (and the PDF bookmark of this part).</param>
    /// <param name="headerText">Running header on every page, e.g. "Nasjonalt e-helsestyre – Møte 6/2021".</param>
    /// <param name="footerText">Text at the left of the footer; the page number ("Side N av M") is always at the right.</param>
    /// <param name="language">Document language (BCP 47).</param>
    public FlowDocument(string documentTitle, string? headerText = null, string? footerText = null, string language = "nb-NO")
    {
        DocumentTitle = documentTitle;
        HeaderText = headerText;
        FooterText = footerText;
        Language = language;
    }

    public string DocumentTitle { get; }
    public string? HeaderText { get; }
    public string? FooterText { get; }
    public string Language { get; }
    public IReadOnlyList<FlowBlock> Blocks => _blocks;

    public FlowDocument Title(string text) => Add(new FlowTitle(text));
    public FlowDocument Subtitle(string text) => Add(new FlowSubtitle(text));
    public FlowDocument Heading(string text, int level = 1) => Add(new FlowHeading(text, Math.Clamp(level, 1, 3)));
    public FlowDocument Paragraph(string text, bool bold = false, bool italic = false) => Add(new FlowParagraph(text, bold, italic));
    public FlowDocument LabelledParagraph(string label, string text) => Add(new FlowLabelledParagraph(label, text));
    public FlowDocument Bullets(IEnumerable<string> items) => Add(new FlowBullets(items.ToList()));

    public FlowDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<DocxCell>> rows,
        IReadOnlyList<double>? columnWidthsCm = null, string? caption = null) =>
        Add(new FlowTable(headers.ToList(), rows.ToList(), columnWidthsCm?.ToList(), caption));

    public FlowDocument KeyValueBlock(IEnumerable<KeyValuePair<string, string>> pairs) => Add(new FlowKeyValues(pairs.ToList()));

    public FlowDocument KeyValueBlock(params (string Key, string Value)[] pairs) =>
        KeyValueBlock(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public FlowDocument Notice(string text) => Add(new FlowNotice(text));
    public FlowDocument PageBreak() => Add(new FlowPageBreak());

    /// <summary>Appends an already built block (e.g. one taken from another document).</summary>
    public FlowDocument Add(FlowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _blocks.Add(block);
        return this;
    }

    public byte[] ToPdf() => PdfWriter.Render([this], DocumentTitle, Language, bookmarkParts: false);

    /// <summary>The PDF marked as PDF/A-1 by PDFsharp (<c>PdfDocument.SetPdfA</c>), for the Noark 5 extract; not verified as PDF/A.</summary>
    public byte[] ToArchivalPdf() => PdfWriter.Render([this], DocumentTitle, Language, bookmarkParts: false, archival: true);

    /// <summary>
    /// One PDF of several documents (the board package: notice, every case paper, the attachment list). Each part starts
    /// on a new page with its own running header, gets a bookmark, and pages are numbered through the whole file.
    /// </summary>
    public static byte[] CombinedPdf(IEnumerable<FlowDocument> parts, string title, string language = "nb-NO") =>
        PdfWriter.Render(parts.ToList(), title, language, bookmarkParts: true);

    public byte[] ToDocx()
    {
        using var w = new DocxWriter(DocumentTitle, Language, FooterText, HeaderText);
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case FlowTitle b: w.Title(b.Text); break;
                case FlowSubtitle b: w.Subtitle(b.Text); break;
                case FlowHeading b: w.Heading(b.Text, b.Level); break;
                case FlowParagraph b: w.Paragraph(b.Text, b.Bold, b.Italic); break;
                case FlowLabelledParagraph b: w.LabelledParagraph(b.Label, b.Text); break;
                case FlowBullets b: w.Bullets(b.Items); break;
                case FlowTable b: w.Table(b.Headers, b.Rows, b.ColumnWidthsCm, b.Caption); break;
                case FlowKeyValues b: w.KeyValues(b.Pairs); break;
                case FlowNotice b: w.Notice(b.Text); break;
                case FlowPageBreak: w.PageBreak(); break;
                default: throw new NotSupportedException(block.GetType().Name);
            }
        }
        return w.ToArray();
    }
}
