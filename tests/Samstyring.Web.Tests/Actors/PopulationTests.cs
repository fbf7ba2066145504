using System.Net;
using System.Text.Json.Nodes;
using System.Text;

namespace Samstyring.Web.Tests.Actors;

/// <summary>
/// Population figures through the web: the public list of dates (page and API), the office's import as an upload form and
/// as an API call, with Norwegian errors per line and a 409 for a date that has figures until replace is asked for.
/// </summary>
public abstract class PopulationTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/organizations/population";
    private const string UploadPage = "/aktorer/folketall/last-opp";

    /// <summary>Every municipality in the registry with a made-up figure (all 357 existed from 2024 on).</summary>
    public static async Task<string> FullCsvAsync(HttpClient client, int add = 0)
    {
        var municipalities = await client.GetArrayAsync("/api/v1/organizations?type=kommune&pageSize=1000");
        return "kommunenummer;folketall\n" + string.Join("\n", municipalities.Select(m => $"{m.Str("municipalityNumber")};{m!["population"]!.GetValue<int>() + add}")) + "\n";
    }

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private async Task<JsonNode?> DateAsync(string on) =>
        (await Anonymous.GetArrayAsync(Api)).FirstOrDefault(d => d.Str("on") == on);

    [Fact]
    public async Task The_api_imports_a_date_refuses_bad_rows_and_an_existing_date_and_replaces_when_asked()
    {
        if (!Factory.Ready()) return;
        var office = Client(As.Office);
        var csv = await FullCsvAsync(Anonymous, add: 3);

        using (var bad = await office.PostAsync($"{Api}?on=2026-01-01", Csv("kommunenummer;folketall\n0301;mange\n9999;10\n")))
        {
            await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            var problem = await bad.ReadJsonAsync();
            Assert.Equal("folketall: Folketall må være et helt tall, ikke «mange».", problem["errors"]!["row 2"]![0]!.GetValue<string>());
            Assert.Equal("kommunenummer: Fant ingen kommune med kommunenummer 9999.", problem["errors"]!["row 3"]![0]!.GetValue<string>());
            Assert.StartsWith("356 kommuner som fantes per 1. januar 2026, mangler i filen", problem["errors"]!["file"]![0]!.GetValue<string>());
        }
        using (var future = await office.PostAsync($"{Api}?on=2099-01-01", Csv(csv)))
            Assert.Contains("fram i tid", await future.AssertValidationProblemAsync("on"));
        Assert.Null(await DateAsync("2026-01-01"));

        using (var saved = await office.PostAsync($"{Api}?on=2026-01-01&source=SSB%2C%20tabell%2007459", Csv(csv)))
        {
            await saved.AssertStatusAsync(HttpStatusCode.OK);
            var result = await saved.ReadJsonAsync();
            Assert.Equal(("2026-01-01", 357, 0, "SSB, tabell 07459"), (result.Str("on"), result.Int("count"), result.Int("replaced"), result.Str("source")));
        }
        var listed = await DateAsync("2026-01-01");
        Assert.Equal((357, 357, 0, false), (listed.Int("count"), listed.Int("municipalities"), listed.Int("missing"), listed!["isDemo"]!.GetValue<bool>()));

        using (var conflict = await office.PostAsync($"{Api}?on=2026-01-01", Csv(csv)))
        {
            await conflict.AssertStatusAsync(HttpStatusCode.Conflict);
            var problem = await conflict.ReadJsonAsync();
            Assert.Contains("Det finnes allerede folketall per 1. januar 2026 for 357 kommuner.", problem.Str("detail"));
            Assert.Contains("replace=true", problem.Str("detail"));
            Assert.NotNull(problem["errors"]!["replace"]);
        }
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(await FullCsvAsync(Anonymous, add: 5))), "file", "folketall.csv");
        using (var replaced = await office.PostAsync($"{Api}?on=2026-01-01&replace=true", form))
        {
            await replaced.AssertStatusAsync(HttpStatusCode.OK);
            var result = await replaced.ReadJsonAsync();
            Assert.Equal((357, "Importert fra folketall.csv"), (result.Int("replaced"), result.Str("source")));
        }
        Assert.Equal(listed!["total"]!.GetValue<long>() + 2 * 357, (await DateAsync("2026-01-01"))!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_office_imports_through_the_form_sees_errors_with_their_lines_and_the_list_shows_the_date()
    {
        if (!Factory.Ready()) return;
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = Client(As.Office).DefaultRequestHeaders.Authorization;
        string token;
        using (var get = await browser.GetAsync(UploadPage))
        {
            await get.AssertStatusAsync(HttpStatusCode.OK);
            token = Forms.AntiforgeryToken(await get.Content.ReadAsStringAsync());
        }
        MultipartFormDataContent Form(string csv, params (string Name, string Value)[] fields)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "folketall.csv");
            form.Add(new StringContent(token), "__RequestVerificationToken");
            foreach (var (n, v) in fields) form.Add(new StringContent(v), n);
            return form;
        }

        using (var bad = await browser.PostAsync(UploadPage, Form("kommunenummer;folketall\n0301;-4\n0301;12\n", ("on", "2025-06-01"))))
        {
            await bad.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("Ingenting er lagret", html);
            Assert.Contains("<td>2</td><td>folketall</td><td>Folketall kan ikke være negativt (er \u22124).</td>", html);
            Assert.Contains("<td>3</td><td>kommunenummer</td><td>Oslo kommune (0301) står også på rad 2. Hver kommune kan stå én gang i filen.</td>", html);
            Assert.Contains("mangler i filen", html);
        }
        var csv = await FullCsvAsync(Anonymous);
        using (var noDate = await browser.PostAsync(UploadPage, Form(csv)))
        {
            await noDate.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains("Dato må fylles ut.", WebUtility.HtmlDecode(await noDate.Content.ReadAsStringAsync()));
        }
        Assert.Null(await DateAsync("2025-06-01"));

        using (var saved = await browser.PostAsync(UploadPage, Form(csv, ("on", "2025-06-01"), ("source", "SSB, tabell 07459"))))
        {
            await saved.AssertStatusAsync(HttpStatusCode.Redirect);
            Assert.Equal("/aktorer/folketall", saved.Headers.Location?.OriginalString);
        }
        using (var list = await browser.GetAsync("/aktorer/folketall"))
        {
            var html = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
            Assert.Contains("Registrerte folketall per 1. juni 2025 for 357 kommuner", html);
            Assert.Matches(@"<th scope=""row"">1\. juni 2025</th>\s*<td>357 av 357</td>", html);
            Assert.Contains("SSB, tabell 07459", html);
            Assert.Contains("href=\"/aktorer/folketall/last-opp\"", html);
        }

        using (var again = await browser.PostAsync(UploadPage, Form(csv, ("on", "2025-06-01"))))
        {
            await again.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
            Assert.Contains("id=\"replace-error\">Det finnes allerede folketall per 1. juni 2025 for 357 kommuner.", html);
        }
        using (var replaced = await browser.PostAsync(UploadPage, Form(csv, ("on", "2025-06-01"), ("replace", "true"))))
            await replaced.AssertStatusAsync(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Everyone_sees_the_list_only_the_office_gets_the_form_and_the_link()
    {
        if (!Factory.Ready()) return;
        using (var page = await Anonymous.GetAsync("/aktorer/folketall"))
        {
            await page.AssertStatusAsync(HttpStatusCode.OK);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Matches(@"<th scope=""row"">1\. januar 2025</th>\s*<td>357 av 357</td>", html);
            Assert.Matches(@"<th scope=""row"">1\. januar 2021</th>\s*<td>356 av 356</td>", html);
            Assert.DoesNotContain("/aktorer/folketall/last-opp", html);
        }
        using (var member = await Client(As.Member).GetAsync(UploadPage)) await member.AssertStatusAsync(HttpStatusCode.Forbidden);
        using (var anonymous = await Anonymous.GetAsync(UploadPage)) Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("href=\"/aktorer/folketall\"", await (await Anonymous.GetAsync("/aktorer")).Content.ReadAsStringAsync());
    }
}

public sealed class PopulationSqliteTests(SqliteFactory factory) : PopulationTests(factory), IClassFixture<SqliteFactory>;

public sealed class PopulationPostgresTests(PostgresFactory factory) : PopulationTests(factory), IClassFixture<PostgresFactory>;
