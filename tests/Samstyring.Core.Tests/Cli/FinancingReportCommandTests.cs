using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;
using static Samstyring.Core.Tests.Financing.FinancingSamples;

namespace Samstyring.Core.Tests.Cli;

/// <summary>`samstyring report invoices|financing` on the demo data (the adopted 2022 model) in a temp SQLite data directory.</summary>
public sealed class FinancingReportCommandTests : CliReportTest
{
    /// <summary>The rows of a CSV file, quoted fields (descriptions with commas) read as one.</summary>
    private static List<string[]> CsvRows(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }

    [Fact]
    public async Task Invoice_lines_as_csv_and_xlsx_agree_and_one_pdf_letter_per_actor_is_written_to_the_folder()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var csv = await RunAsync("report", "invoices", "--year", "2022", "--format", "csv", "--out", PathOf("linjer.csv"));
        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.Contains("Fakturagrunnlaget for 2022", csv.Out);
        var rows = CsvRows(PathOf("linjer.csv"));
        Assert.Equal("year", rows[0][0]);
        var lines = rows.Skip(1).ToList();
        Assert.All(lines, l => Assert.Equal(rows[0].Length, l.Length));
        Assert.Contains(lines, l => l[2] == "Oslo kommune");
        Assert.All(lines, l => Assert.Equal("2022", l[0]));
        Assert.DoesNotContain(lines, l => l[7] == "block-grant-deduction");
        var csvTotal = lines.Sum(l => long.Parse(l[11], CultureInfo.InvariantCulture));
        Assert.True(csvTotal > 0);

        var xlsx = await RunAsync("report", "invoices", "--year", "2022", "--format", "xlsx", "--out", PathOf("linjer.xlsx"));
        Assert.True(xlsx.ExitCode == 0, xlsx.Error);
        var sheet = Sheets(File.ReadAllBytes(PathOf("linjer.xlsx")))["Fakturalinjer"];
        Assert.Equal(lines.Count + 1, sheet.Count);
        Assert.Equal(csvTotal, sheet.Skip(1).Sum(r => long.Parse(r["L"].InnerText, CultureInfo.InvariantCulture)));

