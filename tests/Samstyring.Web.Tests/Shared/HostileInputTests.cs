using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Input no valid request holds gets a Norwegian 400 on both databases, never a 500, and nothing is saved: NUL anywhere,
/// direction and invisible characters in names, duplicate JSON keys. Names are compared as Unicode NFC.
/// </summary>
public abstract class HostileInputTests(SamstyringFactory factory) : WebTest(factory)
{
    public static TheoryData<string> NulUrls() =>
    [
        // NUL in the path itself never reaches the app: Kestrel refuses it (and the test server cannot even send it).
        "/api/v1/meetings?body=%00",
        "/api/v1/meetings?body=nuit&year=20%0021",
        "/api/v1/initiatives?search=%00",
        "/api/v1/organizations?search=a%00b",
        "/api/v1/roadmap/versions/1.0/chart.svg?area=%00",
        "/api/v1/audit?userName=%00",
        "/api/v1/bodies?x%00=1",
        "/?search=%00",
        "/moter?organ=%00",
    ];

    [Theory]
    [MemberData(nameof(NulUrls))]
    public async Task NUL_in_a_path_or_query_is_a_400_not_a_500(string url)
    {
        if (!Factory.Ready()) return;
        foreach (var user in new[] { As.Anonymous, As.Office })
        {
            using var response = await Client(user).GetAsync(url);
            await response.AssertStatusAsync(HttpStatusCode.BadRequest, $"{url} as {user}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(ApiHelpers.LooksNorwegian(text), text);
        }
    }

    [Fact]
    public async Task NUL_in_a_form_field_is_a_400_and_logs_no_one_in()
    {
        if (!Factory.Ready()) return;
        using var browser = Factory.BrowserClient();
        using var form = await browser.GetAsync("/logg-inn");
        var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
        using var response = await browser.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "kontor\0", ["password"] = SamstyringFactory.DemoPassword, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Logg ut", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task NUL_in_JSON_is_a_field_error_and_saves_nothing()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        var body = Proposal(UniqueName("Null") + "\0");
        using var response = await Client(As.Office).PostJsonAsync("/api/v1/initiatives", body);
        Assert.Contains("kontrolltegn", await response.AssertValidationProblemAsync("name"));

        var description = new
        {
            name = UniqueName("Null i beskrivelse"), description = "før\0etter", ownerId = await OrganizationIdAsync("Helse Sør-Øst RHF"),
            kind = "project", phase = "konsept",
        };
        using var second = await Client(As.Office).PostJsonAsync("/api/v1/initiatives", description);
        await second.AssertValidationProblemAsync("description");
        Assert.Equal(before, await CountInitiativesAsync());
    }

    public static TheoryData<string, string> InvisibleNames() => new()
    {
        { "right-to-left override", "Faktura\u202Efdp.exe" },
        { "left-to-right isolate", "Tiltak \u2066x\u2069" },
        { "zero-width space", "Helse\u200BSør" },
        { "zero-width joiner", "Helse\u200DSør" },
        { "byte order mark", "\uFEFFTiltak" },
    };

    [Theory]
    [MemberData(nameof(InvisibleNames))]
    public async Task A_name_with_direction_or_invisible_characters_is_refused(string what, string name)
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        // Everything else about the proposal is valid, so the name is the only thing refused.
        var owner = await OrganizationIdAsync("Helse Sør-Øst RHF");
        using var response = await Client(As.Office).PostJsonAsync("/api/v1/initiatives", Proposal(name + " " + Guid.NewGuid().ToString("N")[..6], owner));
        var message = await response.AssertValidationProblemAsync("name");
        Assert.True(message.Contains("U+", StringComparison.Ordinal), $"{what}: {message}");
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task Names_that_differ_only_in_Unicode_form_are_the_same_name()
    {
        if (!Factory.Ready()) return;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var composed = $"Pasientreise på Åland {suffix}"; // å and Å as single characters (NFC)
        var decomposed = $"Pasientreise pa\u030A A\u030Aland {suffix}"; // the same letters as a + combining ring (NFD)
        Assert.NotEqual(composed, decomposed);
        var owner = await OrganizationIdAsync("Helse Sør-Øst RHF");

        using (var first = await Client(As.Office).PostJsonAsync("/api/v1/initiatives", Proposal(decomposed, owner)))
        {
            await first.AssertStatusAsync(HttpStatusCode.Created);
            Assert.Equal(composed, (await first.ReadJsonAsync()).Str("name")); // stored as NFC
        }
        using var second = await Client(As.Office).PostJsonAsync("/api/v1/initiatives", Proposal(composed, owner));
        Assert.Contains("allerede", await second.AssertValidationProblemAsync("name"));
    }

    [Fact]
    public async Task Duplicate_JSON_keys_are_refused()
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();
        var name = UniqueName("Dobbel nøkkel");
        var json = $$"""{"name":"{{name}}","name":"Noe annet","kind":"project","ownerId":{{await OrganizationIdAsync("Helse Sør-Øst RHF")}}}""";
        using var response = await Client(As.Office).PostAsync("/api/v1/initiatives", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
        Assert.Equal(before, await CountInitiativesAsync());
    }

}

[Collection(SqliteCollection.Name)]
public sealed class HostileInputSqliteTests(SqliteFactory factory) : HostileInputTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HostileInputPostgresTests(PostgresFactory factory) : HostileInputTests(factory);
