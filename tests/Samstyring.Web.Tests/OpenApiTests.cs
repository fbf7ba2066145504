using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;

namespace Samstyring.Web.Tests;

/// <summary>
/// One contract per resource: /openapi/v1.json describes every operation's answers, and the real answers (demo data, read by
/// users who may read it) have exactly the documented shape. Also saves the document for the linter in scripts/test.sh.
/// </summary>
public abstract class OpenApiTests : WebTest
{
    protected OpenApiTests(SamstyringFactory factory) : base(factory)
    {
        // As in AttachmentApiTests: with PostgreSQL the uploaded file must land in a temporary folder, not in ./data.
        if (factory.IsConfigured && factory.Provider == Provider.Postgres)
        {
            var options = factory.Services.GetRequiredService<SamstyringOptions>();
            if (!options.DataDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
                options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-web-tests", "pg-files-" + Guid.NewGuid().ToString("N"));
        }
    }

    /// <summary>Where scripts/test.sh wants the document, to lint it after the run.</summary>
    public const string OutputVariable = "SAMSTYRING_OPENAPI_OUT";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];


    private async Task<(JsonNode Document, OpenApiSchemaChecker Checker)> DocumentAsync()
    {
        var document = await Anonymous.GetJsonAsync("/openapi/v1.json");
        return (document, new OpenApiSchemaChecker(document));
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => Methods.Where(m => p.Value![m] is not null).Select(m => (p.Key, m, p.Value![m]!)));

