using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Strategy;

/// <summary>
/// The strategy pages as the public and the office meet them: the list, a strategy with its areas and steps, an area with
/// what serves it, the coverage with its gaps; and the office's forms (a new strategy, an area with links, a step), with
/// Norwegian errors, a stale form refused, and everyone else refused.
/// </summary>
public abstract class StrategyPagesTests(SamstyringFactory factory) : WebTest(factory)
{
    private Task<(int Adopted, int Draft)> IdsAsync() => WithDbAsync(async db => (
        await db.Strategies.Where(s => s.FromYear == 2017).Select(s => s.Id).SingleAsync(),
        await db.Strategies.Where(s => s.FromYear == 2023).Select(s => s.Id).SingleAsync()));

    [Fact]
    public async Task The_public_reads_the_adopted_strategy_its_areas_and_coverage_and_not_the_draft()
    {
        if (!Factory.Ready()) return;
        var (adopted, draft) = await IdsAsync();
        var list = await PageAsync(Anonymous, "/strategi");
        Assert.Contains("<a href=\"/strategi\" aria-current=\"page\">Strategi</a>", list);
        Assert.Contains($"href=\"/strategi/{adopted}\"", list);
        Assert.DoesNotContain("Nasjonal e-helsestrategi fra 2023", list);
        Assert.Contains("Nasjonal e-helsestrategi fra 2023", await PageAsync(Client(As.Member), "/strategi"));

        var page = await PageAsync(Anonymous, $"/strategi/{adopted}");
        Assert.Contains("Nasjonal e-helsestrategi 2017–2022", page);
        Assert.Contains("Felles grunnmur for digitale tjenester", page);
        Assert.Contains("Den nasjonale IKT-grunnmuren skal styrkes for å kunne realisere løsninger mellom virksomheter i sektoren.", page);
        Assert.Contains("1. mars 2017", page);
        Assert.DoesNotContain("Registrer et steg", page);

        var draftPage = await PageAsync(Client(As.Member), $"/strategi/{draft}");
        Assert.Contains("«Sammen om helhetlige, trygge og nyskapende tjenester som fremmer helse og mestring»", draftPage);
        Assert.Contains("høring i løpet av mai 2022, med tre måneders høringsfrist", draftPage);
        Assert.Contains("Sak 40/21", draftPage);
        Assert.Contains("4. februar 2022", draftPage);
        await PageAsync(Anonymous, $"/strategi/{draft}", HttpStatusCode.NotFound);
        await PageAsync(Client(As.OwnerOslo), $"/strategi/{draft}/dekning", HttpStatusCode.NotFound);

        var coverage = await PageAsync(Anonymous, $"/strategi/{adopted}/dekning");
        Assert.Contains("Målområder uten tiltak", coverage);
        var gaps = coverage[coverage.IndexOf("Målområder uten tiltak", StringComparison.Ordinal)..];
        Assert.Contains("6. Nasjonal styring av e-helse og økt gjennomføringsevne", gaps);
        Assert.Contains("Statistisk logganalyse", gaps);
        Assert.Contains("Nasjonal Tarmscreening", coverage);

        var areaId = await WithDbAsync(db => db.TargetAreas.Where(a => a.StrategyId == adopted && a.Number == 2).Select(a => a.Id).SingleAsync());
        var area = await PageAsync(Anonymous, $"/strategi/{adopted}/omrader/{areaId}");
        Assert.Contains("Program pasientens legemiddelliste", area);
        Assert.Contains("href=\"/losninger/kjernejournal\"", area);
        Assert.Contains("Demodata", area);
        Assert.DoesNotContain("Rediger målområdet", area);

        // The portfolio report carries the coverage of the adopted strategy.
        var report = await PageAsync(Anonymous, "/rapport");
        var section = report[report.IndexOf("Strategisk måloppnåelse: Nasjonal e-helsestrategi 2017–2022", StringComparison.Ordinal)..];
        Assert.Contains("6. Nasjonal styring av e-helse og økt gjennomføringsevne", section);
        Assert.Contains($"href=\"/strategi/{adopted}/dekning\"", section);
    }

