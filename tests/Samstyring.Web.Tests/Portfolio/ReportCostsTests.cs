using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// Cost figures in the status report through the API (øre) and the form (kroner as a user types them), shown on the
/// initiative's page and rolled up in the portfolio report; bad figures are Norwegian field errors and save nothing.
/// </summary>
public abstract class ReportCostsTests(SamstyringFactory factory) : WebTest(factory)
{
    private static Dictionary<string, object?> Report(int? version = null) => new()
    {
        ["status"] = "green", ["statusText"] = "I rute.", ["risk"] = "green", ["riskText"] = "Lav.", ["progress"] = "I rute.", ["version"] = version,
    };

    [Fact]
    public async Task Figures_sent_in_ore_are_stored_shown_on_the_pages_and_rolled_up()
    {
        if (!Factory.Ready()) return;
        // An initiative that was in the portfolio in the period (a new one would not be in the period's report).
        var id = await InitiativeIdAsync("Modernisering av MSIS");
        var url = $"/api/v1/initiatives/{id}/reports/{CurrentPeriod}";
        var body = Report((await StoredReportAsync(id))?["version"]?.GetValue<int>());
        body["budgetOre"] = 123_456_750L;
        body["spentOre"] = 40_000_000L;
        body["forecastOre"] = 130_000_000L;
        body["fundingSource"] = "co-financing";
        body["cost"] = "Kommentar om avvik.";

        using (var response = await Client(As.Office).PutJsonAsync(url, body))
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var saved = await response.ReadJsonAsync();
            Assert.Equal((123_456_750L, 40_000_000L, 130_000_000L, "co-financing"),
                (saved["budgetOre"]!.GetValue<long>(), saved["spentOre"]!.GetValue<long>(), saved["forecastOre"]!.GetValue<long>(), saved.Str("fundingSource")));
        }
        var stored = await StoredReportAsync(id);
        Assert.Equal(123_456_750L, stored!["budgetOre"]!.GetValue<long>());
        Assert.Equal("Kommentar om avvik.", stored.Str("cost"));

        var page = await PageAsync(Anonymous, $"/tiltak/{id}");
        Assert.Contains("1\u00A0234\u00A0567,50\u00A0kr", page);
        Assert.Contains("Samfinansiering", page);
        Assert.Contains("Kommentar til kostnader", page);

