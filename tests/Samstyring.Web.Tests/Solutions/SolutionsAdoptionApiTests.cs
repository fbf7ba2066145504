using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Samstyring.Core.Solutions;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// The adoption API: a change and a list recorded in the documented shape, all rows or none with row numbers, a step back
/// answered 409 until confirmed, and hostile input answered 400 (or 413), never 500, with nothing saved.
/// </summary>
public abstract class SolutionsAdoptionApiTests(SamstyringFactory factory) : AdoptionWebTest(factory)
{
    private HttpClient Operator => Client(As.OperatorNhn);

    private async Task<JsonNode> DocumentedAsync(HttpResponseMessage response, string path)
    {
        var document = await Anonymous.GetJsonAsync("/openapi/v1.json");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = document["paths"]![path]!["post"]!["responses"]![status] ?? throw new Xunit.Sdk.XunitException($"{status} not documented for {path}");
        var schema = documented["content"]!.AsObject().First().Value!["schema"]!;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var problems = new OpenApiSchemaChecker(document).Check(body, schema);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return body;
    }

    [Fact]
    public async Task The_operator_records_a_change_and_it_is_audited_with_its_name()
    {
        if (!Factory.Ready()) return;
        var (number, name, stage) = await FreshMunicipalityAsync(Kjernejournal);
        using var response = await Operator.PostJsonAsync($"{Api(Kjernejournal)}/changes",
            new { municipalityNumber = number, stage = Code(stage + 1), date = "2025-01-15", source = "Rapport fra NHN januar 2025" });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var change = await DocumentedAsync(response, "/api/v1/solutions/{key}/adoption/changes");
        Assert.Equal((name, number, Code(stage + 1), "2025-01-15", "drift-nhn"),
            (change.Str("municipality"), change.Str("municipalityNumber"), change.Str("stage"), change.Str("date"), change.Str("recordedBy")));
        Assert.Equal(Api(Kjernejournal), response.Headers.Location?.OriginalString);

        var audit = await Client(As.Office).GetArrayAsync($"/api/v1/audit?entityType=AdoptionChange&entityId={change["id"]}");
        Assert.Equal("drift-nhn", Assert.Single(audit).Str("userName"));
    }

    [Fact]
    public async Task A_step_back_is_409_until_confirmed()
    {
        if (!Factory.Ready()) return;
        var (number, name, _) = await FreshMunicipalityAsync(Kjernejournal);
        using (var forward = await Operator.PostJsonAsync($"{Api(Kjernejournal)}/changes", new { municipalityNumber = number, stage = "in-use", source = "Fremover" }))
            await forward.AssertStatusAsync(HttpStatusCode.Created);
        var before = await CountChangesAsync();

        using (var back = await Operator.PostJsonAsync($"{Api(Kjernejournal)}/changes", new { municipalityNumber = number, stage = "interest", source = "Tilbake" }))
        {
            await back.AssertStatusAsync(HttpStatusCode.Conflict);
            Assert.Equal("application/problem+json", back.Content.Headers.ContentType?.MediaType);
            var problem = await DocumentedAsync(back, "/api/v1/solutions/{key}/adoption/changes");
            var move = Assert.Single(problem["backwards"]!.AsArray())!;
            Assert.Equal((name, "in-use", "interest"), (move.Str("municipality"), move.Str("from"), move.Str("to")));
            Assert.True(ApiHelpers.LooksNorwegian(problem["errors"]!["stage"]![0]!.GetValue<string>()));
        }
        Assert.Equal(before, await CountChangesAsync());

        var (second, _, _) = await FreshMunicipalityAsync(Kjernejournal);
        var list = $"kommunenummer;status\n{number};interest\n{second};in-use\n";
        using (var asked = await Operator.PostAsync($"{Api(Kjernejournal)}/import", CsvForm(list)))
        {
            await asked.AssertStatusAsync(HttpStatusCode.Conflict);
            var problem = await DocumentedAsync(asked, "/api/v1/solutions/{key}/adoption/import");
            Assert.Equal(2, problem.Int("changed"));
            Assert.Equal(2, Assert.Single(problem["backwards"]!.AsArray())!.Int("row"));
        }
        Assert.Equal(before, await CountChangesAsync());

        using (var confirmed = await Operator.PostAsync($"{Api(Kjernejournal)}/import?confirmBackwards=true", CsvForm(list)))
        {
            await confirmed.AssertStatusAsync(HttpStatusCode.OK);
            var result = await DocumentedAsync(confirmed, "/api/v1/solutions/{key}/adoption/import");
            Assert.Equal((2, 0, 1), (result.Int("changed"), result.Int("unchanged"), result.Int("backwards")));
        }
        Assert.Equal(before + 2, await CountChangesAsync());
        Assert.Equal(AdoptionStage.Interest, await StageAsync(Kjernejournal, number));
    }

