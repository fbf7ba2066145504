using System.Net;
using System.Text;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>Bad input over the API is a 400 problem with Norwegian field errors and saves nothing; markup is data, never HTML.</summary>
public abstract class ValidationTests(SamstyringFactory factory) : WebTest(factory)
{
    public static TheoryData<string, string, object?> BadProposals() => new()
    {
        { "oversize name", "name", new string('x', 201) },
        { "unknown kind", "kind", "spaceship" },
        { "impossible date", "plannedStart", "2021-02-30" },
        { "end before start", "plannedEnd", null },
    };

    [Theory]
    [MemberData(nameof(BadProposals))]
    public async Task Invalid_proposal_is_a_400_problem_and_saves_nothing(string what, string field, object? value)
    {
        if (!Factory.Ready()) return;
        var body = new Dictionary<string, object?>
        {
            ["name"] = UniqueName("Ugyldig forslag"), ["description"] = what, ["kind"] = "project", ["phase"] = "ide",
            ["plannedStart"] = "2022-06-01", ["plannedEnd"] = "2023-06-01",
        };
        if (what == "end before start") body["plannedEnd"] = "2022-05-31";
        else body[field] = value;
        var before = await CountInitiativesAsync();

        using var response = await Client(As.OwnerHso).PostJsonAsync("/api/v1/initiatives", body);

        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task Invalid_update_is_a_400_problem_and_changes_nothing()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Nasjonal Tarmscreening");
        var details = await InitiativeAsync(id);
        var body = UpdateBody(details, name: new string('y', 201));
        body["kind"] = "spaceship";
        body["plannedStart"] = "2021-02-30";

        using var response = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}", body, ifMatch: $"\"{details.Int("version")}\"");

        await response.AssertValidationProblemAsync("name");
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("kind") && errors.ContainsKey("plannedStart"), errors.ToJsonString());
        Assert.Equal(details.ToJsonString(), (await InitiativeAsync(id)).ToJsonString());
    }

    [Theory]
    [InlineData("{\"name\": \"Halvferdig\", ")]
    [InlineData("ikke json i det hele tatt")]
    [InlineData("{\"name\": 42, \"kind\": [1,2]}")]
    public async Task Malformed_json_is_a_400_problem_and_saves_nothing(string json)
    {
        if (!Factory.Ready()) return;
        var before = await CountInitiativesAsync();

        using var response = await Client(As.OwnerHso).PostJsonAsync("/api/v1/initiatives",
            new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.Int("status"));
        Assert.True(ApiHelpers.LooksNorwegian(problem.Str("title") + " " + problem["detail"]?.GetValue<string>()), problem.ToJsonString());
        Assert.Equal(before, await CountInitiativesAsync());
    }

    [Fact]
    public async Task Script_in_a_name_is_stored_as_text_and_encoded_on_pages()
    {
        if (!Factory.Ready()) return;
        var name = "<script>alert(1)</script> " + Guid.NewGuid().ToString("N")[..6];
        var id = await ProposeAsync(As.OwnerHso, name);

        Assert.Equal(name, (await InitiativeAsync(id)).Str("name"));
        var listed = await Anonymous.GetArrayAsync("/api/v1/initiatives?lifecycle=candidate");
        Assert.Contains(listed, r => r.Str("name") == name);

        foreach (var page in new[] { $"/tiltak/{id}", "/" })
        {
            using var response = await Anonymous.GetAsync(page);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ValidationSqliteTests(SqliteFactory factory) : ValidationTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ValidationPostgresTests(PostgresFactory factory) : ValidationTests(factory);
