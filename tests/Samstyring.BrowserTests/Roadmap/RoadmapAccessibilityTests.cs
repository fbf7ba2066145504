using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests;

/// <summary>
/// The roadmap pages pass axe (WCAG 2.1 A and AA), public and for the office, including a plan form with validation
/// errors; the chart's filters work without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoadmapAccessibilityTests(BrowserFixture fx)
{
    [Theory]
    [InlineData(null, "/veikart", "roadmap-veikart")]
    [InlineData(null, "/veikart/1.0", "roadmap-versjon-1.0")]
    [InlineData(null, "/veikart/endringer", "roadmap-endringer-offentlig")]
    [InlineData("kontor", "/veikart/21.1", "roadmap-versjon-21.1-kontor")]
    [InlineData("kontor", "/veikart/endringer?fra=1.0&til=21.1", "roadmap-endringer")]
    [InlineData("kontor", "/veikart/kontor", "roadmap-kontor")]
    [InlineData("kontor", "/veikart/21.1/rediger", "roadmap-rediger")]
    [InlineData("kontor", "/veikart/1.0/rediger", "roadmap-rediger-publisert")]
    public async Task Roadmap_page_has_no_WCAG_violations(string? user, string path, string screenshot)
    {
        await AccessibilityTests.AssertPageHasNoViolationsAsync(fx, user, path, screenshot);
    }

    [Fact]
    public async Task Service_page_and_plan_form_with_validation_errors_have_no_WCAG_violations()
    {
        var page = await fx.PageAsAsync("kontor");
        try
        {
            await GotoAsync(page, "/veikart/21.1/rediger");
            await page.Locator("section[aria-labelledby=tjenester] tr").Filter(new() { HasText = "journaldokumenter" })
                .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Endre") }).ClickAsync();
            await WaitForUrlAsync(page, @"/veikart/21\.1/tjenester/\d+$", "siden for tjenesten");
            await fx.ScreenshotAsync(page, "roadmap-tjeneste");
            await Axe.AssertNoViolationsAsync(page, "siden for en tjeneste (kontor)");

            // A new plan without actor group and with a quarter that does not exist.
            var form = RoadmapFlowTests.PlanForm(page, "Ny plan");
            await form.GetByLabel("Planlagt").FillAsync("Q5 2021");
            await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
            await form.GetByRole(AriaRole.Button, new() { Name = "Legg til planen" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            var summary = page.Locator(".ds-error-summary");
            Assert.True(await summary.IsVisibleAsync(), $"Forventet feiloppsummering, fikk:\n{await page.Locator("main").InnerTextAsync()}");
            var listed = string.Join(" | ", await summary.Locator("li").AllInnerTextsAsync());
            Assert.Contains("Kvartal", listed, StringComparison.Ordinal);
            form = RoadmapFlowTests.PlanForm(page, "Ny plan");
            Assert.Equal("true", await form.GetByLabel("Planlagt").GetAttributeAsync("aria-invalid"));
            Assert.Equal("true", await form.GetByLabel("Aktørgruppe").GetAttributeAsync("aria-invalid"));
            Assert.Equal("Q5 2021", await form.GetByLabel("Planlagt").InputValueAsync());
            foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
                Assert.True(await page.Locator(href).CountAsync() == 1, $"Lenken {href} i feiloppsummeringen peker ikke på ett felt.");
            await fx.ScreenshotAsync(page, "roadmap-tjeneste-feil");
            await Axe.AssertNoViolationsAsync(page, "ny plan med valideringsfeil (kontor)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Milestone_page_and_a_prerequisite_form_with_validation_errors_have_no_WCAG_violations()
    {
        var page = await fx.PageAsAsync("kontor");
        try
        {
            await GotoAsync(page, "/veikart/21.1/rediger");
            await page.GetByRole(AriaRole.Link, new() { Name = "Endre milepæl M1" }).ClickAsync();
            await WaitForUrlAsync(page, @"/veikart/21\.1/milepaler/\d+$", "siden for milepælen");
            await fx.ScreenshotAsync(page, "roadmap-milepael");
            await Axe.AssertNoViolationsAsync(page, "siden for en milepæl (kontor)");

            // A new prerequisite without text and with a date that is not a date.
            var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Ny forutsetning" }) });
            await form.GetByLabel("Vurdert dato").EvaluateAsync("e => { e.type = 'text'; e.value = 'i går'; }");
            await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
            await form.GetByRole(AriaRole.Button, new() { Name = "Legg til forutsetningen" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            var summary = page.Locator(".ds-error-summary");
            Assert.True(await summary.IsVisibleAsync(), $"Forventet feiloppsummering, fikk:\n{await page.Locator("main").InnerTextAsync()}");
            Assert.Equal("true", await form.GetByLabel("Forutsetning", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
            foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
                Assert.True(await page.Locator(href).CountAsync() == 1, $"Lenken {href} i feiloppsummeringen peker ikke på ett felt.");
            await fx.ScreenshotAsync(page, "roadmap-milepael-feil");
            await Axe.AssertNoViolationsAsync(page, "ny forutsetning med valideringsfeil (kontor)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Roadmap_filters_work_without_JavaScript()
    {
        await using var context = await fx.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await GotoAsync(page, "/veikart/1.0");
        var rowsBefore = await page.Locator("section[aria-labelledby=tabell] tbody tr").CountAsync();

        await page.GetByLabel("Aktørgruppe", new() { Exact = true }).SelectOptionAsync("Legevakt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, @"/veikart/1\.0\?.*aktorgruppe=Legevakt", "den filtrerte siden");
        Assert.Equal("Legevakt", await page.GetByLabel("Aktørgruppe", new() { Exact = true }).InputValueAsync());
        await ExpectTextAsync(page.Locator("section[aria-labelledby=kart]"), "passer filteret", "antallet som passer filteret");
        await ExpectVisibleAsync(page.Locator(".roadmap-chart-scroll svg"), "tidslinjen");
        // Every plan row (not the rows listing links and dependencies) is for Legevakt.
        var planRows = await page.Locator("section[aria-labelledby=tabell] tbody tr:has(td):not(:has(td.roadmap-links))").AllInnerTextsAsync();
        Assert.NotEmpty(planRows);
        Assert.All(planRows, t => Assert.Contains("Legevakt", t, StringComparison.Ordinal));
        Assert.True(await page.Locator("section[aria-labelledby=tabell] tbody tr").CountAsync() < rowsBefore, "Filteret skal gi færre rader.");
        Assert.Contains("actorGroup=Legevakt", await page.GetByRole(AriaRole.Link, new() { Name = "SVG", Exact = true }).GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await fx.ScreenshotAsync(page, "roadmap-filter-uten-javascript");
    }
}