    [Fact]
    public async Task One_bad_row_saves_nothing_and_every_bad_row_is_named_by_its_line()
    {
        if (!Factory.Ready()) return;
        var (a, _, _) = await FreshMunicipalityAsync(Kjernejournal);
        var (b, _, _) = await FreshMunicipalityAsync(Kjernejournal);
        var before = await CountChangesAsync();
        using var response = await Operator.PostAsync($"{Api(Kjernejournal)}/import",
            CsvForm($"kommunenummer;status;dato\n{a};in-use;2025-02-01\n9998;in-use;\n{b};tatt i bruk;2099-01-01\n"));
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        // The shape of the initiative import's 400 (ReportsApi.ImportProblem: errors per row, and the same under «rows»).
        var problem = await response.ReadJsonAsync();
        Assert.Equal(3, problem["rows"]![0]!.Int("row"));
        Assert.Contains("9998", problem["errors"]!["row 3"]![0]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["row 4"]);
        Assert.Null(problem["errors"]!["row 2"]);
        Assert.Equal(before, await CountChangesAsync());

        // The same list, fixed, as a raw CSV body with a date for the rows without one.
        using var raw = new StringContent($"kommunenummer;status\n{a};in-use\n{b};Tatt i bruk\n", Encoding.UTF8, "text/csv");
        using var saved = await Operator.PostAsync($"{Api(Kjernejournal)}/import?date=2025-02-01", raw);
        await saved.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await saved.ReadJsonAsync()).Int("changed"));
        Assert.Equal(before + 2, await CountChangesAsync());
    }

    public static TheoryData<string> HostileChanges() =>
    [
        """{"municipalityNumber":"0301","stage":"in-use","source":"NUL\u0000her"}""",
        "{\"municipalityNumber\":\"0301\",\"stage\":\"in-use\",\"source\":\"" + new string('x', 100_000) + "\"}",
        """{"municipalityNumber":"0301","stage":"in-use","source":"snu\u202Eteksten"}""",
        """{"municipalityNumber":"0301","stage":"in-use","date":"2021-02-30","source":"Kilde"}""",
        """{"municipalityNumber":301,"stage":"in-use","source":"Kilde"}""",
        """{"municipalityNumber":"0301","municipalityNumber":"4601","stage":"in-use","source":"Kilde"}""",
        """{"municipalityNumber":"<script>alert(1)</script>","stage":"'; drop table adoption_changes; --","source":"%_"}""",
        "{not json",
    ];

    [Theory]
    [MemberData(nameof(HostileChanges))]
    public async Task Hostile_changes_get_400_and_save_nothing(string json)
    {
        if (!Factory.Ready()) return;
        var before = await SnapshotAsync();
        using var response = await Operator.PostAsync($"{Api(Kjernejournal)}/changes", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    public static TheoryData<string> HostileFiles() => ["million-columns", "nul-bytes", "fake-xlsx-raw", "fake-xlsx-file", "wrong-type", "no-file", "empty", "zip-bomb-ish", "traversal-name"];

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Hostile_files_get_400_and_save_nothing(string kind)
    {
        if (!Factory.Ready()) return;
        const string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        HttpContent content = kind switch
        {
            "million-columns" => Raw(Samstyring.Core.Tests.Portfolio.HostileFiles.CsvWithColumns(1_000_000), "text/csv"),
            "nul-bytes" => Raw("kommunenummer;status\n0301;in\0use\n"u8.ToArray(), "text/csv"),
            "fake-xlsx-raw" => Raw("kommunenummer;status\n0301;in-use\n"u8.ToArray(), xlsx),
            "fake-xlsx-file" => File("kommunenummer;status\n0301;in-use\n"u8.ToArray(), "liste.xlsx"),
            "wrong-type" => new StringContent("""{"file":"0301;in-use"}""", Encoding.UTF8, "application/json"),
            "no-file" => new MultipartFormDataContent { { new StringContent("x"), "label" } },
            "empty" => Raw([], "text/csv"),
            "zip-bomb-ish" => File(Samstyring.Core.Tests.Portfolio.HostileFiles.XlsxWithEmptyRows(1_000_000), "liste.xlsx"),
            _ => File("kommunenummer;status\n9997;in-use\n"u8.ToArray(), "../../\u202Etxt.csv"),
        };
        var before = await SnapshotAsync();
        using var response = await Operator.PostAsync($"{Api(Kjernejournal)}/import", content);
        await response.AssertStatusAsync(HttpStatusCode.BadRequest, kind);
        var problem = await response.ReadJsonAsync();
        Assert.True(ApiHelpers.LooksNorwegian(problem.Str("detail")), kind);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_413()
    {
        if (!Factory.Ready()) return;
        var before = await SnapshotAsync();
        var big = new byte[Samstyring.Core.Portfolio.ImportLimits.MaxBytes + 200 * 1024];
        using (var response = await Operator.PostAsync($"{Api(Kjernejournal)}/import", Raw(big, "text/csv")))
            await response.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        using (var response = await Operator.PostAsync($"{Api(Kjernejournal)}/import", File(big, "stor.csv")))
            await response.AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static ByteArrayContent Raw(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static MultipartFormDataContent File(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };
}

[Collection(SqliteCollection.Name)]
public sealed class SolutionsAdoptionApiSqliteTests(SqliteFactory factory) : SolutionsAdoptionApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SolutionsAdoptionApiPostgresTests(PostgresFactory factory) : SolutionsAdoptionApiTests(factory);
