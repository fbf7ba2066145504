using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Strategy;

/// <summary>
/// Who may call which strategy endpoint, for every role. Strategies on consultation, adopted or replaced are public; a
/// draft is "not found" for all but the office and council members; only the office writes. Judged by the shared
/// <see cref="AuthorizationMatrix"/>: a refusal leaves the strategy tables (and the audit log) as they were.
/// </summary>
public abstract class StrategyAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/strategies";
    private const int NotFound = 404;
    private static readonly int[] Public = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static readonly int[] DraftReaders = [NotFound, Ok, NotFound, NotFound, NotFound, Ok, NotFound, NotFound];

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    private static readonly (string Operation, int[] Expected)[] ReadRules =
    [
        ("list", Public), ("adopted", Public), ("adopted-area", Public), ("adopted-coverage", Public),
        ("draft", DraftReaders), ("draft-coverage", DraftReaders),
        ("list-page", Public), ("adopted-page", Public), ("coverage-page", Public), ("draft-page", DraftReaders),
    ];

    private static readonly (string Operation, int Success)[] WriteRules =
    [
        ("create", Created), ("update", Ok), ("step", Ok), ("add-area", Created), ("update-area", Ok), ("delete-area", NoContent),
    ];

    public static TheoryData<string, As, int> Reads() => Cases(ReadRules);

    public static TheoryData<string, As, int> Writes() => OfficeOnly(WriteRules);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Strategy_read_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var url = await ReadUrlAsync(operation);
        await AssertAsync(new MatrixOperation(c => c.GetAsync(url), MatrixOperation.Nothing, async (response, _) =>
        {
            // A hidden draft is a Norwegian "not found", the same as a strategy that does not exist.
            if (response.StatusCode == HttpStatusCode.NotFound && url.StartsWith(Api, StringComparison.Ordinal))
                Assert.StartsWith("Fant ingen strategi med id", (await response.ReadJsonAsync()).Str("detail"), StringComparison.Ordinal);
        }), Client(user), operation, user, expected);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Strategy_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation);
        await AssertAsync(new MatrixOperation(send, SnapshotAsync), Client(user), operation, user, expected);
    }

    private async Task<string> ReadUrlAsync(string operation)
    {
        var (adopted, area, draft) = await DemoIdsAsync();
        return operation switch
        {
            "list" => Api,
            "adopted" => $"{Api}/{adopted}",
            "adopted-area" => $"{Api}/{adopted}/areas/{area}",
            "adopted-coverage" => $"{Api}/{adopted}/coverage",
            "draft" => $"{Api}/{draft}",
            "draft-coverage" => $"{Api}/{draft}/coverage",
            "list-page" => "/strategi",
            "adopted-page" => $"/strategi/{adopted}",
            "coverage-page" => $"/strategi/{adopted}/dekning",
            "draft-page" => $"/strategi/{draft}",
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private Task<(int Adopted, int Area, int Draft)> DemoIdsAsync() => WithDbAsync(async db =>
    {
        var adopted = await db.Strategies.Where(s => s.FromYear == 2017).Select(s => s.Id).SingleAsync();
        var area = await db.TargetAreas.Where(a => a.StrategyId == adopted && a.Number == 1).Select(a => a.Id).SingleAsync();
        var draft = await db.Strategies.Where(s => s.FromYear == 2023).Select(s => s.Id).SingleAsync();
        return (adopted, area, draft);
    });

    /// <summary>Each write case gets a strategy of its own, made by the office, so that the cases do not disturb each other.</summary>
    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (operation == "create")
            return c => c.PostJsonAsync(Api, new { title = UniqueName("Matrisestrategi"), fromYear = 2041, toYear = 2045 });
        using var created = await Client(As.Office).PostJsonAsync(Api, new { title = UniqueName("Matrisestrategi"), fromYear = 2041, toYear = 2045 });
        await created.AssertStatusAsync(HttpStatusCode.Created, "a strategy to work on");
        var id = (await created.ReadJsonAsync())["strategy"].Int("id");
        var etag = created.Headers.ETag!.Tag;
        switch (operation)
        {
            case "update":
                return c => c.PutJsonAsync($"{Api}/{id}", new { title = UniqueName("Endret"), fromYear = 2041, toYear = 2046 }, etag);
            case "step":
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/steps", new { on = today, description = "Drøftet i matrisen", reference = "Matrisen" }, etag);
            case "add-area":
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/areas", new { number = 1, title = "Matriseområde" }, etag);
            default:
            {
                using var area = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/areas", new { number = 1, title = "Matriseområde" }, etag);
                await area.AssertStatusAsync(HttpStatusCode.Created, "an area to work on");
                var areaId = (await area.ReadJsonAsync()).Int("id");
                if (operation == "delete-area")
                    return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/{id}/areas/{areaId}", null, area.Headers.ETag!.Tag);
                var initiative = await InitiativeIdAsync("Helsedataprogrammet");
                return c => c.PutJsonAsync($"{Api}/{id}/areas/{areaId}", new { number = 1, title = "Matriseområde", initiatives = new[] { initiative } },
                    area.Headers.ETag!.Tag);
            }
        }
    }

    private Task<string> SnapshotAsync() => WithDbAsync(async db =>
    {
        var strategies = await db.Strategies.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Version).ToListAsync();
        var steps = await db.StrategySteps.CountAsync();
        var areas = await db.TargetAreas.OrderBy(a => a.Id).Select(a => a.Id + ":" + a.Version).ToListAsync();
        var links = await db.TargetAreaInitiatives.CountAsync();
        var audit = await db.AuditLog.CountAsync();
        return string.Join('|', string.Join(',', strategies), steps, string.Join(',', areas), links, audit);
    });
}

public sealed class StrategyAuthorizationMatrixSqliteTests(SqliteFactory factory) : StrategyAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class StrategyAuthorizationMatrixPostgresTests(PostgresFactory factory) : StrategyAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
