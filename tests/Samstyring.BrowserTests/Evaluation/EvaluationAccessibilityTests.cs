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
}
