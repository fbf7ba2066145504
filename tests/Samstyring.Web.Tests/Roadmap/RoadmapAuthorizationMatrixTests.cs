using System.Net;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Roadmap;

/// <summary>
/// Who may call which roadmap write endpoint: only the portfolio office. Anonymous callers get 401, every other role 403
/// with a Norwegian problem, and a refused call leaves the roadmap (as the office reads it) and the audit log as they were
/// (the shared <see cref="AuthorizationMatrix"/>).
/// Each case works on a draft of its own.
/// </summary>
public abstract class RoadmapAuthorizationMatrixTests(SamstyringFactory factory) : RoadmapWebTest(factory)
{
    private static readonly (string Operation, int Success)[] Operations =
    [
        ("create-draft", Created), ("update-version", Ok), ("delete-draft", NoContent), ("advance", Ok),
        ("add-service", Created), ("update-service", Ok), ("remove-service", NoContent),
        ("add-plan", Created), ("update-plan", Ok), ("remove-plan", NoContent),
        ("add-dependency", Created), ("remove-dependency", NoContent),
        ("add-milestone", Created), ("update-milestone", Ok), ("remove-milestone", NoContent),
        ("add-prerequisite", Created), ("update-prerequisite", Ok), ("remove-prerequisite", NoContent),
        ("add-phase", Created), ("update-phase", Ok), ("remove-phase", NoContent),
    ];

    public static TheoryData<string, As, int> Matrix() => OfficeOnly(Operations);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Roadmap_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        // Built on the published 1.0, so the draft can be recommended in NUIT 39/21 (which recommended 21.1, after 1.0).
        var draft = await CreateDraftAsync(number, basedOn: "1.0");
        var send = await PrepareAsync(operation, number, draft);
        await AssertAsync(new MatrixOperation(send, () => SnapshotAsync(number)), Client(user), operation, user, expected);
    }

    [Fact]
    public async Task Refusal_comes_before_not_found()
    {
        if (!Factory.Ready()) return;
        // An outsider learns nothing about which versions or ids exist.
        using var owner = await Client(As.OwnerHso).PutJsonAsync($"{Api}/plans/999999", new { actorGroup = "Legevakt", kind = "trial", written = "2024", version = 1 });
        await owner.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var member = await Client(As.Member).SendJsonAsync(HttpMethod.Post, $"{Api}/versions/9999.9/steps", new { step = "recommended", version = 1 });
        await member.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var office = await Office.PutJsonAsync($"{Api}/plans/999999", new { actorGroup = "Legevakt", kind = "trial", written = "2024", version = 1 });
        await office.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The request for <paramref name="operation"/> on the test's own draft; ids and versions looked up as the office.</summary>
    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation, string number, System.Text.Json.Nodes.JsonNode draft)
    {
        var (_, etag) = await OfficeVersionAsync(number);
        var service = Service(draft, "journaldokumenter").Int("id");
        var plan = Plan(draft, "journaldokumenter", "Fastleger", "rollout").Int("id");
        // M1, with prerequisites and phases, as the office reads it (ids and the version to send).
        var milestone = draft["milestones"]![0]!;
        switch (operation)
        {
            case "create-draft":
            {
                var other = NewNumber();
                return c => c.PostJsonAsync($"{Api}/versions", new { number = other, basedOn = number, kind = "change-list" });
            }
            case "update-version":
                return c => c.PutJsonAsync($"{Api}/versions/{number}", new { title = "Endret i matrisen", summary = "Endret." }, etag);
            case "delete-draft":
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/versions/{number}", null, etag);
            case "advance":
            {
                var caseId = await NuitCaseAsync();
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps", new { step = "recommended", caseId }, etag);
            }
            case "add-service":
                return c => c.PostJsonAsync($"{Api}/versions/{number}/services",
                    new { key = "matrise", area = "Testområde", goal = "Testbrukere skal ha tilgang til matrisen", description = "" });
            case "update-service":
            {
                var version = await ServiceVersionAsync(service);
                return c => c.PutJsonAsync($"{Api}/services/{service}",
                    new { key = "journaldokumenter", area = "Deling av helseopplysninger", goal = "Endret mål i matrisen", description = "", version });
            }
            case "remove-service":
            {
                var version = await ServiceVersionAsync(service);
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/services/{service}", null, $"\"{version}\"");
            }
            case "add-plan":
                return c => c.PostJsonAsync($"{Api}/services/{service}/plans", new { actorGroup = "Legevakt", kind = "trial", written = "H1 2024" });
            case "update-plan":
            {
                var version = await PlanVersionAsync(plan);
                return c => c.PutJsonAsync($"{Api}/plans/{plan}", new { actorGroup = "Fastleger", kind = "rollout", written = "2026", version });
            }
            case "remove-plan":
            {
                var version = await PlanVersionAsync(plan);
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/plans/{plan}", null, $"\"{version}\"");
            }
            case "add-dependency":
                return c => c.PostJsonAsync($"{Api}/services/{service}/dependencies",
                    new { target = "service", key = "kritisk-informasjon", description = "Lagt til i matrisen." });
            case "remove-dependency":
            {
                var dependency = await DependencyIdAsync(service);
                return c => c.DeleteAsync($"{Api}/dependencies/{dependency}");
            }
            case "add-milestone":
                return c => c.PostJsonAsync($"{Api}/versions/{number}/milestones",
                    new { code = "M9", title = "Milepæl fra matrisen", reachCriterion = "Nådd når matrisen er grønn.", target = "2030" });
            case "update-milestone":
                return c => c.PutJsonAsync($"{Api}/milestones/{milestone.Int("id")}",
                    new { code = "M1", title = "Endret i matrisen", reachCriterion = "", target = "innen 2030", version = milestone.Int("version") });
            case "remove-milestone":
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/milestones/{milestone.Int("id")}", null, $"\"{milestone.Int("version")}\"");
            case "add-prerequisite":
                return c => c.PostJsonAsync($"{Api}/milestones/{milestone.Int("id")}/prerequisites",
                    new { text = "Lagt til i matrisen.", status = "uncertain", assessment = "", assessedOn = (string?)null });
            case "update-prerequisite":
                return c => c.PutJsonAsync($"{Api}/prerequisites/{milestone["prerequisites"]![0].Int("id")}",
                    new { status = "work-remaining", assessment = "Vurdert i matrisen.", assessedOn = "2022-02-01", version = milestone.Int("version") });
            case "remove-prerequisite":
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/prerequisites/{milestone["prerequisites"]![0].Int("id")}", null, $"\"{milestone.Int("version")}\"");
            case "add-phase":
                return c => c.PostJsonAsync($"{Api}/milestones/{milestone.Int("id")}/phases", new { phase = "operation", written = "2023–2035" });
            case "update-phase":
                return c => c.PutJsonAsync($"{Api}/phases/{milestone["phases"]![0].Int("id")}",
                    new { phase = "procurement", written = "august 2016–medio 2019", version = milestone.Int("version") });
            case "remove-phase":
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/phases/{milestone["phases"]![0].Int("id")}", null, $"\"{milestone.Int("version")}\"");
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}

public sealed class RoadmapAuthorizationMatrixSqliteTests(SqliteFactory factory) : RoadmapAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class RoadmapAuthorizationMatrixPostgresTests(PostgresFactory factory) : RoadmapAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
