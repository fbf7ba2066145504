using System.Net;
using System.Text.Json.Nodes;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// Who may call which portfolio endpoint: every write endpoint (and the office-only reads) for every role, judged by the
/// shared <see cref="AuthorizationMatrix"/>. The audit log and the actor registry have matrices of their own.
/// </summary>
public abstract class PortfolioAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    // Demo data: owned by Helse Sør-Øst RHF (eier-hso's organisation) and by Helse Midt-Norge RHF (someone else).
    private const string HsoInitiative = "Statistisk logganalyse";
    private const string HsoLifecycleInitiative = "Regional klinisk løsning i Helse Sør-Øst";
    private const string OtherInitiative = "Helseplattformen";
    private const string CandidateInitiative = "Ny personidentifikator og felles hjelpenummer";
    private const string Hso = "Helse Sør-Øst RHF";
    private const string Oslo = "Oslo kommune";

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu (an operator and the TBU write nothing here).</summary>
    private static readonly (string Operation, int[] Expected)[] Rules =
    [
        ("propose",            [Unauthorized, Created, Created, Created, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-own",         [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-other",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("report-own",         [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("report-other",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("phase-decision-own", [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("dependency-own",     [Unauthorized, Created, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("ks-review",          [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden]),
        ("assessment",         [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("inclusion",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("lifecycle",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("reporting-year",     [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("missing-reports",    [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Without a file: the office gets past the access check to «the file is missing».
        ("import",             [Unauthorized, BadRequest, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Matrix() => Cases(Rules);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        await AssertAsync(await PrepareAsync(operation), Client(user), operation, user, expected);
    }

    [Fact]
    public async Task Owner_proposal_is_forced_to_the_owners_own_organisation()
    {
        if (!Factory.Ready()) return;
        var oslo = await OrganizationIdAsync(Oslo);
        var hso = await OrganizationIdAsync(Hso);
        var name = UniqueName("Tvunget eierskap");

        var id = await ProposeAsync(As.OwnerHso, name, ownerId: oslo);

        var stored = await InitiativeAsync(id);
        Assert.Equal(hso, stored["owner"].Int("id"));
        Assert.Equal(Hso, stored["owner"].Str("name"));
        Assert.Equal("candidate", stored.Str("lifecycle"));
        Assert.Equal("proposed", stored.Str("submission"));
    }

    [Fact]
    public async Task Office_proposal_keeps_the_chosen_owner()
    {
        if (!Factory.Ready()) return;
        var oslo = await OrganizationIdAsync(Oslo);
        var id = await ProposeAsync(As.Office, UniqueName("Kontorets forslag"), ownerId: oslo);
        Assert.Equal(oslo, (await InitiativeAsync(id))["owner"].Int("id"));
    }

    [Fact]
    public async Task Wrong_password_over_Basic_is_401()
    {
        if (!Factory.Ready()) return;
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String("kontor:feil-passord"u8.ToArray()));
        using var response = await client.GetAsync("/api/v1/audit");
        await response.AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    private async Task<string> InitiativeSnapshotAsync(int id) => (await InitiativeAsync(id)).ToJsonString();

    private async Task<MatrixOperation> PrepareAsync(string operation)
    {
        switch (operation)
        {
            case "propose":
            {
                var oslo = await OrganizationIdAsync(Oslo);
                return new MatrixOperation(
                    c => c.PostJsonAsync("/api/v1/initiatives", Proposal(UniqueName("Matriseforslag"), ownerId: oslo)),
                    async () => (await CountInitiativesAsync()).ToString(),
                    async (response, user) =>
                    {
                        var created = await response.ReadJsonAsync();
                        var expectedOwner = user == As.OwnerHso ? await OrganizationIdAsync(Hso) : oslo;
                        Assert.Equal(expectedOwner, (await InitiativeAsync(created.Int("id")))["owner"].Int("id"));
                        Assert.Equal($"/api/v1/initiatives/{created.Int("id")}", response.Headers.Location?.OriginalString);
                    });
            }
            case "update-own" or "update-other":
            {
                var id = await InitiativeIdAsync(operation == "update-own" ? HsoInitiative : OtherInitiative);
                var details = await InitiativeAsync(id);
                var body = UpdateBody(details);
                var description = "Oppdatert av matrisetesten " + Guid.NewGuid().ToString("N")[..6];
                body["description"] = description;
                return new MatrixOperation(
                    c => c.PutJsonAsync($"/api/v1/initiatives/{id}", body, ifMatch: $"\"{details.Int("version")}\""),
                    () => InitiativeSnapshotAsync(id),
                    async (response, _) =>
                    {
                        var after = await InitiativeAsync(id);
                        Assert.Equal(description, after.Str("description"));
                        Assert.Equal(details.Int("version") + 1, after.Int("version"));
                        Assert.Equal($"\"{after.Int("version")}\"", response.Headers.ETag?.Tag);
                    });
            }
            case "report-own" or "report-other":
            {
                var id = await InitiativeIdAsync(operation == "report-own" ? HsoInitiative : OtherInitiative);
                var text = "Matrisetest " + Guid.NewGuid().ToString("N")[..6];
                // The period's report exists, so a change gives the version it starts from.
                var version = (await InitiativeAsync(id))["reports"]!.AsArray().SingleOrDefault(r => r.Str("period") == CurrentPeriod)?["version"]?.GetValue<int>();
                var body = new { status = "yellow", statusText = text, risk = "green", riskText = "Lav risiko.", progress = "Som planlagt.", cost = "1 000 000 kr", version };
                return new MatrixOperation(
                    c => c.PutJsonAsync($"/api/v1/initiatives/{id}/reports/{CurrentPeriod}", body),
                    () => InitiativeSnapshotAsync(id),
                    async (response, _) =>
                    {
                        var report = (await InitiativeAsync(id))["reports"]!.AsArray().Single(r => r.Str("period") == CurrentPeriod);
                        Assert.Equal(text, report.Str("statusText"));
                        Assert.Equal("yellow", report.Str("status"));
                    });
            }
            case "phase-decision-own":
            {
                var id = await InitiativeIdAsync(HsoInitiative);
                var body = new { phase = "gjennomforing", decidedOn = "2021-06-01", decidedBy = "Styringsgruppen", note = "Matrisetest" };
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/phase-decisions", body), () => InitiativeSnapshotAsync(id));
            }
            case "dependency-own":
            {
                var id = await InitiativeIdAsync(HsoInitiative);
                var target = await OrganizationIdAsync("Norsk Helsenett SF");
                var body = new { targetKind = "organization", targetId = target, description = "Matrisetest: trenger NHN", criticality = "high", status = "green" };
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/dependencies", body), () => InitiativeSnapshotAsync(id));
            }
            case "ks-review":
            {
                var id = await ProposeAsync(As.OwnerOslo, UniqueName("Kommunalt forslag"));
                return new MatrixOperation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/ks-review", new { endorse = true, comment = "Anbefales." }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal("endorsed-by-ks", (await InitiativeAsync(id)).Str("submission")));
            }
            case "assessment":
            {
                var id = await InitiativeIdAsync(CandidateInitiative);
                var body = new { criterion1Met = true, criterion2Ways = new[] { "K2.1" } };
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/assessments", body), () => InitiativeSnapshotAsync(id));
            }
            case "inclusion":
            {
                // The owner's own proposal: even eier-hso may not decide on it.
                var id = await ProposeAsync(As.OwnerHso, UniqueName("Til avgjørelse"));
                return new MatrixOperation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/inclusion", new { include = false, comment = "Ikke nasjonal betydning." }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal("rejected", (await InitiativeAsync(id)).Str("submission")));
            }
            case "lifecycle":
            {
                var id = await InitiativeIdAsync(HsoLifecycleInitiative);
                var details = await InitiativeAsync(id);
                var to = details.Str("lifecycle") == "active" ? "paused" : "active";
                return new MatrixOperation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/lifecycle", new { lifecycle = to, reason = "Matrisetest", version = details.Int("version") }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal(to, (await InitiativeAsync(id)).Str("lifecycle")));
            }
            case "reporting-year":
                // A future year, so it never becomes the current period for the other tests.
                return new MatrixOperation(
                    c => c.PostJsonAsync("/api/v1/reporting-years", new { year = 2099, cadence = "tertial" }),
                    async () => (await Anonymous.GetArrayAsync("/api/v1/reporting-periods")).ToJsonString(),
                    async (_, _) => Assert.Contains(await Anonymous.GetArrayAsync("/api/v1/reporting-periods"), p => p.Str("code") == "2099-T1"));
            case "missing-reports":
                return new MatrixOperation(c => c.GetAsync($"/api/v1/portfolio/missing-reports?period={CurrentPeriod}"), MatrixOperation.Nothing,
                    async (response, _) => Assert.IsType<JsonArray>(await response.ReadJsonAsync()));
            case "import":
                return new MatrixOperation(
                    c => c.PostAsync("/api/v1/initiatives/import", new MultipartFormDataContent { { new StringContent("ingen fil"), "comment" } }),
                    async () => (await CountInitiativesAsync()).ToString(),
                    async (response, _) => Assert.Contains("«file»", await response.Content.ReadAsStringAsync()));
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}

public sealed class PortfolioAuthorizationMatrixSqliteTests(SqliteFactory factory) : PortfolioAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class PortfolioAuthorizationMatrixPostgresTests(PostgresFactory factory) : PortfolioAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
