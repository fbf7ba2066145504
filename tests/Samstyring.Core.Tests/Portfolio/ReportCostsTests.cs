using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>
/// Structured initiative costs in the status report (budget, spent to date, forecast, funding source), and their roll-up
/// in the portfolio report by owner, segment and funding source.
/// </summary>
public abstract class ReportCostsTests(TestDatabase db)
{
    private const long Million = 100_000_000; // 1 000 000 kr in øre

    private static StatusReportInput Green(string period, int? version = null) =>
        new(period, "green", "I rute.", "green", "Lav.", "Leveranser i rute.", null, version);

    private Task<StatusReport> Report(string initiative, StatusReportInput input) =>
        db.SendAsync(async (ReportStatus u) => await u.HandleAsync(await db.InitiativeIdAsync(initiative), input, db.Office));

    private Task<StatusReport> Stored(string initiative, string period) =>
        db.QueryAsync(x => x.StatusReports.AsNoTracking().SingleAsync(r => r.Initiative.Name == initiative && r.Period.Code == period));

    [Fact]
    public async Task Figures_and_funding_source_are_saved_and_changed_with_the_report()
    {
        if (!db.Available) return;
        const string name = "Pasientens prøvesvar";
        var saved = await Report(name, Green("2021-T1") with
        {
            BudgetOre = 12 * Million + 50, SpentOre = 4_500_000_00, ForecastOre = 13 * Million, FundingSource = "co-financing",
            Cost = "Forsinket leveranse gir høyere prognose.",
        });

        var stored = await Stored(name, "2021-T1");
        Assert.Equal((12 * Million + 50, 4_500_000_00L, 13 * Million, FundingSource.CoFinancing),
            (stored.BudgetOre!.Value, stored.SpentOre!.Value, stored.ForecastOre!.Value, stored.FundingSource!.Value));
        Assert.Equal("Forsinket leveranse gir høyere prognose.", stored.Cost);

        // Reporting again replaces the figures; one left out is no longer known.
        await Report(name, Green("2021-T1", saved.Version) with { BudgetOre = 12 * Million, FundingSource = "grant" });
        stored = await Stored(name, "2021-T1");
        Assert.Equal(12 * Million, stored.BudgetOre);
        Assert.Null(stored.SpentOre);
        Assert.Null(stored.ForecastOre);
        Assert.Equal(FundingSource.Grant, stored.FundingSource);
    }

    [Fact]
    public async Task Where_cost_is_required_a_budget_answers_it_as_well_as_a_comment()
    {
        if (!db.Available) return;
        const string name = "Program digital samhandling"; // Samstyring: cost is required
        var errors = await AssertInvalidAsync(() => Report(name, Green("2021-T1") with { SpentOre = 5 }), "cost");
        Assert.Equal("Kostnader må fylles ut: oppgi budsjett eller skriv en kommentar til kostnadene.", errors["cost"].Single());

        var saved = await Report(name, Green("2021-T1") with { BudgetOre = 3 * Million });
        Assert.Equal("", saved.Cost);
        Assert.Equal(3 * Million, saved.BudgetOre);
    }

    [Fact]
    public async Task Negative_too_large_and_unknown_values_give_Norwegian_errors_and_save_nothing()
    {
        if (!db.Available) return;
        const string name = "Innføring av HelseID i fagsystemer";
        var before = await Stored(name, "2021-T3");
        var counts = await db.CountsAsync();

        var errors = await AssertInvalidAsync(() => Report(name, Green("2021-T3", before.Version) with
        {
            BudgetOre = -1, SpentOre = StatusReport.MaxOre + 1, ForecastOre = long.MaxValue, FundingSource = "lotteri",
        }), "budgetOre", "spentOre", "forecastOre", "fundingSource");
        Assert.Equal("Budsjett kan ikke være negativt.", errors["budgetOre"].Single());
        Assert.Equal("Påløpt hittil kan ikke være mer enn 100\u00A0000\u00A0000\u00A0000\u00A0kr.", errors["spentOre"].Single());
        Assert.StartsWith("Prognose kan ikke være mer enn", errors["forecastOre"].Single());
        Assert.Equal("«lotteri» er ikke en gyldig verdi for finansieringskilde. Gyldige verdier: budget, co-financing, own-funds, grant.",
            errors["fundingSource"].Single());

        // The limit itself is allowed.
        Assert.Equal(StatusReport.MaxOre, (await Report(name, Green("2021-T3", before.Version) with { Cost = "x", BudgetOre = StatusReport.MaxOre })).BudgetOre);
        Assert.Equal(counts.Reports, (await db.CountsAsync()).Reports);
    }