    private static bool IsJson(string mediaType) => mediaType.Split(';')[0].Trim() is var t && (t == "application/json" || t.EndsWith("+json", StringComparison.Ordinal));

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_security_a_success_response_with_a_schema_and_a_problem_response()
    {
        if (!Factory.Ready()) return;
        var (document, _) = await DocumentAsync();
        var wrong = new List<string>();
        var ids = new HashSet<string>();
        var count = 0;
        foreach (var (path, method, operation) in Operations(document))
        {
            count++;
            var name = $"{method.ToUpperInvariant()} {path}";
            var id = operation["operationId"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(id)) wrong.Add($"{name}: no operationId");
            else if (!ids.Add(id)) wrong.Add($"{name}: operationId {id} is used twice");
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) wrong.Add($"{name}: no summary");
            if (operation["security"] is not JsonArray { Count: > 0 }) wrong.Add($"{name}: no security requirement");

            var responses = operation["responses"]?.AsObject() ?? new JsonObject();
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0) wrong.Add($"{name}: no success response");
            foreach (var (status, response) in success)
            {
                if (status == "204") continue;
                var content = response?["content"]?.AsObject();
                if (content is null || content.Count == 0) { wrong.Add($"{name}: {status} has no content"); continue; }
                // JSON needs a schema; a file (PDF, DOCX, CSV, SVG, Atom, iCalendar) is described by its media type.
                foreach (var (mediaType, media) in content)
                    if (IsJson(mediaType) && media?["schema"] is null) wrong.Add($"{name}: {status} {mediaType} has no schema");
            }
            var problems = responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (problems.Count == 0) wrong.Add($"{name}: no 4xx response");
            foreach (var (status, response) in problems)
                if (response?["content"]?["application/problem+json"]?["schema"] is null)
                    wrong.Add($"{name}: {status} is not described as application/problem+json with a schema");
        }
        Assert.True(count >= 100, $"expected the whole API in the document, found {count} operations");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_security_schemes_are_an_api_token_basic_and_the_login_cookie_and_writes_require_one_of_them()
    {
        if (!Factory.Ready()) return;
        var (document, _) = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", schemes["basic"].Str("type"));
        Assert.Equal("basic", schemes["basic"].Str("scheme"));
        Assert.Equal("http", schemes["bearer"].Str("type"));
        Assert.Equal("bearer", schemes["bearer"].Str("scheme"));
        Assert.Equal("apiKey", schemes["cookie"].Str("type"));
        Assert.Equal("cookie", schemes["cookie"].Str("in"));
        Assert.Equal("samstyring", schemes["cookie"].Str("name"));

        // The cookie the server really sets on login carries the documented name.
        var (browser, _) = await SignedInBrowserAsync(As.Office);
        using (browser)
        {
            using var response = await browser.GetAsync("/api/v1/audit?take=1");
            await response.AssertStatusAsync(HttpStatusCode.OK, "the audit log with the login cookie alone");
        }

        foreach (var (path, method, operation) in Operations(document))
        {
            var requirements = operation["security"]!.AsArray();
            var optional = requirements.Any(r => r!.AsObject().Count == 0);
            // Subscribing by e-mail is the one write open to everyone (the mailbox confirms it).
            var openWrite = method == "post" && path == "/api/v1/subscriptions";
            if ((method != "get" && !openWrite) || path.StartsWith("/api/v1/audit", StringComparison.Ordinal) || path.StartsWith("/api/v1/outbox", StringComparison.Ordinal) || path.StartsWith("/api/v1/einnsyn", StringComparison.Ordinal) || path == "/api/v1/portfolio/missing-reports"
                || path.StartsWith("/api/v1/financing/{year}/invoices", StringComparison.Ordinal) || path == "/api/v1/financing/{year}/orders"
                || path.StartsWith("/api/v1/users", StringComparison.Ordinal) || path.StartsWith("/api/v1/access-requests", StringComparison.Ordinal)
                || path.StartsWith("/api/v1/tokens", StringComparison.Ordinal) || path == "/api/v1/bodies/{slug}/archive")
                Assert.False(optional, $"{method.ToUpperInvariant()} {path} needs sign-in but the document says it is optional");
            else
                Assert.True(optional, $"{method.ToUpperInvariant()} {path} is public but the document requires sign-in");
            Assert.NotNull(operation["responses"]!["401"]);
            // An API token works wherever a password does.
            Assert.Contains(requirements, r => r!.AsObject().ContainsKey("bearer"));
            Assert.Contains(requirements, r => r!.AsObject().ContainsKey("basic"));
        }
    }

    [Fact]
    public async Task Every_read_answers_demo_data_in_its_documented_shape()
    {
        if (!Factory.Ready()) return;
        var (document, checker) = await DocumentAsync();
        var samples = await SamplesAsync();
        var wrong = new List<string>();
        var checkedJson = 0;
        foreach (var (path, _, operation) in Operations(document).Where(o => o.Method == "get"))
        {
            var isPublic = operation["security"]!.AsArray().Any(r => r!.AsObject().Count == 0);
            // A scenario is never public (the demo data has none adopted to compare): its comparison is read by the office.
            var publicSample = isPublic && !path.StartsWith("/api/v1/financing/scenarios/", StringComparison.Ordinal);
            foreach (var user in publicSample ? new[] { As.Anonymous, As.Office } : new[] { As.Office })
            {
                // The public sees published roadmap versions only; the office also reads the draft 21.1.
                var url = Fill(path, operation, user == As.Anonymous ? new(samples) { ["version"] = "1.0", ["to"] = "1.0" } : samples);
                if (url is null) { wrong.Add($"GET {path}: no demo value for its parameters"); break; }
                using var response = await Client(user).GetAsync(url);
                var problems = await CheckAsync(checker, operation, response);
                if ((int)response.StatusCode is < 200 or > 299) problems.Insert(0, $"answered {(int)response.StatusCode}");
                else if (IsJson(response.Content.Headers.ContentType?.MediaType ?? "")) checkedJson++;
                wrong.AddRange(problems.Select(p => $"GET {url} as {user}: {p}"));
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(checkedJson >= 40, $"only {checkedJson} JSON answers were checked");
    }

    [Fact]
    public async Task Writes_answer_in_their_documented_shape()
    {
        if (!Factory.Ready()) return;
        var (document, checker) = await DocumentAsync();
        var wrong = new List<string>();

        async Task<JsonNode> Send(As user, string method, string template, string url, object? body, HttpStatusCode expected, string? ifMatch = null)
        {
            using var response = await Client(user).SendJsonAsync(new HttpMethod(method), url, body, ifMatch);
            await response.AssertStatusAsync(expected, $"{method} {url} as {user}");
            var operation = document["paths"]![template]?[method.ToLowerInvariant()]
                            ?? throw new Xunit.Sdk.XunitException($"{method} {template} is not in the document");
            wrong.AddRange((await CheckAsync(checker, operation, response)).Select(p => $"{method} {url}: {p}"));
            var text = await response.Content.ReadAsStringAsync();
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject(); // 204: no body
        }

        // Portfolio: propose, change, report, add and change a dependency, set up a year.
        var proposed = await Send(As.OwnerHso, "POST", "/api/v1/initiatives", "/api/v1/initiatives",
            Proposal(UniqueName("Kontrakttest")), HttpStatusCode.Created);
        var id = proposed.Int("id");
        var details = await InitiativeAsync(id);
        await Send(As.OwnerHso, "PUT", "/api/v1/initiatives/{id}", $"/api/v1/initiatives/{id}", UpdateBody(details), HttpStatusCode.OK,
            $"\"{details.Int("version")}\"");
        var reporting = await InitiativeIdAsync("Statistisk logganalyse");
        var version = (await InitiativeAsync(reporting))["reports"]!.AsArray().SingleOrDefault(r => r.Str("period") == CurrentPeriod)?["version"]?.GetValue<int>();
        await Send(As.OwnerHso, "PUT", "/api/v1/initiatives/{id}/reports/{period}", $"/api/v1/initiatives/{reporting}/reports/{CurrentPeriod}",
            new { status = "yellow", statusText = "Kontrakttest.", risk = "green", riskText = "Lav risiko.", progress = "Som planlagt.", cost = "Innenfor rammen.", budgetOre = 100_000_000L, spentOre = 25_000_050L, forecastOre = 100_000_000L, fundingSource = "co-financing", version },
            HttpStatusCode.OK);
        var target = await OrganizationIdAsync("Norsk Helsenett SF");
        var dependency = await Send(As.OwnerHso, "POST", "/api/v1/initiatives/{id}/dependencies", $"/api/v1/initiatives/{reporting}/dependencies",
            new { targetKind = "organization", targetId = target, description = "Kontrakttest: trenger NHN", criticality = "high", status = "green" },
            HttpStatusCode.Created);
        await Send(As.OwnerHso, "PUT", "/api/v1/dependencies/{id}", $"/api/v1/dependencies/{dependency.Int("id")}",
            new { targetKind = "organization", targetId = target, description = "Kontrakttest: endret", criticality = "high", status = "yellow",
                version = dependency.Int("version") }, HttpStatusCode.OK);
        await Send(As.Office, "POST", "/api/v1/reporting-years", "/api/v1/reporting-years", new { year = 2098, cadence = "tertial" }, HttpStatusCode.OK);

        // Actors: the office saves an actor unchanged.
        var organization = await Anonymous.GetJsonAsync($"/api/v1/organizations/{target}");
        await Send(As.Office, "PUT", "/api/v1/organizations/{id}", $"/api/v1/organizations/{target}", new
        {
            name = organization.Str("name"), shortName = organization["shortName"]?.GetValue<string>(), orgNumber = organization["orgNumber"]?.GetValue<string>(),
            type = organization.Str("type"), actorGroup = organization.Str("actorGroup"), region = organization["region"]?.GetValue<string>(),
            owners = organization["owners"]!.AsArray().Select(o => new { id = o!.Int("id"), share = o!["share"]?.GetValue<decimal>() }).ToList(), population = organization["population"]?.GetValue<int>(),
            version = organization.Int("version"),
        }, HttpStatusCode.OK);
        // … and registers a new one.
        await Send(As.Office, "POST", "/api/v1/organizations", "/api/v1/organizations",
            new { name = UniqueName("Kontrakttest aktør"), orgNumber = Actors.CreateOrganizationTests.NewOrgNumber(), type = "annet", actorGroup = "annet" },
            HttpStatusCode.Created);

        // Council: a meeting with a case, a standing case in the årshjul, a new name for a body.
        const string board = "nasjonalt-e-helserad";
        var meeting = await Send(As.Office, "POST", "/api/v1/meetings", "/api/v1/meetings",
            new { body = board, date = "2031-05-06", startTime = "10:00", endTime = "15:00", location = "Møterom Nordlys", isVideo = false, kind = "ordinary" },
            HttpStatusCode.Created);
        await Send(As.Office, "POST", "/api/v1/meetings/{id}/cases", $"/api/v1/meetings/{meeting.Int("id")}/cases", new Dictionary<string, object?>
        {
            ["title"] = "Kontrakttest", ["type"] = "orientering", ["from"] = "Sekretariatet", ["officers"] = "Test Testesen",
            ["purpose"] = "Å teste API-et.", ["background"] = "Laget av webtestene.", ["proposedDecision"] = "Organet tar saken til orientering.",
            ["confidential"] = false, ["presenter"] = "Test Testesen",
        }, HttpStatusCode.Created);
        await Send(As.Office, "POST", "/api/v1/cycle", "/api/v1/cycle",
            new { body = board, month = 9, title = "Kontrakttest", type = "orientering", proposedDecision = "Tas til orientering." }, HttpStatusCode.Created);

        // Roadmap: a draft copied from 21.1.
        await Send(As.Office, "POST", "/api/v1/roadmap/versions", "/api/v1/roadmap/versions",
            new { number = "98.1", basedOn = "21.1", kind = "yearly" }, HttpStatusCode.Created);

        // Accounts: the office registers a user by e-mail and gives her a new name.
        var email = $"kontrakt.{Guid.NewGuid():N}@example.no";
        var user = await Send(As.Office, "POST", "/api/v1/users", "/api/v1/users",
            new { userName = UniqueName("kontrakt").Replace(' ', '.'), displayName = "Kontrakt Testesen", role = "member", email },
            HttpStatusCode.Created);
        await Send(As.Office, "PUT", "/api/v1/users/{id}", $"/api/v1/users/{user.Int("id")}",
            new { displayName = "Kontrakt Testesen d.y.", role = "member", email, version = user.Int("version") }, HttpStatusCode.OK);

        // API tokens: a member makes one, the office an integration token, and the member revokes theirs.
        var token = await Send(As.Member, "POST", "/api/v1/tokens", "/api/v1/tokens", new { name = "Kontrakttest" }, HttpStatusCode.Created);
        await Send(As.Office, "POST", "/api/v1/tokens", "/api/v1/tokens",
            new { name = "Kontrakttest integrasjon", role = "operator", organization = "nhn", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd") },
            HttpStatusCode.Created);
        await Send(As.Member, "DELETE", "/api/v1/tokens/{id}", $"/api/v1/tokens/{token["details"].Int("id")}", null, HttpStatusCode.NoContent, "\"1\"");

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Saves the document where scripts/test.sh lints it (only when it asks, and once: from the SQLite run).</summary>
    [Fact]
    public async Task The_document_is_saved_for_the_linter()
    {
        if (!Factory.Ready()) return;
        var output = Environment.GetEnvironmentVariable(OutputVariable);
        if (string.IsNullOrWhiteSpace(output) || Factory.Provider != Provider.Sqlite) return;
        using var response = await Anonymous.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllBytesAsync(output, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The answer's status must be documented, and its body must have the documented media type and schema.</summary>
    private static async Task<List<string>> CheckAsync(OpenApiSchemaChecker checker, JsonNode operation, HttpResponseMessage response)
    {
        var problems = new List<string>();
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = operation["responses"]?[status];
        if (documented is null) return [$"status {status} is not documented"];
        if (response.StatusCode == HttpStatusCode.NoContent) return problems;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var content = documented["content"]?.AsObject() ?? new JsonObject();
        var media = content.FirstOrDefault(c => string.Equals(c.Key.Split(';')[0].Trim(), mediaType, StringComparison.OrdinalIgnoreCase)).Value;
        if (media is null)
        {
            // An attachment is served as whatever was uploaded; the document says application/octet-stream.
            if (!content.ContainsKey("application/octet-stream")) problems.Add($"media type {mediaType} is not documented ({string.Join(", ", content.Select(c => c.Key))})");
            return problems;
        }
        if (!IsJson(mediaType)) return problems;
        var text = await response.Content.ReadAsStringAsync();
        if (media["schema"] is not { } schema) return [$"{status} {mediaType} has no schema"];
        problems.AddRange(checker.Check(JsonNode.Parse(text), schema));
        return problems;
    }

    /// <summary>A path with its parameters filled from the demo data; null when a parameter has no demo value.</summary>
    private static string? Fill(string path, JsonNode operation, Dictionary<string, string> samples)
    {
        var url = path;
        foreach (var parameter in operation["parameters"]?.AsArray() ?? new JsonArray())
        {
            var name = parameter.Str("name");
            var where = parameter.Str("in");
            if (where == "path")
            {
                // {id} means a different resource under each collection: the segment before it says which.
                var segment = path[..path.IndexOf("{" + name + "}", StringComparison.Ordinal)].TrimEnd('/').Split('/')[^1];
                if (!samples.TryGetValue($"{segment}/{name}", out var value) && !samples.TryGetValue(name, out value)) return null;
                url = url.Replace("{" + name + "}", Uri.EscapeDataString(value));
            }
            else if (where == "query" && parameter?["required"]?.GetValue<bool>() == true)
            {
                if (!samples.TryGetValue(name, out var value)) return null;
                url += (url.Contains('?') ? "&" : "?") + name + "=" + Uri.EscapeDataString(value);
            }
        }
        // The diff needs both versions although the binder takes them as optional (its own validation names them).
        if (path.StartsWith("/api/v1/roadmap/diff", StringComparison.Ordinal) && !url.Contains('?')) url += $"?from={samples["from"]}&to={samples["to"]}";
        // The archive extract needs its period (optional to the binder; its own validation names them), with a public case in it.
        if (path == "/api/v1/bodies/{slug}/archive") url += "?from=2020-01-01&to=2021-12-31";
        return url.Contains('{') ? null : url;
    }

    /// <summary>Demo records to read: a held meeting (its minutes exist), one of its cases, an attachment with a file, and so on.</summary>
    /// <remarks>The demo data has no attachment files: one is uploaded to a case of the held meeting (public since its notice is sent).</remarks>
    private async Task<Dictionary<string, string>> SamplesAsync()
    {
        var meetings = await Office.GetArrayAsync("/api/v1/meetings");
        var held = meetings.First(m => m.Str("status") is "held" or "minutes-approved");
        var meeting = await Office.GetJsonAsync($"/api/v1/meetings/{held.Int("id")}");
        var cases = meeting["cases"]!.AsArray();
        var attachment = cases.SelectMany(c => c!["attachments"]!.AsArray()).FirstOrDefault(a => a?["url"] is not null)
                         ?? await UploadAttachmentAsync(cases[0]!.Int("id"));
        var initiatives = await Anonymous.GetArrayAsync("/api/v1/initiatives");
        var reported = initiatives.First(i => i?["latestReport"] is not null);
        var organizations = await Anonymous.GetArrayAsync("/api/v1/organizations?pageSize=5");
        var samples = new Dictionary<string, string>
        {
            ["organizations/id"] = organizations[0]!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["initiatives/id"] = reported!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["meetings/id"] = held.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cases/id"] = cases[0]!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["slug"] = held.Str("body"),
            ["version"] = "21.1",
            ["key"] = "kjernejournal",
            ["q"] = "kjernejournalen",
            ["period"] = CurrentPeriod,
            ["format"] = "json",
            ["year"] = "2022",
            ["from"] = "1.0",
            ["to"] = "21.1",
        };
        // Financing: the adopted 2022 model, a scenario of the office's own when there is one, Oslo's bill and invoice basis.
        var financing = await Office.GetArrayAsync("/api/v1/financing");
        var adopted = financing.Single(y => y.Int("year") == 2022)!["adopted"].Int("id");
        // The demo data has no scenario: as with the attachment, one is made (a copy of the adopted model, compared with it).
        var scenario = financing.SelectMany(y => y!["scenarios"]!.AsArray()).FirstOrDefault()?.Int("id") ?? await CreateScenarioAsync(adopted);
        var oslo = await OrganizationIdAsync("Oslo kommune");
        samples["models/id"] = adopted.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["scenarios/id"] = scenario.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["actors/id"] = oslo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["organizationId"] = oslo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["solutionKey"] = "kjernejournal";
        // Strategy: the adopted 2017–2022 strategy and its first area (public).
        var strategy = (await Office.GetArrayAsync("/api/v1/strategies")).First(x => x.Str("status") == "adopted")!.Int("id");
        var area = (await Office.GetJsonAsync($"/api/v1/strategies/{strategy}"))["areas"]![0].Int("id");
        samples["strategies/id"] = strategy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["areas/areaId"] = area.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Benefits: a demo benefit for its chart.
        var withBenefits = await InitiativeIdAsync("Kjernejournal dokumentdeling");
        samples["benefits/id"] = (await Anonymous.GetJsonAsync($"/api/v1/initiatives/{withBenefits}/benefits"))["benefits"]![0].Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Evaluation: the demo round (published).
        var rounds = await Anonymous.GetArrayAsync("/api/v1/evaluations");
        samples["evaluations/id"] = rounds.First(r => r!["summary"] is null && r.Str("title") == "Prioritering av målområder 2023")!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Accounts: a user (office only).
        samples["users/id"] = (await Office.GetArrayAsync("/api/v1/users"))[0]!.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        // API tokens: the demo data has none; one is made to read (its prefix, never the token, comes back).
        using (var token = await Office.PostJsonAsync("/api/v1/tokens", new { name = "Kontrakttest lesing" }))
        {
            await token.AssertStatusAsync(HttpStatusCode.Created, "a token to read");
            samples["tokens/id"] = (await token.ReadJsonAsync())["details"].Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (attachment is not null) samples["attachments/id"] = attachment.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
        return samples;
    }

    private async Task<int> CreateScenarioAsync(int fromModelId)
    {
        using var response = await Office.PostJsonAsync("/api/v1/financing/models", new { fromModelId, year = 2022, name = "Kontrakttest", scenario = true });
        await response.AssertStatusAsync(HttpStatusCode.Created, "a scenario to compare");
        return (await response.ReadJsonAsync())["model"].Int("id");
    }

    private async Task<JsonNode> UploadAttachmentAsync(int caseId)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4\n%kontrakttest\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "kontrakttest.pdf");
        form.Add(new StringContent("9"), "label");
        form.Add(new StringContent("Kontrakttest"), "title");
        using var response = await Office.PostAsync($"/api/v1/cases/{caseId}/attachments", form);
        await response.AssertStatusAsync(HttpStatusCode.Created, "upload an attachment to read");
        return await response.ReadJsonAsync();
    }
}

public sealed class OpenApiSqliteTests(SqliteFactory factory) : OpenApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class OpenApiPostgresTests(PostgresFactory factory) : OpenApiTests(factory), IClassFixture<PostgresFactory>;
