using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Samstyring.Core.Strategy;
using Samstyring.Web.Tests.Benefits;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// The portfolio report's section «Strategisk måloppnåelse og samfunnsøkonomisk avkastning» (seed 000 lines 1221–1223) in
/// its JSON, XLSX and DOCX and on its page, agreeing with the benefit follow-up per target area; and nothing of a draft
/// strategy reaching anonymous readers through either. Other tests add benefits, so counts are compared between the
/// outputs rather than to fixed numbers (the Core tests hold the hand-worked counts).
/// </summary>
public abstract class StrategicAchievementReportTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Heading = "Strategisk måloppnåelse og samfunnsøkonomisk avkastning";
    private const string AdoptedTitle = "Nasjonal e-helsestrategi 2017–2022";
    private const string DraftTitle = "Nasjonal e-helsestrategi fra 2023";

    private static (int, int, int, int, int) Counts(JsonNode? c) =>
        (c.Int("onTrack"), c.Int("atRisk"), c.Int("late"), c.Int("notReported"), c.Int("total"));

    [Fact]
    public async Task The_report_json_xlsx_and_docx_hold_coverage_benefits_per_area_and_owner_and_net_present_values()
    {
        if (!Factory.Ready()) return;
        var followUp = await Anonymous.GetJsonAsync("/api/v1/portfolio/benefits");
        Assert.Equal(AdoptedTitle, followUp["strategy"].Str("title"));
        var perArea = followUp["perArea"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], perArea.Select(a => a.Int("number")));
        // Area 2 holds the demo benefits of Kjernejournal dokumentdeling (on track, late) and of pasientens legemiddelliste (at risk).
        var area2 = perArea[1]!;
        Assert.True(area2["counts"].Int("onTrack") >= 1 && area2["counts"].Int("late") >= 1 && area2["counts"].Int("atRisk") >= 1, area2.ToJsonString());
        Assert.True(area2["demoLinks"]!.GetValue<bool>());
        // Digital hjemmeoppfølging i Oslo kommune serves no area: its unreported benefit counts without an area.
        Assert.True(followUp["withoutArea"].Int("notReported") >= 1);
        var samhandling = await InitiativeIdAsync("Program digital samhandling");
        var npv = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{samhandling}/benefits/npv");
        var best = npv["alternatives"]!.AsArray().First(a => a!["largest"]!.GetValue<bool>())!;
        var ret = followUp["returns"]!.AsArray().Single(r => r.Int("initiativeId") == samhandling)!;
        Assert.Equal(best["netPresentValueOre"]!.GetValue<long>(), ret["netPresentValueOre"]!.GetValue<long>());

        // JSON: the same counts per area as the follow-up, beside the coverage of the same areas.
        var json = await Anonymous.GetJsonAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.json");
        var section = json["strategicAchievement"]!;
        Assert.Equal(Heading, section.Str("title"));
        Assert.Equal(("adopted", AdoptedTitle), (section["strategy"].Str("status"), section["strategy"].Str("title")));
        var areas = section["areas"]!.AsArray();
        Assert.Equal(perArea.Select(a => Counts(a!["counts"])), areas.Select(a => Counts(a!["benefits"])));
        var coverage = await Anonymous.GetJsonAsync($"/api/v1/strategies/{followUp["strategy"].Int("id")}/coverage");
        Assert.Equal(coverage["areas"]!.AsArray().Select(a => a!["initiatives"]!.AsArray().Count),
            areas.Select(a => a!["initiatives"]!.AsArray().Count));
        Assert.Equal(Counts(followUp["total"]), Counts(section["benefits"]));
        Assert.Contains(section["benefitsPerOwner"]!.AsArray(), g => g.Str("name") == "Helse Sør-Øst RHF" && g!["benefits"].Int("total") >= 2);
        // By the start of its name: the audit test in the same shared app renames the initiative («… (revidert)»).
        var freed = section["benefitList"]!.AsArray().First(b => b.Str("initiative").StartsWith("Kjernejournal dokumentdeling", StringComparison.Ordinal) && b.Str("type") == "freed-staff-time")!;
        Assert.Equal((DemoBenefitStanding.FreedTimeTrack, 112m), (freed.Str("track"), freed["realised"]!.GetValue<decimal>()));
        Assert.NotNull(freed["planned"]);
        var jsonReturn = section["returns"]!.AsArray().Single(r => r.Int("initiativeId") == samhandling)!;
        Assert.Equal((best["netPresentValueOre"]!.GetValue<long>(), best.Int("number")),
            (jsonReturn["netPresentValueOre"]!.GetValue<long>(), jsonReturn.Int("bestAlternative")));
        // The report for an earlier period carries the section too, as it is today.
        Assert.Equal(Heading, (await Anonymous.GetJsonAsync("/api/v1/portfolio/reports/2021-T2.json"))["strategicAchievement"].Str("title"));

        var c = Counts(areas[1]!["benefits"]);

        // XLSX: a sheet per area and owner with the same counts, one per benefit, one of net present values.
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await Anonymous.GetByteArrayAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.xlsx")), false))
        {
            var rows = SheetRows(xlsx, "Måloppnåelse");
            Assert.Equal(["Gruppering", "Gruppe", "Tiltak", "Budsjett (kr)", "Påløpt hittil (kr)", "Prognose (kr)", "Røde", "I rute", "I faresonen",
                "Forsinket", "Ikke rapportert", "Gevinster i alt"], rows[0]);
            var areaRow = rows.Single(r => r[0] == "Målområde" && r[1].StartsWith("2. ", StringComparison.Ordinal));
            Assert.Equal(areas[1]!["initiatives"]!.AsArray().Count.ToString(), areaRow[2]);
            Assert.Equal(new[] { c.Item1, c.Item2, c.Item3, c.Item4, c.Item5 }.Select(n => n.ToString()), areaRow[7..12]);
            Assert.Contains(rows, r => r[0] == "Gevinsteier" && r[1] == "Helse Sør-Øst RHF");
            Assert.Contains(SheetRows(xlsx, "Gevinster"), r => r[1].StartsWith("Kjernejournal dokumentdeling", StringComparison.Ordinal) && r[^1] == DemoBenefitStanding.FreedTimeTrackLabel);
            var nav = SheetRows(xlsx, "Nåverdi").Single(r => r[0] == "Program digital samhandling");
            Assert.Equal(best["netPresentValueOre"]!.GetValue<long>() / 100m, decimal.Parse(nav[6], System.Globalization.CultureInfo.InvariantCulture));
        }

        // DOCX: the section's heading and tables, in the words of the page.
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await Anonymous.GetByteArrayAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.docx")), false))
        {
            var body = docx.MainDocumentPart!.Document.Body!;
            var text = string.Join("\n", body.Descendants<W.Paragraph>().Select(p => p.InnerText));
            Assert.Contains(Heading, text);
            Assert.Contains($"Dekning og gevinster per målområde: {AdoptedTitle}", text);
            Assert.Contains("Realisert mot planlagt", text);
            Assert.Contains("Samfunnsøkonomisk avkastning", text);
            var perAreaTable = body.Elements<W.Table>().Single(t => t.Elements<W.TableRow>().First().InnerText == "MålområdeI ruteI faresonenForsinketIkke rapportertSum");
            var row2 = perAreaTable.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(x => x.InnerText).ToArray()).Single(r => r[0].StartsWith("2. ", StringComparison.Ordinal));
            Assert.Equal(c.Item5.ToString(), row2[5]);
            var npvTable = body.Elements<W.Table>().Single(t => t.Elements<W.TableRow>().First().InnerText.StartsWith("TiltakAlternativ med størst netto nåverdi", StringComparison.Ordinal));
            Assert.Contains(npvTable.Elements<W.TableRow>(), r => r.InnerText.StartsWith("Program digital samhandling", StringComparison.Ordinal)
                && r.InnerText.Contains(Core.Common.Norwegian.Kroner(best["netPresentValueOre"]!.GetValue<long>())));
        }

        // The page shows the counts per area beside the coverage and keeps the link to the whole follow-up.
        var page = WebUtility.HtmlDecode(await PageAsync(Anonymous, $"/rapport?period={CurrentPeriod}"));
        var strategySection = page[page.IndexOf("id=\"strategi\"", StringComparison.Ordinal)..];
        Assert.Contains("Gevinster per målområde", strategySection);
        Assert.Contains("href=\"/rapport/gevinster\"", strategySection);
        var followUpPage = WebUtility.HtmlDecode(await PageAsync(Anonymous, "/rapport/gevinster"));
        Assert.Contains("Per målområde", followUpPage);
        Assert.Contains(perArea[1].Str("name"), followUpPage);
        Assert.Contains("Samfunnsøkonomisk avkastning", followUpPage);
    }

    [Fact]
    public async Task Nothing_of_a_draft_strategy_reaches_anonymous_readers_of_the_follow_up_or_the_report()
    {
        if (!Factory.Ready()) return;
        // The draft gets an area served by Digital hjemmeoppfølging i Oslo kommune, which has a benefit and serves no adopted area.
        var secret = UniqueName("Utkastområde");
        var oslo = await InitiativeIdAsync("Digital hjemmeoppfølging i Oslo kommune");
        await WithDbAsync(async db =>
        {
            var draft = db.Strategies.Single(s => s.Title == DraftTitle);
            var number = 50 + db.TargetAreas.Count(a => a.StrategyId == draft.Id);
            db.TargetAreas.Add(new TargetArea
            {
                StrategyId = draft.Id, Number = number, Title = secret, Goal = "Hemmelig mål.",
                Initiatives = { new TargetAreaInitiative { InitiativeId = oslo } },
            });
            return await db.SaveChangesAsync();
        });
        // The office sees the area in the draft, so the link is real.
        var draftId = await WithDbAsync(db => Task.FromResult(db.Strategies.Single(s => s.Title == DraftTitle).Id));
        Assert.Contains(secret, Unescaped(await Client(As.Office).GetJsonAsync($"/api/v1/strategies/{draftId}")));

        var followUp = await Anonymous.GetJsonAsync("/api/v1/portfolio/benefits");
        var texts = new List<(string Where, string Text)>
        {
            ("follow-up json", Unescaped(followUp)),
            ("follow-up page", WebUtility.HtmlDecode(await PageAsync(Anonymous, "/rapport/gevinster"))),
            ("report page", WebUtility.HtmlDecode(await PageAsync(Anonymous, $"/rapport?period={CurrentPeriod}"))),
            ("report json", Unescaped(await Anonymous.GetJsonAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.json"))),
            ("report csv", await Anonymous.GetStringAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.csv")),
        };
        using (var x = SpreadsheetDocument.Open(new MemoryStream(await Anonymous.GetByteArrayAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.xlsx")), false))
            texts.Add(("report xlsx", string.Join("\n", x.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
                .SelectMany(s => SheetRows(x, s.Name!.Value!)).Select(r => string.Join(";", r)))));
        using (var d = WordprocessingDocument.Open(new MemoryStream(await Anonymous.GetByteArrayAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.docx")), false))
            texts.Add(("report docx", d.MainDocumentPart!.Document.Body!.InnerText));

        // The check reads text that names the adopted strategy's areas at all (area 3 is «Bedre bruk av helsedata»).
        Assert.All(texts.Where(t => t.Where != "report csv"), t => Assert.True(t.Text.Contains("Bedre bruk av helsedata"), t.Where));
        foreach (var (where, text) in texts)
        {
            Assert.False(text.Contains(secret), $"{where} names the draft's area");
            Assert.False(text.Contains(DraftTitle), $"{where} names the draft strategy");
        }
        // The draft's link does not move Oslo's benefit into an area.
        Assert.True(followUp["withoutArea"].Int("notReported") >= 1);
        Assert.DoesNotContain(followUp["perArea"]!.AsArray(), a => a.Str("name") == secret);
    }

    /// <summary>The JSON as text with æøå and dashes as they are (the API escapes them), so a search for a title finds it.</summary>
    private static string Unescaped(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });

    /// <summary>Every row of a sheet as its cells' text (inline strings and numbers), by column, gaps kept empty.</summary>
    private static List<string[]> SheetRows(SpreadsheetDocument doc, string sheet)
    {
        var wb = doc.WorkbookPart!;
        var s = wb.Workbook.Sheets!.Elements<Sheet>().Single(x => x.Name == sheet);
        var data = ((WorksheetPart)wb.GetPartById(s.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        return data.Elements<Row>().Select(r =>
        {
            var cells = r.Elements<Cell>().ToDictionary(c => Column(c.CellReference!.Value!), c => c.InnerText);
            var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
            return Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, "")).ToArray();
        }).ToList();
    }

    private static int Column(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StrategicAchievementReportSqliteTests(SqliteFactory factory) : StrategicAchievementReportTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StrategicAchievementReportPostgresTests(PostgresFactory factory) : StrategicAchievementReportTests(factory);
