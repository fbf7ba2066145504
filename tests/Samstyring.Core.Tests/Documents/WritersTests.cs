using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Tests.Documents;

public sealed class WritersTests
{
    private static BarChart Hostile() => new(
        "<script>alert(1)</script> & \"quotes\"", "desc with ]]> and \u0001 control",
        [new BarSeries("A<b>", "#123456"), new BarSeries("B", "red\" onload=\"alert(1)")],
        [new BarGroup("G&1", [0, 0]), new BarGroup("G2", [1234, 7])]);

    [Fact]
    public void Svg_escapes_every_text_and_never_passes_a_colour_through()
    {
        var svg = SvgBarChart.Render(Hostile());
        var root = XDocument.Parse(svg).Root!;
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on"));
        Assert.Equal("<script>alert(1)</script> & \"quotes\"", root.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.Contains("1234", root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
    }

    [Fact]
    public void Png_renders_any_chart_including_all_zero_values()
    {
        PngAssert.Valid(PngBarChart.Render(Hostile(), 400, 300, scale: 1), 400, 300);
        var empty = new BarChart("Tom", "Ingen data", [new BarSeries("A", "#000")], [new BarGroup("G", [0])]);
        PngAssert.Valid(PngBarChart.Render(empty), 1440, 800);
    }

    [Fact]
    public void Xlsx_writer_types_cells_and_cleans_names()
    {
        byte[] bytes;
        using (var x = new XlsxWriter("Test"))
        {
            x.AddSheet("Ark/med:ugyldige*tegn og altfor langt navn her", ["Tekst", "Tall", "Dato", "Tom"],
                [["a\u0002b", 1.5m, new DateOnly(2021, 12, 9), null], ["=1+1", 42, new DateTime(2021, 12, 9, 10, 30, 0), "x"]]);
            bytes = x.ToArray();
        }
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("Ark-med-ugyldige-tegn og altfor", sheet.Name!.Value);
        var rows = doc.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal("ab", first[0].InnerText);
        Assert.Equal("1.5", first[1].CellValue!.Text);
        Assert.Equal(new DateTime(2021, 12, 9).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), first[2].CellValue!.Text);
        Assert.Equal(3, first.Count); // null leaves the cell out
        // A formula-looking string stays a string.
        Assert.Equal(CellValues.InlineString, rows[2].Elements<Cell>().First().DataType!.Value);
    }

    [Fact]
    public void Csv_quotes_per_rfc_4180_and_defuses_formulas()
    {
        var text = Encoding.UTF8.GetString(CsvExport.ToBytes(["a", "b"], [["x, \"y\"\nz", "=SUM(A1)"], [null, 3.5]]));
        Assert.Equal("\uFEFFa,b\r\n\"x, \"\"y\"\"\nz\",\"'=SUM(A1)\"\r\n,3.5\r\n", text);
    }

    [Fact]
    public void Docx_writer_makes_a_document_word_can_open()
    {
        byte[] bytes;
        using (var w = new DocxWriter("Test"))
        {
            w.Title("Tittel").Heading("Overskrift").Paragraph("Linje 1\nLinje 2\u0007")
                .Table(["A", "B"], [["1", new DocxCell("2", "#C62828", "#FFFFFF", true)]])
                .Image(PngBarChart.Render(Hostile(), 200, 100, 1), 200, 100, 10, "Alt-tekst");
            bytes = w.ToArray();
        }
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("Linje 1", doc.MainDocumentPart!.Document.Body!.InnerText);
    }
}
