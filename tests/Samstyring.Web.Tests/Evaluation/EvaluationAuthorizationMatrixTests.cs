using System.Net;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Evaluation;

/// <summary>
/// Who may call which evaluation endpoint, for every role. A published round is public; an unpublished round's scores
/// are "not found" for all but the office, council members and the panel. An actor's user (initiative owner or KS),
/// a council member or the office proposes; the office and the panel score; the office does the rest.
/// Judged by the shared <see cref="AuthorizationMatrix"/>: a refusal leaves the evaluation tables and the audit log as they were.
/// </summary>
public abstract class EvaluationAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/evaluations";
    private const int NotFound = 404;
    private static readonly int[] Public = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    private static readonly (string Operation, int[] Expected)[] ReadRules =
    [
        ("list", Public), ("principle-sets", Public), ("demo", Public), ("demo-csv", Public), ("demo-docx", Public), ("demo-pdf", Public),
        // Not published: the round itself is shown (without candidates) to all, its scores only to those who see it before.
        ("unpublished", Public),
        ("unpublished-csv", [NotFound, Ok, NotFound, NotFound, NotFound, Ok, NotFound, NotFound]),
    ];

    private static readonly (string Operation, int[] Expected)[] WriteRules =
    [
        ("create", [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // The operator and the TBU are functional accounts (adoption, calculations) and write nothing else: they do not propose.
        ("propose", [Unauthorized, Created, Created, Created, Created, Created, Forbidden, Forbidden]),
        // The panel is the council member (medlem): the office and the panel score.
        ("score", [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Created, Forbidden, Forbidden]),
        ("merge", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("target-area", [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("stage", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("panel", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("weights", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Reads() => Cases(ReadRules);

    public static TheoryData<string, As, int> Writes() => Cases(WriteRules);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Evaluation_read_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var url = await ReadUrlAsync(operation);
        await AssertAsync(new MatrixOperation(c => c.GetAsync(url), MatrixOperation.Nothing, async (response, _) =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
        }), Client(user), operation, user, expected);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Evaluation_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation);
        await AssertAsync(new MatrixOperation(send, SnapshotAsync), Client(user), operation, user, expected);
    }

    private async Task<string> ReadUrlAsync(string operation)
    {
        var demo = await DemoIdAsync();
        return operation switch
        {
            "list" => Api,
            "principle-sets" => $"{Api}/principle-sets",
            "demo" => $"{Api}/{demo}?top=2&draws=50",
            "demo-csv" => $"{Api}/{demo}/scores.csv",
            "demo-docx" => $"{Api}/{demo}/report.docx?draws=50",
            "demo-pdf" => $"{Api}/{demo}/report.pdf?draws=50",
            "unpublished" => $"{Api}/{await SharedUnpublishedAsync()}",
            "unpublished-csv" => $"{Api}/{await SharedUnpublishedAsync()}/scores.csv",
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation)
    {
        switch (operation)
        {
            case "create":
                return c => c.PostJsonAsync(Api, new { title = UniqueName("Matriserunde"), purpose = "target-areas" });
            case "propose":
            {
                var (id, _) = await NewRoundAsync();
                return c => c.PostJsonAsync($"{Api}/{id}/proposals", new { title = UniqueName("Målområde"), description = "Matrisen." });
            }
            case "score":
            {
                var (id, etag) = await NewRoundAsync();
                var candidate = await ProposeAsync(id);
                using var panel = await Client(As.Office).PutJsonAsync($"{Api}/{id}/panel", new { userNames = new[] { "medlem" } }, etag);
                await panel.AssertStatusAsync(HttpStatusCode.OK, "the panel");
                var scores = Enumerable.Range(1, 11).Select(n => new { principle = n, value = n % 5, reason = "Matrisen." }).ToArray();
                return c => c.PutJsonAsync($"{Api}/{id}/candidates/{candidate}/scores", new { scores });
            }
            case "merge":
            {
                var (id, _) = await NewRoundAsync();
                var keep = await ProposeAsync(id);
                var duplicate = await ProposeAsync(id);
                return c => c.PostJsonAsync($"{Api}/{id}/merge", new { keepId = keep, duplicateId = duplicate, version = 1 });
            }
            case "target-area":
            {
                var strategy = await WithDbAsync(db => db.Strategies.Where(x => x.Status == Samstyring.Core.Strategy.StrategyStatus.Draft).Select(x => x.Id).FirstAsync());
                using var created = await Client(As.Office).PostJsonAsync(Api, new { title = UniqueName("Matriserunde"), purpose = "target-areas", strategyId = strategy });
                await created.AssertStatusAsync(HttpStatusCode.Created, "a round for a strategy");
                var id = (await created.ReadJsonAsync())["summary"].Int("id");
                var candidate = await ProposeAsync(id);
                return c => c.PostAsync($"{Api}/{id}/candidates/{candidate}/target-area", null);
            }
            case "stage":
            {
                var (id, etag) = await NewRoundAsync();
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/{id}/stage", new { status = "scoring", published = true }, etag);
            }
            case "panel":
            {
                var (id, etag) = await NewRoundAsync();
                return c => c.PutJsonAsync($"{Api}/{id}/panel", new { userNames = new[] { "medlem", "ks" } }, etag);
            }
            default:
            {
                var (id, etag) = await NewRoundAsync();
                var caseId = await WithDbAsync(db => db.Cases.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
                var weights = Enumerable.Range(1, 11).Select(n => new { principle = n, weight = n }).ToArray();
                return c => c.PutJsonAsync($"{Api}/{id}/weights?draws=10", new { weights, caseId, decidedOn = "2022-02-04" }, etag);
            }
        }
    }

    private async Task<int> DemoIdAsync()
    {
        if (Factory.Ids.TryGetValue("evaluation:demo", out var id)) return id;
        return Factory.Ids["evaluation:demo"] = await WithDbAsync(db => db.Evaluations.Where(e => e.Title == Seeder.DemoEvaluationTitle).Select(e => e.Id).SingleAsync());
    }

    /// <summary>An unpublished round with one scored proposal, which the read cases look at and never change.</summary>
    private async Task<int> SharedUnpublishedAsync()
    {
        if (Factory.Ids.TryGetValue("evaluation:unpublished", out var id)) return id;
        var (round, _) = await NewRoundAsync();
        var candidate = await ProposeAsync(round);
        var scores = Enumerable.Range(1, 11).Select(n => new { principle = n, value = 2, reason = "Matrisen." }).ToArray();
        using var scored = await Client(As.Office).PutJsonAsync($"{Api}/{round}/candidates/{candidate}/scores", new { scores });
        await scored.AssertStatusAsync(HttpStatusCode.Created, "a score to hide");
        return Factory.Ids["evaluation:unpublished"] = round;
    }

    private async Task<(int Id, string ETag)> NewRoundAsync()
    {
        using var created = await Client(As.Office).PostJsonAsync(Api, new { title = UniqueName("Matriserunde"), purpose = "target-areas" });
        await created.AssertStatusAsync(HttpStatusCode.Created, "a round to work on");
        return ((await created.ReadJsonAsync())["summary"].Int("id"), created.Headers.ETag!.Tag);
    }

    private async Task<int> ProposeAsync(int round)
    {
        using var created = await Client(As.Ks).PostJsonAsync($"{Api}/{round}/proposals", new { title = UniqueName("Målområde"), description = "Matrisen." });
        await created.AssertStatusAsync(HttpStatusCode.Created, "a proposal to work on");
        return (await created.ReadJsonAsync()).Int("id");
    }

    /// <summary>The evaluation area in a line: rounds, candidates and sheets with their versions, panels, weights and the audit log.</summary>
    private Task<string> SnapshotAsync() => WithDbAsync(async db =>
    {
        var rounds = await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Id + ":" + e.Version).ToListAsync();
        var candidates = await db.EvaluationCandidates.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.MergedIntoId).ToListAsync();
        var sheets = await db.ScoreSheets.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Version).ToListAsync();
        var panel = await db.EvaluationPanelMembers.CountAsync();
        var weights = await db.EvaluationWeights.CountAsync();
        var audit = await db.AuditLog.CountAsync();
        return string.Join('|', string.Join(',', rounds), string.Join(',', candidates), string.Join(',', sheets), panel, weights, audit);
    });
}

public sealed class EvaluationAuthorizationMatrixSqliteTests(SqliteFactory factory) : EvaluationAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class EvaluationAuthorizationMatrixPostgresTests(PostgresFactory factory) : EvaluationAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
