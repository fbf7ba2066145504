using System.Net;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>Optimistic concurrency over HTTP: ETag out, If-Match (or body version) in, 412 when someone saved first.</summary>
public abstract class ConcurrencyTests(SamstyringFactory factory) : WebTest(factory)
{
    // Owned by Helse Sør-Øst RHF, so eier-hso may change it.
    private const string Target = "Digital hjemmeoppfølging og prosessplattform";

    [Fact]
    public async Task Two_parallel_updates_from_the_same_version_give_one_200_and_one_412()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync(Target);
        using var get = await Anonymous.GetAsync($"/api/v1/initiatives/{id}");
        await get.AssertStatusAsync(HttpStatusCode.OK);
        var details = await get.ReadJsonAsync();
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal($"\"{details.Int("version")}\"", etag);

        var owner = Client(As.OwnerHso);
        var office = Client(As.Office);
        var first = UpdateBody(details);
        first["description"] = "Endret av tiltakseier";
        var second = UpdateBody(details);
        second["description"] = "Endret av porteføljekontoret";

        var responses = await Task.WhenAll(
            owner.PutJsonAsync($"/api/v1/initiatives/{id}", first, ifMatch: etag),
            office.PutJsonAsync($"/api/v1/initiatives/{id}", second, ifMatch: etag));
        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.True(codes is [200, 412], $"expected one 200 and one 412, got {string.Join(", ", codes)}");
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);

            Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
            var problem = await loser.ReadJsonAsync();
            Assert.Equal(412, problem.Int("status"));
            Assert.Contains("Noen andre har lagret endringer", problem.Str("detail"));
            Assert.Equal("Endret av noen andre", problem.Str("title"));

            // The winner's change is stored, exactly once.
            var after = await InitiativeAsync(id);
            Assert.Equal(details.Int("version") + 1, after.Int("version"));
            var expected = winner == responses[0] ? "Endret av tiltakseier" : "Endret av porteføljekontoret";
            Assert.Equal(expected, after.Str("description"));
            Assert.Equal($"\"{after.Int("version")}\"", winner.Headers.ETag?.Tag);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Update_without_a_version_is_a_428_and_changes_nothing()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync(Target);
        var details = await InitiativeAsync(id);
        var body = UpdateBody(details);
        body["description"] = "Uten versjon";

        using var response = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", body);

        await response.AssertVersionRequiredAsync();
        Assert.Equal(details.Int("version"), (await InitiativeAsync(id)).Int("version"));
    }

    [Fact]
    public async Task Stale_If_Match_is_412_and_changes_nothing()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync(Target);
        var details = await InitiativeAsync(id);
        var version = details.Int("version");
        var body = UpdateBody(details);
        body["description"] = "Fersk endring " + Guid.NewGuid().ToString("N")[..6];
        using (var ok = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", body, ifMatch: $"\"{version}\""))
            await ok.AssertStatusAsync(HttpStatusCode.OK);
        var current = await InitiativeAsync(id);

        var stale = UpdateBody(details);
        stale["description"] = "Gammel endring";
        using var response = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", stale, ifMatch: $"\"{version}\"");

        await response.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
        Assert.Equal(current.ToJsonString(), (await InitiativeAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task Version_in_the_body_works_like_If_Match()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync(Target);
        var details = await InitiativeAsync(id);
        var body = UpdateBody(details);
        body["description"] = "Med versjon i body";
        body["version"] = details.Int("version");
        using (var ok = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", body))
            await ok.AssertStatusAsync(HttpStatusCode.OK);

        // The same body again is now stale.
        using var stale = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", body);
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConcurrencySqliteTests(SqliteFactory factory) : ConcurrencyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyPostgresTests(PostgresFactory factory) : ConcurrencyTests(factory);
