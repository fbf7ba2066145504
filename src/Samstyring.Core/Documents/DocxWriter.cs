using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Svg = DocumentFormat.OpenXml.Office2019.Drawing.SVG;

namespace Samstyring.Core.Documents;

/// <summary>A table cell: text, optionally on a coloured background (then say the meaning in the text too).</summary>
public readonly record struct DocxCell(string Text, string? Fill = null, string? TextColour = null, bool Bold = false)
{
    public static implicit operator DocxCell(string? text) => new(text ?? "");
}

/// <summary>
/// Builds a Word document top to bottom: A4 portrait, Arial, real heading styles (navigable, and turned into
/// PDF bookmarks), tables with a repeating header row, images with alt text, page numbers in the footer.
/// </summary>
public sealed class DocxWriter : IDisposable
{
    private const int TwipsPerCm = 567;
    private const long EmuPerCm = 360000;
    private const string HeaderFill = "1F3864";
    private const string NoticeBorder = "4B5563";
    private const string NoticeFill = "F2F2F2";
    public const double TextWidthCm = 17.0;

    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _doc;
    private readonly Body _body;
    private uint _drawingId;
    private bool _saved;

    public DocxWriter(string title, string language = "nb-NO", string? footerText = null, string? headerText = null)
    {
        _doc = WordprocessingDocument.Create(_stream, WordprocessingDocumentType.Document);
        _doc.PackageProperties.Title = title;
        _doc.PackageProperties.Creator = "Samstyring";
        _doc.PackageProperties.Language = language;
        _doc.PackageProperties.Created = DateTime.UtcNow;
        var main = _doc.AddMainDocumentPart();
        main.Document = new Document(_body = new Body());
        AddStyles(main, language);
        AddFooter(main, footerText);
        if (!string.IsNullOrEmpty(headerText)) AddHeader(main, headerText);
    }

    public DocxWriter Title(string text) => Add(StyledParagraph("Title", text));
    public DocxWriter Subtitle(string text) => Add(StyledParagraph("Subtitle", text));

    public DocxWriter Heading(string text, int level = 1) => Add(StyledParagraph($"Heading{Math.Clamp(level, 1, 3)}", text));

    public DocxWriter Paragraph(string text, bool bold = false, bool italic = false, string? style = null)
    {
        var p = StyledParagraph(style, text);
        foreach (var run in p.Elements<Run>())
        {
            var rp = run.RunProperties ??= new RunProperties();
            if (bold) rp.Append(new Bold());
            if (italic) rp.Append(new Italic());
        }
        return Add(p);
    }

    /// <summary>A paragraph that starts with a bold lead-in: "Status: tekst".</summary>
    public DocxWriter LabelledParagraph(string label, string text)
    {
        var p = new Paragraph(
            new Run(new RunProperties(new Bold()), new Text(XmlText.Clean(label) + " ") { Space = SpaceProcessingModeValues.Preserve }));
        AppendLines(p, text);
        return Add(p);
    }

    public DocxWriter Bullets(IEnumerable<string> items)
    {
        foreach (var item in items) Add(StyledParagraph("ListBullet", "•\t" + item));
        return this;
    }

