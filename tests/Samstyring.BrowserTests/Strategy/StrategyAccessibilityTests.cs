namespace Samstyring.BrowserTests.Strategy;

/// <summary>The strategy pages pass axe (WCAG 2.1 A and AA) for the public, and for the office with its forms.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StrategyAccessibilityTests(BrowserFixture fx)
{
    // {adopted}: the 2017–2022 strategy; {area}: its second area; {draft}: the strategy from 2023.
    [Theory]
    [InlineData(null, "/strategi", "strategi")]
    [InlineData("kontor", "/strategi", "strategi-kontor")]
    [InlineData(null, "/strategi/{adopted}", "strategi-vedtatt")]
    [InlineData("kontor", "/strategi/{adopted}", "strategi-vedtatt-kontor")]
    [InlineData("medlem", "/strategi/{draft}", "strategi-utkast-medlem")]
    [InlineData(null, "/strategi/{adopted}/omrader/{area}", "strategi-omrade")]
    [InlineData("kontor", "/strategi/{adopted}/omrader/{area}", "strategi-omrade-kontor")]
    [InlineData(null, "/strategi/{adopted}/dekning", "strategi-dekning")]
    public async Task Strategy_page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var path = pathTemplate;
        var list = await fx.GetJsonAsync("/api/v1/strategies");
        var adopted = list.EnumerateArray().First(s => s.GetProperty("status").GetString() == "adopted").GetProperty("id").GetInt32();
        if (path.Contains("{area}"))
        {
            var details = await fx.GetJsonAsync($"/api/v1/strategies/{adopted}");
            path = path.Replace("{area}", details.GetProperty("areas")[1].GetProperty("id").GetInt32().ToString());
        }
        // The draft is the one strategy the public does not list: the next id after the adopted one in the demo data.
        path = path.Replace("{adopted}", adopted.ToString()).Replace("{draft}", (adopted + 1).ToString());
        await AccessibilityTests.AssertPageHasNoViolationsAsync(fx, user, path, screenshot);
    }
}
