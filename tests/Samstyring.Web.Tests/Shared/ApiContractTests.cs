using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Shared;

/// <summary>The public API's shape and filters, health endpoints and OpenAPI document, on both database providers.</summary>
public abstract class ApiContractTests(SamstyringFactory factory) : WebTest(factory)
{
    private static readonly string[] RagCodes = ["red", "yellow", "green"];

    [Fact]
    public async Task The_public_list_revalidates_with_its_etag_and_changes_etag_when_data_changes()
    {
        if (!Factory.Ready()) return;
        using var first = await Anonymous.GetAsync("/api/v1/initiatives");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;
        var plain = await first.Content.ReadAsStringAsync();

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives");
        again.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        using var notModified = await Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await Anonymous.SendAsync(gzipRequest);
        Assert.Contains("gzip", gzipped.Content.Headers.ContentEncoding);
        await using (var unzip = new System.IO.Compression.GZipStream(await gzipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(unzip))
            Assert.Equal(plain, await reader.ReadToEndAsync());

        await ProposeAsync(As.OwnerHso, "Etag-test " + Guid.NewGuid().ToString("N")[..6]);
        using var changed = await Anonymous.GetAsync("/api/v1/initiatives");
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.NotEqual(plain, await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_and_liveness_answer_200()
    {
        if (!Factory.Ready()) return;
        using var health = await Anonymous.GetAsync("/healthz");
        await health.AssertStatusAsync(HttpStatusCode.OK);
        using var live = await Anonymous.GetAsync("/livez");
        await live.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_document_is_json_and_lists_the_initiatives_endpoint()
    {
        if (!Factory.Ready()) return;
        var doc = await Anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/initiatives"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/api/v1/initiatives/{id}"));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_codes_enums_travel_as()
    {
        if (!Factory.Ready()) return;
        var schemas = (await Anonymous.GetJsonAsync("/openapi/v1.json"))["components"]!["schemas"]!;
        string[] Codes(string name) => schemas[name]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(["godkjenning", "orientering", "drofting", "anbefaling", "eventuelt"], Codes("CaseType"));
        Assert.Equal("string", schemas["CaseType"].Str("type"));
        Assert.Contains("drofting: Drøfting", schemas["CaseType"].Str("description"));
        Assert.Contains("notice-sent", Codes("MeetingStatus"));
        Assert.Equal(["present", "absent", "substitute"], Codes("AttendanceStatus"));
    }

    [Fact]
    public async Task Initiatives_list_is_public_and_has_the_documented_shape()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/api/v1/initiatives");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var rows = (await response.ReadJsonAsync()).AsArray();
        Assert.True(rows.Count >= 40, $"expected the demo portfolio, got {rows.Count} rows");
        foreach (var row in rows)
        {
            Assert.True(row.Int("id") > 0);
            Assert.False(string.IsNullOrWhiteSpace(row.Str("name")));
            Assert.False(string.IsNullOrWhiteSpace(row!["owner"].Str("name")));
            Assert.True(row["owner"].Int("id") > 0);
            var lifecycle = row.Str("lifecycle");
            Assert.Contains(lifecycle, new[] { "candidate", "active", "paused" });
            Assert.True(row.AsObject().ContainsKey("segment"));
            if (lifecycle == "active") Assert.NotNull(row["segment"]);
            var report = row["latestReport"];
            if (lifecycle is "active" or "paused") Assert.NotNull(report);
            if (report is null) continue;
            Assert.Matches(@"^\d{4}-", report.Str("period"));
            Assert.Contains(report.Str("status"), RagCodes);
            Assert.Contains(report.Str("risk"), RagCodes);
        }

        var screening = rows.Single(r => r.Str("name") == "Nasjonal Tarmscreening");
        Assert.Equal("red", screening!["latestReport"].Str("status"));
        Assert.Equal("red", screening["latestReport"].Str("risk"));
        Assert.Equal("Helse Sør-Øst RHF", screening["owner"].Str("name"));
        Assert.Equal("koordinering", screening.Str("segment"));
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        if (!Factory.Ready()) return;
        var all = await Anonymous.GetArrayAsync("/api/v1/initiatives");

        var samstyring = await Anonymous.GetArrayAsync("/api/v1/initiatives?segment=samstyring");
        Assert.NotEmpty(samstyring);
        Assert.All(samstyring, r => Assert.Equal("samstyring", r.Str("segment")));
        Assert.Equal(all.Count(r => r!["segment"]?.GetValue<string>() == "samstyring"), samstyring.Count);

        var red = await Anonymous.GetArrayAsync("/api/v1/initiatives?status=red");
        Assert.NotEmpty(red);
        Assert.All(red, r => Assert.Equal("red", r!["latestReport"].Str("status")));
        Assert.Contains(red, r => r.Str("name") == "Nasjonal Tarmscreening");

        var left = await Anonymous.GetArrayAsync("/api/v1/initiatives?lifecycle=left");
        Assert.Equal(5, left.Count);
        Assert.All(left, r => Assert.Equal("left", r.Str("lifecycle")));
        Assert.Contains(left, r => r.Str("name") == "Håndhygiene");
        Assert.DoesNotContain(all, r => r.Str("lifecycle") == "left");

        var combined = await Anonymous.GetArrayAsync("/api/v1/initiatives?segment=koordinering&status=red");
        Assert.All(combined, r =>
        {
            Assert.Equal("koordinering", r.Str("segment"));
            Assert.Equal("red", r!["latestReport"].Str("status"));
        });
    }

    [Theory]
    [InlineData("status", "purple")]
    [InlineData("segment", "spaceship")]
    [InlineData("lifecycle", "zombie")]
    public async Task Invalid_filter_value_is_a_400_problem_with_a_Norwegian_field_error(string field, string value)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"/api/v1/initiatives?{field}={value}");
        var message = await response.AssertValidationProblemAsync(field);
        Assert.Contains(value, message);
        Assert.Contains("gyldig", message);
    }