    [Fact]
    public async Task What_the_caller_could_not_read_is_reported_with_the_other_errors_and_nothing_is_saved()
    {
        if (!db.Available) return;
        const string name = "Helsedataprogrammet";
        var before = await db.CountsAsync();
        var unreadable = new Dictionary<string, string> { ["budgetOre"] = "Budsjett må være et beløp i kroner." };

        var errors = await AssertInvalidAsync(() => db.SendAsync(async (ReportStatus u) => await u.HandleAsync(
            await db.InitiativeIdAsync(name), Green("2099-T1") with { Status = "lilla" }, db.Office, default, unreadable)),
            "budgetOre", "period", "status");
        Assert.Equal("Budsjett må være et beløp i kroner.", errors["budgetOre"].Single());

        // Even when everything else is right, an unreadable amount stops the save.
        await AssertInvalidAsync(() => db.SendAsync(async (ReportStatus u) => await u.HandleAsync(
            await db.InitiativeIdAsync(name), Green("2021-T1"), db.Office, default, unreadable)), "budgetOre");
        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task The_portfolio_report_sums_the_periods_figures_by_owner_segment_and_funding_source_in_every_format()
    {
        if (!db.Available) return;
        if (!await db.QueryAsync(x => x.ReportingPeriods.AnyAsync(p => p.Year == 2022)))
            await db.SendAsync((SetUpReportingYear u) => u.HandleAsync(2022, "tertial", db.Office));
        // Figures per initiative: budget, spent, forecast (kroner), funding source. The last one gives no figures at all.
        var given = new (string Name, long? Budget, long? Spent, long? Forecast, string? Source)[]
        {
            ("Pasientens prøvesvar", 10, 4, 11, "co-financing"),
            ("Helsedataprogrammet", 20, 5, null, "budget"),
            ("Modernisering av MSIS", 7, null, 8, null),
            ("Statistisk logganalyse", null, 2, 3, "co-financing"),
            ("Modernisering av SYSVAK", null, null, null, "grant"),
        };
        foreach (var g in given)
            await Report(g.Name, Green("2022-T1") with
            {
                Cost = "Kommentar.", BudgetOre = g.Budget * Million, SpentOre = g.Spent * Million, ForecastOre = g.Forecast * Million, FundingSource = g.Source,
            });
        // A figure in another period is not in this period's report.
        var earlier = await db.QueryAsync(x => x.StatusReports.Where(r => r.Initiative.Name == "Pasientens prøvesvar" && r.Period.Code == "2021-T2")
            .Select(r => (int?)r.Version).SingleOrDefaultAsync());
        await Report("Pasientens prøvesvar", Green("2021-T2", earlier) with { Cost = "x", BudgetOre = 999 * Million });

        var report = await db.SendAsync((GetPortfolioReport u) => u.HandleAsync("2022-T1"));
        var costs = report.Costs;
        Assert.Equal((4, 37 * Million, 11 * Million, 22 * Million),
            (costs.Total.Initiatives, costs.Total.BudgetOre, costs.Total.SpentOre, costs.Total.ForecastOre));

        var byFunding = costs.ByFundingSource.ToDictionary(c => c.Label, c => (c.Code, c.Initiatives, c.BudgetOre, c.SpentOre, c.ForecastOre));
        Assert.Equal(["Budsjett", "Samfinansiering", "Ikke oppgitt"], byFunding.Keys); // enum order, the unknown last; no grant (no figures)
        Assert.Equal(("co-financing", 2, 10 * Million, 6 * Million, 14 * Million), byFunding["Samfinansiering"]);
        Assert.Equal(("budget", 1, 20 * Million, 5 * Million, 0L), byFunding["Budsjett"]);
        Assert.Equal(((string?)null, 1, 7 * Million, 0L, 8 * Million), byFunding["Ikke oppgitt"]);

        // By owner and by segment, against the owners and segments the report itself gives each initiative.
        var rows = report.Rows.ToDictionary(r => r.Name);
        foreach (var (grouping, key) in new (IReadOnlyList<CostSum> Sums, Func<PortfolioReportRow, string> Key)[]
                 {
                     (costs.ByOwner, r => r.Owner),
                     (costs.BySegment, r => r.Segment?.Label() ?? CostRollUp.NoSegmentLabel),
                 })
        {
            var expected = given.Where(g => g.Budget is not null || g.Spent is not null || g.Forecast is not null)
                .GroupBy(g => key(rows[g.Name]))
                .ToDictionary(x => x.Key, x => (x.Count(), x.Sum(g => g.Budget ?? 0) * Million, x.Sum(g => g.Spent ?? 0) * Million, x.Sum(g => g.Forecast ?? 0) * Million));
            Assert.Equal(expected.OrderBy(e => e.Key), grouping.ToDictionary(c => c.Label, c => (c.Initiatives, c.BudgetOre, c.SpentOre, c.ForecastOre)).OrderBy(e => e.Key));
        }
        Assert.Equal(costs.Total.BudgetOre, costs.ByOwner.Sum(c => c.BudgetOre));
        Assert.Equal(costs.Total.Initiatives, costs.BySegment.Sum(c => c.Initiatives));

        // JSON: per initiative and the roll-up.
        using (var json = JsonDocument.Parse(PortfolioReportDocuments.ToJson(report)))
        {
            var root = json.RootElement;
            var proevesvar = root.GetProperty("initiatives").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Pasientens prøvesvar").GetProperty("report");
            Assert.Equal(10 * Million, proevesvar.GetProperty("budgetOre").GetInt64());
            Assert.Equal("co-financing", proevesvar.GetProperty("fundingSource").GetString());
            Assert.Equal(37 * Million, root.GetProperty("costs").GetProperty("total").GetProperty("budgetOre").GetInt64());
            Assert.Contains(root.GetProperty("costs").GetProperty("byFundingSource").EnumerateArray(),
                c => c.GetProperty("code").GetString() == "co-financing" && c.GetProperty("spentOre").GetInt64() == 6 * Million);
        }

        // CSV: per initiative, in øre and codes.
        using (var reader = new StreamReader(new MemoryStream(PortfolioReportDocuments.ToCsv(report)), Encoding.UTF8))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            var msis = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().Single(r => (string)r["name"] == "Modernisering av MSIS");
            Assert.Equal((7 * Million).ToString(CultureInfo.InvariantCulture), msis["budgetOre"]);
            Assert.Equal("", msis["spentOre"]);
            Assert.Equal("", msis["fundingSource"]);
        }

        // XLSX: kroner as numbers per initiative, and a sheet with the roll-up.
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(PortfolioReportDocuments.ToXlsx(report)), false);
        var wb = xlsx.WorkbookPart!;
        var strings = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        List<List<string>> Sheet(string name)
        {
            var id = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!.Value!;
            return ((WorksheetPart)wb.GetPartById(id)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.InnerText, CultureInfo.InvariantCulture)] : c.InnerText).ToList())
                .ToList();
        }
        var tiltak = Sheet("Tiltak");
        var budgetColumn = tiltak[0].IndexOf("Budsjett (kr)");
        Assert.Equal("20000000", tiltak.Single(r => r[0].TrimEnd(' ', '*') == "Helsedataprogrammet")[budgetColumn]);
        var total = Sheet("Kostnader").Single(r => r[0] == "Totalt");
        Assert.Equal(["Totalt", "Alle tiltak", "4", "37000000", "11000000", "22000000"], total);
    }
}

public sealed class ReportCostsTestsSqlite(SqliteDatabase db) : ReportCostsTests(db), IClassFixture<SqliteDatabase>;

public sealed class ReportCostsTestsPostgres(PostgresDatabase db) : ReportCostsTests(db), IClassFixture<PostgresDatabase>;
