using System.Net;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>A municipal initiative's whole way over the API: proposed, endorsed by KS, assessed, included, reported red.</summary>
public abstract class ApiFlowTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Municipal_proposal_goes_through_KS_and_the_office_into_the_portfolio_and_reports_red()
    {
        if (!Factory.Ready()) return;
        var oslo = await OrganizationIdAsync("Oslo kommune");
        var name = UniqueName("Digital legevakt i Oslo");

        // 1. The owner proposes.
        var id = await ProposeAsync(As.OwnerOslo, name);
        var proposed = await InitiativeAsync(id);
        Assert.Equal(oslo, proposed["owner"].Int("id"));
        Assert.Equal(("candidate", "proposed"), (proposed.Str("lifecycle"), proposed.Str("submission")));

        // The office cannot take a municipal proposal in before KS has endorsed it.
        using (var early = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/inclusion", new { include = true, segment = "koordinering" }))
            await early.AssertValidationProblemAsync("id");

        // 2. KS endorses.
        using (var ks = await Client(As.Ks).PostJsonAsync($"/api/v1/initiatives/{id}/ks-review", new { endorse = true, comment = "Viktig for kommunene." }))
        {
            await ks.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("endorsed-by-ks", (await ks.ReadJsonAsync()).Str("submission"));
        }

        // 3. The office assesses against the criteria.
        using (var assess = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/assessments",
                   new { criterion1Met = true, criterion2Ways = new[] { "K2.1" } }))
        {
            await assess.AssertStatusAsync(HttpStatusCode.OK);
            var assessment = await assess.ReadJsonAsync();
            Assert.True(assessment["mayBeIncluded"]!.GetValue<bool>(), assessment.ToJsonString());
            Assert.Equal(1, assessment.Int("number"));
        }

        // 4. The office includes it in segment Koordinering.
        using (var include = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/inclusion",
                   new { include = true, segment = "koordinering", comment = "Tas inn." }))
        {
            await include.AssertStatusAsync(HttpStatusCode.OK);
            var summary = await include.ReadJsonAsync();
            Assert.Equal(("active", "koordinering", "included"), (summary.Str("lifecycle"), summary.Str("segment"), summary.Str("submission")));
        }

        // 5. The owner reports red for the current period.
        var periods = await Anonymous.GetArrayAsync("/api/v1/reporting-periods");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var current = periods.Where(p => Day(p.Str("start")) <= today).MaxBy(p => Day(p.Str("end")))!;
        Assert.Equal(CurrentPeriod, current.Str("code"));
        var report = new
        {
            status = "red", statusText = "Leverandøren er forsinket.", risk = "yellow", riskText = "Usikker finansiering.",
            progress = "Kravspesifikasjon ferdig.",
        };
        using (var reported = await Client(As.OwnerOslo).PutJsonAsync($"/api/v1/initiatives/{id}/reports/{current.Str("code")}", report))
        {
            await reported.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("red", (await reported.ReadJsonAsync()).Str("status"));
        }

        // 6. It now shows up among the red ones, with its latest report.
        var red = await Anonymous.GetArrayAsync("/api/v1/initiatives?status=red");
        var row = red.SingleOrDefault(r => r.Int("id") == id) ?? throw new Xunit.Sdk.XunitException("not among ?status=red");
        Assert.Equal(current.Str("code"), row["latestReport"].Str("period"));
        Assert.Equal("yellow", row["latestReport"].Str("risk"));
        Assert.Contains(await Anonymous.GetArrayAsync("/api/v1/initiatives?segment=koordinering&status=red"), r => r.Int("id") == id);

        // The history is for the office, the owner and KS (SubmissionHistoryTests); the public sees where the submission stands.
        Assert.Equal("included", (await InitiativeAsync(id)).Str("submission"));
        var steps = (await Client(As.Office).GetJsonAsync($"/api/v1/initiatives/{id}"))["submissionSteps"]!.AsArray().Select(s => s.Str("action")).ToArray();
        Assert.Equal(new[] { "proposed", "ks-endorsed", "assessed", "included" }, steps);
    }

    [Fact]
    public async Task Reporting_a_period_that_has_not_started_is_refused()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Nasjonal Tarmscreening");
        var periods = await Anonymous.GetArrayAsync("/api/v1/reporting-periods");
        var future = periods.FirstOrDefault(p => Day(p.Str("start")) > DateOnly.FromDateTime(DateTime.UtcNow));
        var code = future?.Str("code") ?? "2099-T1";
        using var response = await Client(As.OwnerHso).PutJsonAsync($"/api/v1/initiatives/{id}/reports/{code}",
            new { status = "green", statusText = "x", risk = "green", riskText = "x", progress = "x" });
        await response.AssertValidationProblemAsync("period");
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(SqliteCollection.Name)]
public sealed class ApiFlowSqliteTests(SqliteFactory factory) : ApiFlowTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ApiFlowPostgresTests(PostgresFactory factory) : ApiFlowTests(factory);
