using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;
using Samstyring.Web.Benefits;
using static Samstyring.BrowserTests.CouncilFlowTests;

namespace Samstyring.BrowserTests.Benefits;

/// <summary>
/// Issue 12's benefit follow-up end to end through the pages, with JavaScript off (they are plain forms): the owner Helse
/// Sør-Øst adds a benefit to one of its initiatives (through the API) and reports a realised value ahead of plan for the
/// current reporting period on it; the benefit's page then shows it against the plan, and the portfolio report's benefit
/// follow-up shows it against plan and target as on track. Every page opened passes axe. The value is drawn at random, so a run on a database another run
/// already used still sees its own value arrive.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BenefitFlowTests(BrowserFixture fx)
{
    private const string Owner = "Helse Sør-Øst RHF";

    [Fact]
    public async Task Owner_reports_a_realised_value_and_the_benefit_page_and_the_portfolio_follow_up_show_it_against_plan_and_target()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var today = DateOnly.FromDateTime(DateTime.Now);
        var (initiativeId, initiative, benefit) = await OwnedBenefitAsync(today, tag);
        var title = benefit.GetProperty("title").GetString()!;
        var unit = benefit.GetProperty("unit").GetString()!;
        var baseline = benefit.GetProperty("baseline").GetDecimal();
        var target = benefit.GetProperty("target").GetDecimal();
        var baselineOn = DateOnly.Parse(benefit.GetProperty("baselineOn").GetString()!, CultureInfo.InvariantCulture);
        var due = DateOnly.Parse(benefit.GetProperty("targetDue").GetString()!, CultureInfo.InvariantCulture);

        // The current reporting period: the latest that has started.
        var period = (await fx.GetJsonAsync("/api/v1/reporting-periods")).EnumerateArray()
            .Where(p => DateOnly.Parse(p.GetProperty("start").GetString()!, CultureInfo.InvariantCulture) <= today)
            .MaxBy(p => p.GetProperty("start").GetString())!;
        var periodName = period.GetProperty("name").GetString()!;
        var periodEnd = DateOnly.Parse(period.GetProperty("end").GetString()!, CultureInfo.InvariantCulture);

        // A value 5–15 points of the way further than the plan at the period's end: on track, and not what is stored.
        var plannedShare = BenefitProgress.PlannedShareAt(baselineOn, due, periodEnd);
        var share = Math.Min(1m, plannedShare + 0.05m + Random.Shared.Next(0, 1000) / 10_000m);
        var value = decimal.Round(baseline + (target - baseline) * share, 2);
        var planned = BenefitText.Number(decimal.Round(BenefitProgress.PlannedAt(baseline, baselineOn, target, due, periodEnd), 1));
        var comment = $"Målt i pilotkommunene, nettlesertest {tag}.";

        await using var ownerContext = await fx.NewContextAsync(javaScript: false);
        await using var visitorContext = await fx.NewContextAsync(javaScript: false);
        var owner = await ownerContext.NewPageAsync();
        var visitor = await visitorContext.NewPageAsync();
        await BrowserFixture.LogInAsync(owner, "eier-hso");

        // Before: the follow-up does not show the value yet.
        await OpenAsync(visitor, "/rapport/gevinster", "anonym");
        var before = await FollowUpRowAsync(visitor, title, initiative);
        Assert.NotEqual(Norm(BenefitText.Number(value)), before[5]);

        // ---- 1. The owner reports the value from the initiative's benefit page.
        var benefitsPath = $"/tiltak/{initiativeId}/gevinster";
        await OpenAsync(owner, benefitsPath, "eier-hso");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Rapporter realiserte verdier" }).ClickAsync();
        await WaitForUrlAsync(owner, Regex.Escape(benefitsPath) + "/rapporter$", "siden for å rapportere gevinster");
        await CheckAsync(owner, $"{benefitsPath}/rapporter (eier-hso)", "gevinst-flyt-01-rapporter");
        Assert.StartsWith(periodName + " (", await owner.GetByLabel("Rapporteringsperiode").Locator("option:checked").InnerTextAsync(), StringComparison.Ordinal);
        await ExpectVisibleAsync(owner.GetByRole(AriaRole.Heading, new() { Name = periodName, Level = 2 }), $"overskriften {periodName}");
        var group = owner.GetByRole(AriaRole.Group, new() { Name = title, Exact = true });
        await ExpectTextAsync(group, $"Utgangsverdi {BenefitText.Number(baseline)}, mål {BenefitText.Number(target)} {unit} innen {Norwegian.Date(due)}.", "utgangsverdi og mål i skjemaet");
        // Typed as a Norwegian writes it: decimal comma.
        await group.GetByLabel($"Realisert verdi ({unit})").FillAsync(value.ToString("0.##", Norwegian.Culture));
        await group.GetByLabel("Kommentar").FillAsync(comment);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lagre verdiene" }).ClickAsync();
        await WaitForUrlAsync(owner, Regex.Escape(benefitsPath) + "$", "gevinstsiden etter rapporteringen");
        await ExpectTextAsync(owner.Locator("main"), $"Realiserte gevinster for {periodName} er lagret.", "meldingen om lagrede verdier");
        await CheckAsync(owner, $"{benefitsPath} etter rapporteringen (eier-hso)", null);

        // ---- 2. The benefit's page (public) shows the value in the period's row, against the plan, and the status.
        await OpenAsync(visitor, benefitsPath, "anonym");
        var section = visitor.Locator("section").Filter(new() { Has = visitor.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 3 }) });
        var row = section.Locator("tbody tr").Filter(new() { Has = visitor.GetByRole(AriaRole.Rowheader, new() { Name = $"{periodName} (til {Norwegian.Date(periodEnd)})" }) });
        Assert.Equal([Norm(planned), Norm(BenefitText.Number(value)), comment], await CellsAsync(row.Locator("td")));
        var achieved = (value - baseline) / (target - baseline);
        await ExpectTextAsync(section, $"Status: I rute – {BenefitText.Percent(decimal.Round(achieved, 4))} av veien fra utgangsverdi til mål per {periodName}, " +
                                       $"mot {BenefitText.Percent(decimal.Round(plannedShare, 4))} planlagt.", "statusen mot planen");
        var summary = visitor.Locator("table").First.Locator("tbody tr").Filter(new() { Has = visitor.GetByRole(AriaRole.Rowheader, new() { Name = title }) });
        await ExpectTextAsync(summary, "I rute", "statusen i gevinstoversikten");
        await fx.ScreenshotAsync(visitor, "gevinst-flyt-02-gevinsten");

        // ---- 3. The portfolio report links to the follow-up, which shows the value against plan and target, on track.
        await OpenAsync(visitor, "/rapport", "anonym");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "gevinstoppfølgingen", Exact = true }).ClickAsync();
        await WaitForUrlAsync(visitor, "/rapport/gevinster$", "gevinstoppfølgingen");
        await CheckAsync(visitor, "/rapport/gevinster (anonym)", "gevinst-flyt-03-oppfolging");
        var after = await FollowUpRowAsync(visitor, title, initiative);
        Assert.Equal([title, initiative, Owner, periodName, Norm(planned), Norm(BenefitText.Number(value)), Norm($"{BenefitText.Number(target)} {unit} innen {Norwegian.Date(due)}"), "I rute"], after);
    }

    /// <summary>
    /// A new benefit, added through the API by the owner Helse Sør-Øst to one of its own initiatives in the portfolio as a
    /// copy of one of its demo benefits, but due three years from now (a passed due date makes anything short of the target
    /// late, and the demo benefits' due dates are fixed), with the run's tag in its title.
    /// </summary>
    private async Task<(int Id, string Name, JsonElement Benefit)> OwnedBenefitAsync(DateOnly today, string tag)
    {
        var followUp = await fx.GetJsonAsync("/api/v1/portfolio/benefits");
        foreach (var i in followUp.GetProperty("perInitiative").EnumerateArray())
        {
            var id = i.GetProperty("id").GetInt32();
            var initiative = await fx.GetJsonAsync($"/api/v1/initiatives/{id}");
            if (initiative.GetProperty("owner").GetProperty("name").GetString() != Owner) continue;
            var benefits = await fx.GetJsonAsync($"/api/v1/initiatives/{id}/benefits");
            foreach (var b in benefits.GetProperty("benefits").EnumerateArray())
            {
                if (b.GetProperty("owner").GetProperty("name").GetString() != Owner
                    || DateOnly.Parse(b.GetProperty("baselineOn").GetString()!, CultureInfo.InvariantCulture) >= today) continue;
                var body = new
                {
                    title = $"{b.GetProperty("title").GetString()} (nettlesertest {tag})",
                    type = b.GetProperty("type").GetString(), stakeholder = b.GetProperty("stakeholder").GetString(),
                    ownerId = b.GetProperty("owner").GetProperty("id").GetInt32(),
                    indicator = b.GetProperty("indicator").GetString(), unit = b.GetProperty("unit").GetString(),
                    baseline = b.GetProperty("baseline").GetDecimal(), baselineOn = b.GetProperty("baselineOn").GetString(),
                    target = b.GetProperty("target").GetDecimal(),
                    targetDue = new DateOnly(today.Year + 3, 12, 31).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    valuedInNok = false, actions = new[] { "Opprettet av nettlesertesten" },
                };
                using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
                http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("eier-hso:samstyring"u8.ToArray()));
                using var res = await http.PostAsJsonAsync($"/api/v1/initiatives/{id}/benefits", body);
                Assert.True(res.IsSuccessStatusCode, $"Kunne ikke legge til gevinsten: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
                return (id, initiative.GetProperty("name").GetString()!, await res.Content.ReadFromJsonAsync<JsonElement>());
            }
        }
        throw new InvalidOperationException($"Fant ingen gevinst i et tiltak eid av {Owner} i /api/v1/portfolio/benefits: {followUp}");
    }

    /// <summary>The benefit's row in «Realisert mot planlagt», found by its title and its initiative (titles repeat across initiatives).</summary>
    private static async Task<List<string>> FollowUpRowAsync(IPage page, string title, string initiative)
    {
        var rows = page.Locator("tbody tr")
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = title, Exact = true }) })
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = initiative, Exact = true }) });
        Assert.True(await rows.CountAsync() == 1, $"Fant ikke én rad for «{title}» i «{initiative}» i gevinstoppfølgingen:\n{await page.Locator("main").InnerTextAsync()}");
        return await CellsAsync(rows.Locator("th, td"));
    }

    private async Task OpenAsync(IPage page, string path, string who)
    {
        await GotoAsync(page, path);
        await CheckAsync(page, $"{path} ({who})", null);
    }

    private async Task CheckAsync(IPage page, string what, string? screenshot)
    {
        if (screenshot is not null) await fx.ScreenshotAsync(page, screenshot);
        await fx.AssertNoViolationsWithoutScriptAsync(page, what);
    }

    private static async Task<List<string>> CellsAsync(ILocator cells) => (await cells.AllInnerTextsAsync()).Select(Norm).ToList();

    /// <summary>Non-breaking and narrow spaces as plain ones, trimmed: compares what is seen, not how it is spaced.</summary>
    private static string Norm(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
}
