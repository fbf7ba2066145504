using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests.Financing;

/// <summary>
/// The financing pages pass axe (WCAG 2.1 A and AA) for the public, the office, the TBU and Oslo's own user, also with validation
/// errors; the office's forms can be filled in with the keyboard alone, and the actor search works without JavaScript. The office's
/// forms are tried on a 2022 scenario made here, which neither the adopted 2022 model nor the 2023 flow sees.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FinancingAccessibilityTests(BrowserFixture fx)
{
    private const string ScenarioName = "Scenario for tilgjengelighetstesten";

    // {adopted}: the adopted 2022 model; {scenario}: a 2022 scenario of the office; {oslo}: Oslo kommune; {hso}: Helse Sør-Øst RHF.
    [Theory]
    [InlineData(null, "/finansiering", "finansiering")]
    [InlineData("kontor", "/finansiering", "finansiering-kontor")]
    [InlineData(null, "/finansiering/2022", "finansiering-2022")]
    [InlineData("kontor", "/finansiering/2022", "finansiering-2022-kontor")]
    [InlineData(null, "/finansiering/2022?q=Utsira", "finansiering-2022-sok")]
    [InlineData(null, "/finansiering/modeller/{adopted}", "finansiering-modell-vedtatt")]
    [InlineData("kontor", "/finansiering/modeller/{scenario}", "finansiering-modell-scenario-kontor")]
    [InlineData("tbu", "/finansiering/modeller/{scenario}?q=Oslo", "finansiering-modell-scenario-tbu")]
    [InlineData("kontor", "/finansiering/modeller/{adopted}/andeler/e-resept", "finansiering-andeler-vedtatt")]
    [InlineData("kontor", "/finansiering/modeller/{scenario}/andeler/helsenettet", "finansiering-andeler-scenario")]
    [InlineData("kontor", "/finansiering/modeller/{scenario}/sammenlign", "finansiering-sammenlign")]
    [InlineData("tbu", "/finansiering/modeller/{scenario}/sammenlign?q=1151", "finansiering-sammenlign-tbu")]
    [InlineData(null, "/finansiering/2022/aktorer/{oslo}", "finansiering-regning-oslo")]
    [InlineData(null, "/finansiering/2022/aktorer/{hso}", "finansiering-regning-hso")]
    [InlineData("kontor", "/finansiering/modeller/{scenario}/aktorer/{oslo}", "finansiering-regning-scenario")]
    [InlineData("eier-oslo", "/finansiering/2022/fakturagrunnlag/{oslo}", "finansiering-fakturagrunnlag-oslo")]
    [InlineData("kontor", "/finansiering/2022/fakturagrunnlag/{hso}", "finansiering-fakturagrunnlag-hso")]
    [InlineData(null, "/finansiering/kostnader/helsenettet", "finansiering-kostnader")]
    [InlineData("kontor", "/finansiering/kostnader/kjernejournal", "finansiering-kostnader-kontor")]
    [InlineData("tbu", "/finansiering/kostnader/e-resept?aar=2023", "finansiering-kostnader-tbu")]
    [InlineData(null, "/finansiering/2022/prisliste", "finansiering-prisliste")]
    [InlineData("kontor", "/finansiering/2022/prisliste", "finansiering-prisliste-kontor")]
    [InlineData("eier-oslo", "/finansiering/2022/prisliste", "finansiering-prisliste-oslo")]
    public async Task Financing_page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var path = await ResolveAsync(pathTemplate);
        await AccessibilityTests.AssertPageHasNoViolationsAsync(fx, user, path, screenshot);
    }

    [Fact]
    public async Task Shift_and_shares_forms_with_validation_errors_have_no_WCAG_violations()
    {
        var scenario = await ScenarioAsync();
        var page = await fx.PageAsAsync("kontor");
        try
        {
            // Points that are not a number: the error next to the field, linked from the summary, the input kept.
            await GotoAsync(page, $"/finansiering/modeller/{scenario}");
            var shift = ShiftForm(page);
            await shift.GetByLabel("Fra gruppe").SelectOptionAsync(new SelectOptionValue { Label = "Regionale helseforetak" });
            await shift.GetByLabel("Til gruppe").SelectOptionAsync(new SelectOptionValue { Label = "Kommuner" });
            await shift.GetByLabel("Prosentpoeng").FillAsync("fem");
            await shift.GetByRole(AriaRole.Button, new() { Name = "Flytt prosentpoengene" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            await AssertErrorSummaryAsync(page, "Prosentpoeng må være et tall");
            shift = ShiftForm(page);
            Assert.Equal("true", await shift.GetByLabel("Prosentpoeng").GetAttributeAsync("aria-invalid"));
            Assert.Equal("fem", await shift.GetByLabel("Prosentpoeng").InputValueAsync());
            await fx.ScreenshotAsync(page, "finansiering-flytt-feil");
            await Axe.AssertNoViolationsAsync(page, "flytt prosentpoeng med valideringsfeil (kontor)");

            // Shares that do not add up to 100 %.
            await GotoAsync(page, $"/finansiering/modeller/{scenario}/andeler/helsenettet");
            var percent = page.GetByLabel("Andel i prosent").First;
            await percent.FillAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lagre andelene" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            await AssertErrorSummaryAsync(page, "må bli 100");
            await fx.ScreenshotAsync(page, "finansiering-andeler-feil");
            await Axe.AssertNoViolationsAsync(page, "andeler som ikke blir 100 % (kontor)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_shift_form_can_be_filled_in_and_sent_with_the_keyboard_alone()
    {
        var scenario = await ScenarioAsync();
        var page = await fx.PageAsAsync("kontor");
        try
        {
            await GotoAsync(page, $"/finansiering/modeller/{scenario}");
            var before = await FinancingFlowTests.JsonAsync(page, $"/api/v1/financing/models/{scenario}");

            // Shift+Tab back from the actor search below reaches the form; Tab then visits every control in order, each with its label.
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter aktør" }).FocusAsync();
            var reached = new List<string>();
            for (var i = 0; i < 40 && !reached.Contains("fromGroup"); i++)
            {
                await page.Keyboard.PressAsync("Shift+Tab");
                reached.Add(await FocusedIdAsync(page));
            }
            Assert.True(reached.Contains("fromGroup"), "Nådde ikke «Fra gruppe» med tastaturet. Stopp: " + string.Join(", ", reached));
            var order = new List<string> { "fromGroup" };
            for (var i = 0; i < 4; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                order.Add(await FocusedIdAsync(page));
            }
            Assert.Equal(["fromGroup", "toGroup", "points", "solution"], order.Take(4));
            foreach (var id in order.Take(4))
                Assert.True(await page.Locator($"label[for='{id}']").CountAsync() == 1, $"Feltet #{id} har ingen synlig etikett.");
            Assert.Equal("Flytt prosentpoengene", (await page.EvaluateAsync<string>("() => document.activeElement.innerText")).Trim());

            // Choose with the arrow keys and type the points, then send with Enter.
            await page.Locator("#fromGroup").FocusAsync();
            await SelectWithKeyboardAsync(page, "fromGroup", "state");
            await page.Keyboard.PressAsync("Tab");
            await SelectWithKeyboardAsync(page, "toGroup", "municipalities");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("1");
            // Wait for the post and its redirect: reading the page while it navigates loses the page under the reader.
            var redirected = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Request.Method == "GET");
            await page.Keyboard.PressAsync("Enter");
            await redirected;
            await page.WaitForLoadStateAsync();
            await ExpectTextAsync(page.Locator("main"), "Prosentpoengene er flyttet.", "meldingen om at poengene er flyttet");
            var after = await FinancingFlowTests.JsonAsync(page, $"/api/v1/financing/models/{scenario}");
            Assert.True(after.GetProperty("model").GetProperty("version").GetInt32() > before.GetProperty("model").GetProperty("version").GetInt32(),
                "Scenarioet skulle vært lagret på nytt.");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_actor_search_and_the_bill_work_without_JavaScript()
    {
        await using var context = await fx.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await GotoAsync(page, "/finansiering/2022");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Søk etter aktør" }).FillAsync("1151");
        // The page's own search, not the site search in the header.
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, @"/finansiering/2022\?q=1151", "søket uten JavaScript");
        var rows = page.Locator("section[aria-labelledby=aktorer] tbody tr");
        Assert.Equal(["Utsira kommune"], await rows.Locator("th").AllInnerTextsAsync());
        await rows.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Se regningen") }).ClickAsync();
        await WaitForUrlAsync(page, @"/finansiering/2022/aktorer/\d+$", "Utsiras regning uten JavaScript");
        await ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Utsira kommune betaler .* i 2022$") }), "Utsiras regning");
        await fx.ScreenshotAsync(page, "finansiering-uten-javascript");
    }

    // ---- helpers

    private static ILocator ShiftForm(IPage page) =>
        page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Flytt prosentpoengene" }) });

    private static async Task AssertErrorSummaryAsync(IPage page, string text)
    {
        var summary = page.Locator(".ds-error-summary");
        Assert.True(await summary.IsVisibleAsync(), $"Forventet feiloppsummering, fikk:\n{await page.Locator("main").InnerTextAsync()}");
        Assert.Contains(text, await summary.InnerTextAsync(), StringComparison.Ordinal);
        foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
            Assert.True(await page.Locator($"[id='{href.TrimStart('#')}']").CountAsync() == 1, $"Lenken {href} i feiloppsummeringen peker ikke på ett felt.");
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");

    /// <summary>Moves a focused select with the arrow keys until it has <paramref name="value"/>.</summary>
    private static async Task SelectWithKeyboardAsync(IPage page, string id, string value)
    {
        Assert.Equal(id, await FocusedIdAsync(page));
        var select = page.Locator($"#{id}");
        for (var i = 0; i < 10 && await select.InputValueAsync() != value; i++) await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(value, await select.InputValueAsync());
    }

    private async Task<string> ResolveAsync(string template)
    {
        var path = template;
        if (path.Contains("{adopted}"))
            path = path.Replace("{adopted}", (await fx.GetJsonAsync("/api/v1/financing/2022")).GetProperty("model").GetProperty("id").GetInt32().ToString());
        if (path.Contains("{scenario}")) path = path.Replace("{scenario}", (await ScenarioAsync()).ToString());
        if (path.Contains("{oslo}")) path = path.Replace("{oslo}", (await ActorIdAsync(a => a.GetProperty("organizationName").GetString() == "Oslo kommune")).ToString());
        if (path.Contains("{hso}")) path = path.Replace("{hso}", (await ActorIdAsync(a => a.GetProperty("organizationName").GetString() == "Helse Sør-Øst RHF")).ToString());
        return path;
    }

    /// <summary>An actor in the adopted 2022 model's keys.</summary>
    private async Task<int> ActorIdAsync(Func<JsonElement, bool> match)
    {
        var model = await fx.GetJsonAsync("/api/v1/financing/2022");
        foreach (var solution in model.GetProperty("solutions").EnumerateArray())
        foreach (var share in solution.GetProperty("shares").EnumerateArray())
        foreach (var actor in share.GetProperty("actors").EnumerateArray())
            if (match(actor)) return actor.GetProperty("organizationId").GetInt32();
        throw new InvalidOperationException("Fant ikke aktøren i nøklene til prismodellen for 2022 (/api/v1/financing/2022).");
    }

    /// <summary>The office's 2022 scenario for these tests, made once per server through the year page's form.</summary>
    private async Task<int> ScenarioAsync()
    {
        var page = await fx.PageAsAsync("kontor");
        try
        {
            await GotoAsync(page, "/finansiering");
            var existing = page.GetByRole(AriaRole.Link, new() { Name = ScenarioName, Exact = true });
            if (await existing.CountAsync() == 0)
            {
                await GotoAsync(page, "/finansiering/2022");
                await page.GetByLabel("Navn på scenarioet").FillAsync(ScenarioName);
                await page.GetByRole(AriaRole.Button, new() { Name = "Lag scenario" }).ClickAsync();
                await WaitForUrlAsync(page, @"/finansiering/modeller/\d+$", "det nye scenarioet");
            }
            else
            {
                await existing.ClickAsync();
                await WaitForUrlAsync(page, @"/finansiering/modeller/\d+$", "scenarioet");
            }
            return int.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
