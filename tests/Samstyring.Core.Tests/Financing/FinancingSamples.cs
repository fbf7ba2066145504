using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;
using Samstyring.Core.Tests.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>Invoice bases, models and comparisons built in memory (figures invented), and the files read back as text.</summary>
internal static class FinancingSamples
{
    public const int Year = 2023;
    public static readonly ModelSummary Adopted = new(11, Year, 1, "Prismodell 2023", false, PriceModelStatus.Adopted, null, "", IsDemo: true, 3);
    public static readonly ActorRef Oslo = new(301, "Oslo kommune");

    // Kjernejournal: 120 000 000 kr from the TBU; the municipalities' 35 % is 42 000 000 kr, shared by population.
    public const long KjernejournalTotal = 12_000_000_000;
    public const long MunicipalGroup = 4_200_000_000;
    public const long OsloPopulation = 699_827, AllPopulation = 5_488_984;
    public const long OsloKjernejournal = 535_485_875; // 42 000 000 kr × 699 827 / 5 488 984, to the øre
    public const long OsloHelsenett = 12_605_042;    // 45 000 000 kr ÷ 357, deducted from the block grant
    public const long Voluntary = 3 * 1_250_000;

    public static InvoiceBasis OsloBasis(string? description = null, bool demo = true)
    {
        var model = Adopted with { IsDemo = demo };
        var kj = new InvoiceLine(Oslo.Id, Oslo.Name, "958935420", Year, "kjernejournal", "Kjernejournal",
            description ?? "Samfinansiering av forvaltning og drift 2023", CollectionMethod.Invoice, false, null, null, OsloKjernejournal);
        var test = new InvoiceLine(Oslo.Id, Oslo.Name, "958935420", Year, "helsenettet", "Helsenettet", "Testmiljø for integrasjon",
            CollectionMethod.Invoice, true, 3, 1_250_000, Voluntary);
        var hn = new InvoiceLine(Oslo.Id, Oslo.Name, "958935420", Year, "helsenettet", "Helsenettet", "Samfinansiering av forvaltning og drift 2023",
            CollectionMethod.BlockGrantDeduction, false, null, null, OsloHelsenett);
        return new InvoiceBasis(Year, Oslo, "958935420", model, [kj, test], [hn],
        [
            new ActorBillLine(1, "kjernejournal", "Kjernejournal", KjernejournalTotal, true, PayerGroup.Municipalities, 3500, MunicipalGroup,
                DistributionKey.Population, new DateOnly(2023, 1, 1), OsloPopulation, AllPopulation, OsloKjernejournal, CollectionMethod.Invoice),
            new ActorBillLine(2, "helsenettet", "Helsenettet", 15_000_000_000, false, PayerGroup.Municipalities, 3000, 4_500_000_000,
                DistributionKey.Equal, null, 1, 357, OsloHelsenett, CollectionMethod.BlockGrantDeduction),
        ]);
    }

    public static InvoiceBasis Utsira() => new(Year, new ActorRef(1151, "Utsira kommune"), "964979367", Adopted,
        [new InvoiceLine(1151, "Utsira kommune", "964979367", Year, "kjernejournal", "Kjernejournal", "Samfinansiering av forvaltning og drift 2023",
            CollectionMethod.Invoice, false, null, null, 15_759_99)],
        [], []);

    // ------------------------------------------------------------------ reading files back

    /// <summary>Whitespace (no-break spaces and line breaks from wrapping included) collapsed to single spaces.</summary>
    public static string Flat(string text) => Poppler.Flat(text);

    /// <summary>The PDF's text, laid out as on the page (so that a table row stays on one line).</summary>
    public static string PdfText(byte[] pdf) => Poppler.Text(pdf, "-layout");

    /// <summary>Paragraph texts (table cells included) in document order, one per line.</summary>
    public static string DocxText(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", word.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>().Select(p => string.Concat(p.Descendants().Select(e => e switch
        {
            W.Text t => t.Text,
            W.Break => "\n",
            _ => "",
        }))));
    }

    /// <summary>The tables of a DOCX as rows of cell texts.</summary>
    public static List<List<List<string>>> DocxTables(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.Document.Body!.Elements<W.Table>()
            .Select(t => t.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();
    }

    /// <summary>Every sheet by name: rows of (column letter → cell), header row first.</summary>
    public static Dictionary<string, List<Dictionary<string, Cell>>> Sheets(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var wb = doc.WorkbookPart!;
        return wb.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s =>
            ((WorksheetPart)wb.GetPartById(s.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()), c => (Cell)c.CloneNode(true)))
            .ToList());
    }
}