    [Fact]
    public async Task The_office_registers_a_strategy_adds_an_area_links_it_and_records_a_step_through_the_forms()
    {
        if (!Factory.Ready()) return;
        var (browser, token) = await SignedInBrowserAsync(As.Office);
        var title = UniqueName("Skjemastrategi");
        var html = await PostFormAsync(browser, "/strategi?handler=Create", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["title"] = title, ["fromYear"] = "tjuetretti", ["toYear"] = "2035",
        });
        Assert.Contains("Første år må være et heltall, ikke «tjuetretti».", html);
        Assert.Equal(0, await WithDbAsync(db => db.Strategies.CountAsync(s => s.Title == title)));
        var location = await PostFormAsync(browser, "/strategi?handler=Create", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["title"] = title, ["fromYear"] = "2030", ["toYear"] = "2035", ["vision"] = "Sammen",
        }, HttpStatusCode.Redirect);
        var id = await WithDbAsync(db => db.Strategies.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());
        Assert.Equal($"/strategi/{id}", location);

        var page = await PageAsync(browser, location);
        var area = Forms.Fields(page, "Area");
        area["area.title"] = "Skjemaområde";
        area["area.indicators"] = "Første indikator\nAndre indikator";
        var areaLocation = await PostFormAsync(browser, $"{location}?handler=Area", area, HttpStatusCode.Redirect);
        var areaPage = await PageAsync(browser, areaLocation);
        Assert.Contains("Andre indikator", areaPage);

        var initiative = await InitiativeIdAsync("Helsedataprogrammet");
        var edit = Forms.FieldsOfFormWith(areaPage, "initiatives");
        var fields = new List<KeyValuePair<string, string>>(edit.Where(f => f.Key != "initiatives" && f.Key != "services" && f.Key != "solutions"))
        {
            new("initiatives", initiative.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        using (var saved = await browser.PostAsync(areaLocation, new FormUrlEncodedContent(fields)))
            await saved.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Contains("Helsedataprogrammet", await PageAsync(browser, areaLocation));
        // The same form again, stale: refused, the links stay.
        using (var stale = await browser.PostAsync(areaLocation, new FormUrlEncodedContent(edit)))
        {
            await stale.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Noen andre har lagret endringer", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        }
        Assert.Equal(1, await WithDbAsync(db => db.TargetAreaInitiatives.CountAsync(l => l.TargetArea.StrategyId == id)));

        page = await PageAsync(browser, location);
        var step = Forms.Fields(page, "Step");
        step["on"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        step["description"] = "Sendt på høring";
        step["status"] = "in-consultation";
        html = await PostFormAsync(browser, $"{location}?handler=Step", step);
        Assert.Contains("fram i tid", html);
        step["on"] = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await PostFormAsync(browser, $"{location}?handler=Step", step, HttpStatusCode.Redirect);
        Assert.Contains("Status: På høring", await PageAsync(Anonymous, location));
        Assert.Contains("Helsedataprogrammet", await PageAsync(Anonymous, $"{location}/dekning"));

        // Deleting the area: the form from before the links were saved is stale and refused; the current one deletes it.
        html = await PostFormAsync(browser, $"{areaLocation}?handler=Delete", Forms.Fields(areaPage, "Delete"));
        Assert.Contains("Noen andre har lagret endringer", WebUtility.HtmlDecode(html));
        var current = Forms.Fields(await PageAsync(browser, areaLocation), "Delete");
        Assert.Equal(location, await PostFormAsync(browser, $"{areaLocation}?handler=Delete", current, HttpStatusCode.Redirect));
        Assert.Contains("Målområde 1 «Skjemaområde» er slettet.", WebUtility.HtmlDecode(await PageAsync(browser, location)));
        Assert.Equal((0, 0), await WithDbAsync(async db => (await db.TargetAreas.CountAsync(a => a.StrategyId == id),
            await db.TargetAreaInitiatives.CountAsync(l => l.TargetArea.StrategyId == id))));
    }

    [Theory]
    [InlineData(As.Member)]
    [InlineData(As.OwnerHso)]
    [InlineData(As.Ks)]
    public async Task Only_the_office_may_post_the_forms(As user)
    {
        if (!Factory.Ready()) return;
        var (adopted, _) = await IdsAsync();
        var (browser, token) = await SignedInBrowserAsync(user);
        var before = await AuditCountAsync();
        await PostFormAsync(browser, "/strategi?handler=Create", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["title"] = "Uautorisert", ["fromYear"] = "2030", ["toYear"] = "2031",
        }, HttpStatusCode.Forbidden);
        await PostFormAsync(browser, $"/strategi/{adopted}?handler=Step", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["on"] = "2022-01-01", ["description"] = "Uautorisert", ["version"] = "1",
        }, HttpStatusCode.Forbidden);
        var area = await WithDbAsync(db => db.TargetAreas.Where(a => a.StrategyId == adopted).OrderBy(a => a.Number).Select(a => new { a.Id, a.Version }).FirstAsync());
        await PostFormAsync(browser, $"/strategi/{adopted}/omrader/{area.Id}?handler=Delete", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = area.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, HttpStatusCode.Forbidden);
        Assert.Equal(before, await AuditCountAsync());
        // Without the antiforgery token even the office is refused.
        var (office, _) = await SignedInBrowserAsync(As.Office);
        await PostFormAsync(office, "/strategi?handler=Create", new Dictionary<string, string> { ["title"] = "Uten token", ["fromYear"] = "2030", ["toYear"] = "2031" },
            HttpStatusCode.BadRequest);
    }
}

public sealed class StrategyPagesSqliteTests(SqliteFactory factory) : StrategyPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class StrategyPagesPostgresTests(PostgresFactory factory) : StrategyPagesTests(factory), IClassFixture<PostgresFactory>;
