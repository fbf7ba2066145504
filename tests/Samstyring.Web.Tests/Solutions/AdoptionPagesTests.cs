using System.Net;
using System.Text;
using Samstyring.Core.Solutions;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// The register and upload pages: who may open them, forms posted as a browser does (antiforgery token), Norwegian errors
/// in the form, a step back confirmed with a tick (register) or the same file again (upload), and the redirect to the
/// solution's adoption page.
/// </summary>
public abstract class AdoptionPagesTests(SamstyringFactory factory) : AdoptionWebTest(factory)
{
    private static string Record(string key) => $"/losninger/{key}/innforing/registrer";
    private static string Upload(string key) => $"/losninger/{key}/innforing/last-opp";

    public static TheoryData<string, As, int> Access() => new()
    {
        { Record(Kjernejournal), As.OperatorNhn, 200 },
        { Record(Kjernejournal), As.Office, 200 },
        { Record(Helsedataservice), As.OperatorNhn, 403 },
        { Record(Kjernejournal), As.Member, 403 },
        { Record(Kjernejournal), As.OwnerHso, 403 },
        { Record(Kjernejournal), As.Anonymous, 302 },
        { Record("finnes-ikke"), As.Office, 404 },
        { Upload(Kjernejournal), As.OperatorNhn, 200 },
        { Upload(Helsedataservice), As.OperatorNhn, 403 },
        { Upload(Helsedataservice), As.Office, 200 },
        { Upload(Kjernejournal), As.Ks, 403 },
        { Upload(Kjernejournal), As.Anonymous, 302 },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Page_answers_each_role_as_expected(string path, As user, int expected)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync(path);
        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected == 302) Assert.Equal("/logg-inn", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_register_form_shows_Norwegian_errors_asks_before_a_step_back_and_then_saves()
    {
        if (!Factory.Ready()) return;
        using var browser = Browser(As.OperatorNhn);
        var page = Record(Kjernejournal);
        var token = await TokenAsync(browser, page);
        var before = await CountChangesAsync();

        Dictionary<string, string> Fields(string number, string stage, string source, bool confirm = false)
        {
            var f = new Dictionary<string, string>
            {
                ["municipality"] = "", ["municipalityNumber"] = number, ["stage"] = stage, ["date"] = "", ["source"] = source,
                ["__RequestVerificationToken"] = token,
            };
            if (confirm) f["confirmBackwards"] = "true";
            return f;
        }

        using (var noToken = await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["municipalityNumber"] = "0301" })))
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        using (var invalid = await browser.PostAsync(page, new FormUrlEncodedContent(Fields("9996", "", ""))))
        {
            await invalid.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
            Assert.Contains("feiloppsummering", html);
            Assert.Contains("Fant ingen kommune med kommunenummer 9996.", html);
            Assert.Contains("Status må velges.", html);
            Assert.Contains("Kilde må fylles ut.", html);
        }
        Assert.Equal(before, await CountChangesAsync());

        var (number, name, _) = await FreshMunicipalityAsync(Kjernejournal);
        using (var saved = await browser.PostAsync(page, new FormUrlEncodedContent(Fields(number, "in-use", "Telefon med kommunen"))))
        {
            await saved.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal("/losninger/kjernejournal/innforing", saved.Headers.Location?.OriginalString);
        }
        Assert.Equal(before + 1, await CountChangesAsync());

        using (var back = await browser.PostAsync(page, new FormUrlEncodedContent(Fields(number, "interest", "Feilregistrert"))))
        {
            await back.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync());
            Assert.Contains("name=\"confirmBackwards\"", html);
            Assert.Contains($"Ja, {name} skal gå tilbake fra «Tatt i bruk» til «Meldt inn ønske»", html);
        }
        Assert.Equal(before + 1, await CountChangesAsync());
        using (var confirmed = await browser.PostAsync(page, new FormUrlEncodedContent(Fields(number, "interest", "Feilregistrert", confirm: true))))
            await confirmed.AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal(AdoptionStage.Interest, await StageAsync(Kjernejournal, number));
    }

    [Fact]
    public async Task The_upload_form_lists_bad_rows_asks_for_the_same_file_again_before_a_step_back_and_saves()
    {
        if (!Factory.Ready()) return;
        using var browser = Browser(As.OperatorNhn);
        var page = Upload(Kjernejournal);
        var token = await TokenAsync(browser, page);
        var (a, nameA, _) = await FreshMunicipalityAsync(Kjernejournal);
        var (b, _, stageB) = await FreshMunicipalityAsync(Kjernejournal);
        var before = await CountChangesAsync();

        MultipartFormDataContent Form(string csv, params (string Name, string Value)[] fields)
        {
            var form = CsvForm(csv);
            form.Add(new StringContent(token), "__RequestVerificationToken");
            foreach (var (n, v) in fields) form.Add(new StringContent(v), n);
            return form;
        }

        using (var bad = await browser.PostAsync(page, Form($"kommunenummer;status\n{a};in-use\n9995;in-use\n")))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Ingenting er lagret", html);
            Assert.Contains("<td>3</td><td>kommunenummer</td><td>Fant ingen kommune med kommunenummer 9995.</td>", html);
        }
        Assert.Equal(before, await CountChangesAsync());

        using (var first = await browser.PostAsync(page, Form($"kommunenummer;status\n{a};in-use\n")))
            await first.AssertStatusAsync(HttpStatusCode.Redirect);
        var list = $"kommunenummer;status\n{a};interest\n{b};{Code(stageB + 1)}\n";
        string hash;
        using (var asked = await browser.PostAsync(page, Form(list)))
        {
            await asked.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
            Assert.Contains("Bekreft og lagre", html);
            Assert.Contains($"{nameA} ({a})", html);
            hash = System.Text.RegularExpressions.Regex.Match(html, "name=\"confirmedFile\" value=\"([0-9A-F]+)\"").Groups[1].Value;
            Assert.Equal(64, hash.Length);
        }
        Assert.Equal(before + 1, await CountChangesAsync());

        // Another file with the tick is looked at afresh, not saved unseen.
        using (var other = await browser.PostAsync(page, Form($"kommunenummer;status\n{a};not-started\n", ("confirmBackwards", "true"), ("confirmedFile", hash))))
        {
            await other.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("ikke den samme", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()));
        }
        Assert.Equal(before + 1, await CountChangesAsync());

        using (var confirmed = await browser.PostAsync(page, Form(list, ("confirmBackwards", "true"), ("confirmedFile", hash))))
        {
            await confirmed.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal("/losninger/kjernejournal/innforing", confirmed.Headers.Location?.OriginalString);
        }
        Assert.Equal(before + 3, await CountChangesAsync());
        Assert.Equal(AdoptionStage.Interest, await StageAsync(Kjernejournal, a));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdoptionPagesSqliteTests(SqliteFactory factory) : AdoptionPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AdoptionPagesPostgresTests(PostgresFactory factory) : AdoptionPagesTests(factory);
