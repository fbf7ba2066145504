using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Portfolio;

public class ImportInitiativesTests(SqliteDatabase db) : IClassFixture<SqliteDatabase>
{
    private Task<ImportResult> ImportAsync(byte[] content, string fileName, CurrentUser? user = null) =>
        db.SendAsync((ImportInitiatives u) => u.HandleAsync(new MemoryStream(content), fileName, user ?? db.Office), user ?? db.Office);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Csv_HappyPath_NorwegianHeadersAndLabels()
    {
        var a = TestHelpers.UniqueName("Import CSV A");
        var b = TestHelpers.UniqueName("Import CSV B");
        var csv = $"""
            navn;beskrivelse;eier;type;livsløp;fase;segment;planlagt_start;planlagt_slutt;kontaktperson
            {a};"Flere linjer
            og «sitat»";helse-sor-ost;Prosjekt;Aktiv;Gjennomføring;Koordinering;2021-01-01;31.12.2023;Kari Nordmann
            {b};;Oslo kommune;rollout-project;;konsept;;;;
            """;
        var before = await db.CountsAsync();
        var result = await ImportAsync(Utf8(csv), "tiltak.csv");
        Assert.Equal(2, result.Count);

        var ia = await db.LoadInitiativeAsync(await db.InitiativeIdAsync(a));
        Assert.Equal(InitiativeKind.Project, ia.Kind);
        Assert.Equal(Lifecycle.Active, ia.Lifecycle);
        Assert.Equal(SubmissionState.Included, ia.Submission);
        Assert.Equal(Segment.Koordinering, ia.Segment);
        Assert.Equal(new DateOnly(2023, 12, 31), ia.PlannedEnd);
        Assert.Equal("Flere linjer\nog «sitat»", ia.Description.ReplaceLineEndings("\n"));
        Assert.Equal(await db.OrganizationIdAsync("helse-sor-ost"), ia.OwnerId);

        var ib = await db.LoadInitiativeAsync(await db.InitiativeIdAsync(b));
        Assert.Equal(Lifecycle.Candidate, ib.Lifecycle);
        Assert.Equal(SubmissionState.Proposed, ib.Submission);
        Assert.Equal(Phase.Konsept, ib.Phase);
        Assert.Equal(await db.OrganizationIdAsync("kommune:0301"), ib.OwnerId);

        var after = await db.CountsAsync();
        Assert.Equal(before.Initiatives + 2, after.Initiatives);
        Assert.True(after.Audit > before.Audit, "import is audited");
    }

    [Fact]
    public async Task Xlsx_HappyPath_EnglishHeadersAndRealDateCells()
    {
        var name = TestHelpers.UniqueName("Import XLSX");
        var xlsx = Xlsx(
            ["name", "owner", "kind", "lifecycle", "segment", "plannedStart", "plannedEnd"],
            [name, "helse-vest", "programme", "paused", "samstyring", new DateTime(2022, 3, 15), "2024-06-30"]);
        var result = await ImportAsync(xlsx, "tiltak.xlsx");
        Assert.Equal(1, result.Count);
        var i = await db.LoadInitiativeAsync(await db.InitiativeIdAsync(name));
        Assert.Equal(new DateOnly(2022, 3, 15), i.PlannedStart);
        Assert.Equal(new DateOnly(2024, 6, 30), i.PlannedEnd);
        Assert.Equal(Lifecycle.Paused, i.Lifecycle);
        Assert.Equal(SubmissionState.Included, i.Submission);
    }

