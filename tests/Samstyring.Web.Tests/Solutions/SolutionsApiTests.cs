using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// The solutions API as its users meet it: the catalogue and a solution on a date, the grunnmur, adoption per municipality,
/// summarised, as CSV and as map and chart; the office's writes with versions; bad input answered in Norwegian.
/// </summary>
public abstract class SolutionsApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/solutions";

    [Fact]
    public async Task The_catalogue_lists_filters_and_exports_the_solutions()
    {
        if (!Factory.Ready()) return;
        var all = await Anonymous.GetArrayAsync(Api);
        Assert.True(all.Count >= 20);
        var national = await Anonymous.GetArrayAsync($"{Api}?kind=national-solution");
        Assert.Equal(["E-resept", "Helsenettet", "Helsenorge", "Kjernejournal"], national.Select(s => s.Str("name")).Order(StringComparer.Ordinal));
        var grunndata = await Anonymous.GetArrayAsync($"{Api}?grunnmur=grunndata");
        Assert.Contains(grunndata, s => s.Str("key") == "preg");
        Assert.All(await Anonymous.GetArrayAsync($"{Api}?grunnmur=none"), s => Assert.Null(s!["grunnmurAreaKey"]));

        using var bad = await Anonymous.GetAsync($"{Api}?kind=ukjent&owner=abc");
        var message = await bad.AssertValidationProblemAsync("kind");
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        using var nul = await Anonymous.GetAsync($"{Api}?lifecycle=%00");
        await nul.AssertValidationProblemAsync("lifecycle");

        using var csv = await Anonymous.GetAsync($"{Api}.csv?kind=collaboration-area");
        await csv.AssertStatusAsync(HttpStatusCode.OK);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("key,name,kind", lines[0]);
        Assert.Equal(6, lines.Length); // header + five collaboration areas
    }

    [Fact]
    public async Task A_solution_shows_who_owned_and_ran_it_on_a_date_and_its_links()
    {
        if (!Factory.Ready()) return;
        var now = await Anonymous.GetJsonAsync($"{Api}/kjernejournal");
        Assert.Equal("Norsk Helsenett SF", now["state"]!["operator"].Str("name"));
        Assert.Contains(now["initiatives"]!.AsArray(), i => i.Str("name") == "Innføring av kjernejournal i kommunene");
        Assert.True(now["hasAdoption"]!.GetValue<bool>());
        var then = await Anonymous.GetJsonAsync($"{Api}/kjernejournal?date=2018-06-30");
        Assert.Equal("Direktoratet for e-helse", then["state"]!["operator"].Str("name"));
        Assert.Equal("being-transferred", then["state"].Str("lifecycle"));
        var helsenorge = await Anonymous.GetJsonAsync($"{Api}/helsenorge");
        Assert.Equal("produktstyre-helsenorge", helsenorge["productBoards"]![0].Str("slug"));

        using var missing = await Anonymous.GetAsync($"{Api}/finnes-ikke");
        await missing.AssertStatusAsync(HttpStatusCode.NotFound);
        using var badDate = await Anonymous.GetAsync($"{Api}/kjernejournal?date=2022-13-45");
        await badDate.AssertValidationProblemAsync("date");
    }

    [Fact]
    public async Task Adoption_is_given_per_municipality_summarised_as_CSV_and_as_map_and_chart()
    {
        if (!Factory.Ready()) return;
        var list = await Anonymous.GetJsonAsync($"{Api}/kjernejournal/adoption?date=2021-10-01");
        var actors = list["actors"]!.AsArray();
        Assert.Equal(356, actors.Count);
        Assert.Equal(60, actors.Count(a => a.Str("stage") == "in-use"));
        Assert.NotEmpty(list["groups"]!.AsArray());

        var summary = await Anonymous.GetJsonAsync($"{Api}/kjernejournal/adoption/summary?date=2021-10-01");
        Assert.Equal(356, summary.Int("municipalities"));
        Assert.Equal(30, summary["stages"]!.AsArray().Single(s => s.Str("stage") == "technically-ready").Int("count"));
        Assert.Equal(3, summary["targets"]!.AsArray().Count);
        Assert.Contains(summary["regions"]!.AsArray(), r => r.Str("name") == "Helse Nord");

        using var csv = await Anonymous.GetAsync($"{Api}/kjernejournal/adoption.csv?date=2021-10-01");
        var rows = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kommunenummer,kommunenavn,fylke,helseregion,folketall,status,dato,kilde", rows[0]);
        Assert.Equal(357, rows.Length);
        Assert.Equal(60, rows.Count(r => r.Contains(",in-use,", StringComparison.Ordinal)));

        using var map = await Anonymous.GetAsync($"{Api}/kjernejournal/adoption-map.svg?date=2021-10-01");
        await map.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", map.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await map.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(60, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "stage-in-use"));
        Assert.Contains("Kartverket", svg.ToString());

        using var chart = await Anonymous.GetAsync($"{Api}/kjernejournal/adoption-chart.svg?date=2022-08-01");
        var chartSvg = XDocument.Parse(await chart.Content.ReadAsStringAsync());
        Assert.Contains(chartSvg.Descendants(ns + "text"), t => t.Value.Contains("75 %", StringComparison.Ordinal));

        using var unknown = await Anonymous.GetAsync($"{Api}/finnes-ikke/adoption-map.svg");
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        using var hostile = await Anonymous.GetAsync($"{Api}/kjernejournal/adoption/summary?date=" + Uri.EscapeDataString("<script>" + new string('9', 5000)));
        await hostile.AssertValidationProblemAsync("date");
    }

    [Fact]
    public async Task The_office_changes_facts_with_If_Match_and_a_stale_or_missing_version_is_refused()
    {
        if (!Factory.Ready()) return;
        using var read = await Office.GetAsync($"{Api}/arkitektur");
        var etag = read.Headers.ETag!.Tag;
        var body = new { name = "Styrende arkitekturdokumentasjon (endret)", kind = "standard", description = "Veikart og prinsipper.", grunnmur = "styrende-dokumentasjon",
            legalBasis = (string?)null, financing = "state-budget", source = "Testen", initiatives = Array.Empty<int>() };
        using var saved = await Office.PutJsonAsync($"{Api}/arkitektur", body, etag);
        await saved.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Styrende arkitekturdokumentasjon (endret)", (await saved.ReadJsonAsync()).Str("name"));
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);

        using var stale = await Office.PutJsonAsync($"{Api}/arkitektur", body with { }, etag);
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using var none = await Office.PutJsonAsync($"{Api}/arkitektur", body);
        await none.AssertVersionRequiredAsync();

        using var invalid = await Office.PutJsonAsync($"{Api}/arkitektur", new { name = "\u0000", kind = "x" }, saved.Headers.ETag!.Tag);
        await invalid.AssertValidationProblemAsync("kind");
        Assert.Equal("Styrende arkitekturdokumentasjon (endret)", await WithDbAsync(db => db.NationalSolutions.Where(s => s.Key == "arkitektur").Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_office_records_a_transfer_and_a_target()
    {
        if (!Factory.Ready()) return;
        using var read = await Office.GetAsync($"{Api}/multidose");
        var nhn = await OrganizationIdAsync("Norsk Helsenett SF");
        using var created = await Office.PostJsonAsync($"{Api}/multidose/events",
            new { on = "2020-01-01", operatorId = nhn, note = "Drift overført.", version = (await read.ReadJsonAsync())["summary"].Int("version") });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var then = await Anonymous.GetJsonAsync($"{Api}/multidose?date=2021-01-01");
        Assert.Equal(nhn, then["state"]!["operator"].Int("id"));

        using var target = await Office.PostJsonAsync($"{Api}/multidose/targets",
            new { group = "municipalities", measure = "percent", value = 80, dueOn = "2030-12-31", caseReference = "Nasjonalt e-helseråd sak 2/30" });
        await target.AssertStatusAsync(HttpStatusCode.Created);
        var summary = await Anonymous.GetJsonAsync($"{Api}/multidose/adoption/summary");
        Assert.Equal("80 % av kommunene innen 31. desember 2030", summary["targets"]![0].Str("label"));

        using var bad = await Office.PostJsonAsync($"{Api}/multidose/targets", new { group = "municipalities", measure = "percent", value = 180, dueOn = "2030-12-31", caseReference = "x" });
        await bad.AssertValidationProblemAsync("value");
    }
}

public sealed class SolutionsApiSqliteTests(SqliteFactory factory) : SolutionsApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class SolutionsApiPostgresTests(PostgresFactory factory) : SolutionsApiTests(factory), IClassFixture<PostgresFactory>;
