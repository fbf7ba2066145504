namespace Samstyring.BrowserTests.Evaluation;

/// <summary>
/// The evaluation pages pass axe (WCAG 2.1 A and AA): the list of rounds, a round with its ranking, sensitivity and
/// chart (for the public and for the office with its forms), and a panel member's score sheet.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluationAccessibilityTests(BrowserFixture fx)
{
    // {round}: the demo round on target areas; {candidate}: its first candidate. The council member sits on its panel.
    [Theory]
    [InlineData(null, "/strategi/vurderinger", "vurderinger")]
    [InlineData(null, "/strategi/vurderinger/{round}", "vurdering")]
    [InlineData("kontor", "/strategi/vurderinger/{round}", "vurdering-kontor")]
    [InlineData("medlem", "/strategi/vurderinger/{round}/forslag/{candidate}/poeng", "vurdering-poeng-medlem")]
    public async Task Evaluation_page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var round = (await fx.GetJsonAsync("/api/v1/evaluations"))[0].GetProperty("id").GetInt32();
        var path = pathTemplate.Replace("{round}", round.ToString());
        if (path.Contains("{candidate}"))
        {
            var details = await fx.GetJsonAsync($"/api/v1/evaluations/{round}");
            path = path.Replace("{candidate}", details.GetProperty("candidates")[0].GetProperty("id").GetInt32().ToString());
        }
        await AccessibilityTests.AssertPageHasNoViolationsAsync(fx, user, path, screenshot);
    }

    /// <summary>
    /// On a phone (360 px) the round's tables are wider than the screen and scroll sideways: each scrolling table is a
    /// labelled region the keyboard can reach (axe's scrollable-region-focusable), for the office with all its forms.
    /// </summary>
    [Fact]
    public async Task Round_page_on_a_narrow_screen_has_no_WCAG_violations()
    {
        var round = (await fx.GetJsonAsync("/api/v1/evaluations"))[0].GetProperty("id").GetInt32();
        var path = $"/strategi/vurderinger/{round}";
        var page = await fx.PageAsAsync("kontor");
        try
        {
            await page.SetViewportSizeAsync(360, 800);
            var response = await page.GotoAsync(path);
            await AccessibilityTests.AssertPageLoadedAsync(page, response, path, "kontor", fx.Server);
            // Chromium lets the keyboard into any scroller, other browsers only into one with a tabindex: check the markup.
            var overflowing = await page.EvalOnSelectorAllAsync<string[]>(".table-wrap",
                "ws => ws.filter(w => w.scrollWidth > w.clientWidth).map(w => `${w.getAttribute('role')}|${w.getAttribute('tabindex')}|${w.getAttribute('aria-label') ?? ''}|${w.querySelector('caption')?.textContent ?? ''}`)");
            Assert.True(overflowing.Length > 0, "Ingen tabell ruller sidelengs på 360 px: testen prøver ikke det den skal.");
            var unreachable = overflowing.Where(w => !w.StartsWith("region|0|", StringComparison.Ordinal) || w.Split('|')[2].Length == 0).ToList();
            Assert.True(unreachable.Count == 0, "Tabeller som ruller uten å være en merket region tastaturet kan nå (rolle|tabindex|navn|tekst):\n" + string.Join("\n", unreachable));
            await fx.ScreenshotAsync(page, "vurdering-kontor-smal");
            await Axe.AssertNoViolationsAsync(page, $"{path} (kontor, 360 px)");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
