using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Samstyring.Core.Portfolio;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Core.Tests.Documents;

public sealed class PortfolioReportDocumentsTests(PortfolioReportFixture fx) : IClassFixture<PortfolioReportFixture>
{
    [Fact]
    public void Docx_has_the_title_red_flags_and_the_three_red_dependencies()
    {
        var bytes = PortfolioReportDocuments.ToDocx(fx.Report);
        PortfolioReportFixture.Keep("statusrapport.docx", bytes);

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        AssertValid(doc);
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Descendants<W.Paragraph>().Select(p => p.InnerText));
        Assert.Equal("Nasjonal e-helseportefølje – statusrapport 3. tertial 2021", doc.PackageProperties.Title);
        Assert.Contains("Statusrapport 3. tertial 2021", text);
        Assert.Contains("Nasjonal Tarmscreening", text);
        Assert.Matches(@"generert \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}", text);

        var depTable = body.Elements<W.Table>().Single(t => t.Elements<W.TableRow>().First().InnerText == "TiltakEierAvhengighetFrist");
        var depRows = depTable.Elements<W.TableRow>().Skip(1).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(3, depRows.Count);
        Assert.Contains(depRows, r => r[0] == "Legemiddelregisteret" && r[3] == "31.12.2021 (passert)");
        Assert.Contains(depRows, r => r[0] == "Helseplattformen" && r[2].Contains("SAFEST"));
        Assert.Contains(depRows, r => r[0] == "Kjernejournal dokumentdeling" && r[3] == "Ikke satt");

        // The chart is embedded as PNG (with SVG for Word 2016+) and described in its alt text.
        var images = doc.MainDocumentPart.ImageParts.Select(p => p.ContentType).ToList();
        Assert.Contains("image/png", images);
        Assert.Contains("image/svg+xml", images);
        var alt = body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value!;
        Assert.Contains($"Status: grønn {fx.Report.StatusDistribution.Green}", alt);

