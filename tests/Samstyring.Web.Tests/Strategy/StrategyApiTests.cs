using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Strategy;

/// <summary>
/// The strategy API as clients meet it: the public reads (codes, areas, steps with their case, coverage), drafts hidden
/// from outsiders, and the office's writes with versions (ETag/If-Match), Norwegian field errors and nothing half saved.
/// </summary>
public abstract class StrategyApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/strategies";

    private async Task<int> IdAsync(string title) =>
        (await Client(As.Office).GetArrayAsync(Api)).Single(s => s.Str("title") == title).Int("id");

    [Fact]
    public async Task The_public_reads_the_adopted_strategy_with_its_areas_steps_and_coverage_but_not_the_draft()
    {
        if (!Factory.Ready()) return;
        var list = await Anonymous.GetArrayAsync(Api);
        var adopted = list.Single(s => s.Str("title") == "Nasjonal e-helsestrategi 2017–2022");
        Assert.Equal(("adopted", "2017–2022", 6), (adopted.Str("status"), adopted.Str("period"), adopted.Int("areas")));
        Assert.DoesNotContain(list, s => s.Str("status") == "draft");

        var id = adopted.Int("id");
        var details = await Anonymous.GetJsonAsync($"{Api}/{id}");
        var areas = details["areas"]!.AsArray();
        Assert.Equal("Bedre bruk av helsedata", areas[2].Str("title"));
        Assert.Equal("Innrapportering, uthenting og sammenstilling av helsedata fra helseregistre skal forenkles.", areas[2].Str("goal"));
        Assert.Contains(areas[1]!["solutions"]!.AsArray(), s => s.Str("key") == "kjernejournal");
        // Roadmap 1.0 is published: its services are public links.
        Assert.Contains(areas[1]!["services"]!.AsArray(), s => s.Str("roadmapVersion") == "1.0" && s.Str("versionStatus") == "published");
        Assert.Equal("adopted", details["steps"]![0].Str("status"));

        var coverage = await Anonymous.GetJsonAsync($"{Api}/{id}/coverage");
        Assert.Equal(["Nasjonal styring av e-helse og økt gjennomføringsevne"], coverage["areasWithoutInitiative"]!.AsArray().Select(a => a.Str("title")));
        var data = coverage["areas"]!.AsArray().Single(a => a.Int("number") == 3)!;
        Assert.Equal(["Nasjonal Tarmscreening"], data["redFlags"]!.AsArray().Select(i => i.Str("name")));
        Assert.Equal("red", data["redFlags"]![0].Str("status"));
        Assert.Contains(coverage["initiativesWithoutArea"]!.AsArray(), i => i.Str("name") == "Statistisk logganalyse");
        Assert.True(coverage["total"]!["budgetOre"]!.GetValue<long>() > 0);

        var draft = await IdAsync("Nasjonal e-helsestrategi fra 2023");
        using var hidden = await Anonymous.GetAsync($"{Api}/{draft}");
        await hidden.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal($"Fant ingen strategi med id {draft}.", (await hidden.ReadJsonAsync()).Str("detail"));
        var seen = await Client(As.Member).GetJsonAsync($"{Api}/{draft}");
        Assert.Equal("Sammen om helhetlige, trygge og nyskapende tjenester som fremmer helse og mestring", seen.Str("vision"));
        Assert.Equal(new string?[] { "27/21", "40/21", null }, seen["steps"]!.AsArray().Select(s => s!["caseNumber"]?.GetValue<string>()));

        using var bad = await Anonymous.GetAsync($"{Api}/abc");
        await bad.AssertValidationProblemAsync("id");
    }

    [Fact]
    public async Task The_office_creates_a_strategy_adds_and_links_an_area_and_records_a_step_with_versions()
    {
        if (!Factory.Ready()) return;
        var office = Client(As.Office);
        using (var invalid = await office.PostJsonAsync(Api, new { title = "", fromYear = 2030, toYear = 2020 }))
        {
            await invalid.AssertValidationProblemAsync("title");
            var errors = (await invalid.ReadJsonAsync())["errors"]!;
            Assert.Equal("Siste år (2020) kan ikke være før første år (2030).", errors["toYear"]![0]!.GetValue<string>());
        }
        using (var broken = await office.PostJsonAsync(Api, new { title = "X", fromYear = "tjue", toYear = 2030 }))
            await broken.AssertValidationProblemAsync("fromYear");

        var title = UniqueName("API-strategi");
        using var created = await office.PostJsonAsync(Api, new { title, fromYear = 2031, toYear = 2036, vision = "Sammen om alt" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var id = (await created.ReadJsonAsync())["strategy"].Int("id");
        Assert.Equal($"{Api}/{id}", created.Headers.Location!.OriginalString);

        using (var noVersion = await office.PutJsonAsync($"{Api}/{id}", new { title, fromYear = 2031, toYear = 2037 }))
            await noVersion.AssertVersionRequiredAsync();
        using (var updated = await office.PutJsonAsync($"{Api}/{id}", new { title, fromYear = 2031, toYear = 2037, vision = "Sammen om alt" }, "\"1\""))
        {
            await updated.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(2037, (await updated.ReadJsonAsync())["strategy"].Int("toYear"));
        }
        using (var stale = await office.PutJsonAsync($"{Api}/{id}", new { title, fromYear = 2031, toYear = 2038 }, "\"1\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);

        using var area = await office.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/areas",
            new { number = 1, title = "Helsedata", goal = "Enklere tilgang", indicators = new[] { "Tid til data", "Andel registre" }, version = 2 });
        await area.AssertStatusAsync(HttpStatusCode.Created);
        var areaId = (await area.ReadJsonAsync()).Int("id");
        var initiative = await InitiativeIdAsync("Helsedataprogrammet");
        using (var unknown = await office.PutJsonAsync($"{Api}/{id}/areas/{areaId}", new { number = 1, title = "Helsedata", initiatives = new[] { initiative, 999_999 } }, "\"1\""))
            Assert.Equal("Fant ingen tiltak med id 999999.", await unknown.AssertValidationProblemAsync("initiatives"));
        using (var linked = await office.PutJsonAsync($"{Api}/{id}/areas/{areaId}",
                   new { number = 1, title = "Helsedata", goal = "Enklere tilgang", indicators = new[] { "Tid til data" }, initiatives = new[] { initiative } }, "\"1\""))
        {
            await linked.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("\"2\"", linked.Headers.ETag!.Tag);
            var view = await linked.ReadJsonAsync();
            Assert.Equal(["Tid til data"], view["indicators"]!.AsArray().Select(i => i!.GetValue<string>()));
            Assert.Equal("Helsedataprogrammet", view["initiatives"]![0].Str("name"));
        }

        using (var future = await office.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/steps", new { on = "2099-01-01", description = "Høring", status = "in-consultation", version = 3 }))
            await future.AssertValidationProblemAsync("on");
        using var step = await office.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/steps",
            new { on = DateTime.UtcNow.ToString("yyyy-MM-dd"), description = "Sendt på høring", status = "in-consultation", reference = "Høringsbrev" }, "\"3\"");
        await step.AssertStatusAsync(HttpStatusCode.OK);
        var after = await step.ReadJsonAsync();
        Assert.Equal(("in-consultation", 4), (after["strategy"].Str("status"), after["strategy"].Int("version")));

        // On consultation it is public, and its coverage shows the linked initiative.
        var coverage = await Anonymous.GetJsonAsync($"{Api}/{id}/coverage");
        Assert.Equal(["Helsedataprogrammet"], coverage["areas"]![0]!["initiatives"]!.AsArray().Select(i => i.Str("name")));
        Assert.Empty(coverage["areasWithoutInitiative"]!.AsArray());

        // An area added by mistake is deleted with the area's version; a second delete finds nothing.
        using var wrong = await office.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/areas", new { number = 9, title = "Feilregistrert" }, "\"4\"");
        await wrong.AssertStatusAsync(HttpStatusCode.Created);
        var wrongId = (await wrong.ReadJsonAsync()).Int("id");
        using (var noVersion = await office.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/{wrongId}", null))
            await noVersion.AssertVersionRequiredAsync();
        using (var stale = await office.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/{wrongId}", null, "\"7\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var badId = await office.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/tre", null, "\"1\""))
            await badId.AssertValidationProblemAsync("areaId");
        using (var deleted = await office.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/{wrongId}", null, wrong.Headers.ETag!.Tag))
            await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        using (var gone = await office.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/{wrongId}", null, wrong.Headers.ETag!.Tag))
            await gone.AssertStatusAsync(HttpStatusCode.NotFound);
        var left = await Anonymous.GetJsonAsync($"{Api}/{id}");
        Assert.Equal(["Helsedata"], left["areas"]!.AsArray().Select(a => a.Str("title")));
    }
}

public sealed class StrategyApiSqliteTests(SqliteFactory factory) : StrategyApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class StrategyApiPostgresTests(PostgresFactory factory) : StrategyApiTests(factory), IClassFixture<PostgresFactory>;
