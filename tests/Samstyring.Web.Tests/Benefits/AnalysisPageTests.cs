using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Benefits;

/// <summary>
/// The owner enters the socio-economic analysis through the page, without JavaScript: years as lines of «år; kostnad;
/// nytte», errors in Norwegian beside the line they came from and nothing saved, a stale form refused, another
/// organisation's owner refused, and an alternative emptied is removed.
/// </summary>
public abstract class AnalysisPageTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_owner_enters_an_analysis_line_by_line_and_errors_point_at_the_line()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        var url = $"/tiltak/{id}/gevinster/analyse";
        var (browser, _) = await SignedInBrowserAsync(As.OwnerHso);
        using var _b = browser;
        Assert.Contains("Legg inn samfunnsøkonomisk analyse", await PageAsync(browser, $"/tiltak/{id}/gevinster"));
        var empty = Forms.FieldsOfFormWith(await PageAsync(browser, url), "discountRate");
        Assert.Equal("4", empty["discountRate"]);

        // Unreadable input: a negative rate, a word for an amount, a year twice. Nothing is saved.
        var bad = new Dictionary<string, string>(empty)
        {
            ["discountRate"] = "-1",
            ["alternatives[0].name"] = "Felles løsning",
            ["alternatives[0].years"] = "2024; 1 000 000; 0\n\n2025; tusen; 0",
        };
        var shown = await PostFormAsync(browser, url, bad);
        Assert.Contains("Diskonteringsrenten kan ikke være negativ.", shown);
        Assert.Contains("Linje 3: kostnaden må være et beløp i kroner", shown);
        bad["discountRate"] = "4";
        bad["alternatives[0].years"] = "2024; 1 000 000; 0\n2024; 0; 1 200 000";
        Assert.Contains("Linje 2: Året 2024 er oppgitt to ganger i alternativet.", await PostFormAsync(browser, url, bad));
        Assert.False(await WithDbAsync(db => db.BenefitAnalyses.AnyAsync(a => a.InitiativeId == id)));

        // Two alternatives, the second in the second empty block the page offers after the first save.
        var good = new Dictionary<string, string>(empty)
        {
            ["alternatives[0].name"] = "Felles løsning",
            ["alternatives[0].years"] = "2024; 1 000 000; 0\n2025\t0\t1 200 000",
            ["alternatives[0].nonValuedEffects"] = "Bedre pasientsikkerhet",
        };
        Assert.Equal($"/tiltak/{id}/gevinster#analyse", await PostFormAsync(browser, url, good, HttpStatusCode.Redirect));
        // By hand: −1 000 000 kr in 2024 and 1 200 000 kr / 1,04 in 2025 = 153 846,15 kr.
        var npv = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{id}/benefits/npv");
        Assert.InRange(npv["alternatives"]![0]!["netPresentValueOre"]!.GetValue<long>(), 15_384_614, 15_384_616);
        Assert.Equal(2025, npv["alternatives"]![0]!["breakEvenYear"]!.GetValue<int>());

        var again = Forms.FieldsOfFormWith(await PageAsync(browser, url), "discountRate");
        Assert.Equal("1", again["version"]);
        Assert.Equal("2024; 1 000 000; 0\n2025; 0; 1 200 000", again["alternatives[0].years"].ReplaceLineEndings("\n"));
        again["alternatives[1].name"] = "Nullalternativet";
        again["alternatives[1].years"] = "2024; 0; 0";
        Assert.Equal($"/tiltak/{id}/gevinster#analyse", await PostFormAsync(browser, url, again, HttpStatusCode.Redirect));
        Assert.Equal(2, await WithDbAsync(db => db.AnalysisAlternatives.CountAsync(a => a.Analysis.InitiativeId == id)));

        // The form from before the second save is stale: refused, and the page shows what is stored.
        var stale = await PostFormAsync(browser, url, good);
        Assert.Contains("Analysen ble ikke lagret", stale);
        Assert.Equal(2, await WithDbAsync(db => db.AnalysisAlternatives.CountAsync(a => a.Analysis.InitiativeId == id)));

        // Emptying an alternative removes it.
        var current = Forms.FieldsOfFormWith(await PageAsync(browser, url), "discountRate");
        current["alternatives[1].name"] = current["alternatives[1].years"] = current["alternatives[1].nonValuedEffects"] = "";
        Assert.Equal($"/tiltak/{id}/gevinster#analyse", await PostFormAsync(browser, url, current, HttpStatusCode.Redirect));
        Assert.Equal(["Felles løsning"], await WithDbAsync(db => db.AnalysisAlternatives.Where(a => a.Analysis.InitiativeId == id).Select(a => a.Name).ToListAsync()));
        Assert.Contains("Endre analysen", await PageAsync(browser, $"/tiltak/{id}/gevinster"));
    }

    [Fact]
    public async Task Another_organisations_owner_and_the_public_cannot_open_or_post_the_form()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        var url = $"/tiltak/{id}/gevinster/analyse";
        var (oslo, token) = await SignedInBrowserAsync(As.OwnerOslo);
        using (oslo)
        {
            await PageAsync(oslo, url, HttpStatusCode.Forbidden);
            Assert.DoesNotContain("Legg inn samfunnsøkonomisk analyse", await PageAsync(oslo, $"/tiltak/{id}/gevinster"));
            await PostFormAsync(oslo, url, new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["version"] = "0",
                ["alternatives[0].name"] = "Fremmed", ["alternatives[0].years"] = "2024; 1; 1",
            }, HttpStatusCode.Forbidden);
        }
        using var anonymous = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.False(await WithDbAsync(db => db.BenefitAnalyses.AnyAsync(a => a.InitiativeId == id && a.Alternatives.Any(x => x.Name == "Fremmed"))));
    }
}

public sealed class AnalysisPageSqliteTests(SqliteFactory factory) : AnalysisPageTests(factory), IClassFixture<SqliteFactory>;

public sealed class AnalysisPagePostgresTests(PostgresFactory factory) : AnalysisPageTests(factory), IClassFixture<PostgresFactory>;