        // The full table: one row per initiative, header repeated on each page.
        var all = body.Elements<W.Table>().Last();
        Assert.Equal(fx.Report.Rows.Count + 1, all.Elements<W.TableRow>().Count());
        Assert.NotNull(all.Elements<W.TableRow>().First().TableRowProperties!.GetFirstChild<W.TableHeader>());
    }

    [Fact]
    public void Xlsx_has_its_sheets_with_typed_cells()
    {
        var bytes = PortfolioReportDocuments.ToXlsx(fx.Report);
        PortfolioReportFixture.Keep("statusrapport.xlsx", bytes);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(doc);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Tiltak", "Avhengigheter", "Kostnader", "Måloppnåelse", "Gevinster", "Nåverdi", "Nøkkeltall"], sheets.Select(s => s.Name!.Value!).ToArray());

        SheetData Data(string name, out Worksheet ws)
        {
            ws = ((WorksheetPart)wb.GetPartById(sheets.Single(s => s.Name == name).Id!)).Worksheet;
            return ws.GetFirstChild<SheetData>()!;
        }

        var tiltak = Data("Tiltak", out var ws);
        var rows = tiltak.Elements<Row>().ToList();
        Assert.Equal(fx.Report.Rows.Count + 1, rows.Count);
        Assert.Equal("Tiltak", rows[0].Elements<Cell>().First().InnerText);
        Assert.Equal("A1:U" + rows.Count, ws.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal(PaneStateValues.Frozen, ws.Descendants<Pane>().Single().State!.Value);

        var tarm = rows.Single(r => r.Elements<Cell>().First().InnerText == "Nasjonal Tarmscreening *" || r.Elements<Cell>().First().InnerText == "Nasjonal Tarmscreening");
        var cells = tarm.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()));
        Assert.Equal("Rød", cells["J"].InnerText);
        // Planned start is a real date: a number with a date style, not text.
        Assert.Null(cells["H"].DataType);
        Assert.True(double.TryParse(cells["H"].CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var oa));
        Assert.InRange(DateTime.FromOADate(oa).Year, 2015, 2030);
        Assert.Equal(2u, cells["H"].StyleIndex!.Value);

        var deps = Data("Avhengigheter", out _);
        Assert.Equal(4, deps.Elements<Row>().Count());
        var figures = Data("Nøkkeltall", out _).Elements<Row>().Skip(1).ToDictionary(r => r.Elements<Cell>().First().InnerText, r => r.Elements<Cell>().Last());
        Assert.Equal(CellValues.Number, figures["Aktive tiltak"].DataType!.Value);
        Assert.Equal("36", figures["Aktive tiltak"].InnerText);
    }

    [Fact]
    public void Csv_parses_back_with_one_row_per_initiative()
    {
        var bytes = PortfolioReportDocuments.ToCsv(fx.Report);
        PortfolioReportFixture.Keep("portefolje.csv", bytes);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var records = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(fx.Report.Rows.Count, records.Count);
        Assert.Equal(PortfolioReportDocuments.CsvHeaders, records[0].Keys.ToArray());
        var tarm = records.Single(r => (string)r["name"] == "Nasjonal Tarmscreening");
        Assert.Equal("red", tarm["status"]);
        Assert.Equal("2021-T3", tarm["period"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string)tarm["plannedStart"]);
        // Texts with commas and quotes survive the round trip.
        var original = fx.Report.Rows.Single(r => r.Name == "Nasjonal Tarmscreening").Report!.StatusText;
        Assert.Equal(original, tarm["statusText"]);
    }

    [Fact]
    public void Json_is_open_data_with_codes_and_iso_dates()
    {
        var bytes = PortfolioReportDocuments.ToJson(fx.Report);
        PortfolioReportFixture.Keep("portefolje.json", bytes);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("2021-T3", root.GetProperty("period").GetProperty("code").GetString());
        Assert.Equal("2021-09-01", root.GetProperty("period").GetProperty("start").GetString());
        var tarm = root.GetProperty("initiatives").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Nasjonal Tarmscreening");
        Assert.Equal("red", tarm.GetProperty("report").GetProperty("status").GetString());
        Assert.Equal("red", tarm.GetProperty("report").GetProperty("risk").GetString());
        Assert.Equal("active", tarm.GetProperty("lifecycle").GetString());
        Assert.Equal(3, root.GetProperty("redDependencies").GetArrayLength());
        Assert.Equal(fx.Report.StatusDistribution.Red, root.GetProperty("statusDistribution").GetProperty("red").GetInt32());
        Assert.Contains(root.GetProperty("initiatives").EnumerateArray(), i => i.GetProperty("report").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void Svg_chart_is_well_formed_accessible_and_shows_the_counts()
    {
        var svg = PortfolioReportDocuments.ToSvg(fx.Report);
        PortfolioReportFixture.Keep("status-risiko.svg", Encoding.UTF8.GetBytes(svg));

        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = doc.Root!;
        Assert.Equal(ns + "svg", root.Name);
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("Status og risiko – 3. tertial 2021", root.Element(ns + "title")!.Value);
        Assert.Contains("Status: grønn", root.Element(ns + "desc")!.Value);

        var texts = root.Descendants(ns + "text").Select(t => t.Value).ToList();
        var d = fx.Report.StatusDistribution;
        foreach (var n in new[] { d.Green, d.Yellow, d.Red, d.NotReported })
            Assert.Contains(n.ToString(CultureInfo.InvariantCulture), texts);
        Assert.Contains("Ikke rapportert", texts);
        Assert.Contains("Risiko", texts);

        var attributes = root.DescendantsAndSelf().SelectMany(e => e.Attributes()).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.LocalName == "href");
        Assert.Empty(root.Descendants(ns + "script"));
    }

    /// <summary>Schema-valid OpenXML is what Word and Excel open without "repair" prompts.</summary>
    private static void AssertValid(DocumentFormat.OpenXml.Packaging.OpenXmlPackage package)
    {
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(package)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Png_chart_is_a_valid_png()
    {
        var png = PortfolioReportDocuments.ToPng(fx.Report);
        PortfolioReportFixture.Keep("status-risiko.png", png);
        PngAssert.Valid(png, 1440, 800);
    }
}

internal static class PngAssert
{
    /// <summary>Checks signature, IHDR, every chunk's CRC, and that IDAT inflates to exactly the image's bytes.</summary>
    public static void Valid(byte[] png, int width, int height)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var pos = 8;
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(pos + 4, 4 + length)), crc);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(data));
                Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.Equal(8, data[8]);
                Assert.Equal(2, data[9]);
            }
            if (type == "IDAT") idat.Write(data);
            chunks.Add(type);
            pos += 12 + length;
        }
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal((long)height * (1 + width * 3), raw.Length);
    }

    // An independent bitwise CRC, so the writer's table-driven one is checked against something else.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
