using System.Net;

namespace Samstyring.Web.Tests;

/// <summary>
/// One call in an authorisation matrix: the request, a snapshot of what it may change (read as someone who sees it
/// all; empty for reads), and what to check afterwards when the call was not refused.
/// </summary>
public sealed record MatrixOperation(
    Func<HttpClient, Task<HttpResponseMessage>> Send,
    Func<Task<string>> Snapshot,
    Func<HttpResponseMessage, As, Task>? Afterwards = null)
{
    public static Task<string> Nothing() => Task.FromResult("");
}

/// <summary>
/// The harness every area's authorisation matrix shares: the expected status per operation and role becomes theory data,
/// and each call is judged the same way. A refused call (401/403) is a Norwegian problem and leaves the snapshot exactly
/// as it was, as does any other refusal (a 400 saves nothing); a successful write changes it.
/// </summary>
public static class AuthorizationMatrix
{
    public const int Ok = 200, Created = 201, NoContent = 204, BadRequest = 400, Unauthorized = 401, Forbidden = 403;

    /// <summary>Rows of expected statuses in the order of <see cref="As"/>: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    public static TheoryData<string, As, int> Cases(IEnumerable<(string Operation, int[] Expected)> rules)
    {
        var roles = Enum.GetValues<As>();
        var data = new TheoryData<string, As, int>();
        foreach (var (operation, expected) in rules)
        {
            if (expected.Length != roles.Length)
                throw new ArgumentException($"«{operation}» gives {expected.Length} statuses for {roles.Length} roles.", nameof(rules));
            for (var role = 0; role < expected.Length; role++) data.Add(operation, roles[role], expected[role]);
        }
        return data;
    }

    /// <summary>Operations only the office may call: anonymous 401, the office the given success, everyone else 403.</summary>
    public static TheoryData<string, As, int> OfficeOnly(IEnumerable<(string Operation, int Success)> operations) =>
        Cases(operations.Select(o => (o.Operation,
            Enum.GetValues<As>().Select(user => user switch { As.Anonymous => Unauthorized, As.Office => o.Success, _ => Forbidden }).ToArray())));

    /// <summary>Sends the call as <paramref name="client"/> and checks the answer and what it left behind.</summary>
    public static async Task AssertAsync(MatrixOperation op, HttpClient client, string operation, As user, int expected)
    {
        var before = await op.Snapshot();

        using var response = await op.Send(client);
        await response.AssertStatusAsync((HttpStatusCode)expected, $"{operation} as {user}");

        if (expected is Unauthorized or Forbidden)
        {
            Assert.Equal(before, await op.Snapshot());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (expected == Forbidden) Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")), $"{operation} as {user}: detail");
            return;
        }
        if (expected >= 400) Assert.Equal(before, await op.Snapshot());
        else if (before != "") Assert.NotEqual(before, await op.Snapshot());
        if (op.Afterwards is not null) await op.Afterwards(response, user);
    }
}
