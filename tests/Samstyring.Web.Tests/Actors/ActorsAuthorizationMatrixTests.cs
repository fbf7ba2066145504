using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Actors;

/// <summary>Who may change an organisation in the actor registry: the office only; everyone may read it.</summary>
public abstract class ActorsAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Hso = "Helse Sør-Øst RHF";

    public static TheoryData<string, As, int> Matrix() => OfficeOnly([("organization-put", Ok)]);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Actor_registry_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
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
