using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests;

/// <summary>
/// Issue 10's browser test: the operator of kjernejournal (Norsk Helsenett SF) uploads its stage list through the page;
/// the public solution page then shows the new share against the 75 % target, the map colours change, and the portfolio
/// report shows the same figures. The new pages pass axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SolutionsFlowTests(BrowserFixture fx)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_operator_uploads_a_stage_list_and_the_public_pages_and_the_report_show_the_new_share()
    {
        var before = await fx.GetJsonAsync("/api/v1/solutions/kjernejournal/adoption/summary");
        var municipalities = before.GetProperty("municipalities").GetInt32();
        var inUseBefore = InUse(before);
        var mapBefore = await InUsePathsAsync();
        Assert.Equal(inUseBefore, mapBefore);

        // Enough municipalities on the way (technically ready or adopting) to pass 75 %: moving forward needs no confirmation.
        var needed = (int)Math.Ceiling(0.75 * municipalities) - inUseBefore + 1;
        var actors = await fx.GetJsonAsync("/api/v1/solutions/kjernejournal/adoption");
        var chosen = actors.GetProperty("actors").EnumerateArray()
            .Where(a => a.GetProperty("stage").GetString() is "technically-ready" or "adopting")
            .Select(a => a.GetProperty("municipalityNumber").GetString()!).Take(needed).ToList();
        Assert.Equal(needed, chosen.Count);
        var csv = new StringBuilder("kommunenummer;status;kilde\n");
        foreach (var number in chosen) csv.Append(number).Append(";Tatt i bruk;Driftsleverandørens liste (nettlesertest)\n");
        var file = Path.Combine(Path.GetTempPath(), $"kjernejournal-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString(), new UTF8Encoding(true));

        var page = await fx.PageAsAsync("drift-nhn");
        try
        {
            await GotoAsync(page, "/losninger/kjernejournal/innforing");
            await page.GetByRole(AriaRole.Link, new() { Name = "Last opp statusliste" }).ClickAsync();
            await WaitForUrlAsync(page, "/losninger/kjernejournal/innforing/last-opp$", "opplastingssiden");
            await page.GetByLabel("Fil (CSV eller XLSX)").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Last opp" }).ClickAsync();
            await WaitForUrlAsync(page, "/losninger/kjernejournal/innforing$", "innføringssiden etter opplastingen");
            await fx.ScreenshotAsync(page, "losning-innforing-etter-opplasting");
        }
        finally
        {
            await page.CloseAsync();
            File.Delete(file);
        }

        var inUse = inUseBefore + needed;
        var share = Math.Round(100.0 * inUse / municipalities, 1);
        var visitor = await fx.PageAsAsync(null);
        try
        {
            await GotoAsync(visitor, "/losninger/kjernejournal/innforing");
            var main = await visitor.Locator("main").InnerTextAsync();
            Assert.Contains(inUse.ToString(CultureInfo.InvariantCulture), main);
            Assert.Contains(share.ToString("0.#", new CultureInfo("nb-NO")) + " %", main);
            var target = visitor.Locator("tr").Filter(new() { HasText = "75 % av kommunene innen 31. desember 2022" });
            var row = await target.InnerTextAsync();
            Assert.Contains($"{inUse} ({share.ToString("0.#", new CultureInfo("nb-NO"))} %", row);
            Assert.Contains("Nådd etter fristen", row);
            await fx.ScreenshotAsync(visitor, "losning-innforing-offentlig");

            // The portfolio report shows the same figures.
            await GotoAsync(visitor, "/rapport");
            var report = await visitor.Locator("section[aria-labelledby=innforing]").InnerTextAsync();
            Assert.Contains($"{inUse} av {municipalities}", report);
            Assert.Contains(share.ToString("0.#", new CultureInfo("nb-NO")) + " %", report);
        }
        finally
        {
            await visitor.CloseAsync();
        }
        // The map colours the uploaded municipalities as in use.
        Assert.Equal(inUse, await InUsePathsAsync());
    }

    private static int InUse(JsonElement summary) =>
        summary.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "in-use").GetProperty("count").GetInt32();

    private async Task<int> InUsePathsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var svg = XDocument.Parse(await http.GetStringAsync("/api/v1/solutions/kjernejournal/adoption-map.svg"));
        return svg.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "stage-in-use");
    }
}

/// <summary>The solutions pages pass axe (WCAG 2.1 A and AA), public, for the office and for the operator.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SolutionsAccessibilityTests(BrowserFixture fx)
{
    [Theory]
    [InlineData(null, "/losninger", "losninger")]
    [InlineData(null, "/losninger/kjernejournal", "losning-kjernejournal")]
    [InlineData(null, "/losninger/e-resept?dato=2019-06-30", "losning-e-resept-2019")]
    [InlineData(null, "/losninger/kjernejournal/innforing?dato=2022-08-01", "losning-innforing-2022")]
    [InlineData(null, "/grunnmur", "grunnmur")]
    [InlineData("kontor", "/losninger/kjernejournal/rediger", "losning-rediger")]
    [InlineData("drift-nhn", "/losninger/kjernejournal/innforing/last-opp", "losning-last-opp")]
    [InlineData("drift-nhn", "/losninger/kjernejournal/innforing/registrer", "losning-registrer")]
    public async Task Solutions_page_has_no_WCAG_violations(string? user, string path, string screenshot)
    {
        var page = await fx.PageAsAsync(user);
        try
        {
            var response = await page.GotoAsync(path);
            await AccessibilityTests.AssertPageLoadedAsync(page, response, path, user, fx.Server);
            await page.EvalOnSelectorAllAsync("details", "ds => ds.forEach(d => d.open = true)");
            await fx.ScreenshotAsync(page, screenshot);
            await Axe.AssertNoViolationsAsync(page, $"{path} ({user ?? "anonym"})");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
