using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Structure;
using PdfSharp.UniversalAccessibility;

namespace Samstyring.Core.Documents;

/// <summary>
/// Lays <see cref="FlowDocument"/>s out on A4 pages with PDFsharp: Liberation Sans (embedded, metric-compatible with the
/// DOCX's Arial), word wrapping with measured and cached word widths, page breaks inside paragraphs and tables (the
/// table header row repeats), a running header, and "Side N av M" stamped on every page once the page count is known.
/// </summary>
internal sealed class PdfWriter : IDisposable
{
    private const double Cm = 72 / 2.54;
    private const double PageWidth = 595.276, PageHeight = 841.89;
    private const double Left = 2 * Cm, Right = PageWidth - 2 * Cm, TextWidth = Right - Left;
    private const double Top = 2.5 * Cm, Bottom = PageHeight - 2.3 * Cm, BodyHeight = Bottom - Top;
    private const double BodySize = 10.5, BodyLeading = 14;
    private const double TableSize = 9, TableLeading = 11.5, CellPadX = 4, CellPadY = 3;
    private const double SmallSize = 8;
    // Liberation Sans (like Arial) ascent and descent in em: used to centre a line's glyphs on its leading.
    private const double Ascent = 0.905, Descent = 0.212;

    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x38, 0x64);
    private static readonly XColor Ink = XColor.FromArgb(0x11, 0x18, 0x27);
    private static readonly XColor Muted = XColor.FromArgb(0x4B, 0x55, 0x63);
    private static readonly XColor Subtle = XColor.FromArgb(0x37, 0x41, 0x51);
    private static readonly XColor RuleColour = XColor.FromArgb(0x9C, 0xA3, 0xAF);
    private static readonly XColor NoticeFill = XColor.FromArgb(0xF2, 0xF2, 0xF2);

    private readonly PdfDocument _pdf;
    private readonly Dictionary<(double Size, bool Bold, bool Italic), Face> _faces = [];
    private readonly Dictionary<XColor, XSolidBrush> _brushes = [];
    private readonly XPen _rule = new(RuleColour, 0.5);
    private readonly XPen _noticePen = new(Muted, 0.75);
    private readonly List<(PdfPage Page, string? Footer)> _pages = [];
    private XGraphics? _g;
    private double _y;
    private bool _atTop;
    private string? _header, _footer;
    private PdfOutline? _partOutline;

    private PdfWriter(string title, string language, bool bookmarks, bool archival)
    {
        PdfFonts.EnsureInstalled();
        _pdf = new PdfDocument();
        _pdf.Info.Title = title;
        _pdf.Info.Creator = "Samstyring";
        _pdf.Language = language;
        _pdf.ViewerPreferences.DisplayDocTitle = true;
        _pdf.Options.CompressContentStreams = true;
        if (bookmarks) _pdf.PageMode = PdfPageMode.UseOutlines;
        // PDFsharp's own marker for PDF/A-1 (XMP pdfaid and an sRGB output intent). The fonts are embedded anyway.
        // SetPdfA also turns on PDFsharp's PDF/UA manager, which wants every drawing inside a structure element: the whole
        // text is one paragraph of one document, and running headers and page numbers are artifacts. That is not a
        // meaningful tag tree, and nothing here checks the result against PDF/A: it is "PDF/A as PDFsharp marks it".
        if (archival)
        {
            _pdf.SetPdfA();
            _structure = UAManager.ForDocument(_pdf).StructureBuilder;
        }
    }

    private readonly StructureBuilder? _structure;
    private bool _structureOpen;

    public static byte[] Render(IReadOnlyList<FlowDocument> parts, string title, string language, bool bookmarkParts, bool archival = false)
    {
        using var w = new PdfWriter(title, language, bookmarkParts, archival);
        foreach (var part in parts) w.Part(part, bookmarkParts);
        return w.Finish();
    }

    public void Dispose()
    {
        _g?.Dispose();
        _pdf.Dispose();
    }

    private XGraphics G => _g!;

    private void Part(FlowDocument doc, bool bookmark)
    {
        _header = doc.HeaderText;
        _footer = doc.FooterText;
        NewPage();
        _partOutline = bookmark ? _pdf.Outlines.Add(Clean(doc.DocumentTitle), _pages[^1].Page, false) : null;
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case FlowTitle b: TextBlock([new(b.Text, FaceOf(20, true), Brush(Accent))], 24, before: 0, after: 8); break;
                case FlowSubtitle b: TextBlock([new(b.Text, FaceOf(12.5), Brush(Subtle))], 16, before: 0, after: 14); break;
                case FlowHeading b: Heading(b); break;
                case FlowParagraph b: TextBlock([new(b.Text, FaceOf(BodySize, b.Bold, b.Italic), Brush(Ink))], BodyLeading, 0, 6); break;
                case FlowLabelledParagraph b:
                    TextBlock([new(b.Label, FaceOf(BodySize, true), Brush(Ink)), new(b.Text, FaceOf(BodySize), Brush(Ink))], BodyLeading, 0, 6);
                    break;
                case FlowBullets b: Bullets(b.Items); break;
                case FlowTable b: Table(b); break;
                case FlowKeyValues b: KeyValues(b.Pairs); break;
                case FlowNotice b: Notice(b.Text); break;
                case FlowPageBreak: if (!_atTop) NewPage(); break;
                default: throw new NotSupportedException(block.GetType().Name);
            }
        }
    }

    private byte[] Finish()
    {
        if (_pages.Count == 0) NewPage();
        if (_structureOpen)
        {
            _structure!.End();
            _structure.End();
            _structureOpen = false;
        }
        _g?.Dispose();
        _g = null;
        // The archival PDF got its footers as its pages were made (PDFsharp's PDF/UA manager draws on the current page only).
        for (var i = 0; _structure is null && i < _pages.Count; i++)
        {
            using var g = XGraphics.FromPdfPage(_pages[i].Page, XGraphicsPdfPageOptions.Append);
            Footer(g, $"Side {i + 1} av {_pages.Count}", _pages[i].Footer);
        }
        using var stream = new MemoryStream();
        _pdf.Save(stream, false);
        return stream.ToArray();
    }

    // ------------------------------------------------------------------ pages

    private void NewPage()
    {
        // Added while the previous page's graphics still lives: PDFsharp's PDF/UA manager ends its marked content there.
        var page = _pdf.AddPage();
        _g?.Dispose();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _g = XGraphics.FromPdfPage(page);
        _pages.Add((page, _footer));
        if (_structure is not null && !_structureOpen)
        {
            _structure.BeginElement(PdfGroupingElementTag.Document);
            _structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            _structureOpen = true;
        }
        if (!string.IsNullOrEmpty(_header))
        {
            var face = FaceOf(SmallSize);
            _structure?.BeginArtifact();
            G.DrawString(Fit(Clean(_header).Replace('\n', ' '), face, TextWidth, G), face.Font, Brush(Muted), Left, 1.3 * Cm);
            G.DrawLine(_rule, Left, 1.5 * Cm, Right, 1.5 * Cm);
            _structure?.End();
        }
        if (_structure is not null)
        {
            // Without the page count, which is not known yet: "Side 3".
            _structure.BeginArtifact();
            Footer(G, $"Side {_pages.Count}", _footer);
            _structure.End();
        }
        _y = Top;
        _atTop = true;
    }

    private void Footer(XGraphics g, string number, string? footer)
    {
        var face = FaceOf(SmallSize);
        var brush = Brush(Muted);
        var baseline = PageHeight - 1.2 * Cm;
        var width = g.MeasureString(number, face.Font).Width;
        g.DrawString(number, face.Font, brush, Right - width, baseline);
        if (!string.IsNullOrEmpty(footer))
            g.DrawString(Fit(Clean(footer).Replace('\n', ' '), face, TextWidth - width - 12, g), face.Font, brush, Left, baseline);
    }

    private bool Fits(double height) => _y + height <= Bottom + 0.01;

    /// <summary>Starts a new page unless <paramref name="height"/> fits here (or nothing has been drawn on this page yet).</summary>
    private void Ensure(double height)
    {
        if (!_atTop && !Fits(height)) NewPage();
    }

    private void Space(double points)
    {
        if (!_atTop) _y += points;
    }

    // ------------------------------------------------------------------ blocks

    private void Heading(FlowHeading h)
    {
        var (size, leading, before, after, colour) = h.Level switch
        {
            1 => (14.5, 18.0, 16.0, 6.0, Accent),
            2 => (12.0, 15.5, 12.0, 4.0, Accent),
            _ => (BodySize, BodyLeading, 10.0, 2.0, Ink),
        };
        var lines = Wrap([new(h.Text, FaceOf(size, true), Brush(colour))], TextWidth);
        Space(before);
        // Keep the heading with the first lines of what follows.
        Ensure(lines.Count * leading + after + 2 * BodyLeading);
        if (_partOutline is not null && h.Level == 1) _partOutline.Outlines.Add(Clean(h.Text), _pages[^1].Page, false);
        DrawLines(lines, Left, leading);
        _y += after;
    }

    private void TextBlock(Run[] runs, double leading, double before, double after, double indent = 0)
    {
        var lines = Wrap(runs, TextWidth - indent);
        Space(before);
        Ensure(Math.Min(lines.Count, 2) * leading); // no single orphaned line at the bottom of a page
        DrawLines(lines, Left + indent, leading);
        _y += after;
    }

    private void DrawLines(List<Line> lines, double x, double leading)
    {
        foreach (var line in lines)
        {
            Ensure(leading);
            DrawLine(line, x, _y, leading);
            _y += leading;
            _atTop = false;
        }
    }

    private void Bullets(IReadOnlyList<string> items)
    {
        const double indent = 18;
        var face = FaceOf(BodySize);
        var brush = Brush(Ink);
        foreach (var item in items)
        {
            var lines = Wrap([new(item, face, brush)], TextWidth - indent);
            Ensure(Math.Min(lines.Count, 2) * BodyLeading);
            DrawLine(new Line { Words = { new Word("•", face, brush, 0) } }, Left + 6, _y, BodyLeading);
            DrawLines(lines, Left + indent, BodyLeading);
            _y += 2;
        }
        _y += 4;
    }

    private void Notice(string text)
    {
        const double pad = 6;
        var lines = Wrap([new(text, FaceOf(BodySize, true), Brush(Ink))], TextWidth - 2 * pad);
        Space(4);
        var height = lines.Count * BodyLeading + 2 * pad;
        if (!Fits(height) && height <= BodyHeight) Ensure(height);
        var next = 0;
        while (next < lines.Count)
        {
            var count = Math.Min(lines.Count - next, (int)((Bottom - _y - 2 * pad) / BodyLeading));
            if (count < 1) { NewPage(); continue; }
            var box = new XRect(Left, _y, TextWidth, count * BodyLeading + 2 * pad);
            G.DrawRectangle(_noticePen, Brush(NoticeFill), box);
            for (var i = 0; i < count; i++) DrawLine(lines[next + i], Left + pad, _y + pad + i * BodyLeading, BodyLeading);
            _y += box.Height;
            _atTop = false;
            next += count;
            if (next < lines.Count) NewPage();
        }
        _y += 10;
    }

    private void KeyValues(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0) return;
        var keyFace = FaceOf(BodySize, true);
        var valueFace = FaceOf(BodySize);
        var brush = Brush(Ink);
        var keyWidth = Math.Clamp(pairs.Max(p => keyFace.Measure(G, Clean(p.Key))) + 16, 3 * Cm, 6 * Cm);
        Space(2);
        foreach (var (key, value) in pairs)
        {
            var keyLines = Wrap([new(key, keyFace, brush)], keyWidth - 8);
            var valueLines = Wrap([new(value, valueFace, brush)], TextWidth - keyWidth);
            var rows = Math.Max(keyLines.Count, valueLines.Count);
            Ensure(rows * BodyLeading);
            for (var i = 0; i < rows; i++)
            {
                Ensure(BodyLeading);
                if (i < keyLines.Count) DrawLine(keyLines[i], Left, _y, BodyLeading);
                if (i < valueLines.Count) DrawLine(valueLines[i], Left + keyWidth, _y, BodyLeading);
                _y += BodyLeading;
                _atTop = false;
            }
            _y += 1.5;
        }
        _y += 5;
        G.DrawLine(_rule, Left, _y, Right, _y);
        _y += 12;
    }

    private void Table(FlowTable t)
    {
        var columns = t.Headers.Count;
        if (columns == 0) return;
        var widths = ColumnWidths(t.ColumnWidthsCm, columns);
        var headerFace = FaceOf(TableSize, true);
        var white = Brush(XColors.White);
        var header = new Cell[columns];
        for (var c = 0; c < columns; c++)
            header[c] = new Cell(Wrap([new(t.Headers[c], headerFace, white)], widths[c] - 2 * CellPadX), Accent);
        var headerHeight = RowHeight(header, 0, int.MaxValue);

        var rows = new List<Cell[]>(t.Rows.Count);
        foreach (var row in t.Rows)
        {
            var cells = new Cell[columns];
            for (var c = 0; c < columns; c++)
            {
                var cell = c < row.Count ? row[c] : new DocxCell("");
                var face = FaceOf(TableSize, cell.Bold);
                var brush = Colour(cell.TextColour) is { } tc ? Brush(tc) : Brush(Ink);
                cells[c] = new Cell(Wrap([new(cell.Text, face, brush)], widths[c] - 2 * CellPadX), Colour(cell.Fill));
            }
            rows.Add(cells);
        }

        Space(6);
        Run[]? caption = t.Caption is null ? null : [new(t.Caption, FaceOf(TableSize, true), Brush(Subtle))];
        var captionLines = caption is null ? [] : Wrap(caption, TextWidth);
        var firstRow = rows.Count > 0 ? Math.Min(RowHeight(rows[0], 0, int.MaxValue), 3 * TableLeading + 2 * CellPadY) : 0;
        Ensure(captionLines.Count * 12 + 3 + headerHeight + firstRow);
        if (captionLines.Count > 0)
        {
            DrawLines(captionLines, Left, 12);
            _y += 3;
        }
        DrawRow(header, widths, 0, int.MaxValue, headerHeight);

        foreach (var cells in rows)
        {
            var height = RowHeight(cells, 0, int.MaxValue);
            if (!Fits(height) && height + headerHeight <= BodyHeight)
            {
                NewPage();
                DrawRow(header, widths, 0, int.MaxValue, headerHeight);
            }
            // A row taller than a page is split between lines; every piece gets the header row above it.
            var lineCount = cells.Max(c => c.Lines.Count);
            var next = 0;
            do
            {
                var count = Math.Min(Math.Max(lineCount - next, 1), (int)((Bottom - _y - 2 * CellPadY) / TableLeading));
                if (count < 1)
                {
                    NewPage();
                    DrawRow(header, widths, 0, int.MaxValue, headerHeight);
                    continue;
                }
                DrawRow(cells, widths, next, count, RowHeight(cells, next, count));
                next += count;
            } while (next < lineCount);
        }
        _y += 10;
    }

    private sealed record Cell(List<Line> Lines, XColor? Fill);

    private static double RowHeight(Cell[] cells, int from, int count)
    {
        var lines = 1;
        foreach (var cell in cells) lines = Math.Max(lines, Math.Min(cell.Lines.Count - from, count));
        return lines * TableLeading + 2 * CellPadY;
    }

    private void DrawRow(Cell[] cells, double[] widths, int from, int count, double height)
    {
        var x = Left;
        for (var c = 0; c < cells.Length; c++)
        {
            var rect = new XRect(x, _y, widths[c], height);
            if (cells[c].Fill is { } fill) G.DrawRectangle(_rule, Brush(fill), rect);
            else G.DrawRectangle(_rule, rect);
            var lines = cells[c].Lines;
            for (var i = from; i < lines.Count && i < from + count; i++)
                DrawLine(lines[i], x + CellPadX, _y + CellPadY + (i - from) * TableLeading, TableLeading);
            x += widths[c];
        }
        _y += height;
        _atTop = false;
    }

    private static double[] ColumnWidths(IReadOnlyList<double>? cm, int columns)
    {
        var widths = new double[columns];
        for (var c = 0; c < columns; c++)
            widths[c] = cm is not null && c < cm.Count && cm[c] > 0 ? cm[c] * Cm : double.NaN;
        var given = widths.Where(w => !double.IsNaN(w)).Sum();
        var missing = widths.Count(double.IsNaN);
        var share = missing == 0 ? 0 : Math.Max(TextWidth - given, missing * 1.5 * Cm) / missing;
        for (var c = 0; c < columns; c++) if (double.IsNaN(widths[c])) widths[c] = share;
        var total = widths.Sum();
        if (total > TextWidth) for (var c = 0; c < columns; c++) widths[c] *= TextWidth / total;
        return widths;
    }

    // ------------------------------------------------------------------ text

    private readonly record struct Run(string Text, Face Face, XBrush Brush);

    private readonly record struct Word(string Text, Face Face, XBrush Brush, double Width);

    private sealed class Line
    {
        public List<Word> Words { get; } = [];
        public double Width { get; set; }
    }

    /// <summary>Greedy word wrap; "\n" is a hard line break; a word wider than the line is cut between characters.</summary>
    private List<Line> Wrap(IEnumerable<Run> runs, double maxWidth)
    {
        var line = new Line();
        var lines = new List<Line> { line };
        foreach (var run in runs)
        {
            var text = Clean(run.Text);
            var start = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != ' ' && text[i] != '\n') continue;
                if (i > start) Place(text[start..i], run);
                if (i < text.Length && text[i] == '\n')
                {
                    line = new Line();
                    lines.Add(line);
                }
                start = i + 1;
            }
        }
        return lines;

        void Place(string word, Run run)
        {
            var width = run.Face.Measure(G, word);
            if (width > maxWidth)
            {
                foreach (var piece in Cut(word, run.Face, maxWidth)) Place(piece, run);
                return;
            }
            var add = line.Words.Count == 0 ? width : run.Face.Space + width;
            if (line.Words.Count > 0 && line.Width + add > maxWidth)
            {
                line = new Line();
                lines.Add(line);
                add = width;
            }
            line.Words.Add(new Word(word, run.Face, run.Brush, width));
            line.Width += add;
        }
    }

    private IEnumerable<string> Cut(string word, Face face, double maxWidth)
    {
        var start = 0;
        while (start < word.Length)
        {
            var end = start + 1;
            while (end < word.Length && G.MeasureString(word[start..(end + 1)], face.Font).Width <= maxWidth) end++;
            yield return word[start..end];
            start = end;
        }
    }

    /// <summary>Draws a line, one DrawString per stretch of words in the same font and colour (so text extracts with its spaces).</summary>
    private void DrawLine(Line line, double x, double top, double leading)
    {
        var words = line.Words;
        var i = 0;
        while (i < words.Count)
        {
            var j = i + 1;
            var width = words[i].Width;
            while (j < words.Count && words[j].Face == words[i].Face && words[j].Brush == words[i].Brush)
            {
                width += words[i].Face.Space + words[j].Width;
                j++;
            }
            var text = j == i + 1 ? words[i].Text : string.Join(' ', words.Skip(i).Take(j - i).Select(w => w.Text));
            var face = words[i].Face;
            var baseline = top + (leading - (Ascent + Descent) * face.Size) / 2 + Ascent * face.Size;
            G.DrawString(text, face.Font, words[i].Brush, x, baseline);
            x += width + (j < words.Count ? words[j].Face.Space : 0);
            i = j;
        }
    }

    /// <summary>Shortens a one-line text with "…" to fit <paramref name="maxWidth"/> (running header and footer).</summary>
    private static string Fit(string text, Face face, double maxWidth, XGraphics g)
    {
        if (g.MeasureString(text, face.Font).Width <= maxWidth) return text;
        var n = text.Length;
        while (n > 1 && g.MeasureString(text[..n] + "…", face.Font).Width > maxWidth) n = (int)(n * 0.9);
        return text[..n].TrimEnd() + "…";
    }

    /// <summary>Normalises line breaks and drops control characters; tabs become spaces.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '\r' when i + 1 < text.Length && text[i + 1] == '\n' => '\0',
                '\r' => '\n',
                '\t' => ' ',
                '\n' => '\n',
                _ when char.IsControl(c) || c is '\uFFFE' or '\uFFFF' => '\0',
                _ => c,
            };
            if (replacement == c && sb is null) continue;
            sb ??= new StringBuilder(text, 0, i, text.Length);
            if (replacement != '\0') sb.Append(replacement);
        }
        return sb?.ToString() ?? text;
    }

    private static XColor? Colour(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex)) return null;
        var s = hex.Trim().TrimStart('#');
        return s.Length == 6 && int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            ? XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            : null;
    }

    private XSolidBrush Brush(XColor colour)
    {
        if (!_brushes.TryGetValue(colour, out var brush)) _brushes[colour] = brush = new XSolidBrush(colour);
        return brush;
    }

    private Face FaceOf(double size, bool bold = false, bool italic = false)
    {
        if (!_faces.TryGetValue((size, bold, italic), out var face))
        {
            var style = (bold ? XFontStyleEx.Bold : XFontStyleEx.Regular) | (italic ? XFontStyleEx.Italic : XFontStyleEx.Regular);
            _faces[(size, bold, italic)] = face = new Face(new XFont(PdfFonts.Family, size, style), size);
        }
        return face;
    }

    /// <summary>A font with its word widths cached: documents repeat words a lot, and measuring is the hot path.</summary>
    private sealed class Face(XFont font, double size)
    {
        private readonly Dictionary<string, double> _widths = new(StringComparer.Ordinal);
        private double _space = -1;

        public XFont Font { get; } = font;
        public double Size { get; } = size;

        public double Space => _space;

        public double Measure(XGraphics g, string word)
        {
            if (_space < 0) _space = g.MeasureString(" ", Font).Width;
            if (!_widths.TryGetValue(word, out var width)) _widths[word] = width = g.MeasureString(word, Font).Width;
            return width;
        }
    }
}