    [Fact]
    public async Task Unknown_initiative_is_a_404_problem()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/api/v1/initiatives/999999");
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Fant ikke", (await response.ReadJsonAsync()).Str("detail"));
    }

    [Fact]
    public async Task Initiative_details_have_an_etag_matching_the_version()
    {
        if (!Factory.Ready()) return;
        var id = await InitiativeIdAsync("Nasjonal Tarmscreening");
        using var response = await Anonymous.GetAsync($"/api/v1/initiatives/{id}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var details = await response.ReadJsonAsync();
        Assert.Equal($"\"{details.Int("version")}\"", response.Headers.ETag?.Tag);
        Assert.Contains(details["reports"]!.AsArray(), r => r.Str("status") == "red");
    }

    [Theory]
    [InlineData("json", "application/json", "{")]
    [InlineData("csv", "text/csv", null)]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK")]
    public async Task Portfolio_report_downloads_are_public(string format, string mediaType, string? starts)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.{format}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"portefoljerapport-{CurrentPeriod}.{format}", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100, $"{bytes.Length} bytes");
        if (starts is not null) Assert.StartsWith(starts, System.Text.Encoding.UTF8.GetString(bytes, 0, 4).TrimStart('\uFEFF'));
        if (format == "json") Assert.Contains("Nasjonal Tarmscreening", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Unknown_report_period_or_format_is_a_problem()
    {
        if (!Factory.Ready()) return;
        using var format = await Anonymous.GetAsync($"/api/v1/portfolio/reports/{CurrentPeriod}.pdfx");
        await format.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", format.Content.Headers.ContentType?.MediaType);
        using var period = await Anonymous.GetAsync("/api/v1/portfolio/reports/1999-T9.json");
        Assert.True(period.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"got {(int)period.StatusCode}");
        Assert.Equal("application/problem+json", period.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reporting_periods_are_public_and_include_the_current_tertial()
    {
        if (!Factory.Ready()) return;
        var periods = await Anonymous.GetArrayAsync("/api/v1/reporting-periods");
        Assert.Contains(periods, p => p.Str("code") == CurrentPeriod);
    }
}

public sealed class ApiContractSqliteTests(SqliteFactory factory) : ApiContractTests(factory), IClassFixture<SqliteFactory>;

public sealed class ApiContractPostgresTests(PostgresFactory factory) : ApiContractTests(factory), IClassFixture<PostgresFactory>;

/// <summary>/healthz answers 503 once the database is gone. Each test breaks its own app instance.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Healthz_is_503_when_the_SQLite_database_is_gone()
    {
        await using var factory = new SqliteFactory();
        await AssertHealthFailsAfterBreakingAsync(factory);
    }

    [Fact]
    public async Task Healthz_is_503_when_the_PostgreSQL_database_is_gone()
    {
        await using var factory = new PostgresFactory();
        if (!factory.Ready()) return;
        await AssertHealthFailsAfterBreakingAsync(factory);
    }

    private static async Task AssertHealthFailsAfterBreakingAsync(SamstyringFactory factory)
    {
        var client = factory.Client(As.Anonymous);
        using (var ok = await client.GetAsync("/healthz")) await ok.AssertStatusAsync(HttpStatusCode.OK);
        await factory.BreakDatabaseAsync();
        using var broken = await client.GetAsync("/healthz");
        await broken.AssertStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("database", await broken.Content.ReadAsStringAsync());
        // Liveness does not depend on the database.
        using var live = await client.GetAsync("/livez");
        await live.AssertStatusAsync(HttpStatusCode.OK);
    }
}