    [Fact]
    public async Task Template_ImportsAsIs_AsCsvAndXlsx()
    {
        // The template's example row is a valid row; rename it so the two imports do not collide.
        var csv = Encoding.UTF8.GetString(ImportTemplate.Csv()).Replace("Digital hjemmeoppfølging", TestHelpers.UniqueName("Mal CSV"));
        Assert.Equal(1, (await ImportAsync(Utf8(csv), "mal.csv")).Count);

        var xlsx = ImportTemplate.Xlsx();
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
            Assert.Contains("planlagt_start", doc.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText);
        Assert.Equal(1, (await ImportAsync(xlsx, "mal.xlsx")).Count);
        await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(xlsx, "mal.xlsx")); // the same again: duplicate name
    }

    [Fact]
    public async Task ThreeBadRows_AllReported_WithSpreadsheetRowNumbers_NothingSaved()
    {
        var existing = await db.QueryAsync(x => x.Initiatives.Include(i => i.Owner).FirstAsync());
        var ok = TestHelpers.UniqueName("Gyldig");
        var csv = $"""
            navn,eier,type,livslop,segment,planlagt_start
            {ok},helse-nord,project,,,
            Uten eier,,project,,,
            {ok},helse-nord,project,,,

            "{existing.Name}",{existing.Owner.Key},project,active,,13.13.2021
            """;
        var before = await db.CountsAsync();
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Utf8(csv), "feil.csv"));
        Assert.Equal(before, await db.CountsAsync());

        Assert.Contains(e.Errors, x => x is { Row: 3, Field: "owner" });
        Assert.Contains(e.Errors, x => x is { Row: 4, Field: "name" } && x.Message.Contains("rad 2"));
        // Row 5 is blank; row 6 has three problems: existing name, active without segment, a bad date.
        Assert.Contains(e.Errors, x => x is { Row: 6, Field: "name" });
        Assert.Contains(e.Errors, x => x is { Row: 6, Field: "segment" });
        Assert.Contains(e.Errors, x => x is { Row: 6, Field: "plannedStart" });
        Assert.Equal([3, 4, 6], e.Errors.Select(x => x.Row).Distinct().Order());
        Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Message)));
        Assert.StartsWith("Rad 3, eier:", e.Errors.First(x => x.Row == 3).ToString());
    }

    [Fact]
    public async Task UnknownValues_NameTheValidOnes()
    {
        var csv = "navn;eier;type;fase\nX;finnes-ikke;Forprosjekt;Idé\n";
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Utf8(csv), "feil.csv"));
        Assert.Contains(e.Errors, x => x is { Row: 2, Field: "owner" } && x.Message.Contains("finnes-ikke"));
        Assert.Contains(e.Errors, x => x is { Row: 2, Field: "kind" } && x.Message.Contains("rollout-project"));
        Assert.DoesNotContain(e.Errors, x => x.Field == "phase");
    }

    [Theory]
    [InlineData("junk.csv")]
    [InlineData("junk.xlsx")]
    [InlineData("junk.pdf")]
    public async Task BinaryJunk_IsRejected(string fileName)
    {
        var junk = new byte[2000];
        new Random(42).NextBytes(junk);
        junk[10] = 0;
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(junk, fileName));
        Assert.Equal(0, Assert.Single(e.Errors).Row);
    }

    [Fact]
    public async Task BrokenZip_IsRejected()
    {
        var broken = ImportTemplate.Xlsx()[..300];
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(broken, "tiltak.xlsx"));
        Assert.Contains("skadet", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public async Task MissingAndUnknownHeaders_AreRejected()
    {
        var e = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Utf8("navn;farge\nA;blå\n"), "t.csv"));
        Assert.All(e.Errors, x => Assert.Equal(1, x.Row));
        Assert.Contains(e.Errors, x => x.Message.Contains("farge"));
        Assert.Contains(e.Errors, x => x.Message.Contains("«eier» mangler"));
    }

    [Fact]
    public async Task Limits_SizeAndRows()
    {
        var big = new byte[ImportLimits.MaxBytes + 1];
        Array.Fill(big, (byte)'a');
        var e1 = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(big, "stor.csv"));
        Assert.Contains("for stor", e1.Message);

        var sb = new StringBuilder("navn;eier;type\n");
        for (var i = 0; i < ImportLimits.MaxRows + 1; i++) sb.Append($"T{i};ks;project\n");
        var e2 = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(Utf8(sb.ToString()), "mange.csv"));
        Assert.Contains("for mange rader", e2.Message);
    }

    [Fact]
    public async Task OnlyTheOffice_MayImport()
    {
        var csv = Utf8("navn;eier;type\nX;helse-sor-ost;project\n");
        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(csv, "t.csv", db.OwnerHelseSorOst));
        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(csv, "t.csv", db.Member));
    }

    /// <summary>An XLSX with the given rows; DateTime values become real date cells (serial numbers with a date format).</summary>
    internal static byte[] Xlsx(params object[][] rows)
    {
        var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var shared = wb.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sheet = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 0;
            foreach (var values in rows)
            {
                var row = new Row { RowIndex = ++r };
                var c = 0;
                foreach (var v in values)
                {
                    var cell = new Cell { CellReference = $"{(char)('A' + c++)}{r}" };
                    if (v is DateTime d)
                    {
                        cell.CellValue = new CellValue(d.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
                        cell.StyleIndex = 1;
                    }
                    else
                    {
                        // Shared strings, as Excel writes them.
                        shared.SharedStringTable.AppendChild(new SharedStringItem(new Text((string)v)));
                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue((shared.SharedStringTable.Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(sheet), SheetId = 1, Name = "Ark1" }));
            wb.Workbook.Save();
        }
        return stream.ToArray();
    }
}
