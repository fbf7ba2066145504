using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;

namespace Samstyring.Web.Tests.Financing;

/// <summary>
/// The financing pages as the public, an actor's users, the TBU and the office meet them: the adopted 2022 model and its
/// amounts, an actor's bill explained, the invoice basis for the actor only, and the office's yearly flow through the forms
/// (a 2023 draft from 2022, 5 points moved from the regional health authorities to the municipalities, the comparison, the
/// steps to adopted), with Norwegian errors, a stale form refused and drafts hidden from outsiders.
/// </summary>
public abstract partial class FinancingPagesTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public async Task The_year_page_shows_the_adopted_2022_model_with_its_amounts()
    {
        if (!Factory.Ready()) return;
        var costs = await WithDbAsync(db => db.CostBases.Where(c => c.Year == 2022).Select(c => new { c.Solution.Key, c.TbuOre }).ToListAsync());
        var page = await PageAsync(Anonymous, "/finansiering/2022");
        Assert.Contains("Prismodell 2022", page);
        // The four TBU figures and their sum: the total the actors share.
        Assert.Equal(4, costs.Count);
        foreach (var c in costs) Assert.Contains(Norwegian.Kroner(c.TbuOre!.Value), page);
        Assert.Contains("Totalt " + Norwegian.Kroner(costs.Sum(c => c.TbuOre!.Value)), page);
        Assert.Contains("beregnet av teknisk beregningsutvalg", page);
        Assert.Contains("/api/v1/financing/2022/allocation.csv", page);
        Assert.Contains("href=\"/finansiering/kostnader/helsenettet\"", page);
        Assert.Contains("href=\"/finansiering/2022/prisliste\"", page);
        Assert.DoesNotContain("Lag utkast for 2023", page);

        var oslo = await OrgIdAsync("kommune:0301");
        var search = await PageAsync(Anonymous, "/finansiering/2022?q=oslo");
        Assert.Contains($"href=\"/finansiering/2022/aktorer/{oslo}\"", search);
        Assert.DoesNotContain("Utsira kommune", search);
        // A municipality is found by its number too, on a year without a year before to compare with.
        var byNumber = await PageAsync(Anonymous, "/finansiering/2022?q=0301");
        Assert.Contains($"href=\"/finansiering/2022/aktorer/{oslo}\"", byNumber);
        Assert.DoesNotContain("Utsira kommune", byNumber);

        var front = await PageAsync(Anonymous, "/finansiering");
        Assert.Contains("href=\"/finansiering/2022\"", front);
        Assert.Contains("konsultasjonene mellom staten og KS", front);
        Assert.Contains("<a href=\"/finansiering\"", front);
        await PageAsync(Anonymous, "/finansiering/1999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_actors_bill_explains_the_chain_from_total_to_key_to_amount()
    {
        if (!Factory.Ready()) return;
        var oslo = await OrgIdAsync("kommune:0301");
        var population = await WithDbAsync(db => db.PopulationFigures.Where(p => p.OrganizationId == oslo && p.On == new DateOnly(2021, 1, 1)).Select(p => p.Population).SingleAsync());
        var all = await WithDbAsync(db => db.PopulationFigures.Where(p => p.On == new DateOnly(2021, 1, 1)).SumAsync(p => (long)p.Population));
        var page = await PageAsync(Anonymous, $"/finansiering/2022/aktorer/{oslo}");
        Assert.Contains("Oslo kommune betaler", page);
        Assert.Contains($"folketall 1. januar 2021: {Norwegian.Number(population)} av {Norwegian.Number(all)}", page);
        Assert.Contains("Kommuner", page);
        Assert.Contains("Trekk i rammetilskuddet", page);
        // Only the actor's own users and the office get the link to the invoice basis.
        Assert.DoesNotContain("fakturagrunnlag", page);
        Assert.Contains($"/finansiering/2022/fakturagrunnlag/{oslo}", await PageAsync(Client(As.OwnerOslo), $"/finansiering/2022/aktorer/{oslo}"));
    }

    [Fact]
    public async Task The_invoice_basis_is_for_the_office_and_the_actors_own_users_only()
    {
        if (!Factory.Ready()) return;
        var oslo = await OrgIdAsync("kommune:0301");
        var url = $"/finansiering/2022/fakturagrunnlag/{oslo}";
        var own = await PageAsync(Client(As.OwnerOslo), url);
        Assert.Contains("Fakturagrunnlag 2022 for Oslo kommune", own);
        Assert.Contains("Digital dialog med fastlege", own);
        Assert.Contains("Trekkes i rammetilskuddet", own);
        Assert.Contains($"/api/v1/financing/2022/invoices/{oslo}.pdf", own);
        Assert.Contains($"/api/v1/financing/2022/invoices/{oslo}.docx", own);
        await PageAsync(Client(As.Office), url);

        var refused = await PageAsync(Client(As.OwnerHso), url, HttpStatusCode.Forbidden);
        Assert.Contains("Ingen tilgang", refused);
        Assert.DoesNotContain("Digital dialog med fastlege", refused);
        await PageAsync(Client(As.Member), url, HttpStatusCode.Forbidden);
        using var anonymous = await Factory.BrowserClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_scenario_is_hidden_from_outsiders_and_refuses_bad_input_and_stale_forms()
    {
        if (!Factory.Ready()) return;
        var (office, _) = await SignedInBrowserAsync(As.Office);
        var id = await CreateAsync(office, "Scenario", new() { ["name"] = "Scenario nytte for kommunene" });
        var url = $"/finansiering/modeller/{id}";

        await PageAsync(Anonymous, url, HttpStatusCode.NotFound);
        await PageAsync(Client(As.OwnerOslo), url, HttpStatusCode.NotFound);
        await PageAsync(Client(As.OwnerOslo), url + "/sammenlign", HttpStatusCode.NotFound);
        Assert.Contains("Scenario nytte for kommunene", await PageAsync(Client(As.Member), url));
        Assert.DoesNotContain("Scenario nytte for kommunene", await PageAsync(Anonymous, "/finansiering"));

        // Not a number: a Norwegian error next to the field, and nothing moved.
        var page = await PageAsync(office, url);
        var version = Version(page);
        var bad = await PostAsync(office, url + "?handler=Shift", page, new() { ["fromGroup"] = "regional-health-authorities", ["toGroup"] = "municipalities", ["points"] = "fem", ["version"] = version });
        Assert.Contains("Prosentpoeng må være et tall", bad);
        Assert.Contains("id=\"points-error\"", bad);
        Assert.Contains("ds-error-summary", bad);
        Assert.Equal(version, Version(await PageAsync(office, url)));

        // An unknown actor in a key is named with its line.
        var sharesUrl = $"{url}/andeler/e-resept";
        var form = await PageAsync(office, sharesUrl);
        var fields = Forms.FieldsOfFormWith(form, "shares[0].group");
        fields["shares[1].entries"] = "helse-nord;17\nfinnes-ikke;3";
        var unknown = await PostAsync(office, sharesUrl, form, fields);
        Assert.Contains("Linje 2: fant ingen aktør med nøkkelen «finnes-ikke»", unknown);
        Assert.Contains("id=\"shares[1]_entries-error\"", unknown);
        Assert.Contains("finnes-ikke;3</textarea>", unknown);
        Assert.Equal(version, Version(await PageAsync(office, url)));

        // Shares that do not add up to 100 %: the use case's Norwegian error, nothing saved.
        fields = Forms.FieldsOfFormWith(form, "shares[0].group");
        fields["shares[0].percent"] = "5";
        var notHundred = await PostAsync(office, sharesUrl, form, fields);
        Assert.Contains("ds-error-summary", notHundred);
        Assert.Contains($"Andelene er til sammen {Norwegian.Percent(90)}, men må bli 100 %.", notHundred);
        Assert.Equal(version, Version(await PageAsync(office, url)));

        // The fourth share sent is the pharmacies' (the GPs' row is empty): its error is shown in the pharmacies' row.
        fields = Forms.FieldsOfFormWith(form, "shares[0].group");
        fields["shares[4].percent"] = "-10";
        var negative = await PostAsync(office, sharesUrl, form, fields);
        Assert.Contains("id=\"shares[4]_percent-error\"", negative);
        Assert.DoesNotContain("id=\"shares[3]_percent-error\"", negative);
        Assert.Equal(version, Version(await PageAsync(office, url)));

        // A good move, then the same (now stale) form again: the conflict message, not a second move.
        var shift = new Dictionary<string, string> { ["fromGroup"] = "state", ["toGroup"] = "municipalities", ["points"] = "2,5", ["solution"] = "helsenorge", ["version"] = version };
        var moved = await PostAsync(office, url + "?handler=Shift", page, shift, HttpStatusCode.Redirect);
        Assert.Equal(url, moved);
        var stale = await PostAsync(office, url + "?handler=Shift", page, shift);
        Assert.Contains("Noen andre har lagret endringer", stale);
        Assert.Contains("Endringene dine ble ikke lagret", stale);

        var delete = await PostAsync(office, url + "?handler=Delete", page, new() { ["version"] = Version(await PageAsync(office, url)) }, HttpStatusCode.Redirect);
        Assert.Equal("/finansiering", delete);
        await PageAsync(office, url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_office_drafts_2023_moves_five_points_compares_and_takes_it_to_adopted()
    {
        if (!Factory.Ready()) return;
        var (office, _) = await SignedInBrowserAsync(As.Office);
        var id = await CreateAsync(office, "Draft", []);
        var url = $"/finansiering/modeller/{id}";
        var page = await PageAsync(office, url);
        Assert.Contains("Utkast", page);
        await PageAsync(Anonymous, url, HttpStatusCode.NotFound);
        await PageAsync(Anonymous, "/finansiering/2023", HttpStatusCode.NotFound);

        Assert.Equal(url, await PostAsync(office, url + "?handler=Shift", page,
            new() { ["fromGroup"] = "regional-health-authorities", ["toGroup"] = "municipalities", ["points"] = "5", ["solution"] = "", ["version"] = Version(page) }, HttpStatusCode.Redirect));
        page = await PageAsync(office, url);
        Assert.Contains("Prosentpoengene er flyttet.", page);

        // Oslo and Utsira pay more after the move; the regional health authorities pay less.
        foreach (var name in new[] { "Oslo kommune", "Utsira kommune" })
        {
            var compare = await PageAsync(office, $"{url}/sammenlign?q={Uri.EscapeDataString(name.Split(' ')[0])}");
            var change = ActorChange(compare, name);
            Assert.StartsWith("+", change);
        }
        var all = await PageAsync(office, $"{url}/sammenlign");
        Assert.StartsWith("\u2212", ActorChange(all, "Helse Nord RHF"));
        Assert.Contains("Endring per gruppe", all);
        Assert.Contains($"src=\"/finansiering/modeller/{id}/sammenlign?handler=Svg\"", all);

        // The steps: the council, the TBU (its own user), the hearing, KS–state, adopted. The draft step is dated today (the real
        // clock), and no step may come before the one before it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int n) => today.AddDays(n).ToString("yyyy-MM-dd", Inv);
        page = await StepAsync(office, url, "council-case", Day(1), "Nasjonalt e-helsestyre, sak om prismodell 2023");
        Assert.DoesNotContain("Registrer steget", await PageAsync(await SignInAsync("medlem"), url));
        var tbu = await SignInAsync("tbu");
        var tbuPage = await PageAsync(tbu, url);
        Assert.Contains("Registrer steget", tbuPage);
        Assert.DoesNotContain("Flytt prosentpoengene", tbuPage);
        await StepAsync(tbu, url, "tbu-calculation", Day(2), "TBU-rapport 2023");
        await StepAsync(office, url, "public-consultation", Day(3), "Høring om endring i forskrift om standarder og nasjonale e-helseløsninger");
        await StepAsync(office, url, "ks-consultation", Day(4), "Konsultasjonsmøte mellom staten og KS");
        page = await StepAsync(office, url, "adopted", Day(5), "Forskriftsendring fra 1. januar 2023");
        Assert.Contains("Vedtatt", page);
        Assert.Contains("TBU-rapport 2023", page);
        Assert.Contains(Norwegian.Date(today.AddDays(5)), page);

        var year = await PageAsync(Anonymous, "/finansiering/2023?q=Oslo");
        Assert.Contains("Endring fra 2022", year);
        Assert.StartsWith("+", ActorChange(year, "Oslo kommune", linked: false));
        var oslo = await OrgIdAsync("kommune:0301");
        var invoice = await PageAsync(Client(As.OwnerOslo), $"/finansiering/2023/fakturagrunnlag/{oslo}");
        Assert.Contains("Fakturagrunnlag 2023 for Oslo kommune", invoice);
        var bill = await PageAsync(Anonymous, $"/finansiering/2023/aktorer/{oslo}");
        Assert.Contains("Endring fra 2022", bill);
    }

    [Fact]
    public async Task Only_the_office_opens_the_shares_editor_and_sees_the_forms()
    {
        if (!Factory.Ready()) return;
        var adopted = await WithDbAsync(db => db.PriceModels.Where(m => m.Year == 2022 && m.Status == Core.Financing.PriceModelStatus.Adopted).Select(m => m.Id).SingleAsync());
        using (var member = await Client(As.Member).GetAsync($"/finansiering/modeller/{adopted}/andeler/e-resept"))
            Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        var shares = await PageAsync(Client(As.Office), $"/finansiering/modeller/{adopted}/andeler/e-resept");
        Assert.Contains("kan ikke endres", shares);
        await PageAsync(Client(As.Office), $"/finansiering/modeller/{adopted}/andeler/finnes-ikke", HttpStatusCode.NotFound);
        var oslo = await OrgIdAsync("kommune:0301");
        var found = await PageAsync(Client(As.Office), $"/finansiering/modeller/{adopted}?q=0301");
        Assert.Contains($"href=\"/finansiering/modeller/{adopted}/aktorer/{oslo}\"", found);
        Assert.Contains("1 treff", found);
        var office = await PageAsync(Client(As.Office), "/finansiering/2022");
        Assert.Contains("Lag utkast for 2023", office);
        Assert.Contains("Lag scenario", office);
    }

    // ---- helpers ----

    /// <summary>Posts a form of <paramref name="page"/> with its antiforgery token; returns the page shown, or the redirect's target.</summary>
    private static Task<string> PostAsync(HttpClient client, string url, string page, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK) =>
        PostFormAsync(client, url, new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page) }, expected);

    /// <summary>Makes a draft (next year) or a scenario from the adopted 2022 model through the year page's form.</summary>
    private async Task<int> CreateAsync(HttpClient office, string handler, Dictionary<string, string> fields)
    {
        var page = await PageAsync(office, "/finansiering/2022");
        fields["fromModelId"] = FromModel().Match(page).Groups["id"].Value;
        var location = await PostAsync(office, $"/finansiering/2022?handler={handler}", page, fields, HttpStatusCode.Redirect);
        return int.Parse(ModelUrl().Match(location).Groups["id"].Value, Inv);
    }

    private async Task<string> StepAsync(HttpClient client, string url, string step, string on, string reference)
    {
        var page = await PageAsync(client, url);
        Assert.Equal(url, await PostAsync(client, url + "?handler=Step", page,
            new() { ["step"] = step, ["on"] = on, ["caseId"] = "", ["reference"] = reference, ["version"] = Version(page) }, HttpStatusCode.Redirect));
        return await PageAsync(client, url);
    }

    /// <summary>The change in kroner in an actor's row of a comparison table.</summary>
    private static string ActorChange(string html, string name, bool linked = true)
    {
        var row = Regex.Match(html, (linked ? $@"{Regex.Escape(name)}</a></th>" : $@"<th scope=""row"">{Regex.Escape(name)}</th>") + @"\s*<td class=""num"">[^<]*</td>\s*<td class=""num"">[^<]*</td>\s*<td class=""num"">(?<c>[^<]*)</td>");
        Assert.True(row.Success, $"no row for {name}");
        return row.Groups["c"].Value;
    }

    private static string Version(string html) => VersionInput().Match(html) is { Success: true } m ? m.Groups["v"].Value : throw new Xunit.Sdk.XunitException("no version in the form");

    private Task<int> OrgIdAsync(string key) => WithDbAsync(db => db.Organizations.Where(o => o.Key == key).Select(o => o.Id).SingleAsync());

    [GeneratedRegex(@"name=""version"" value=""(?<v>\d+)""")] private static partial Regex VersionInput();
    [GeneratedRegex(@"name=""fromModelId"" value=""(?<id>\d+)""")] private static partial Regex FromModel();
    [GeneratedRegex(@"^/finansiering/modeller/(?<id>\d+)$")] private static partial Regex ModelUrl();
}

public sealed class FinancingPagesSqliteTests(SqliteFactory factory) : FinancingPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class FinancingPagesPostgresTests(PostgresFactory factory) : FinancingPagesTests(factory), IClassFixture<PostgresFactory>;
