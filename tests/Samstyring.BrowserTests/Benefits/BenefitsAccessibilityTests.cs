namespace Samstyring.BrowserTests.Benefits;

/// <summary>
/// The benefit pages pass axe (WCAG 2.1 A and AA): the follow-up across the portfolio, an initiative's benefits with
/// their charts and tables (for the public and for the office), and the office's forms to edit, report and enter the socio-economic analysis.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BenefitsAccessibilityTests(BrowserFixture fx)
{
    // {benefits}: the first initiative with benefits in the portfolio follow-up.
    [Theory]
    [InlineData(null, "/rapport/gevinster", "gevinster-oppfolging")]
    [InlineData(null, "/tiltak/{benefits}/gevinster", "gevinster-tiltak")]
    [InlineData("kontor", "/tiltak/{benefits}/gevinster", "gevinster-tiltak-kontor")]
    [InlineData("kontor", "/tiltak/{benefits}/gevinster/rediger", "gevinster-ny-kontor")]
    [InlineData("kontor", "/tiltak/{benefits}/gevinster/rapporter", "gevinster-rapporter-kontor")]
    [InlineData("kontor", "/tiltak/{benefits}/gevinster/analyse", "gevinster-analyse-kontor")]
    public async Task Benefit_page_has_no_WCAG_violations(string? user, string pathTemplate, string screenshot)
    {
        var path = pathTemplate;
        if (path.Contains("{benefits}"))
        {
            var followUp = await fx.GetJsonAsync("/api/v1/portfolio/benefits");
            path = path.Replace("{benefits}", followUp.GetProperty("perInitiative")[0].GetProperty("id").GetInt32().ToString());
        }
        await AccessibilityTests.AssertPageHasNoViolationsAsync(fx, user, path, screenshot);
    }
}
