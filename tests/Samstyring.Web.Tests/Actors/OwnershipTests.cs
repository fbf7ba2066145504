using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Actors;

/// <summary>
/// Shared ownership as readers and the office meet it: the API lists every owner with its share, the actor page says
/// «andel ikke oppgitt» where the share is not known, and the edit form and the API refuse bad owner lists in Norwegian.
/// </summary>
public abstract class OwnershipTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Ikt = "Nasjonal IKT HF", Hdo = "Helsetjenestens driftsorganisasjon for nødnett HF";

    private static Dictionary<string, object?> Body(JsonNode org, object owners, int? version = null) => new()
    {
        ["name"] = org.Str("name"), ["shortName"] = org["shortName"]?.GetValue<string>(), ["orgNumber"] = org["orgNumber"]?.GetValue<string>(),
        ["type"] = org.Str("type"), ["actorGroup"] = org.Str("actorGroup"), ["region"] = org["region"]?.GetValue<string>(),
        ["owners"] = owners, ["population"] = org["population"]?.GetValue<int>(), ["version"] = version ?? org.Int("version"),
    };

    [Fact]
    public async Task The_API_lists_the_four_regional_owners_of_Nasjonal_IKT_with_shares_not_given()
    {
        if (!Factory.Ready()) return;
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{await OrganizationIdAsync(Ikt)}");

        var owners = org["owners"]!.AsArray();
        Assert.Equal(["Helse Midt-Norge RHF", "Helse Nord RHF", "Helse Sør-Øst RHF", "Helse Vest RHF"], owners.Select(o => o.Str("name")));
        Assert.All(owners, o => { Assert.True(o.Int("id") > 0); Assert.True(o!.AsObject().ContainsKey("share")); Assert.Null(o["share"]); });
        Assert.Null(org["owner"]);

        var list = await Anonymous.GetArrayAsync("/api/v1/organizations?search=Nasjonal%20IKT");
        Assert.Equal(4, Assert.Single(list)!["ownerNames"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_actor_page_shows_every_owner_and_says_when_the_share_is_not_given()
    {
        if (!Factory.Ready()) return;
        var html = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/aktorer/{await OrganizationIdAsync(Ikt)}"));

        Assert.Contains("<dt>Eiere</dt>", html);
        foreach (var rhf in new[] { "Helse Nord RHF", "Helse Midt-Norge RHF", "Helse Vest RHF", "Helse Sør-Øst RHF" })
            Assert.Contains($"{rhf}</a> (andel ikke oppgitt)", html);
    }

    [Fact]
    public async Task The_office_changes_owners_and_shares_through_the_API_and_the_page_shows_the_shares()
    {
        if (!Factory.Ready()) return;
        var id = await OrganizationIdAsync(Hdo);
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        var ids = org["owners"]!.AsArray().Select(o => o.Int("id")).ToList();
        var office = Client(As.Office);

        using var saved = await office.PutJsonAsync($"/api/v1/organizations/{id}",
            Body(org, ids.Select(x => new { id = x, share = 25m }).ToList()));
        await saved.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(org.Int("version") + 1, (await saved.ReadJsonAsync()).Int("version"));

        var after = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.All(after["owners"]!.AsArray(), o => Assert.Equal(25m, o!["share"]!.GetValue<decimal>()));
        var html = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/aktorer/{id}"));
        Assert.Contains("Helse Nord RHF</a> (25\u00A0%)", html);
        Assert.DoesNotContain("andel ikke oppgitt", html);

        // The version sent before is stale now: 412, and nothing changes.
        using var stale = await office.PutJsonAsync($"/api/v1/organizations/{id}", Body(org, Array.Empty<object>()));
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(4, (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}"))["owners"]!.AsArray().Count);

        var audit = await office.GetStringAsync("/api/v1/audit?entityType=OrganizationOwner");
        Assert.Contains($"\"{id},{ids[0]}\"", audit);
    }

    [Fact]
    public async Task The_API_refuses_a_bad_owner_list_with_Norwegian_field_errors()
    {
        if (!Factory.Ready()) return;
        var id = await OrganizationIdAsync(Ikt);
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        var nord = await OrganizationIdAsync("Helse Nord RHF");

        using var self = await Client(As.Office).PutJsonAsync($"/api/v1/organizations/{id}",
            Body(org, new object[] { new { id, share = (decimal?)null }, new { id = nord, share = 101m } }));
        Assert.Equal("En aktør kan ikke eie seg selv.", await self.AssertValidationProblemAsync("owners[0].id"));

        using var sum = await Client(As.Office).PutJsonAsync($"/api/v1/organizations/{id}",
            Body(org, new object[] { new { id = nord, share = 70m }, new { id = await OrganizationIdAsync("Helse Vest RHF"), share = 40m } }));
        Assert.StartsWith("Eierandelene er til sammen 110", await sum.AssertValidationProblemAsync("owners"));
        Assert.Equal(org.Int("version"), (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}")).Int("version"));
    }

    [Fact]
    public async Task The_edit_form_edits_the_owner_rows_and_shows_each_error_on_its_row()
    {
        if (!Factory.Ready()) return;
        var id = await OrganizationIdAsync("Norsk Helsenett SF");
        var hod = await OrganizationIdAsync("Helse- og omsorgsdepartementet");
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        var form = await browser.GetStringAsync($"/aktorer/{id}/endre");
        Assert.Contains("name=\"owners[0].id\"", form);
        Assert.Contains("name=\"owners[1].share\"", form); // a blank row to add an owner

        Dictionary<string, string> Post(string firstShare, string secondOwner, string secondShare) => new()
        {
            ["name"] = org.Str("name"), ["shortName"] = org["shortName"]?.GetValue<string>() ?? "", ["orgNumber"] = org["orgNumber"]?.GetValue<string>() ?? "",
            ["type"] = org.Str("type"), ["actorGroup"] = org.Str("actorGroup"), ["region"] = "", ["population"] = "",
            ["owners[0].id"] = hod.ToString(), ["owners[0].share"] = firstShare,
            ["owners[1].id"] = "", ["owners[1].share"] = "",
            ["owners[2].id"] = secondOwner, ["owners[2].share"] = secondShare,
            ["version"] = org.Int("version").ToString(), ["__RequestVerificationToken"] = Forms.AntiforgeryToken(form),
        };

        // Row 3 (after a blank row) names the actor itself and has a share that is no number: both errors sit on row 3.
        using var refused = await browser.PostAsync($"/aktorer/{id}/endre", new FormUrlEncodedContent(Post("50", id.ToString(), "mye")));
        await refused.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"owners[2]_share-error\">Eierandelen i rad 3 må være et tall fra 0 til 100, for eksempel 25 eller 33,33.</p>", html);

        using var self = await browser.PostAsync($"/aktorer/{id}/endre", new FormUrlEncodedContent(Post("50", id.ToString(), "")));
        var selfHtml = WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync());
        Assert.Contains("id=\"owners[2]_id-error\">En aktør kan ikke eie seg selv.</p>", selfHtml);

        using var saved = await browser.PostAsync($"/aktorer/{id}/endre", new FormUrlEncodedContent(Post("100", "", "")));
        await saved.AssertStatusAsync(HttpStatusCode.Redirect);
        var after = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        var owner = Assert.Single(after["owners"]!.AsArray());
        Assert.Equal((hod, 100m), (owner.Int("id"), owner!["share"]!.GetValue<decimal>()));
    }
}

public sealed class OwnershipSqliteTests(SqliteFactory factory) : OwnershipTests(factory), IClassFixture<SqliteFactory>;

public sealed class OwnershipPostgresTests(PostgresFactory factory) : OwnershipTests(factory), IClassFixture<PostgresFactory>;
