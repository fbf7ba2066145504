using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;
using static Samstyring.Core.Tests.Financing.FinancingSamples;

namespace Samstyring.Core.Tests.Financing;

public sealed class InvoiceDocumentsTests
{
    private static readonly DateOnly LetterDate = new(2023, 2, 15);

    private static string Kr(long ore) => Flat(Norwegian.Kroner(ore));

    [Fact]
    public void Pdf_letter_names_the_actor_and_shows_the_totals_and_the_chain_from_total_cost_to_the_actor()
    {
        var text = Flat(PdfText(InvoiceDocuments.Pdf(OsloBasis(), LetterDate)));

        Assert.Contains("Fakturagrunnlag 2023 – Oslo kommune", text);
        Assert.Contains("958 935 420", text);
        Assert.Contains("15. februar 2023", text);
        Assert.Contains("Demodata – beløpene er oppdiktet", text);
        Assert.Contains("1. januar 2022", text);
        Assert.Contains("kjernejournal, e-resept og helsenorge.no", text);

        // What is invoiced (co-financing and voluntary purchases), and the deduction shown for information only.
        Assert.Contains($"Sum samfinansiering {Kr(OsloKjernejournal)}", text);
        Assert.Contains($"3 × {Kr(1_250_000)}", text);
        Assert.Contains($"Sum til fakturering for 2023: {Kr(OsloKjernejournal + Voluntary)}", text);
        Assert.Contains("Trekk i rammetilskuddet (til orientering)", text);
        Assert.Contains($"Sum trekk i rammetilskuddet {Kr(OsloHelsenett)}", text);

        // The chain for kjernejournal: 120 000 000 kr → 35 % → 42 000 000 kr → 699 827 of 5 488 984 inhabitants → Oslo's amount.
        Assert.Contains("Slik er beløpet beregnet", text);
        Assert.Contains($"Samlet kostnad Beregnet av teknisk beregningsutvalg {Kr(KjernejournalTotal)}", text);
        Assert.Contains($"Andel for kommuner 35 % av samlet kostnad {Kr(MunicipalGroup)}", text);
        Assert.Contains("Etter folketall 1. januar 2023: Oslo kommune har 699 827 av 5 488 984 innbyggere i gruppen (12,75 %)", text);
        Assert.Contains($"Beløp for Oslo kommune Faktura fra leverandør {Kr(OsloKjernejournal)}", text);
        Assert.Contains("Like deler: 1 av 357 aktører", text);
        Assert.Contains($"Trekk i rammetilskuddet {Kr(OsloHelsenett)}", text);
    }

    [Fact]
    public void Docx_letter_says_the_same_as_the_pdf()
    {
        var text = Flat(DocxText(InvoiceDocuments.Docx(OsloBasis(), LetterDate)));

        Assert.Contains("Fakturagrunnlag 2023 – Oslo kommune", text);
        Assert.Contains("958 935 420", text);
        Assert.Contains("15. februar 2023", text);
        Assert.Contains("Demodata – beløpene er oppdiktet", text);
        Assert.Contains($"Sum til fakturering for 2023: {Kr(OsloKjernejournal + Voluntary)}", text);
        Assert.Contains(Kr(OsloHelsenett), text);
        Assert.Contains("Oslo kommune har 699 827 av 5 488 984 innbyggere i gruppen", text);
        Assert.Contains(Kr(MunicipalGroup), text);
        Assert.Contains(Kr(KjernejournalTotal), text);
    }

    [Fact]
    public void Letter_for_real_figures_has_no_demo_notice_and_one_with_nothing_invoiced_says_so()
    {
        Assert.DoesNotContain("Demodata", Flat(DocxText(InvoiceDocuments.Docx(OsloBasis(demo: false), LetterDate))));

        var nothing = new InvoiceBasis(2022, Oslo, null, null, [], [], []);
        var text = Flat(PdfText(InvoiceDocuments.Pdf(nothing, LetterDate)));
        Assert.Contains("ikke registrert", text);
        Assert.Contains("Oslo kommune har ingen andel av samfinansieringen som faktureres for 2022", text);
        Assert.Contains("Det er ingen vedtatt prismodell for 2022", text);
        Assert.Contains($"Sum til fakturering for 2022: {Kr(0)}", text);
        Assert.DoesNotContain("rammetilskuddet (til orientering)", text);
    }

    [Fact]
    public void Csv_has_one_row_per_invoiced_line_with_øre_and_kroner_and_text_cannot_run_as_a_formula()
    {
        var bases = new[] { OsloBasis("=HYPERLINK(\"http://x\";\"klikk\")"), Utsira() };
        var bytes = InvoiceDocuments.LinesCsv(bases);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("year,organizationId,organizationName,orgNumber,solutionKey,solutionName,description,collection,voluntary,quantity,unitPriceOre,amountOre,amountNok", lines[0]);
        // Oslo's two invoiced lines and Utsira's one; the block-grant deduction is not invoiced.
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("block-grant-deduction"));
        Assert.Contains("2023,301,Oslo kommune,958935420,helsenettet,Helsenettet,Testmiljø for integrasjon,invoice,true,3,1250000,3750000,37500.00", lines);
        Assert.Contains("2023,1151,Utsira kommune,964979367,kjernejournal,Kjernejournal,Samfinansiering av forvaltning og drift 2023,invoice,false,,,1575999,15759.99", lines);
        Assert.Contains("\"'=HYPERLINK(", lines[1]);

        var amounts = lines.Skip(1).Select(l => long.Parse(l.Split(',')[^2], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(bases.Sum(b => b.InvoicedTotalOre), amounts.Sum());
    }

    [Fact]
    public void Xlsx_has_the_same_rows_with_numbers_as_numbers()
    {
        var bases = new[] { OsloBasis(), Utsira() };
        var sheet = Sheets(InvoiceDocuments.LinesXlsx(bases))["Fakturalinjer"];

        Assert.Equal("Beløp (kr)", sheet[0]["M"].InnerText);
        Assert.Equal(4, sheet.Count);
        Assert.All(sheet.Skip(1), r => Assert.Equal(CellValues.Number, r["L"].DataType!.Value));
        Assert.Equal(bases.Sum(b => b.InvoicedTotalOre), sheet.Skip(1).Sum(r => long.Parse(r["L"].InnerText, CultureInfo.InvariantCulture)));
        Assert.Equal(bases.Sum(b => b.InvoicedTotalOre) / 100m, sheet.Skip(1).Sum(r => decimal.Parse(r["M"].InnerText, CultureInfo.InvariantCulture)));
        var voluntary = sheet.Single(r => r["G"].InnerText == "Testmiljø for integrasjon");
        Assert.Equal("Ja", voluntary["I"].InnerText);
        Assert.Equal("3", voluntary["J"].InnerText);
        Assert.Equal("Faktura fra leverandør", voluntary["H"].InnerText);
    }
}
