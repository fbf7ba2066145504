using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// The solutions pages as a visitor and the office meet them: the catalogue with filters, a solution on a date, the
/// grunnmur, the adoption page, and the office's edit forms (antiforgery, Norwegian errors, a stale form refused).
/// </summary>
public abstract class SolutionsPagesTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_public_pages_show_the_catalogue_a_solution_the_grunnmur_and_adoption()
    {
        if (!Factory.Ready()) return;
        var list = await PageAsync(Anonymous, "/losninger?kind=national-solution");
        Assert.Contains("href=\"/losninger/kjernejournal\"", list);
        Assert.DoesNotContain("href=\"/losninger/dokumentdeling\"", list);
        await PageAsync(Anonymous, "/losninger?kind=%3Cscript%3E");

        var page = await PageAsync(Anonymous, "/losninger/e-resept?dato=2019-06-30");
        Assert.Contains("Per 30. juni 2019: under overføring, eid av Direktoratet for e-helse, driftet av Direktoratet for e-helse.", page);
        Assert.Contains("Pasientjournalloven § 12", page);
        Assert.DoesNotContain("Rediger løsningen", page);
        await PageAsync(Anonymous, "/losninger/e-resept?dato=i-morgen", HttpStatusCode.BadRequest);
        await PageAsync(Anonymous, "/losninger/finnes-ikke", HttpStatusCode.NotFound);

        var grunnmur = await PageAsync(Anonymous, "/grunnmur");
        Assert.Contains("IKT-infrastruktur", grunnmur);
        Assert.Contains("href=\"/losninger/helsenettet\"", grunnmur);

        var adoption = await PageAsync(Anonymous, "/losninger/kjernejournal/innforing?dato=2021-10-01");
        Assert.Contains("Status per 1. oktober 2021", adoption);
        Assert.Contains("<th scope=\"row\">Tatt i bruk</th><td class=\"num\">60</td>", adoption);
        Assert.Contains("75 % av kommunene innen 31. desember 2022", adoption);
        Assert.Contains("/api/v1/solutions/kjernejournal/adoption-map.svg?date=2021-10-01", adoption);
        Assert.Contains("Kartgrunnlag: © Kartverket", adoption);
        Assert.Contains("Demodata.", adoption);
        Assert.DoesNotContain("Last opp statusliste", adoption);
    }

    [Fact]
    public async Task The_portfolio_report_the_roadmap_and_the_initiative_link_to_their_solutions()
    {
        if (!Factory.Ready()) return;
        var summary = await Anonymous.GetJsonAsync("/api/v1/solutions/kjernejournal/adoption/summary");
        var inUse = summary["stages"]!.AsArray().Single(s => s.Str("stage") == "in-use").Int("count");
        var report = await PageAsync(Anonymous, "/rapport");
        Assert.Contains("Innføring av nasjonale løsninger", report);
        Assert.Contains($"{inUse} av {summary.Int("municipalities")}", report);
        var json = await Anonymous.GetJsonAsync("/api/v1/portfolio/reports/current");
        Assert.Contains(json["adoption"]!.AsArray(), a => a.Str("key") == "kjernejournal" && a.Int("inUse") == inUse);
        var initiative = await InitiativeIdAsync("Innføring av kjernejournal i kommunene");
        Assert.Contains("href=\"/losninger/kjernejournal\"", await PageAsync(Anonymous, $"/tiltak/{initiative}"));
        var roadmap = await PageAsync(Anonymous, "/veikart/1.0");
        Assert.Contains("href=\"/losninger/kjernejournal/innforing\"", roadmap);
    }

    [Fact]
    public async Task The_office_edits_a_solution_through_the_forms()
    {
        if (!Factory.Ready()) return;
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        var form = await PageAsync(browser, "/losninger/kodeverk-terminologi/rediger");
        var token = Forms.AntiforgeryToken(form);
        var version = await WithDbAsync(db => db.NationalSolutions.Where(s => s.Key == "kodeverk-terminologi").Select(s => s.Version).SingleAsync());

        // Every error at once, in Norwegian, and nothing saved.
        using (var bad = await browser.PostAsync("/losninger/kodeverk-terminologi/rediger?handler=Facts", new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["__RequestVerificationToken"] = token, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                   ["name"] = "", ["kind"] = "ukjent",
               })))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Navnet må fylles ut.", html);
            Assert.Contains("er ikke en gyldig verdi for typen", html);
        }
        Assert.Equal(version, await WithDbAsync(db => db.NationalSolutions.Where(s => s.Key == "kodeverk-terminologi").Select(s => s.Version).SingleAsync()));

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = "Kodeverk og terminologi (SNOMED CT)", ["kind"] = "standard", ["grunnmur"] = "styrende-dokumentasjon", ["financing"] = "state-budget",
        };
        using (var ok = await browser.PostAsync("/losninger/kodeverk-terminologi/rediger?handler=Facts", new FormUrlEncodedContent(fields)))
        {
            await ok.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal("/losninger/kodeverk-terminologi", ok.Headers.Location?.OriginalString);
        }
        Assert.Contains("Kodeverk og terminologi (SNOMED CT)", await PageAsync(browser, "/losninger/kodeverk-terminologi"));

        // The same (now stale) form again: a conflict message, not an overwrite.
        fields["name"] = "Overskrevet";
        using (var stale = await browser.PostAsync("/losninger/kodeverk-terminologi/rediger?handler=Facts", new FormUrlEncodedContent(fields)))
            Assert.Contains("Noen andre har lagret endringer", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));

        // Without the antiforgery token the post is refused.
        fields.Remove("__RequestVerificationToken");
        using var forged = await browser.PostAsync("/losninger/kodeverk-terminologi/rediger?handler=Facts", new FormUrlEncodedContent(fields));
        await forged.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Kodeverk og terminologi (SNOMED CT)", await WithDbAsync(db => db.NationalSolutions.Where(s => s.Key == "kodeverk-terminologi").Select(s => s.Name).SingleAsync()));
    }

    [Theory]
    [InlineData(As.Anonymous, HttpStatusCode.Redirect)]
    [InlineData(As.Member, HttpStatusCode.Forbidden)]
    [InlineData(As.OwnerHso, HttpStatusCode.Forbidden)]
    public async Task Only_the_office_opens_the_edit_page(As user, HttpStatusCode expected)
    {
        if (!Factory.Ready()) return;
        var client = user == As.Anonymous ? Factory.BrowserClient() : (await SignedInBrowserAsync(user)).Browser;
        using var response = await client.GetAsync("/losninger/kjernejournal/rediger");
        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class SolutionsPagesSqliteTests(SqliteFactory factory) : SolutionsPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class SolutionsPagesPostgresTests(PostgresFactory factory) : SolutionsPagesTests(factory), IClassFixture<PostgresFactory>;
