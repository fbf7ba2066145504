using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Samstyring.Web.Tests.Actors;

/// <summary>
/// The office registers a new actor through the API (201 with Location and ETag) and through the page at /aktorer/ny, linked
/// from the actor list for the office only. Bad input is a Norwegian 400 (or form errors), never a 500, and saves nothing.
/// </summary>
public abstract class CreateOrganizationTests(SamstyringFactory factory) : WebTest(factory)
{
    /// <summary>A fresh organisation number with a correct MOD11 check digit, so runs do not clash with each other.</summary>
    public static string NewOrgNumber()
    {
        int[] weights = [3, 2, 7, 6, 5, 4, 3, 2];
        while (true)
        {
            var digits = Enumerable.Range(0, 8).Select(i => i == 0 ? Random.Shared.Next(8, 10) : Random.Shared.Next(0, 10)).ToArray();
            var check = 11 - weights.Select((w, i) => w * digits[i]).Sum() % 11;
            if (check == 10) continue;
            return string.Concat(digits) + (check == 11 ? 0 : check);
        }
    }

    private async Task<int> CountAsync() => (await Anonymous.GetArrayAsync("/api/v1/organizations")).Count;

    [Fact]
    public async Task The_office_registers_an_actor_through_the_API_and_gets_its_address_and_version()
    {
        if (!Factory.Ready()) return;
        var number = NewOrgNumber();
        var vest = await OrganizationIdAsync("Helse Vest RHF");
        var name = "Vestlandets samhandlingsforum " + number;

        using var created = await Client(As.Office).PostJsonAsync("/api/v1/organizations", new
        {
            name, shortName = "VSF", orgNumber = number[..3] + " " + number[3..6] + " " + number[6..], type = "annet", actorGroup = "spesialisthelsetjenesten",
            region = "helse-vest", owners = new[] { new { id = vest, share = (decimal?)100m } },
        });

        await created.AssertStatusAsync(HttpStatusCode.Created);
        var body = await created.ReadJsonAsync();
        var id = body.Int("id");
        Assert.Equal($"/api/v1/organizations/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(1, body.Int("version"));
        Assert.StartsWith("vsf", body.Str("key"));
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal((name, number, "helse-vest"), (org.Str("name"), org.Str("orgNumber"), org.Str("region")));
        Assert.Equal([("Helse Vest RHF", 100m)], org["owners"]!.AsArray().Select(o => (o.Str("name"), o!["share"]!.GetValue<decimal>())));
        Assert.Contains(org.Str("name"), WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/aktorer/{id}")));

        // The same organisation number again: a Norwegian field error naming who has it, and nothing added.
        var count = await CountAsync();
        using var again = await Client(As.Office).PostJsonAsync("/api/v1/organizations", new { name = "Kopi", orgNumber = number, type = "annet", actorGroup = "annet" });
        Assert.Equal($"Organisasjonsnummeret {number} er allerede registrert på {name}.", await again.AssertValidationProblemAsync("orgNumber"));
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task Bad_input_is_a_Norwegian_400_with_every_field_error_and_nothing_is_saved()
    {
        if (!Factory.Ready()) return;
        var count = await CountAsync();
        var office = Client(As.Office);

        using var bad = await office.PostJsonAsync("/api/v1/organizations", new
        {
            key = "hdir", name = "<script>alert(1)</script>\u202E", orgNumber = "123456789", type = "planet", actorGroup = "", region = "helse-mars",
        });
        Assert.Equal("Nøkkelen «hdir» er allerede i bruk av Helsedirektoratet.", await bad.AssertValidationProblemAsync("key"));
        Assert.StartsWith("Navn inneholder et tegn som snur skriveretningen", await bad.AssertValidationProblemAsync("name"));
        Assert.StartsWith("Organisasjonsnummeret er ikke gyldig", await bad.AssertValidationProblemAsync("orgNumber"));
        Assert.StartsWith("«planet» er ikke en gyldig verdi for type", await bad.AssertValidationProblemAsync("type"));
        Assert.Equal("Aktørgruppe må velges.", await bad.AssertValidationProblemAsync("actorGroup"));

        // Wrong JSON types, a NUL and a body that is no JSON: 400, never 500.
        foreach (var json in new[] { "{\"name\": 5, \"type\": \"annet\", \"actorGroup\": \"annet\"}", "{\"name\": \"A\\u0000B\", \"type\": \"annet\", \"actorGroup\": \"annet\"}", "{\"name\":", "[]" })
        {
            using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await office.PostAsync("/api/v1/organizations", content);
            await response.AssertStatusAsync(HttpStatusCode.BadRequest, json);
        }
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task The_list_links_the_office_to_the_new_actor_page_and_the_form_registers_the_actor()
    {
        if (!Factory.Ready()) return;
        Assert.DoesNotContain("href=\"/aktorer/ny\"", await Anonymous.GetStringAsync("/aktorer"));
        Assert.DoesNotContain("href=\"/aktorer/ny\"", await Client(As.OwnerHso).GetStringAsync("/aktorer"));
        Assert.Contains("href=\"/aktorer/ny\"", await Client(As.Office).GetStringAsync("/aktorer"));

        var (browser, _) = await SignedInBrowserAsync(As.Office);
        var form = await browser.GetStringAsync("/aktorer/ny");
        Assert.Contains("name=\"owners[1].share\"", form);
        var hod = await OrganizationIdAsync("Helse- og omsorgsdepartementet");
        var number = NewOrgNumber();
        Dictionary<string, string> Post(string name, string orgNumber, string secondOwner, string secondShare) => new()
        {
            ["name"] = name, ["shortName"] = "", ["orgNumber"] = orgNumber, ["type"] = "direktorat", ["actorGroup"] = "helseforvaltningen", ["region"] = "",
            ["population"] = "", ["key"] = "", ["owners[0].id"] = "", ["owners[0].share"] = "", ["owners[1].id"] = secondOwner, ["owners[1].share"] = secondShare,
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form),
        };

        // Errors show on their fields (the owner on the row as displayed, after a blank row), and nothing is saved.
        var count = await CountAsync();
        using var refused = await browser.PostAsync("/aktorer/ny", new FormUrlEncodedContent(Post("", "974760674", hod.ToString(), "mye")));
        await refused.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"owners[1]_share-error\">Eierandelen i rad 2 må være et tall fra 0 til 100, for eksempel 25 eller 33,33.</p>", html);
        Assert.Equal(count, await CountAsync());
        using var invalid = await browser.PostAsync("/aktorer/ny", new FormUrlEncodedContent(Post("", "974760674", hod.ToString(), "50")));
        var invalidHtml = WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync());
        Assert.Contains("id=\"name-error\">Navn må fylles ut.</p>", invalidHtml);
        Assert.Contains("id=\"orgNumber-error\">Organisasjonsnummeret er ikke gyldig (ni siffer med riktig kontrollsiffer, MOD11).</p>", invalidHtml);
        Assert.Equal(count, await CountAsync());

        var name = "Direktoratet for prøving " + number;
        using var saved = await browser.PostAsync("/aktorer/ny", new FormUrlEncodedContent(Post(name, number, hod.ToString(), "")));
        await saved.AssertStatusAsync(HttpStatusCode.Redirect);
        var details = WebUtility.HtmlDecode(await browser.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains($"Aktøren «{name}» er registrert med nøkkelen «direktoratet-for-proving-{number}».", details);
        var id = await OrganizationIdAsync(name);
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal(("Helse- og omsorgsdepartementet", null), (Assert.Single(org["owners"]!.AsArray()).Str("name"), org["owners"]![0]!["share"]?.GetValue<decimal>()));
    }

    [Fact]
    public async Task The_form_without_the_antiforgery_token_is_refused()
    {
        if (!Factory.Ready()) return;
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        var count = await CountAsync();
        using var response = await browser.PostAsync("/aktorer/ny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Uten token", ["type"] = "annet", ["actorGroup"] = "annet",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(count, await CountAsync());
    }
}

public sealed class CreateOrganizationSqliteTests(SqliteFactory factory) : CreateOrganizationTests(factory), IClassFixture<SqliteFactory>;

public sealed class CreateOrganizationPostgresTests(PostgresFactory factory) : CreateOrganizationTests(factory), IClassFixture<PostgresFactory>;
