using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Actors;

/// <summary>Who may register or change an organisation in the actor registry: the office only; everyone may read it.</summary>
public abstract class ActorsAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Hso = "Helse Sør-Øst RHF";

    public static TheoryData<string, As, int> Matrix() => OfficeOnly([("organization-put", Ok), ("organization-post", Created), ("population-import", Ok)]);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Actor_registry_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        if (operation == "population-import")
        {
            // A date of its own, replaced if a run before left it: the office's import adds or changes it, a refusal leaves the list as it was.
            var csv = await PopulationTests.FullCsvAsync(Anonymous, add: Random.Shared.Next(1, 1000));
            var import = new MatrixOperation(
                c => c.PostAsync("/api/v1/organizations/population?on=2025-03-01&replace=true", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")),
                async () => (await Anonymous.GetArrayAsync("/api/v1/organizations/population")).ToJsonString());
            await AssertAsync(import, Client(user), operation, user, expected);
            return;
        }
        if (operation == "organization-post")
        {
            // A new actor with an organisation number of its own: the office adds it to the registry, a refusal adds nothing.
            var number = CreateOrganizationTests.NewOrgNumber();
            var create = new MatrixOperation(
                c => c.PostJsonAsync("/api/v1/organizations", new { name = "Matriseaktør " + number, orgNumber = number, type = "annet", actorGroup = "annet" }),
                async () => (await Anonymous.GetArrayAsync("/api/v1/organizations?search=Matriseakt")).ToJsonString(),
                async (response, _) =>
                {
                    var created = await response.ReadJsonAsync();
                    Assert.Equal($"/api/v1/organizations/{created.Int("id")}", response.Headers.Location?.OriginalString);
                    Assert.Equal(number, (await Anonymous.GetJsonAsync($"/api/v1/organizations/{created.Int("id")}")).Str("orgNumber"));
                });
            await AssertAsync(create, Client(user), operation, user, expected);
            return;
        }
        var id = await OrganizationIdAsync(Hso);
        var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
        var body = new
        {
            name = org.Str("name"), shortName = org["shortName"]?.GetValue<string>(), orgNumber = org["orgNumber"]?.GetValue<string>(),
            type = org.Str("type"), actorGroup = org.Str("actorGroup"), region = org["region"]?.GetValue<string>(),
            owners = org["owners"]!.AsArray().Select(o => new { id = o!.Int("id"), share = o!["share"]?.GetValue<decimal>() }).ToList(), population = (org["population"]?.GetValue<int>() ?? 0) + 1, version = org.Int("version"),
        };
        var op = new MatrixOperation(
            c => c.PutJsonAsync($"/api/v1/organizations/{id}", body),
            async () => (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}")).ToJsonString(),
            async (_, _) => Assert.Equal(org.Int("version") + 1, (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}")).Int("version")));
        await AssertAsync(op, Client(user), operation, user, expected);
    }
}

public sealed class ActorsAuthorizationMatrixSqliteTests(SqliteFactory factory) : ActorsAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class ActorsAuthorizationMatrixPostgresTests(PostgresFactory factory) : ActorsAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