        var pdf = await RunAsync("report", "invoices", "--year", "2022", "--format", "pdf", "--out", PathOf("brev"));
        Assert.True(pdf.ExitCode == 0, pdf.Error);
        var files = Directory.GetFiles(PathOf("brev")).Select(Path.GetFileName).ToList();
        // A letter for every actor with an invoice line, and for those whose share is only deducted from the block grant.
        Assert.True(files.Count >= lines.Select(l => l[1]).Distinct().Count(), $"{files.Count} letters");
        Assert.True(files.Count >= 357, $"{files.Count} letters");
        Assert.All(files, f => Assert.Matches(@"^2022-[a-z0-9-]+\.pdf$", f!));
        Assert.Contains("2022-kommune-0301-oslo-kommune.pdf", files);
        var oslo = Flat(PdfText(File.ReadAllBytes(Path.Combine(PathOf("brev"), "2022-kommune-0301-oslo-kommune.pdf"))));
        Assert.Contains("Fakturagrunnlag 2022 – Oslo kommune", oslo);
        Assert.Contains("Slik er beløpet beregnet", oslo);
        Assert.Contains("Demodata – beløpene er oppdiktet", oslo);
        Assert.Contains($"{files.Count} fakturagrunnlag for 2022 (PDF)", Flat(pdf.Out));

    }

    [Fact]
    public async Task Financing_report_as_docx_xlsx_and_csv_shows_the_adopted_model_and_every_actors_amount()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var csv = await RunAsync("report", "financing", "--year", "2022", "--format", "csv", "--out", PathOf("fordeling.csv"));
        Assert.True(csv.ExitCode == 0, csv.Error);
        var rows = CsvRows(PathOf("fordeling.csv"));
        Assert.Equal("year,solutionKey,solutionName,group,percent,key,collection,organizationId,organizationName,orgNumber,weight,totalWeight,amountOre", string.Join(',', rows[0]));
        Assert.Contains(rows, r => r[8] == "Oslo kommune" && r[3] == "municipalities");
        Assert.Contains(rows, r => r[8] == "Utsira kommune");
        var total = rows.Skip(1).Sum(r => long.Parse(r[^1], CultureInfo.InvariantCulture));

        var xlsx = await RunAsync("report", "financing", "--year", "2022", "--format", "xlsx", "--out", PathOf("finansiering.xlsx"));
        Assert.True(xlsx.ExitCode == 0, xlsx.Error);
        var sheets = Sheets(File.ReadAllBytes(PathOf("finansiering.xlsx")));
        Assert.Equal(["Løsninger", "Andeler", "Aktører"], sheets.Keys);
        Assert.Equal(rows.Count, sheets["Aktører"].Count);
        Assert.Equal(total, sheets["Aktører"].Skip(1).Sum(r => long.Parse(r["K"].InnerText, CultureInfo.InvariantCulture)));
        Assert.Contains(sheets["Løsninger"], r => r["B"].InnerText == "kjernejournal");

        var docx = await RunAsync("report", "financing", "--year", "2022", "--out", PathOf("finansiering.docx"));
        Assert.True(docx.ExitCode == 0, docx.Error);
        Assert.Contains("Prismodell 2022", docx.Out);
        var text = Flat(WordText(PathOf("finansiering.docx")));
        Assert.Contains("Finansiering av nasjonale e-helseløsninger 2022", text);
        Assert.Contains("Kjernejournal", text);
        Assert.Contains("Utsira kommune", text);
        Assert.Contains("Demodata", text);
    }

    [Fact]
    public async Task A_year_without_an_adopted_model_an_unknown_format_and_an_unwritable_path_are_refused_in_norwegian_and_write_nothing()
    {
        Assert.Equal(0, (await RunAsync("seed", "--demo")).ExitCode);

        var noModel = await RunAsync("report", "invoices", "--year", "2019", "--format", "csv", "--out", PathOf("2019.csv"));
        Assert.Equal(1, noModel.ExitCode);
        Assert.Contains("Det finnes ingen vedtatt prismodell for 2019", noModel.Error);
        Assert.False(File.Exists(PathOf("2019.csv")));
        var noReport = await RunAsync("report", "financing", "--year", "2019", "--out", PathOf("2019.docx"));
        Assert.Equal(1, noReport.ExitCode);
        Assert.Contains("Det finnes ingen vedtatt prismodell for 2019", noReport.Error);
        Assert.False(File.Exists(PathOf("2019.docx")));

        var format = await RunAsync("report", "invoices", "--year", "2022", "--format", "odt", "--out", PathOf("x.odt"));
        Assert.Equal(2, format.ExitCode);
        Assert.Contains("Ukjent format «odt». Velg csv, xlsx, pdf eller docx.", format.Error);
        var format2 = await RunAsync("report", "financing", "--year", "2022", "--format", "pdf", "--out", PathOf("x.pdf"));
        Assert.Equal(2, format2.ExitCode);
        Assert.Contains("Velg docx, xlsx eller csv.", format2.Error);

        // A file where a folder is needed, and a path through a file.
        await File.WriteAllTextAsync(PathOf("en-fil"), "");
        var folder = await RunAsync("report", "invoices", "--year", "2022", "--format", "pdf", "--out", PathOf("en-fil"));
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("må --out være en mappe", folder.Error);
        var through = await RunAsync("report", "financing", "--year", "2022", "--format", "csv", "--out", Path.Combine(PathOf("en-fil"), "fordeling.csv"));
        Assert.Equal(1, through.ExitCode);
        Assert.Contains("Kunne ikke lese eller skrive fil", through.Error);
        Assert.Equal("", await File.ReadAllTextAsync(PathOf("en-fil")));
    }
}