        var report = await PageAsync(Anonymous, $"/rapport?period={CurrentPeriod}");
        Assert.Contains("id=\"kostnader\"", report);
        Assert.Contains("<th scope=\"row\">Folkehelseinstituttet</th>", report);
        Assert.Contains("Budsjett, påløpt hittil og prognose per finansieringskilde", report);
        var json = await Anonymous.GetJsonAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.json");
        var mine = json["initiatives"]!.AsArray().Single(i => i.Int("id") == id)!["report"]!;
        Assert.Equal(40_000_000L, mine["spentOre"]!.GetValue<long>());
        Assert.True(json["costs"]!["total"]!["budgetOre"]!.GetValue<long>() >= 123_456_750L);
        Assert.Contains(json["costs"]!["byFundingSource"]!.AsArray(), c => c?["code"]?.GetValue<string>() == "co-financing");
    }

    public static TheoryData<string, string, string> BadFigures() => new()
    {
        { "negative", "budgetOre", "-100" },
        { "text", "spentOre", "\"mye\"" },
        { "fraction of an øre", "forecastOre", "12.5" },
        { "over the limit", "budgetOre", "10000000000001" },
        { "beyond what a number holds", "spentOre", "100000000000000000000000" },
        { "unknown funding source", "fundingSource", "\"lotteri\"" },
    };

    [Theory]
    [MemberData(nameof(BadFigures))]
    public async Task Bad_figures_over_the_API_are_Norwegian_field_errors_and_save_nothing(string what, string field, string json)
    {
        if (!Factory.Ready()) return;
        var (id, url) = await NewInitiativeAsync();
        var body = $"{{\"status\": \"green\", \"risk\": \"green\", \"cost\": \"{what}\", \"{field}\": {json}}}";

        using var response = await Client(As.OwnerHso).PutJsonAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Null(await StoredReportAsync(id));
    }

    [Fact]
    public async Task The_form_takes_kroner_as_people_write_them_and_explains_what_it_cannot_read()
    {
        if (!Factory.Ready()) return;
        var (id, _) = await NewInitiativeAsync();
        var (browser, _) = await SignedInBrowserAsync(As.OwnerHso);
        var pageUrl = $"/tiltak/{id}/rapporter?periode={CurrentPeriod}";
        var form = await PageAsync(browser, pageUrl);
        Assert.Contains("Påløpt hittil", form);
        Assert.Contains("Finansieringskilde", form);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form), ["period"] = CurrentPeriod, ["version"] = "0",
            ["status"] = "green", ["risk"] = "green", ["budget"] = "1 234 567 kr", ["spent"] = "mange penger", ["forecast"] = "-5",
            ["fundingSource"] = "lotteri",
        };

        // Every problem at once, next to its field, in Norwegian; nothing saved.
        using (var bad = await browser.PostAsync(pageUrl, new FormUrlEncodedContent(fields)))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Påløpt hittil må være et beløp i kroner, for eksempel «1 234 567» eller «1 234 567,50», ikke «mange penger».", html);
            Assert.Contains("Prognose kan ikke være negativt.", html);
            Assert.Contains("«lotteri» er ikke en gyldig verdi for finansieringskilde.", html);
            Assert.Contains("<a href=\"#spent\">", html); // the summary links to the field itself
            Assert.Contains("<a href=\"#fundingSource\">", html);
            Assert.Contains("value=\"1 234 567 kr\"", html); // what the user typed stays in the field
        }
        Assert.Null(await StoredReportAsync(id));

        fields["budget"] = "1\u00A0234\u00A0567,50";
        fields["spent"] = "400 000";
        fields["forecast"] = "";
        fields["fundingSource"] = "own-funds";
        using (var ok = await browser.PostAsync(pageUrl, new FormUrlEncodedContent(fields)))
        {
            await ok.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal($"/tiltak/{id}", ok.Headers.Location?.OriginalString);
        }
        var stored = await StoredReportAsync(id);
        Assert.Equal((123_456_750L, 40_000_000L, "own-funds"),
            (stored!["budgetOre"]!.GetValue<long>(), stored["spentOre"]!.GetValue<long>(), stored.Str("fundingSource")));
        Assert.Null(stored["forecastOre"]);

        // The form shows the stored figures in kroner again.
        var again = await PageAsync(browser, pageUrl);
        Assert.Contains("value=\"1 234 567,50\"", again);
        Assert.Contains("value=\"400 000\"", again);
    }

    /// <summary>A new Helse Sør-Øst initiative taken into the portfolio (Observasjon), with no report yet for the current period.</summary>
    private async Task<(int Id, string Url)> NewInitiativeAsync()
    {
        var id = await ProposeAsync(As.OwnerHso, UniqueName("Kostnadsrapportering"));
        using (var assess = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/assessments",
                   new { criterion1Met = true, criterion2Ways = new[] { "K2.1" } }))
            await assess.AssertStatusAsync(HttpStatusCode.OK, "assess");
        using (var include = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/inclusion",
                   new { include = true, segment = "observasjon", comment = "Tas inn." }))
            await include.AssertStatusAsync(HttpStatusCode.OK, "include");
        return (id, $"/api/v1/initiatives/{id}/reports/{CurrentPeriod}");
    }

    private async Task<JsonNode?> StoredReportAsync(int id)
    {
        var details = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{id}");
        return details["reports"]!.AsArray().SingleOrDefault(r => r.Str("period") == CurrentPeriod);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReportCostsSqliteTests(SqliteFactory factory) : ReportCostsTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ReportCostsPostgresTests(PostgresFactory factory) : ReportCostsTests(factory);
