using System.Globalization;

using Microsoft.Extensions.DependencyInjection;

using Samstyring.Core.Accounts;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Accounts;

/// <summary>
/// Who may read and change users and access requests: only the portfolio office. Anonymous callers get 401, every other
/// role 403 with a Norwegian problem, and a refused call leaves users, access requests and their versions as they were
/// (the shared <see cref="AuthorizationMatrix"/>). Each case works on a user or an access request of its own.
/// </summary>
public abstract class AccountsAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly (string Operation, int Success)[] Operations =
    [
        ("list-users", Ok), ("get-user", Ok), ("create-user", Created), ("update-user", Ok),
        ("list-access-requests", Ok), ("grant-access", Created), ("refuse-access", NoContent),
    ];

    public static TheoryData<string, As, int> Matrix() => OfficeOnly(Operations);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Accounts_answer_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation);
        Func<Task<string>> snapshot = operation.StartsWith("list-", StringComparison.Ordinal) || operation == "get-user" ? MatrixOperation.Nothing : SnapshotAsync;
        await AssertAsync(new MatrixOperation(send, snapshot), Client(user), operation, user, expected);
    }

    /// <summary>
    /// API tokens: every signed-in user lists, makes and revokes their own; an integration token (another role or
    /// organisation) is the office's to make; someone else's token is «not found» to all but the office. Rows in the order
    /// of <see cref="As"/>: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu. Each case works on a
    /// token of its own, made by eier-oslo.
    /// </summary>
    public static TheoryData<string, As, int> TokenMatrix() => Cases(
    [
        ("list-tokens", [Unauthorized, Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("get-token", [Unauthorized, Ok, NotFound, Ok, NotFound, NotFound, NotFound, NotFound]),
        ("create-token", [Unauthorized, Created, Created, Created, Created, Created, Created, Created]),
        ("create-integration-token", [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("revoke-token", [Unauthorized, NoContent, NotFound, NoContent, NotFound, NotFound, NotFound, NotFound]),
    ]);

    private const int NotFound = 404;

    [Theory]
    [MemberData(nameof(TokenMatrix))]
    public async Task Api_tokens_answer_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        Func<HttpClient, Task<HttpResponseMessage>> send;
        switch (operation)
        {
            case "list-tokens":
                send = c => c.GetAsync("/api/v1/tokens");
                break;
            case "get-token":
            {
                var (id, _) = await OsloTokenAsync();
                send = c => c.GetAsync($"/api/v1/tokens/{id}");
                break;
            }
            case "create-token":
                send = c => c.PostJsonAsync("/api/v1/tokens", new { name = "Matrise" });
                break;
            case "create-integration-token":
                send = c => c.PostJsonAsync("/api/v1/tokens", new { name = "Matrise integrasjon", role = "member", organization = "nhn" });
                break;
            case "revoke-token":
            {
                var (id, version) = await OsloTokenAsync();
                send = c => c.SendJsonAsync(HttpMethod.Delete, $"/api/v1/tokens/{id}", null, $"\"{version}\"");
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
        Func<Task<string>> snapshot = operation is "list-tokens" or "get-token" ? MatrixOperation.Nothing : TokensAsync;
        await AssertAsync(new MatrixOperation(send, snapshot), Client(user), operation, user, expected);
    }

    /// <summary>Every token with its version and status, as the office reads them.</summary>
    private async Task<string> TokensAsync() => (await Office.GetArrayAsync("/api/v1/tokens")).ToJsonString();

    private async Task<(int Id, int Version)> OsloTokenAsync()
    {
        using var created = await Client(As.OwnerOslo).PostJsonAsync("/api/v1/tokens", new { name = "Matrise Oslo" });
        await created.AssertStatusAsync(System.Net.HttpStatusCode.Created);
        var details = (await created.ReadJsonAsync())["details"];
        return (details.Int("id"), details.Int("version"));
    }

    /// <summary>Users and waiting requests with their versions, as the office reads them.</summary>
    private async Task<string> SnapshotAsync() =>
        (await Office.GetArrayAsync("/api/v1/users")).ToJsonString() + (await Office.GetArrayAsync("/api/v1/access-requests")).ToJsonString();

    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation)
    {
        switch (operation)
        {
            case "list-users":
                return c => c.GetAsync("/api/v1/users");
            case "get-user":
            {
                var (id, _) = await NewUserAsync();
                return c => c.GetAsync($"/api/v1/users/{id}");
            }
            case "create-user":
            {
                var name = NewUserName();
                return c => c.PostJsonAsync("/api/v1/users", new { userName = name, displayName = "Matrise Testesen", role = "member", email = $"{name}@example.no" });
            }
            case "update-user":
            {
                var (id, version) = await NewUserAsync();
                return c => c.PutJsonAsync($"/api/v1/users/{id}", new { displayName = "Matrise Endret", role = "member", version });
            }
            case "list-access-requests":
                return c => c.GetAsync("/api/v1/access-requests");
            case "grant-access":
            {
                var request = await WaitingAsync();
                var name = NewUserName();
                return c => c.PostJsonAsync($"/api/v1/access-requests/{request}/grant", new { userName = name, role = "member", version = 1 });
            }
            case "refuse-access":
            {
                var request = await WaitingAsync();
                return c => c.SendJsonAsync(HttpMethod.Delete, $"/api/v1/access-requests/{request}", null, "\"1\"");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static string NewUserName() => "matrise." + Guid.NewGuid().ToString("N")[..10];

    private async Task<(int Id, int Version)> NewUserAsync()
    {
        var name = NewUserName();
        using var created = await Office.PostJsonAsync("/api/v1/users", new { userName = name, displayName = "Matrise Testesen", role = "member", email = $"{name}@example.no" });
        await created.AssertStatusAsync(System.Net.HttpStatusCode.Created);
        var body = await created.ReadJsonAsync();
        return (body.Int("id"), body.Int("version"));
    }

    /// <summary>Someone unknown signs in through a provider and waits: the access request's id (version 1).</summary>
    private async Task<int> WaitingAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var subject = Guid.NewGuid().ToString("N");
        var result = await scope.ServiceProvider.GetRequiredService<SignInExternal>().HandleAsync(
            new ExternalIdentity("helseid", subject, "Ukjent Person", null, null, null, null));
        return result.AccessRequestId ?? throw new Xunit.Sdk.XunitException($"subject {subject.ToString(CultureInfo.InvariantCulture)} was let in");
    }
}

public sealed class AccountsAuthorizationMatrixSqliteTests(SqliteFactory factory) : AccountsAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class AccountsAuthorizationMatrixPostgresTests(PostgresFactory factory) : AccountsAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
