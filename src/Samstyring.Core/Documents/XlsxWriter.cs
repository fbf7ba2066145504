using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Samstyring.Core.Documents;

/// <summary>
/// Builds an Excel workbook of plain tables: one header row (bold, frozen, with autofilter) and typed cells
/// (numbers as numbers, dates as real dates, text as inline strings), so sorting and filtering just work.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const uint HeaderStyle = 1, DateStyle = 2, DateTimeStyle = 3, TextStyle = 4;

    private readonly MemoryStream _stream = new();
    private readonly SpreadsheetDocument _doc;
    private readonly Sheets _sheets;
    private readonly DefinedNames _names = new();
    private bool _saved;

    public XlsxWriter(string? title = null)
    {
        _doc = SpreadsheetDocument.Create(_stream, SpreadsheetDocumentType.Workbook);
        if (title is not null) _doc.PackageProperties.Title = title;
        _doc.PackageProperties.Creator = "Samstyring";
        var wb = _doc.AddWorkbookPart();
        wb.Workbook = new Workbook(_sheets = new Sheets());
        var styles = wb.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
    }

    /// <summary>Adds a sheet. Cell values may be string, any number, DateOnly, DateTime, bool or null.</summary>
    /// <param name="widths">Column widths in characters; defaults to 16.</param>
    public XlsxWriter AddSheet(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, IReadOnlyList<double>? widths = null)
    {
        var wb = _doc.WorkbookPart!;
        var part = wb.AddNewPart<WorksheetPart>();
        var sheetIndex = (uint)_sheets.ChildElements.Count;
        var safeName = SheetName(name);

        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < headers.Count; c++)
            header.Append(TextCell(Ref(c, 1), headers[c], HeaderStyle));
        data.Append(header);
        uint r = 1;
        foreach (var row in rows)
        {
            r++;
            var xr = new Row { RowIndex = r };
            for (var c = 0; c < row.Count && c < headers.Count; c++)
                if (ValueCell(Ref(c, r), row[c]) is { } cell) xr.Append(cell);
            data.Append(xr);
        }

        var columns = new Columns();
        for (var c = 0; c < headers.Count; c++)
        {
            var w = widths is not null && c < widths.Count ? widths[c] : 16;
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = w, CustomWidth = true });
        }
        var lastColumn = ColumnName(Math.Max(0, headers.Count - 1));
        var range = $"A1:{lastColumn}{r}";
        part.Worksheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { TabSelected = sheetIndex == 0, WorkbookViewId = 0 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            columns,
            data,
            new AutoFilter { Reference = range });
        _sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = sheetIndex + 1, Name = safeName });
        _names.Append(new DefinedName($"'{safeName.Replace("'", "''")}'!$A$1:${lastColumn}${r}")
        {
            Name = "_xlnm._FilterDatabase", LocalSheetId = sheetIndex, Hidden = true,
        });
        return this;
    }

    public byte[] ToArray()
    {
        if (!_saved)
        {
            if (_names.HasChildren) _doc.WorkbookPart!.Workbook.Append(_names);
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

    private static Cell? ValueCell(string reference, object? value) => value switch
    {
        null => null,
        string s => TextCell(reference, s, s.Contains('\n') ? TextStyle : 0),
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        DateOnly d => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) },
        DateTime dt => new Cell { CellReference = reference, StyleIndex = DateTimeStyle, CellValue = new CellValue(dt.ToOADate().ToString(CultureInfo.InvariantCulture)) },
        int or long or short or byte or uint or ulong or double or float or decimal =>
            new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
        _ => TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", 0),
    };

    private static Cell TextCell(string reference, string text, uint style)
    {
        // Excel cells hold at most 32 767 characters.
        var clean = XmlText.Clean(text);
        if (clean.Length > 32767) clean = clean[..32767];
        var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(clean) { Space = SpaceProcessingModeValues.Preserve }) };
        if (style != 0) cell.StyleIndex = style;
        return cell;
    }

    private static string Ref(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(XmlText.Clean(name).Select(c => ":\\/?*[]".Contains(c) ? '-' : c).ToArray()).Trim('\'');
        return clean.Length == 0 ? "Ark" : clean.Length > 31 ? clean[..31] : clean;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd.mm.yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd.mm.yyyy hh:mm" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }) { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
