using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Portfolio;

/// <summary>
/// PUT /initiatives/{id}/reports/{period} keeps parallel reporters from overwriting each other: the first report of a
/// period needs no version, changing one needs the version read (If-Match or «version»): 428 without it, 412 when stale.
/// </summary>
public abstract class StatusReportVersionTests(SamstyringFactory factory) : WebTest(factory)
{
    private static object Report(string statusText, int? version = null) => new
    {
        status = "green", statusText, risk = "green", riskText = "Lav.", progress = "I rute.", version,
    };

    [Fact]
    public async Task The_first_report_needs_no_version_and_a_change_needs_the_one_read()
    {
        if (!Factory.Ready()) return;
        var url = await ReportUrlAsync();
        var owner = Client(As.OwnerHso);

        using (var first = await owner.PutJsonAsync(url, Report("Første rapport.")))
        {
            await first.AssertStatusAsync(HttpStatusCode.OK, "first report");
            Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
            Assert.Equal(1, (await first.ReadJsonAsync()).Int("version"));
        }

        using (var blind = await owner.PutJsonAsync(url, Report("Uten versjon.")))
        {
            await blind.AssertStatusAsync((HttpStatusCode)428, "change without a version");
            Assert.Equal("application/problem+json", blind.Content.Headers.ContentType?.MediaType);
            var problem = await blind.ReadJsonAsync();
            Assert.Equal(428, problem.Int("status"));
            Assert.True(ApiHelpers.LooksNorwegian(problem.Str("detail")), problem.Str("detail"));
        }

        using (var stale = await owner.PutJsonAsync(url, Report("Gammel versjon."), ifMatch: "\"7\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed, "stale If-Match");
        using (var staleBody = await owner.PutJsonAsync(url, Report("Gammel versjon.", version: 7)))
            await staleBody.AssertStatusAsync(HttpStatusCode.PreconditionFailed, "stale body version");

        using (var byBody = await owner.PutJsonAsync(url, Report("Med versjon i body.", version: 1)))
        {
            await byBody.AssertStatusAsync(HttpStatusCode.OK, "body version");
            Assert.Equal(2, (await byBody.ReadJsonAsync()).Int("version"));
        }
        using (var byHeader = await owner.PutJsonAsync(url, Report("Med If-Match."), ifMatch: "\"2\""))
        {
            await byHeader.AssertStatusAsync(HttpStatusCode.OK, "If-Match");
            Assert.Equal("\"3\"", byHeader.Headers.ETag?.Tag);
        }

        var report = await StoredReportAsync(url);
        Assert.Equal(("Med If-Match.", 3), (report.Str("statusText"), report.Int("version")));
    }

    [Fact]
    public async Task Twenty_parallel_writers_from_the_same_version_give_one_200_and_nineteen_412()
    {
        if (!Factory.Ready()) return;
        var url = await ReportUrlAsync();
        using (var first = await Client(As.OwnerHso).PutJsonAsync(url, Report("Første rapport.")))
            await first.AssertStatusAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
            Client(n % 2 == 0 ? As.OwnerHso : As.Office).PutJsonAsync(url, Report($"Skriver {n}."), ifMatch: "\"1\"")));
        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.True(codes.Count(c => c == 200) == 1 && codes.Count(c => c == 412) == 19, "codes: " + string.Join(",", codes));
            var winner = Array.IndexOf(responses, responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            var report = await StoredReportAsync(url);
            Assert.Equal(($"Skriver {winner}.", 2), (report.Str("statusText"), report.Int("version")));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Twenty_parallel_writers_without_a_version_change_nothing()
    {
        if (!Factory.Ready()) return;
        var url = await ReportUrlAsync();
        using (var first = await Client(As.OwnerHso).PutJsonAsync(url, Report("Første rapport.")))
            await first.AssertStatusAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Client(As.OwnerHso).PutJsonAsync(url, Report($"Blindt {n}."))));
        try
        {
            Assert.All(responses, r => Assert.Equal(428, (int)r.StatusCode));
            var report = await StoredReportAsync(url);
            Assert.Equal(("Første rapport.", 1), (report.Str("statusText"), report.Int("version")));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Twenty_parallel_first_reports_let_exactly_one_in()
    {
        if (!Factory.Ready()) return;
        var url = await ReportUrlAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Client(As.OwnerHso).PutJsonAsync(url, Report($"Først {n}."))));
        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).ToList();
            // The losers either saw the winner's report (428: no version) or clashed with it on saving (412).
            Assert.True(codes.Count(c => c == 200) == 1 && codes.All(c => c is 200 or 412 or 428), "codes: " + string.Join(",", codes));
            Assert.Equal(1, (await StoredReportAsync(url)).Int("version"));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    /// <summary>A new Helse Sør-Øst initiative taken into the portfolio (Observasjon), with no report yet for the current period.</summary>
    private async Task<string> ReportUrlAsync()
    {
        var id = await ProposeAsync(As.OwnerHso, UniqueName("Versjonert rapportering"));
        using (var assess = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/assessments",
                   new { criterion1Met = true, criterion2Ways = new[] { "K2.1" } }))
            await assess.AssertStatusAsync(HttpStatusCode.OK, "assess");
        using (var include = await Client(As.Office).PostJsonAsync($"/api/v1/initiatives/{id}/inclusion",
                   new { include = true, segment = "observasjon", comment = "Tas inn." }))
            await include.AssertStatusAsync(HttpStatusCode.OK, "include");
        return $"/api/v1/initiatives/{id}/reports/{CurrentPeriod}";
    }

    private async Task<JsonNode> StoredReportAsync(string url)
    {
        var id = int.Parse(url.Split('/')[4], System.Globalization.CultureInfo.InvariantCulture);
        var details = await Anonymous.GetJsonAsync($"/api/v1/initiatives/{id}");
        return details["reports"]!.AsArray().Single(r => r.Str("period") == CurrentPeriod)!;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StatusReportVersionSqliteTests(SqliteFactory factory) : StatusReportVersionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StatusReportVersionPostgresTests(PostgresFactory factory) : StatusReportVersionTests(factory);
