using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests;

/// <summary>
/// Who may call which endpoint: every write endpoint (and the office-only reads) for every role. A refused call
/// (401/403) must leave the data exactly as it was.
/// </summary>
public abstract class AuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    // Demo data: owned by Helse Sør-Øst RHF (eier-hso's organisation) and by Helse Midt-Norge RHF (someone else).
    private const string HsoInitiative = "Statistisk logganalyse";
    private const string HsoLifecycleInitiative = "Regional klinisk løsning i Helse Sør-Øst";
    private const string OtherInitiative = "Helseplattformen";
    private const string CandidateInitiative = "Ny personidentifikator og felles hjelpenummer";
    private const string Hso = "Helse Sør-Øst RHF";
    private const string Oslo = "Oslo kommune";

    private const int Ok = 200, Created = 201, BadRequest = 400, Unauthorized = 401, Forbidden = 403;

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member.</summary>
    private static readonly (string Operation, int[] Expected)[] Rules =
    [
        ("propose",            [Unauthorized, Created, Created, Created, Forbidden, Forbidden]),
        ("update-own",         [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("update-other",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("report-own",         [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("report-other",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("phase-decision-own", [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden]),
        ("dependency-own",     [Unauthorized, Created, Created, Forbidden, Forbidden, Forbidden]),
        ("ks-review",          [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden]),
        ("assessment",         [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("inclusion",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("lifecycle",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("reporting-year",     [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("missing-reports",    [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("audit",              [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("audit-csv",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("organization-put",   [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Without a file: the office gets past the access check to «the file is missing».
        ("import",             [Unauthorized, BadRequest, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Matrix()
    {
        var data = new TheoryData<string, As, int>();
        foreach (var (operation, expected) in Rules)
            for (var role = 0; role < expected.Length; role++)
                data.Add(operation, (As)role, expected[role]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var op = await PrepareAsync(operation);
        var before = await op.Snapshot();

        using var response = await op.Send(Client(user));
        await response.AssertStatusAsync((HttpStatusCode)expected, $"{operation} as {user}");

        if (expected is Unauthorized or Forbidden)
        {
            Assert.Equal(before, await op.Snapshot());
            if (expected == Forbidden)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(ApiHelpers.LooksNorwegian((await response.ReadJsonAsync()).Str("detail")));
            }
        }
        else if (op.AfterSuccess is not null)
        {
            await op.AfterSuccess(response, user);
        }
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

    private sealed record Operation(
        Func<HttpClient, Task<HttpResponseMessage>> Send,
        Func<Task<string>> Snapshot,
        Func<HttpResponseMessage, As, Task>? AfterSuccess = null);

    private static Task<string> Nothing() => Task.FromResult("");

    private async Task<string> InitiativeSnapshotAsync(int id) => (await InitiativeAsync(id)).ToJsonString();

    private async Task<Operation> PrepareAsync(string operation)
    {
        switch (operation)
        {
            case "propose":
            {
                var oslo = await OrganizationIdAsync(Oslo);
                return new Operation(
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
                return new Operation(
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
                return new Operation(
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
                return new Operation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/phase-decisions", body), () => InitiativeSnapshotAsync(id));
            }
            case "dependency-own":
            {
                var id = await InitiativeIdAsync(HsoInitiative);
                var target = await OrganizationIdAsync("Norsk Helsenett SF");
                var body = new { targetKind = "organization", targetId = target, description = "Matrisetest: trenger NHN", criticality = "high", status = "green" };
                return new Operation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/dependencies", body), () => InitiativeSnapshotAsync(id));
            }
            case "ks-review":
            {
                var id = await ProposeAsync(As.OwnerOslo, UniqueName("Kommunalt forslag"));
                return new Operation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/ks-review", new { endorse = true, comment = "Anbefales." }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal("endorsed-by-ks", (await InitiativeAsync(id)).Str("submission")));
            }
            case "assessment":
            {
                var id = await InitiativeIdAsync(CandidateInitiative);
                var body = new { criterion1Met = true, criterion2Ways = new[] { "K2.1" } };
                return new Operation(c => c.PostJsonAsync($"/api/v1/initiatives/{id}/assessments", body), () => InitiativeSnapshotAsync(id));
            }
            case "inclusion":
            {
                // The owner's own proposal: even eier-hso may not decide on it.
                var id = await ProposeAsync(As.OwnerHso, UniqueName("Til avgjørelse"));
                return new Operation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/inclusion", new { include = false, comment = "Ikke nasjonal betydning." }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal("rejected", (await InitiativeAsync(id)).Str("submission")));
            }
            case "lifecycle":
            {
                var id = await InitiativeIdAsync(HsoLifecycleInitiative);
                var details = await InitiativeAsync(id);
                var to = details.Str("lifecycle") == "active" ? "paused" : "active";
                return new Operation(
                    c => c.PostJsonAsync($"/api/v1/initiatives/{id}/lifecycle", new { lifecycle = to, reason = "Matrisetest", version = details.Int("version") }),
                    () => InitiativeSnapshotAsync(id),
                    async (_, _) => Assert.Equal(to, (await InitiativeAsync(id)).Str("lifecycle")));
            }
            case "reporting-year":
                // A future year, so it never becomes the current period for the other tests.
                return new Operation(
                    c => c.PostJsonAsync("/api/v1/reporting-years", new { year = 2099, cadence = "tertial" }),
                    async () => (await Anonymous.GetArrayAsync("/api/v1/reporting-periods")).ToJsonString(),
                    async (_, _) => Assert.Contains(await Anonymous.GetArrayAsync("/api/v1/reporting-periods"), p => p.Str("code") == "2099-T1"));
            case "missing-reports":
                return new Operation(c => c.GetAsync($"/api/v1/portfolio/missing-reports?period={CurrentPeriod}"), Nothing,
                    async (response, _) => Assert.IsType<JsonArray>(await response.ReadJsonAsync()));
            case "audit":
                return new Operation(c => c.GetAsync("/api/v1/audit?take=5"), Nothing,
                    async (response, _) => Assert.IsType<JsonArray>(await response.ReadJsonAsync()));
            case "audit-csv":
                return new Operation(c => c.GetAsync("/api/v1/audit/export.csv"), Nothing,
                    (response, _) =>
                    {
                        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
                        return Task.CompletedTask;
                    });
            case "organization-put":
            {
                var id = await OrganizationIdAsync(Hso);
                var org = await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}");
                var body = new
                {
                    name = org.Str("name"), shortName = org["shortName"]?.GetValue<string>(), orgNumber = org["orgNumber"]?.GetValue<string>(),
                    type = org.Str("type"), actorGroup = org.Str("actorGroup"), region = org["region"]?.GetValue<string>(),
                    ownerId = org["owner"]?["id"]?.GetValue<int>(), population = (org["population"]?.GetValue<int>() ?? 0) + 1, version = org.Int("version"),
                };
                return new Operation(
                    c => c.PutJsonAsync($"/api/v1/organizations/{id}", body),
                    async () => (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}")).ToJsonString(),
                    async (_, _) => Assert.Equal(org.Int("version") + 1, (await Anonymous.GetJsonAsync($"/api/v1/organizations/{id}")).Int("version")));
            }
            case "import":
                return new Operation(
                    c => c.PostAsync("/api/v1/initiatives/import", new MultipartFormDataContent { { new StringContent("ingen fil"), "comment" } }),
                    async () => (await CountInitiativesAsync()).ToString(),
                    async (response, _) => Assert.Contains("«file»", await response.Content.ReadAsStringAsync()));
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }
}

public sealed class AuthorizationMatrixSqliteTests(SqliteFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class AuthorizationMatrixPostgresTests(PostgresFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