    /// <summary>A full-width table; the header row repeats on every page and rows do not split across pages.</summary>
    public DocxWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<DocxCell>> rows, IReadOnlyList<double>? columnWidthsCm = null, string? caption = null)
    {
        if (caption is not null) Add(StyledParagraph("Caption", caption));
        var widths = columnWidthsCm ?? Enumerable.Repeat(TextWidthCm / headers.Count, headers.Count).ToList();
        var table = new Table(new TableProperties(
            new TableStyle { Val = "Rapporttabell" },
            new TableWidth { Width = ((int)(widths.Sum() * TwipsPerCm)).ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "0420" }));
        var grid = new TableGrid();
        foreach (var w in widths) grid.Append(new GridColumn { Width = ((int)(w * TwipsPerCm)).ToString() });
        table.Append(grid);

        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var c = 0; c < headers.Count; c++)
            header.Append(Cell(new DocxCell(headers[c], HeaderFill, "FFFFFF", true), widths[c]));
        table.Append(header);
        foreach (var row in rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var c = 0; c < headers.Count; c++)
                tr.Append(Cell(c < row.Count ? row[c] : new DocxCell(""), widths[c]));
            table.Append(tr);
        }
        _body.Append(table);
        return Add(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "120" })));
    }

    /// <summary>
    /// An inline picture: the PNG is what every reader shows; when <paramref name="svg"/> is given, Word 2016+
    /// shows the sharper SVG instead (svgBlip extension) and falls back to the PNG.
    /// </summary>
    public DocxWriter Image(byte[] png, int pixelWidth, int pixelHeight, double widthCm, string altText, string? svg = null)
    {
        var main = _doc.MainDocumentPart!;
        var pngPart = main.AddImagePart(ImagePartType.Png);
        using (var s = new MemoryStream(png)) pngPart.FeedData(s);
        var blip = new A.Blip { Embed = main.GetIdOfPart(pngPart) };
        if (svg is not null)
        {
            var svgPart = main.AddImagePart(ImagePartType.Svg);
            using (var s = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(svg))) svgPart.FeedData(s);
            blip.Append(new A.BlipExtensionList(new A.BlipExtension(new Svg.SVGBlip { Embed = main.GetIdOfPart(svgPart) })
            {
                Uri = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}",
            }));
        }

        var cx = (long)(widthCm * EmuPerCm);
        var cy = cx * pixelHeight / pixelWidth;
        var id = ++_drawingId;
        var alt = XmlText.Clean(altText);
        var inline = new Dw.Inline(
            new Dw.Extent { Cx = cx, Cy = cy },
            new Dw.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Dw.DocProperties { Id = id, Name = $"Bilde {id}", Description = alt },
            new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(
                        new Pic.NonVisualDrawingProperties { Id = id, Name = $"bilde{id}.png", Description = alt },
                        new Pic.NonVisualPictureDrawingProperties()),
                    new Pic.BlipFill(blip, new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return Add(new Paragraph(new ParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }),
            new Run(new Drawing(inline))));
    }

    /// <summary>A two-column block with bold keys and only a rule below: the case-paper header "Til / Dato / Saksnummer …".</summary>
    public DocxWriter KeyValues(IEnumerable<KeyValuePair<string, string>> pairs, double? keyWidthCm = null)
    {
        var list = pairs.ToList();
        // Wide enough for the longest key on one line, as the PDF does (about 0.21 cm a character in bold 11 pt), within 3.5–6 cm.
        var keyWidth = keyWidthCm ?? Math.Clamp(list.Select(p => p.Key.Length).DefaultIfEmpty(0).Max() * 0.21 + 0.3, 3.5, 6.0);
        var none = (Func<OpenXmlElement>)(() => new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }));
        var widths = new[] { keyWidth, TextWidthCm - keyWidth };
        var table = new Table(new TableProperties(
            new TableWidth { Width = ((int)(TextWidthCm * TwipsPerCm)).ToString(), Type = TableWidthUnitValues.Dxa },
            none(),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })));
        var grid = new TableGrid();
        foreach (var w in widths) grid.Append(new GridColumn { Width = ((int)(w * TwipsPerCm)).ToString() });
        table.Append(grid);
        foreach (var (key, value) in list)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            tr.Append(KeyValueCell(key, widths[0], bold: true), KeyValueCell(value, widths[1], bold: false));
            table.Append(tr);
        }
        _body.Append(table);
        return Add(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "120" })));
    }

    /// <summary>A framed, shaded paragraph, e.g. "Unntatt offentlighet, jf. Offl. § 14".</summary>
    public DocxWriter Notice(string text)
    {
        var p = StyledParagraph(null, text);
        p.PrependChild(new ParagraphProperties(
            new ParagraphBorders(
                new TopBorder { Val = BorderValues.Single, Size = 6, Space = 4, Color = NoticeBorder },
                new LeftBorder { Val = BorderValues.Single, Size = 6, Space = 4, Color = NoticeBorder },
                new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 4, Color = NoticeBorder },
                new RightBorder { Val = BorderValues.Single, Size = 6, Space = 4, Color = NoticeBorder }),
            new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = NoticeFill },
            new SpacingBetweenLines { Before = "120", After = "240" },
            new Indentation { Left = "113", Right = "113" }));
        foreach (var run in p.Elements<Run>()) run.PrependChild(new RunProperties(new Bold()));
        return Add(p);
    }

    public DocxWriter PageBreak() => Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));

    public byte[] ToArray()
    {
        if (!_saved)
        {
            var main = _doc.MainDocumentPart!;
            var section = new SectionProperties();
            if (main.HeaderParts.FirstOrDefault() is { } header)
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
            section.Append(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(main.FooterParts.First()) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 });
            _body.Append(section);
            _doc.Dispose();
            _saved = true;
        }
        return _stream.ToArray();
    }

    public void Dispose()
    {
        if (!_saved) _doc.Dispose();
        _stream.Dispose();
    }

    private DocxWriter Add(OpenXmlElement e)
    {
        _body.Append(e);
        return this;
    }

    private static Paragraph StyledParagraph(string? style, string text)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        AppendLines(p, text);
        return p;
    }

    /// <summary>Line breaks in user text become real line breaks; tabs stay tabs.</summary>
    private static void AppendLines(Paragraph p, string text)
    {
        var lines = XmlText.Clean(text).Replace("\r\n", "\n").Split('\n');
        var run = new Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            var parts = lines[i].Split('\t');
            for (var j = 0; j < parts.Length; j++)
            {
                if (j > 0) run.Append(new TabChar());
                run.Append(new Text(parts[j]) { Space = SpaceProcessingModeValues.Preserve });
            }
        }
        p.Append(run);
    }

    private static TableCell Cell(DocxCell cell, double widthCm)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = ((int)(widthCm * TwipsPerCm)).ToString(), Type = TableWidthUnitValues.Dxa });
        if (cell.Fill is { } fill) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill.TrimStart('#') });
        var p = StyledParagraph("TableText", cell.Text);
        foreach (var run in p.Elements<Run>())
        {
            var rp = new RunProperties();
            if (cell.Bold) rp.Append(new Bold());
            if (cell.TextColour is { } colour) rp.Append(new Color { Val = colour.TrimStart('#') });
            if (rp.HasChildren) run.PrependChild(rp);
        }
        return new TableCell(props, p);
    }

    private static TableCell KeyValueCell(string text, double widthCm, bool bold)
    {
        var p = StyledParagraph(null, text);
        p.PrependChild(new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "40" }));
        if (bold) foreach (var run in p.Elements<Run>()) run.PrependChild(new RunProperties(new Bold()));
        return new TableCell(new TableCellProperties(new TableCellWidth { Width = ((int)(widthCm * TwipsPerCm)).ToString(), Type = TableWidthUnitValues.Dxa }), p);
    }

    private static void AddHeader(MainDocumentPart main, string headerText)
    {
        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Header" }),
            new Run(new Text(XmlText.Clean(headerText)) { Space = SpaceProcessingModeValues.Preserve })));
    }

    private void AddFooter(MainDocumentPart main, string? footerText)
    {
        var footer = main.AddNewPart<FooterPart>();
        var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }));
        if (!string.IsNullOrEmpty(footerText))
        {
            p.Append(new Run(new Text(XmlText.Clean(footerText)) { Space = SpaceProcessingModeValues.Preserve }), new Run(new TabChar()));
        }
        p.Append(new Run(new Text("Side ") { Space = SpaceProcessingModeValues.Preserve }));
        AppendField(p, "PAGE", "1");
        p.Append(new Run(new Text(" av ") { Space = SpaceProcessingModeValues.Preserve }));
        AppendField(p, "NUMPAGES", "1");
        footer.Footer = new Footer(p);
    }

    private static void AppendField(Paragraph p, string instruction, string placeholder)
    {
        p.Append(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode($" {instruction} ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text(placeholder)),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
    }

    private static void AddStyles(MainDocumentPart main, string language)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                    new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" },
                    new Languages { Val = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(ParagraphStyle("Normal", "Normal", null, isDefault: true));
        styles.Append(ParagraphStyle("Title", "Title", new StyleRunProperties(new Bold(), new Color { Val = HeaderFill }, new FontSize { Val = "40" }),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "80" })));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", new StyleRunProperties(new Color { Val = "374151" }, new FontSize { Val = "24" }),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "240" })));
        styles.Append(ParagraphStyle("Heading1", "heading 1", new StyleRunProperties(new Bold(), new Color { Val = HeaderFill }, new FontSize { Val = "30" }),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "360", After = "120" }, new OutlineLevel { Val = 0 })));
        styles.Append(ParagraphStyle("Heading2", "heading 2", new StyleRunProperties(new Bold(), new Color { Val = HeaderFill }, new FontSize { Val = "24" }),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" }, new OutlineLevel { Val = 1 })));
        styles.Append(ParagraphStyle("Heading3", "heading 3", new StyleRunProperties(new Bold(), new FontSize { Val = "21" }),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "200", After = "60" }, new OutlineLevel { Val = 2 })));
        styles.Append(ParagraphStyle("Caption", "caption", new StyleRunProperties(new Bold(), new Color { Val = "374151" }, new FontSize { Val = "18" }),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" })));
        styles.Append(ParagraphStyle("TableText", "Table Text", new StyleRunProperties(new FontSize { Val = "17" }),
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));
        styles.Append(ParagraphStyle("ListBullet", "List Bullet", null,
            new StyleParagraphProperties(new SpacingBetweenLines { After = "40" }, new Indentation { Left = "567", Hanging = "283" })));
        styles.Append(ParagraphStyle("Header", "header", new StyleRunProperties(new Color { Val = "4B5563" }, new FontSize { Val = "16" }),
            new StyleParagraphProperties(
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 4, Color = "9CA3AF" }),
                new SpacingBetweenLines { After = "0" })));
        styles.Append(ParagraphStyle("Footer", "footer", new StyleRunProperties(new Color { Val = "4B5563" }, new FontSize { Val = "16" }),
            new StyleParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Right, Position = (int)(TextWidthCm * TwipsPerCm) }))));

        var border = (Func<OpenXmlElement>)(() => new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" },
            new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" },
            new RightBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "9CA3AF" }));
        styles.Append(new Style(
            new StyleName { Val = "Rapporttabell" },
            new StyleTableProperties(border(), new TableCellMarginDefault(
                new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "Rapporttabell" });
        part.Styles = styles;
    }

    private static Style ParagraphStyle(string id, string name, StyleRunProperties? run, StyleParagraphProperties? para = null, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        if (id != "Normal") style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
        if (para is not null) style.Append(para);
        if (run is not null) style.Append(run);
        return style;
    }
}
