using Xunit.Abstractions;
using Microsoft.Playwright;

namespace Samstyring.BrowserTests;

/// <summary>
/// axe-core (WCAG 2.1 A and AA) finds nothing on any page, public or behind a login. Each page is also saved as a
/// full-page screenshot for humans to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx, ITestOutputHelper output)
{
    // {tarm}: Nasjonal Tarmscreening; {hso}: an active initiative of Helse Sør-Øst; {org}: Helse Sør-Øst RHF;
    // {candidate}: a candidate waiting for assessment; {user}: the demo user «medlem».
    [Theory]
    [InlineData(null, "/", "portefolje")]
    [InlineData(null, "/tiltak/{tarm}", "tiltak")]
    [InlineData(null, "/aktorer", "aktorer")]
    [InlineData(null, "/aktorer/{org}", "aktor")]
    [InlineData(null, "/aktorer/folketall", "aktorer-folketall")]
    [InlineData("kontor", "/aktorer/folketall/last-opp", "kontor-folketall-last-opp")]
    [InlineData(null, "/rapport", "rapport")]
    [InlineData(null, "/rapport/neste-aar", "rapport-neste-aar")]
    [InlineData(null, "/logg-inn", "logg-inn")]
    [InlineData(null, "/finnes-ikke", "finnes-ikke")]
    [InlineData(null, "/rad", "ukjent-adresse")]
    [InlineData("eier-hso", "/tiltak/foresla", "eier-foresla")]
    [InlineData("eier-hso", "/tiltak/{hso}/endre", "eier-endre")]
    [InlineData("eier-hso", "/tiltak/{hso}/rapporter", "eier-rapporter")]
    [InlineData("eier-hso", "/mine", "eier-mine")]
    [InlineData("kontor", "/kontor", "kontor")]
    [InlineData("kontor", "/tiltak/{candidate}/vurder", "kontor-vurder")]
    [InlineData("kontor", "/kontor/revisjonslogg", "kontor-revisjonslogg")]
    [InlineData("kontor", "/kontor/e-post", "kontor-e-post")]
    [InlineData("kontor", "/kontor/einnsyn", "kontor-einnsyn")]
    [InlineData(null, "/sok?q=sakene", "sok")]
    [InlineData("kontor", "/sok?q=kjernejournal&type=case", "kontor-sok")]
    [InlineData("kontor", "/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk", "kontor-arkivuttrekk")]
    [InlineData("kontor", "/sekretariat/organer/nasjonalt-e-helserad/arkivuttrekk?from=2025-01-01&to=2025-12-31", "kontor-arkivuttrekk-feil")]
    [InlineData("kontor", "/kontor/import", "kontor-import")]
    [InlineData("ks", "/ks", "ks")]
    [InlineData("kontor", "/aktorer/ny", "kontor-aktorer-ny")]
    [InlineData("kontor", "/kontor/brukere", "kontor-brukere")]
    [InlineData("kontor", "/kontor/brukere/ny", "kontor-brukere-ny")]
    [InlineData("kontor", "/kontor/brukere/{user}", "kontor-bruker")]
    [InlineData(null, "/logg-inn/venter", "logg-inn-venter")]
    [InlineData(null, "/abonnement?topic=roadmap", "abonnement")]
    [InlineData("medlem", "/konto/tokener", "konto-tokener")]
    [InlineData("kontor", "/kontor/tokener", "kontor-tokener")]
    public async Task Page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var path = await ResolveAsync(pathTemplate);
        var page = await fx.PageAsAsync(user);
        output.WriteLine($"oppsett {clock.ElapsedMilliseconds} ms");
        try
        {
            var response = await page.GotoAsync(path);
            output.WriteLine($"lastet {clock.ElapsedMilliseconds} ms");
            await AssertPageLoadedAsync(page, response, path, user, fx.Server);
            await fx.ScreenshotAsync(page, screenshot);
            output.WriteLine($"skjermbilde {clock.ElapsedMilliseconds} ms");
            await Axe.AssertNoViolationsAsync(page, $"{path} ({user ?? "anonym"})");
            output.WriteLine($"axe {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Form_with_validation_errors_has_no_WCAG_violations()
    {
        var page = await fx.PageAsAsync("eier-hso");
        try
        {
            var response = await page.GotoAsync("/tiltak/foresla");
            await AssertPageLoadedAsync(page, response, "/tiltak/foresla", "eier-hso", fx.Server);
            // Skip the browser's own checks of required fields, so the server's error summary and messages show.
            await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Foreslå tiltaket" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            var summary = page.Locator(".ds-error-summary");
            Assert.True(await summary.IsVisibleAsync(), $"Forventet feiloppsummering etter tomt skjema, fikk:\n{await page.Locator("main").InnerTextAsync()}");
            Assert.Equal("true", await page.GetByLabel("Navn", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
            // The summary lists the problems in the order of the form, so "Navn" comes before "Type tiltak".
            var listed = await summary.Locator("li").AllInnerTextsAsync();
            var name = listed.ToList().FindIndex(t => t.Contains("Navn"));
            var kind = listed.ToList().FindIndex(t => t.Contains("Type tiltak"));
            Assert.True(name >= 0 && kind > name, "Feil rekkefølge i feiloppsummeringen: " + string.Join(" | ", listed));
            await fx.ScreenshotAsync(page, "eier-foresla-feil");
            await Axe.AssertNoViolationsAsync(page, "/tiltak/foresla med valideringsfeil (eier-hso)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>The token page right after a token is made (the token shown once), and the office's form with errors.</summary>
    [Fact]
    public async Task Token_pages_with_a_new_token_and_with_errors_have_no_WCAG_violations()
    {
        var page = await fx.PageAsAsync("eier-hso");
        try
        {
            var response = await page.GotoAsync("/konto/tokener");
            await AssertPageLoadedAsync(page, response, "/konto/tokener", "eier-hso", fx.Server);
            await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Rapportering fra prosjektverktøyet");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lag token" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            var token = await page.GetByLabel("API-token", new() { Exact = true }).InputValueAsync();
            Assert.Matches("^sst_[A-Za-z0-9_-]{43}$", token);
            await fx.ScreenshotAsync(page, "konto-tokener-nytt");
            await Axe.AssertNoViolationsAsync(page, "/konto/tokener med nytt token (eier-hso)");
        }
        finally
        {
            await page.CloseAsync();
        }

        page = await fx.PageAsAsync("kontor");
        try
        {
            var response = await page.GotoAsync("/kontor/tokener");
            await AssertPageLoadedAsync(page, response, "/kontor/tokener", "kontor", fx.Server);
            await page.EvalOnSelectorAllAsync("form", "forms => forms.forEach(f => f.noValidate = true)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lag token" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.True(await page.Locator(".ds-error-summary").IsVisibleAsync(), await page.Locator("main").InnerTextAsync());
            await fx.ScreenshotAsync(page, "kontor-tokener-feil");
            await Axe.AssertNoViolationsAsync(page, "/kontor/tokener med valideringsfeil (kontor)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Axe_check_catches_violations_and_names_the_offending_nodes()
    {
        // Guards the harness itself: a page with known faults must fail, with rule ids and selectors in the message.
        await using var context = await fx.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="nb"><head><title>Feil med vilje</title></head>
            <body><main><h1>Test</h1><img id="uten-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p id="lys" style="color:#bbb;background:#fff">Lav kontrast</p></main></body></html>
            """);
        var violations = await Axe.ViolationsAsync(page);
        var message = Axe.Describe(violations, "testsiden", page.Url);
        Assert.Contains(violations, v => v.Id == "image-alt");
        Assert.Contains(violations, v => v.Id == "color-contrast");
        Assert.Contains("#uten-alt", message);
        Assert.Contains("#lys", message);
    }

    /// <summary>
    /// Opens <paramref name="path"/> as <paramref name="user"/>, checks it loaded, opens folded sections, takes the screenshot
    /// and runs axe: the check every area's accessibility theory makes of its pages.
    /// </summary>
    internal static async Task AssertPageHasNoViolationsAsync(BrowserFixture fx, string? user, string path, string screenshot)
    {
        var page = await fx.PageAsAsync(user);
        try
        {
            var response = await page.GotoAsync(path);
            await AssertPageLoadedAsync(page, response, path, user, fx.Server);
            await page.EvalOnSelectorAllAsync("details", "ds => ds.forEach(d => d.open = true)");
            await fx.ScreenshotAsync(page, screenshot);
            await Axe.AssertNoViolationsAsync(page, $"{path} ({user ?? "anonym"})");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    internal static async Task AssertPageLoadedAsync(IPage page, IResponse? response, string path, string? user, AppServer? server = null)
    {
        Assert.NotNull(response);
        var who = user ?? "anonym";
        var landed = new Uri(page.Url).AbsolutePath;
        if (response.Status == 404 && path is not ("/finnes-ikke" or "/rad"))
            Assert.Fail($"Siden {path} finnes ikke (404) for {who}: siden mangler eller ruten er feil.");
        if (landed == "/logg-inn" && !path.StartsWith("/logg-inn", StringComparison.Ordinal))
            Assert.Fail($"{path} sendte {who} til innloggingen (mangler tilgang eller innloggingen feilet).");
        if (response.Status == 403)
            Assert.Fail($"{path} ga ingen tilgang for {who}.");
        if (response.Status >= 500)
            Assert.Fail($"{path} svarte {response.Status} for {who}:\n{await page.Locator("body").InnerTextAsync()}\n\nServerlogg:\n{Tail(server?.Log ?? "", 4000)}");
    }

    private static string Tail(string s, int max) => s.Length <= max ? s : s[^max..];

    private async Task<string> ResolveAsync(string template)
    {
        var path = template;
        if (path.Contains("{tarm}")) path = path.Replace("{tarm}", (await fx.InitiativeIdAsync("Nasjonal Tarmscreening")).ToString());
        if (path.Contains("{hso}")) path = path.Replace("{hso}", (await fx.ActiveInitiativeOfOwnerAsync("Helse Sør-Øst")).ToString());
        if (path.Contains("{org}"))
        {
            var rows = await fx.GetJsonAsync("/api/v1/initiatives?lifecycle=active");
            var owner = rows.EnumerateArray().Select(r => r.GetProperty("owner"))
                .First(o => o.GetProperty("name").GetString()!.Contains("Helse Sør-Øst", StringComparison.Ordinal));
            path = path.Replace("{org}", owner.GetProperty("id").GetInt32().ToString());
        }
        if (path.Contains("{candidate}"))
        {
            var rows = await fx.GetJsonAsync("/api/v1/initiatives?lifecycle=candidate");
            var id = rows.GetArrayLength() > 0 ? rows[0].GetProperty("id").GetInt32() : await fx.InitiativeIdAsync("Nasjonal Tarmscreening");
            path = path.Replace("{candidate}", id.ToString());
        }
        if (path.Contains("{user}"))
        {
            var users = await fx.GetJsonAsync("/api/v1/users", userName: "kontor");
            var member = users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == "medlem");
            path = path.Replace("{user}", member.GetProperty("id").GetInt32().ToString());
        }
        return path;
    }
}
