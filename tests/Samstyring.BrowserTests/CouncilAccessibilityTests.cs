using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Samstyring.BrowserTests;

/// <summary>
/// The council pages pass axe (WCAG 2.1 A and AA), public and for the secretariat, including a form with validation
/// errors; the plan-meeting form works with the keyboard only, and the meeting page without JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CouncilAccessibilityTests(BrowserFixture fx, ITestOutputHelper output)
{
    // {m6}: meeting 6/2021 of Nasjonalt e-helsestyre (demo data); {c37}: case 37/21 in that meeting.
    [Theory]
    [InlineData(null, "/organer", "rad-organer")]
    [InlineData(null, "/organer/nasjonalt-e-helserad", "rad-organ")]
    [InlineData(null, "/moter/{m6}", "rad-mote")]
    [InlineData(null, "/saker/{c37}", "rad-sak")]
    [InlineData(null, "/arshjul", "rad-arshjul")]
    [InlineData("kontor", "/sekretariat", "rad-sekretariatet")]
    [InlineData("kontor", "/sekretariat/moter/ny", "rad-planlegg-mote")]
    [InlineData("kontor", "/sekretariat/moter/{m6}/rediger", "rad-endre-mote")]
    [InlineData("kontor", "/sekretariat/moter/{m6}/dagsorden", "rad-dagsorden")]
    [InlineData("kontor", "/sekretariat/moter/{m6}/oppmote", "rad-oppmote")]
    [InlineData("kontor", "/sekretariat/moter/{m6}/ny-sak", "rad-ny-sak")]
    [InlineData("kontor", "/sekretariat/saker/{c37}/rediger", "rad-endre-sak")]
    [InlineData("kontor", "/sekretariat/saker/{c37}/vedtak", "rad-vedtak")]
    [InlineData("kontor", "/sekretariat/saker/{c37}/koblinger", "rad-koblinger")]
    [InlineData("kontor", "/sekretariat/saker/{c37}/vedlegg", "rad-vedlegg")]
    [InlineData("kontor", "/sekretariat/organer", "rad-organer-admin")]
    [InlineData("kontor", "/sekretariat/organer/nasjonalt-e-helserad", "rad-organ-admin")]
    [InlineData("kontor", "/sekretariat/organer/nasjonalt-e-helserad/medlemmer", "rad-medlemmer")]
    public async Task Council_page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var path = await ResolveAsync(pathTemplate);
        var page = await fx.PageAsAsync(user);
        try
        {
            var response = await page.GotoAsync(path);
            await AccessibilityTests.AssertPageLoadedAsync(page, response, path, user, fx.Server);
            await fx.ScreenshotAsync(page, screenshot);
            await Axe.AssertNoViolationsAsync(page, $"{path} ({user ?? "anonym"})");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Plan_meeting_form_with_validation_errors_has_no_WCAG_violations()
    {
        var page = await fx.PageAsAsync("kontor");
        try
        {
            var response = await page.GotoAsync("/sekretariat/moter/ny");
            await AccessibilityTests.AssertPageLoadedAsync(page, response, "/sekretariat/moter/ny", "kontor", fx.Server);
            // Empty the prefilled times too and skip the browser's own required checks, so the server's messages show.
            await page.GetByLabel("Starttid").FillAsync("");
            await page.GetByLabel("Sluttid").FillAsync("");
            await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Planlegg møtet" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            var summary = page.Locator(".ds-error-summary");
            Assert.True(await summary.IsVisibleAsync(), $"Forventet feiloppsummering etter tomt skjema, fikk:\n{await page.Locator("main").InnerTextAsync()}");
            var listed = string.Join(" | ", await summary.Locator("li").AllInnerTextsAsync());
            Assert.Contains("organ", listed, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("true", await page.GetByLabel("Organ").GetAttributeAsync("aria-invalid"));
            Assert.Equal("true", await page.GetByLabel("Dato").GetAttributeAsync("aria-invalid"));
            // Each link in the summary leads to an element that exists.
            foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
                Assert.True(await page.Locator(href).CountAsync() == 1, $"Lenken {href} i feiloppsummeringen peker ikke på ett felt.");
            await fx.ScreenshotAsync(page, "rad-planlegg-mote-feil");
            await Axe.AssertNoViolationsAsync(page, "/sekretariat/moter/ny med valideringsfeil (kontor)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Plan_meeting_form_can_be_filled_and_submitted_with_the_keyboard_only()
    {
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.LogInAsync(page, "kontor");
        await CouncilFlowTests.GotoAsync(page, "/sekretariat");

        // From the dashboard: tab to "Planlegg møte i NUFA" and follow it with Enter.
        await TabUntilAsync(page, f => f.Href == "/sekretariat/moter/ny?organ=nufa", "lenken «Planlegg møte» for NUFA", 120);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/sekretariat/moter/ny\?organ=nufa$"), new() { Timeout = 60_000 });

        await TabUntilAsync(page, f => f.Name == "date", "datofeltet", 60);
        // Chromium's date field follows the browser's own locale (day or month first): 3 March reads the same either way.
        await page.Keyboard.TypeAsync("03032031");
        Assert.Equal("2031-03-03", await page.GetByLabel("Dato").InputValueAsync());
        await TabUntilAsync(page, f => f.Name == "startTime", "starttiden", 10);
        await page.Keyboard.TypeAsync("0930");
        await TabUntilAsync(page, f => f.Name == "endTime", "sluttiden", 10);
        await page.Keyboard.TypeAsync("1200");
        Assert.Equal("09:30", await page.GetByLabel("Starttid").InputValueAsync());
        Assert.Equal("12:00", await page.GetByLabel("Sluttid").InputValueAsync());
        await TabUntilAsync(page, f => f.Name == "location", "stedet", 10);
        await page.Keyboard.TypeAsync("Tromsø");
        await TabUntilAsync(page, f => f.Name == "isVideo", "avkrysningen for videomøte", 5);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Videomøte" }).IsCheckedAsync(), "Mellomrom skal krysse av for videomøte.");
        await TabUntilAsync(page, f => f.Name == "kind", "møtetypen", 5);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.GetByRole(AriaRole.Radio, new() { Name = "Ekstramøte" }).IsCheckedAsync(), "Pil ned skal velge «Ekstramøte».");
        await TabUntilAsync(page, f => f.Tag == "button" && f.Text == "Planlegg møtet", "knappen «Planlegg møtet»", 5);
        await fx.ScreenshotAsync(page, "rad-tastatur-planlegg", fullPage: false);
        await page.Keyboard.PressAsync("Enter");

        await CouncilFlowTests.WaitForUrlAsync(page, @"/moter/\d+$", "møtesiden etter innsending med tastatur");
        await CouncilFlowTests.ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = "Ekstramøte 1/2031 i" }),
            "overskriften «Ekstramøte 1/2031»");
        await CouncilFlowTests.ExpectTextAsync(page.Locator("main"), "3. mars 2031", "datoen");
        await CouncilFlowTests.ExpectTextAsync(page.Locator("main"), "Tromsø", "stedet");
    }

    [Fact]
    public async Task Meeting_page_works_without_JavaScript()
    {
        var (meetingId, caseId) = await CouncilFlowTests.DemoCaseAsync(fx, "nasjonalt-e-helserad", 2021, "6/2021", "37/21");
        await using var context = await fx.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<p id=p>nei</p><script>document.getElementById('p').textContent='ja'</script>");
        Assert.Equal("nei", await page.Locator("#p").TextContentAsync());

        foreach (var user in new string?[] { null, "kontor" })
        {
            if (user is not null) await BrowserFixture.LogInAsync(page, user);
            await CouncilFlowTests.GotoAsync(page, $"/moter/{meetingId}");
            await CouncilFlowTests.ExpectVisibleAsync(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Filter(new() { HasText = "Møte 6/2021 i" }),
                "overskriften «Møte 6/2021»");
            var agenda = page.Locator("section[aria-labelledby=dagsorden] table");
            Assert.True(await agenda.Locator("tbody tr").CountAsync() >= 10, "Dagsordenen skal vise alle sakene uten JavaScript.");

            // The agenda's case number jumps to the case on the same page; "Hele saken" opens the case page.
            await agenda.GetByRole(AriaRole.Link, new() { Name = "37/21", Exact = true }).ClickAsync();
            Assert.EndsWith($"#sak-{caseId}", page.Url, StringComparison.Ordinal);
            await page.Locator($"#sak-{caseId}").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Hele saken") }).ClickAsync();
            await CouncilFlowTests.WaitForUrlAsync(page, $@"/saker/{caseId}$", "saksiden for 37/21");
            await CouncilFlowTests.ExpectTextAsync(page.Locator("h1"), "Godkjenning av kriterier for nasjonal e-helseportefølje", "tittelen på sak 37/21");
            if (user is not null)
            {
                // The secretariat's agenda form also posts without script.
                await CouncilFlowTests.GotoAsync(page, $"/sekretariat/moter/{meetingId}/dagsorden");
                await page.GetByRole(AriaRole.Button, new() { Name = "Lagre dagsordenen" }).ClickAsync();
                await page.WaitForLoadStateAsync();
                await CouncilFlowTests.ExpectTextAsync(page.Locator("main"), "Dagsordenen er lagret", "bekreftelsen uten JavaScript");
            }
        }
        await CouncilFlowTests.GotoAsync(page, $"/moter/{meetingId}");
        await fx.ScreenshotAsync(page, "rad-mote-uten-javascript");
    }

    // ------------------------------------------------------------------ helpers

    private async Task<string> ResolveAsync(string template)
    {
        if (!template.Contains('{')) return template;
        var (meetingId, caseId) = await CouncilFlowTests.DemoCaseAsync(fx, "nasjonalt-e-helserad", 2021, "6/2021", "37/21");
        return template.Replace("{m6}", meetingId.ToString()).Replace("{c37}", caseId.ToString());
    }

    private sealed record Focused(string Tag, string? Id, string? Name, string Text, string? Href);

    private async Task TabUntilAsync(IPage page, Func<Focused, bool> found, string what, int max)
    {
        var stops = new List<string>();
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await FocusedAsync(page);
            stops.Add($"<{f.Tag} id={f.Id} name={f.Name} href={f.Href}> {f.Text}");
            if (found(f)) return;
        }
        output.WriteLine(string.Join("\n", stops));
        Assert.Fail($"Nådde ikke {what} med Tab på {page.Url} ({max} trykk). Stopp:\n" + string.Join("\n", stops.TakeLast(30)));
    }

    private static async Task<Focused> FocusedAsync(IPage page)
    {
        var f = await page.EvaluateAsync<JsonElement>(
            "() => { const e = document.activeElement; return { tag: e ? e.tagName.toLowerCase() : '', id: e && e.id ? e.id : null, name: e && e.getAttribute ? e.getAttribute('name') : null, text: e ? (e.innerText || '').trim() : '', href: e && e.getAttribute ? e.getAttribute('href') : null }; }");
        string? S(string key) => f.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new Focused(S("tag") ?? "", S("id"), S("name"), S("text") ?? "", S("href"));
    }
}
