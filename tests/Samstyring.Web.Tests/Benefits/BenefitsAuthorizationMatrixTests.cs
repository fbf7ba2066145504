using Microsoft.EntityFrameworkCore;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Benefits;

/// <summary>
/// Who may call which benefits endpoint, for every role. Benefits follow their initiative: everyone reads them (the chart,
/// the plan and the net present value too); the office and users of the owning organisation (here Helse Sør-Øst) change
/// them; everyone else signed in is refused with a Norwegian 403, anonymous with 401, and nothing changes.
/// </summary>
public abstract class BenefitsAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly int[] Public = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static int[] OwnerOrOffice(int success) => [Unauthorized, success, success, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden];

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    private static readonly (string Operation, int[] Expected)[] ReadRules =
        [("benefits", Public), ("npv", Public), ("npv-at-6", Public), ("chart", Public), ("plan-docx", Public), ("plan-pdf", Public)];

    private static readonly (string Operation, int[] Expected)[] WriteRules =
    [
        ("add-benefit", OwnerOrOffice(Created)),
        ("update-benefit", OwnerOrOffice(Ok)),
        ("delete-benefit", OwnerOrOffice(NoContent)),
        ("report-values", OwnerOrOffice(Ok)),
        ("create-analysis", OwnerOrOffice(Created)),
    ];

    public static TheoryData<string, As, int> Reads() => Cases(ReadRules);

    public static TheoryData<string, As, int> Writes() => Cases(WriteRules);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Benefits_read_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        var benefit = await WithDbAsync(db => db.Benefits.Where(b => b.InitiativeId == id).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync());
        var samhandling = await InitiativeIdAsync("Program digital samhandling");
        var url = operation switch
        {
            "benefits" => $"/api/v1/initiatives/{id}/benefits",
            "npv" => $"/api/v1/initiatives/{samhandling}/benefits/npv",
            "npv-at-6" => $"/api/v1/initiatives/{samhandling}/benefits/npv?rate=6",
            "chart" => $"/api/v1/benefits/{benefit}/chart.svg",
            "plan-docx" => $"/api/v1/initiatives/{id}/benefits/plan.docx",
            "plan-pdf" => $"/api/v1/initiatives/{id}/benefits/plan.pdf",
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        await AssertAsync(new MatrixOperation(c => c.GetAsync(url), MatrixOperation.Nothing), Client(user), operation, user, expected);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Benefits_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation);
        await AssertAsync(new MatrixOperation(send, SnapshotAsync), Client(user), operation, user, expected);
    }

    internal static object BenefitBody(int ownerId, string title) => new
    {
        title, type = "freed-staff-time", stakeholder = "municipal-health-care", ownerId, indicator = "Tid brukt på dokumenter",
        unit = "timer per uke", baseline = 120m, baselineOn = "2021-01-01", target = 60m, targetDue = "2028-12-31", valuedInNok = false,
        actions = new[] { "Opplæring" },
    };

    /// <summary>Each case gets a fresh benefit or initiative of Helse Sør-Øst's, made by the office, so the cases do not disturb each other.</summary>
    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation)
    {
        var hso = await OrganizationIdAsync("Helse Sør-Øst RHF");
        var tarm = await InitiativeIdAsync("Nasjonal Tarmscreening");
        switch (operation)
        {
            case "add-benefit":
                return c => c.PostJsonAsync($"/api/v1/initiatives/{tarm}/benefits", BenefitBody(hso, UniqueName("Matrise")));
            case "create-analysis":
            {
                var id = await ProposeAsync(As.Office, UniqueName("Matrise"), hso);
                return c => c.PutJsonAsync($"/api/v1/initiatives/{id}/benefits/analysis", new
                {
                    alternatives = new[] { new { name = "Hele", years = new[] { new { year = 2022, costOre = 100L, benefitOre = 0L }, new { year = 2023, costOre = 0L, benefitOre = 150L } } } },
                });
            }
        }
        using var created = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{tarm}/benefits", BenefitBody(hso, UniqueName("Matrise")));
        await created.AssertStatusAsync(System.Net.HttpStatusCode.Created, "a benefit to work on");
        var b = await created.ReadJsonAsync();
        var (benefitId, etag) = (b.Int("id"), $"\"{b.Int("version")}\"");
        return operation switch
        {
            "update-benefit" => c => c.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefits/{benefitId}", BenefitBody(hso, UniqueName("Endret")), etag),
            "delete-benefit" => c => c.SendJsonAsync(HttpMethod.Delete, $"/api/v1/initiatives/{tarm}/benefits/{benefitId}", null, etag),
            "report-values" => c => c.PutJsonAsync($"/api/v1/initiatives/{tarm}/benefit-values/2021-T2", new { values = new[] { new { benefitId, value = 110.5m } } }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private Task<string> SnapshotAsync() => WithDbAsync(async db =>
        $"{await db.Benefits.CountAsync()}/{await db.Benefits.SumAsync(b => b.Version)}/{await db.BenefitValues.CountAsync()}/{await db.BenefitAnalyses.CountAsync()}/{await db.AuditLog.CountAsync()}");
}

public sealed class BenefitsAuthorizationMatrixSqliteTests(SqliteFactory factory) : BenefitsAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class BenefitsAuthorizationMatrixPostgresTests(PostgresFactory factory) : BenefitsAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
