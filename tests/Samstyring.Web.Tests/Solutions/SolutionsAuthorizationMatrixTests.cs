using System.Net;
using Microsoft.EntityFrameworkCore;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// Who may change the catalogue: only the portfolio office. Anonymous callers get 401, every other role 403 with a
/// Norwegian problem, and a refused call leaves the entry, its history and targets (and the audit log) as they were.
/// The reads are open to all. Each write case works on an entry of its own.
/// </summary>
public abstract class SolutionsAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/solutions";

    private static readonly (string Operation, int Success)[] Writes =
        [("update-solution", Ok), ("record-event", Created), ("add-target", Created), ("update-target", Ok)];

    public static TheoryData<string, As, int> Matrix() => OfficeOnly(Writes);

    /// <summary>Each operation changes its own entry, so the cases do not disturb each other.</summary>
    private static string KeyFor(string operation) => operation switch
    {
        "update-solution" => "preg",
        "record-event" => "adresseregisteret",
        "add-target" => "forskrivningsmodulen",
        _ => "helseid",
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Solutions_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var key = KeyFor(operation);
        var send = await PrepareAsync(operation, key);
        await AssertAsync(new MatrixOperation(send, () => SnapshotAsync(key)), Client(user), operation, user, expected);
    }

    public static TheoryData<string, As> Reads()
    {
        var data = new TheoryData<string, As>();
        foreach (var url in new[] { Api, $"{Api}/kjernejournal", "/api/v1/grunnmur", $"{Api}/kjernejournal/adoption", $"{Api}/kjernejournal/adoption/summary",
                     $"{Api}/kjernejournal/adoption.csv", $"{Api}/kjernejournal/adoption-map.svg", $"{Api}/kjernejournal/adoption-chart.svg", $"{Api}.csv" })
            foreach (var user in Enum.GetValues<As>()) data.Add(url, user);
        return data;
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Everyone_reads_the_catalogue_and_the_adoption(string url, As user)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync(url);
        await response.AssertStatusAsync(HttpStatusCode.OK, $"{url} as {user}");
    }

    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation, string key)
    {
        var (version, name) = await WithDbAsync(db => db.NationalSolutions.Where(s => s.Key == key).Select(s => new { s.Version, s.Name }).SingleAsync()) is var x
            ? (x.Version, x.Name) : default;
        var etag = $"\"{version}\"";
        switch (operation)
        {
            case "update-solution":
                return c => c.PutJsonAsync($"{Api}/{key}", new { name = name + " (matrise)", kind = "service", description = "Endret i matrisen." }, etag);
            case "record-event":
                return c => c.PostJsonAsync($"{Api}/{key}/events", new { on = "2023-01-01", lifecycle = "in-operation", note = "Matrisen.", version });
            case "add-target":
                return c => c.PostJsonAsync($"{Api}/{key}/targets", new { group = "municipalities", measure = "count", value = 10, dueOn = "2030-12-31", caseReference = "Sak 1/30" });
            default:
            {
                using var created = await Client(As.Office).PostJsonAsync($"{Api}/{key}/targets",
                    new { group = "municipalities", measure = "count", value = 10, dueOn = "2030-12-31", caseReference = "Sak 1/30" });
                await created.AssertStatusAsync(HttpStatusCode.Created);
                var target = await created.ReadJsonAsync();
                return c => c.PutJsonAsync($"{Api}/{key}/targets/{target.Int("id")}",
                    new { group = "municipalities", measure = "count", value = 20, dueOn = "2031-12-31", caseReference = "Sak 1/31" }, $"\"{target.Int("version")}\"");
            }
        }
    }

    private Task<string> SnapshotAsync(string key) => WithDbAsync(async db =>
    {
        var s = await db.NationalSolutions.AsNoTracking().SingleAsync(x => x.Key == key);
        var events = await db.SolutionEvents.CountAsync(e => e.SolutionId == s.Id);
        var targets = await db.AdoptionTargets.Where(t => t.SolutionId == s.Id).OrderBy(t => t.Id).Select(t => t.Version + ":" + t.Value).ToListAsync();
        return $"{s.Version}|{s.Name}|{events}|{string.Join(',', targets)}";
    });
}

public sealed class SolutionsAuthorizationMatrixSqliteTests(SqliteFactory factory) : SolutionsAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class SolutionsAuthorizationMatrixPostgresTests(PostgresFactory factory) : SolutionsAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
