using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Samstyring.Web.Tests.Roadmap;

/// <summary>
/// The roadmap API against the demo data (roadmap.json: 1.0 published, 21.1 recommended by NUIT 39/21 and not yet
/// endorsed) and against drafts the tests make: the documented shapes, who sees drafts, files, the diff, validation,
/// optimistic concurrency and the whole way from draft to published.
/// </summary>
public abstract class RoadmapApiTests(SamstyringFactory factory) : RoadmapWebTest(factory)
{
    private const string CsvHeader = "version,area,serviceKey,service,actorGroup,kind,written,start,end,note";

    // ---------------------------------------------------------------- the versions

    [Fact]
    public async Task Anonymous_versions_list_has_the_published_1_0_and_no_drafts()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"{Api}/versions");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var rows = (await response.ReadJsonAsync()).AsArray();

        Assert.All(rows, r => Assert.Equal("published", r.Str("status")));
        Assert.DoesNotContain(rows, r => r.Str("version") == "21.1");
        var one = rows.Single(r => r.Str("version") == "1.0")!;
        Assert.Equal("2020-12-15", one.Str("publishedOn"));
        Assert.Equal("yearly", one.Str("kind"));
        Assert.Equal("Veikart for nasjonale e-helseløsninger", one.Str("title"));
        Assert.Null(one["basedOn"]);
        Assert.Null(one["recommendedOn"]);
        Assert.Null(one["endorsedOn"]);
    }

    [Theory]
    [InlineData(As.Office)]
    [InlineData(As.Member)]
    public async Task Office_and_members_also_see_the_recommended_21_1(As user)
    {
        if (!Factory.Ready()) return;
        var rows = await Client(user).GetArrayAsync($"{Api}/versions");
        var v = rows.Single(r => r.Str("version") == "21.1")!;
        Assert.Equal("recommended", v.Str("status"));
        Assert.Equal("1.0", v.Str("basedOn"));
        Assert.Equal("2021-11-19", v.Str("recommendedOn"));
        Assert.Null(v["publishedOn"]);
        Assert.Null(v["endorsedOn"]);
        // Newest first.
        Assert.True(rows.Select(r => r.Str("version")).ToList().IndexOf("21.1") < rows.Select(r => r.Str("version")).ToList().IndexOf("1.0"));
    }

    [Theory]
    [InlineData(As.OwnerHso)]
    [InlineData(As.OwnerOslo)]
    [InlineData(As.Ks)]
    public async Task Owners_and_KS_see_published_versions_only(As user)
    {
        if (!Factory.Ready()) return;
        var rows = await Client(user).GetArrayAsync($"{Api}/versions");
        Assert.Contains(rows, r => r.Str("version") == "1.0");
        Assert.All(rows, r => Assert.Equal("published", r.Str("status")));
    }

    [Fact]
    public async Task Version_1_0_has_services_with_plans_links_and_dependencies_and_the_milestones()
    {
        if (!Factory.Ready()) return;
        var v = await Anonymous.GetJsonAsync($"{Api}/versions/1.0");

        Assert.Equal("1.0", v.Str("version"));
        Assert.Equal("published", v.Str("status"));
        Assert.Equal("2020-12-15", v.Str("publishedOn"));
        Assert.Equal("yearly", v.Str("kind"));
        Assert.Null(v["basedOn"]);
        Assert.Null(v["recommended"]);
        Assert.Null(v["endorsed"]);
        Assert.True(v["isDemo"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(v.Str("demoNote")));
        Assert.False(string.IsNullOrWhiteSpace(v.Str("summary")));

        var services = v["services"]!.AsArray();
        Assert.Equal(["dialogmeldinger", "helsenorge-innbyggertjenester", "journaldokumenter", "kritisk-informasjon"],
            services.Select(s => s.Str("key")).Order(StringComparer.Ordinal).ToArray());
        foreach (var s in services)
        {
            Assert.True(s.Int("id") > 0);
            Assert.False(string.IsNullOrWhiteSpace(s.Str("area")));
            Assert.False(string.IsNullOrWhiteSpace(s.Str("goal")));
            Assert.NotNull(s!["description"]);
            Assert.NotEmpty(s["solutions"]!.AsArray());
            Assert.All(s["solutions"]!.AsArray(), x => Assert.False(string.IsNullOrWhiteSpace(x.Str("name"))));
            Assert.NotNull(s["firstInUse"]);
            Assert.NotNull(s["lastInUse"]);
            Assert.NotNull(s["hasLateDependency"]);
            foreach (var p in s["plans"]!.AsArray())
            {
                Assert.True(p.Int("id") > 0);
                Assert.Contains(p.Str("kind"), new[] { "trial", "rollout" });
                Assert.Matches(@"^\d{4}-\d\d-\d\d$", p.Str("start"));
                Assert.Matches(@"^\d{4}-\d\d-\d\d$", p.Str("end"));
                Assert.Contains(p.Str("qualifier"), new[] { "none", "earliest", "latest", "approximately" });
            }
            foreach (var d in s["dependencies"]!.AsArray())
            {
                Assert.Contains(d.Str("target"), new[] { "service", "initiative", "solution" });
                Assert.False(string.IsNullOrWhiteSpace(d.Str("key")));
                Assert.False(string.IsNullOrWhiteSpace(d.Str("name")));
                Assert.NotNull(d!["isLate"]);
            }
        }

        // Case 38/21: the Helse Vest trial of critical information was planned for Q4 2020 in 1.0.
        var trial = Plan(v, "kritisk-informasjon", "Helse Vest RHF", "trial");
        Assert.Equal("Q4 2020", trial.Str("written"));
        Assert.Equal("2020-10-01", trial.Str("start"));
        Assert.Equal("2020-12-31", trial.Str("end"));
        Assert.Equal("none", trial.Str("qualifier"));
        var innen = Plan(v, "kritisk-informasjon", "Legevakt", "rollout");
        Assert.Equal("innen 2025", innen.Str("written"));
        Assert.Equal("latest", innen.Str("qualifier"));
        Assert.Equal("2025-12-31", innen.Str("end"));

        var helsenorge = Service(v, "helsenorge-innbyggertjenester");
        var dependency = Assert.Single(helsenorge["dependencies"]!.AsArray())!;
        Assert.Equal("service", dependency.Str("target"));
        Assert.Equal("dialogmeldinger", dependency.Str("key"));

        var milestones = v["milestones"]!.AsArray();
        Assert.Equal(["M1", "M2", "M3"], milestones.Select(m => m.Str("code")).ToArray());
        var m1 = milestones[0]!;
        Assert.Equal("Helseplattformen i Midt-Norge", m1.Str("title"));
        Assert.StartsWith("Milepælen er nådd", m1.Str("reachCriterion"));
        Assert.Equal("tidligst 2021/2022", m1.Str("target"));
        var first = m1["prerequisites"]!.AsArray()[0]!;
        Assert.Equal("confirmed-so-far", first.Str("status"));
        Assert.Equal("Bekreftet så langt", first.Str("statusLabel"));
        Assert.Equal("2017-12-01", first.Str("assessedOn"));
        Assert.Contains(m1["phases"]!.AsArray(), p => p.Str("phase") == "procurement" && p.Str("written") == "august 2016–primo 2019"
                                                     && p.Str("start") == "2016-08-01" && p.Str("end") == "2019-04-30");
        Assert.Null(milestones[2]!["target"]);
        Assert.Contains(milestones[2]!["prerequisites"]!.AsArray(), p => p.Str("status") == "not-assessed");
    }

    [Fact]
    public async Task Version_21_1_shows_postponed_plans_with_null_dates_and_the_NUIT_case()
    {
        if (!Factory.Ready()) return;
        var (v, etag) = await OfficeVersionAsync("21.1");

        Assert.Equal("recommended", v.Str("status"));
        Assert.Equal("1.0", v.Str("basedOn"));
        Assert.Equal("NUIT 39/21", v["recommended"].Str("reference"));
        Assert.Equal("2021-11-19", v["recommended"].Str("on"));
        Assert.Equal(await NuitCaseAsync(), v["recommended"].Int("caseId"));
        Assert.Null(v["endorsed"]);

        var postponed = Plan(v, "dialogmeldinger", "Kommunale pleie- og omsorgstjenester", "rollout");
        Assert.Equal("utsatt på ubestemt tid", postponed.Str("written"));
        Assert.Null(postponed["start"]);
        Assert.Null(postponed["end"]);
        var earliest = Plan(v, "dialogmeldinger", "Helseforetak", "rollout");
        Assert.Equal("earliest", earliest.Str("qualifier"));
        Assert.Equal("2021-10-01", earliest.Str("start"));

        // ETag is the version's row version, for If-Match on the writes.
        var rowVersion = await WithDbAsync(db => Task.FromResult(db.RoadmapVersions.Single(x => x.Number == "21.1").Version));
        Assert.Equal($"\"{rowVersion}\"", etag);
    }

    [Fact]
    public async Task Anonymous_reads_are_cached_with_an_ETag_that_revalidates()
    {
        if (!Factory.Ready()) return;
        // The ETag follows every committed change, the app's background jobs' too: when one commits between the two reads,
        // the second answer is fresh and carries a new ETag, and the pair is tried again.
        for (var attempt = 1; ; attempt++)
        {
            using var first = await Anonymous.GetAsync($"{Api}/versions/1.0");
            await first.AssertStatusAsync(HttpStatusCode.OK);
            var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag");
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Api}/versions/1.0");
            request.Headers.IfNoneMatch.Add(etag);
            using var second = await Anonymous.SendAsync(request);
            if (second.StatusCode == HttpStatusCode.OK && !Equals(second.Headers.ETag, etag) && attempt < 3) continue;
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            break;
        }

        // A logged-in reader's answer is never put in a shared cache.
        using var office = await Office.GetAsync($"{Api}/versions/1.0");
        Assert.Contains("private", office.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Unknown_version_is_404_with_a_Norwegian_problem()
    {
        if (!Factory.Ready()) return;
        using var response = await Office.GetAsync($"{Api}/versions/9.9");
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Fant ikke veikartversjon", (await response.ReadJsonAsync()).Str("detail"));
    }

    // ---------------------------------------------------------------- files

    [Fact]
    public async Task Chart_svg_is_an_svg_document_and_filters_by_area()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"{Api}/versions/1.0/chart.svg");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Contains("Helse Vest RHF", svg);

        using var filtered = await Anonymous.GetAsync($"{Api}/versions/1.0/chart.svg?area={Uri.EscapeDataString("Innbyggertjenester")}&actorGroup=Legevakt");
        await filtered.AssertStatusAsync(HttpStatusCode.OK);
        var only = await filtered.Content.ReadAsStringAsync();
        XDocument.Parse(only);
        Assert.DoesNotContain("Helse Vest RHF", only);
    }

    [Theory]
    [InlineData("chart.svg")]
    [InlineData("chart.pdf")]
    [InlineData("plans.csv")]
    public async Task Filters_ignore_case_and_an_unknown_value_is_400_with_a_Norwegian_field_error(string file)
    {
        if (!Factory.Ready()) return;
        using var lower = await Anonymous.GetAsync($"{Api}/versions/1.0/{file}?area={Uri.EscapeDataString("innbyggertjenester")}&actorGroup=LEGEVAKT&solution=HELSENORGE");
        await lower.AssertStatusAsync(HttpStatusCode.OK);
        if (file == "plans.csv")
        {
            var rows = (await lower.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            Assert.StartsWith("1.0,Innbyggertjenester,helsenorge-innbyggertjenester,", Assert.Single(rows), StringComparison.Ordinal);
            Assert.Contains(",Legevakt,trial,H1 2021,", rows[0]);
        }

        foreach (var (query, field, text) in new[]
                 {
                     ("actorGroup=Tannlege", "actorGroup", "Versjon 1.0 har ingen planer for aktørgruppen «Tannlege». Aktørgruppene i versjonen er:"),
                     ("area=Legemidler", "area", "Versjon 1.0 har ikke området «Legemidler»."),
                     ("solution=ehelse", "solution", "Ingen tjenester i versjon 1.0 leveres av den nasjonale løsningen «ehelse»."),
                 })
        {
            using var unknown = await Anonymous.GetAsync($"{Api}/versions/1.0/{file}?{query}");
            Assert.StartsWith(text, await unknown.AssertValidationProblemAsync(field));
        }
    }

    [Fact]
    public async Task Chart_pdf_is_a_pdf_attachment_named_after_the_version()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"{Api}/versions/1.0/chart.pdf");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("veikart-1.0.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task Plans_csv_has_the_documented_header_and_one_row_per_plan()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"{Api}/versions/1.0/plans.csv");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("veikart-1.0.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CsvHeader, lines[0]);

        var v = await Anonymous.GetJsonAsync($"{Api}/versions/1.0");
        var plans = v["services"]!.AsArray().Sum(s => s!["plans"]!.AsArray().Count);
        Assert.Equal(plans + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("1.0,Deling av helseopplysninger,kritisk-informasjon,", StringComparison.Ordinal)
                                    && l.Contains(",Helse Vest RHF,trial,Q4 2020,2020-10-01,2020-12-31,", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- the diff

    [Fact]
    public async Task Diff_from_1_0_to_21_1_has_the_changes_of_case_38_21()
    {
        if (!Factory.Ready()) return;
        var changes = await Office.GetArrayAsync($"{Api}/diff?from=1.0&to=21.1");

        var delayed = changes.Single(c => c.Str("serviceKey") == "kritisk-informasjon" && c!["actorGroup"]?.GetValue<string>() == "Helse Vest RHF")!;
        Assert.Equal("moved", delayed.Str("change"));
        Assert.Equal("trial", delayed.Str("kind"));
        Assert.Equal("Q4 2020", delayed.Str("from"));
        Assert.Equal("Q4 2021", delayed.Str("to"));
        Assert.Equal(12, delayed.Int("delayMonths"));
        Assert.Equal("ca. 1 år", delayed.Str("delayText"));
        Assert.StartsWith("Helsepersonell skal ha tilgang til en oppdatert", delayed.Str("service"));
        Assert.Equal("Deling av helseopplysninger", delayed.Str("area"));

        var postponed = changes.Single(c => c.Str("serviceKey") == "dialogmeldinger" && c!["actorGroup"]?.GetValue<string>() == "Kommunale pleie- og omsorgstjenester"
                                            && c["kind"]?.GetValue<string>() == "rollout")!;
        Assert.Equal("postponed-indefinitely", postponed.Str("change"));
        Assert.Equal("utsatt på ubestemt tid", postponed.Str("to"));
        Assert.Null(postponed["delayMonths"]);

        // Case 38/21: the plans of fysioterapeuter og manuellterapeuter were adjusted; they are no new actor group.
        var adjusted = changes.Single(c => c!["actorGroup"]?.GetValue<string>() == "Fysioterapeuter og manuellterapeuter")!;
        Assert.Equal("moved", adjusted.Str("change"));
        Assert.Equal("2023–2025", adjusted.Str("from"));
        Assert.Equal("2024–2026", adjusted.Str("to"));
        Assert.False(adjusted["newActorGroup"]!.GetValue<bool>());
        Assert.DoesNotContain(changes, c => c!["newActorGroup"]!.GetValue<bool>());

        Assert.Contains(changes, c => c.Str("serviceKey") == "dialogmeldinger" && c.Str("change") == "moved"
                                      && c!["delayText"]?.GetValue<string>()?.StartsWith("minimum", StringComparison.Ordinal) == true);
        Assert.All(changes, c => Assert.Contains(c.Str("change"), new[] { "added", "removed", "moved", "postponed-indefinitely" }));
    }

    [Fact]
    public async Task Diff_lists_an_added_service_per_actor_group_and_flags_new_groups_as_the_page_does()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        var newGroup = $"Tannleger {number}";
        async Task<int> AddAsync(string key)
        {
            using var response = await Office.PostJsonAsync($"{Api}/versions/{number}/services",
                new { key, area = "Legemidler", goal = $"Mål for {key}", description = "", solutions = Array.Empty<string>(), initiatives = Array.Empty<int>() });
            await response.AssertStatusAsync(HttpStatusCode.Created);
            return (await response.ReadJsonAsync()).Int("id");
        }
        var withPlans = await AddAsync("ny-med-planer");
        await AddAsync("ny-uten-planer");
        foreach (var (group, kind) in new[] { ("Legevakt", "trial"), (newGroup, "rollout") })
        {
            using var plan = await Office.PostJsonAsync($"{Api}/services/{withPlans}/plans", new { actorGroup = group, kind, written = "2025" });
            await plan.AssertStatusAsync(HttpStatusCode.Created);
        }

        var changes = await Office.GetArrayAsync($"{Api}/diff?from=21.1&to={number}");
        var rows = changes.Where(c => c.Str("serviceKey") == "ny-med-planer").ToList();
        Assert.Equal([("Legevakt", "trial", false), (newGroup, "rollout", true)],
            rows.Select(c => (c!["actorGroup"]!.GetValue<string>(), c.Str("kind"), c["newActorGroup"]!.GetValue<bool>())).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList());
        Assert.All(rows, c =>
        {
            Assert.Equal("added", c.Str("change"));
            Assert.Equal("2025", c.Str("to"));
            Assert.True(c!["wholeService"]!.GetValue<bool>());
        });
        var empty = Assert.Single(changes, c => c.Str("serviceKey") == "ny-uten-planer")!;
        Assert.Null(empty["actorGroup"]);
        Assert.Equal("added", empty.Str("change"));

        // The page names the same new actor group and flags it on the same line.
        var html = WebUtility.HtmlDecode(await Office.GetStringAsync($"/veikart/endringer?fra=21.1&til={number}"));
        Assert.Contains($"Nye aktørgrupper i versjon {number}: {newGroup}.", html);
        Assert.Contains($"{newGroup} <span class=\"ds-tag\" data-color=\"info\">ny aktørgruppe</span>", html);
        Assert.Contains("2 tjenester lagt til", html);
    }

    [Fact]
    public async Task Diff_docx_is_a_Word_file_named_after_the_versions()
    {
        if (!Factory.Ready()) return;
        using var response = await Office.GetAsync($"{Api}/diff.docx?from=1.0&to=21.1");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("veikart-endringer-1.0-21.1.docx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
    }

    [Theory]
    [InlineData("/diff", "from")]
    [InlineData("/diff?from=1.0", "to")]
    [InlineData("/diff?to=21.1", "from")]
    [InlineData("/diff?from=en&to=21.1", "from")]
    [InlineData("/diff?from=1.0&to=21.1.2", "to")]
    [InlineData("/diff.docx?from=1.0", "to")]
    public async Task Diff_without_valid_versions_is_400_with_a_Norwegian_field_error(string url, string field)
    {
        if (!Factory.Ready()) return;
        using var response = await Office.GetAsync(Api + url);
        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
    }

    // ---------------------------------------------------------------- who sees drafts

    public static TheoryData<string, As> HiddenReads()
    {
        var data = new TheoryData<string, As>();
        foreach (var url in new[]
                 {
                     "/versions/21.1", "/versions/21.1/chart.svg", "/versions/21.1/chart.pdf", "/versions/21.1/plans.csv",
                     "/diff?from=1.0&to=21.1", "/diff?from=21.1&to=1.0", "/diff.docx?from=1.0&to=21.1",
                 })
        foreach (var user in new[] { As.Anonymous, As.OwnerHso, As.Ks })
            data.Add(url, user);
        return data;
    }

    [Theory]
    [MemberData(nameof(HiddenReads))]
    public async Task An_unpublished_version_is_404_for_those_who_cannot_see_drafts(string url, As user)
    {
        if (!Factory.Ready()) return;
        using var response = await Client(user).GetAsync(Api + url);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // Council members treat drafts in NUIT and the board, so they see the same thing.
        using var member = await Client(As.Member).GetAsync(Api + url);
        await member.AssertStatusAsync(HttpStatusCode.OK);
    }

    // ---------------------------------------------------------------- validation and concurrency

    [Theory]
    [InlineData("22", "number")]
    [InlineData("versjon 22", "number")]
    [InlineData("21.1", "number")]
    [InlineData("0.5", "number")]
    public async Task An_invalid_draft_is_400_with_a_Norwegian_field_error_and_saves_nothing(string number, string field)
    {
        if (!Factory.Ready()) return;
        var before = await SnapshotAsync(null);
        using var response = await Office.PostJsonAsync($"{Api}/versions", new { number, basedOn = "21.1", kind = "yearly" });
        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Equal(before, await SnapshotAsync(null));
    }

    [Fact]
    public async Task A_draft_needs_a_known_version_to_be_based_on()
    {
        if (!Factory.Ready()) return;
        using var response = await Office.PostJsonAsync($"{Api}/versions", new { number = NewNumber(), basedOn = "7.7", kind = "yearly" });
        Assert.Contains("7.7", await response.AssertValidationProblemAsync("basedOn"));
    }

    [Theory]
    [InlineData("Q5 2021")]
    [InlineData("2021/2019")]
    [InlineData("")]
    [InlineData("neste år")]
    public async Task A_plan_with_a_date_that_cannot_be_read_is_400_on_written_and_saves_nothing(string written)
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        var draft = await CreateDraftAsync(number);
        var service = Service(draft, "journaldokumenter").Int("id");
        var before = await SnapshotAsync(number);

        using var response = await Office.PostJsonAsync($"{Api}/services/{service}/plans",
            new { actorGroup = "Legevakt", kind = "rollout", written, note = (string?)null });

        var message = await response.AssertValidationProblemAsync("written");
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Equal(before, await SnapshotAsync(number));
    }

    [Fact]
    public async Task A_year_written_with_the_letter_O_is_named_in_the_field_error()
    {
        if (!Factory.Ready()) return;
        var draft = await CreateDraftAsync(NewNumber());
        var service = Service(draft, "journaldokumenter").Int("id");
        using var response = await Office.PostJsonAsync($"{Api}/services/{service}/plans", new { actorGroup = "Legevakt", kind = "rollout", written = "januar 2O22" });
        Assert.Equal("«2O22» er ikke et gyldig årstall: det står en bokstav der det skal være et siffer. Mente du «januar 2022»?",
            await response.AssertValidationProblemAsync("written"));
    }

    [Fact]
    public async Task A_dependency_back_on_a_service_that_depends_on_this_one_is_400_and_saves_nothing()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        var draft = await CreateDraftAsync(number);
        // In 21.1 the Helsenorge services depend on the message service.
        var messages = Service(draft, "dialogmeldinger").Int("id");
        var before = await SnapshotAsync(number);
        using var response = await Office.PostJsonAsync($"{Api}/services/{messages}/dependencies",
            new { target = "service", key = "helsenorge-innbyggertjenester", description = "Ring." });
        var message = await response.AssertValidationProblemAsync("key");
        Assert.Contains("avhenger allerede av denne tjenesten, så avhengighetene ville gått i ring", message);
        Assert.Equal(before, await SnapshotAsync(number));
    }

    [Fact]
    public async Task A_plan_needs_an_actor_group_and_a_known_kind()
    {
        if (!Factory.Ready()) return;
        var draft = await CreateDraftAsync(NewNumber());
        var service = Service(draft, "journaldokumenter").Int("id");
        using var response = await Office.PostJsonAsync($"{Api}/services/{service}/plans", new { actorGroup = " ", kind = "pilot", written = "2024" });
        await response.AssertValidationProblemAsync("actorGroup");
        await response.AssertValidationProblemAsync("kind");
    }

    [Fact]
    public async Task Changes_need_the_version_they_start_from_and_a_stale_one_is_412()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        var (_, etag) = await OfficeVersionAsync(number);

        using var missing = await Office.PutJsonAsync($"{Api}/versions/{number}", new { title = "Uten versjon", summary = "" });
        Assert.Contains("If-Match", await missing.AssertVersionRequiredAsync());

        using var first = await Office.PutJsonAsync($"{Api}/versions/{number}", new { title = "Første endring", summary = "" }, etag);
        await first.AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, first.Headers.ETag?.Tag);
        Assert.Equal("Første endring", (await first.ReadJsonAsync()).Str("title"));
        var before = await SnapshotAsync(number);

        using var stale = await Office.PutJsonAsync($"{Api}/versions/{number}", new { title = "Andre endring", summary = "" }, etag);
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.True(ApiHelpers.LooksNorwegian((await stale.ReadJsonAsync()).Str("detail")));
        Assert.Equal(before, await SnapshotAsync(number));

        // The body's «version» works as well as If-Match.
        var current = int.Parse(first.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        using var byBody = await Office.PutJsonAsync($"{Api}/versions/{number}", new { title = "Andre endring", summary = "", version = current });
        await byBody.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_stale_plan_version_is_412()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        var draft = await CreateDraftAsync(number);
        var plan = Plan(draft, "journaldokumenter", "Fastleger", "rollout").Int("id");
        var version = await PlanVersionAsync(plan);
        var body = new { actorGroup = "Fastleger", kind = "rollout", written = "2024", note = (string?)null };

        using var ok = await Office.PutJsonAsync($"{Api}/plans/{plan}", body, $"\"{version}\"");
        await ok.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal($"\"{version + 1}\"", ok.Headers.ETag?.Tag);
        using var stale = await Office.PutJsonAsync($"{Api}/plans/{plan}", body with { written = "2025" }, $"\"{version}\"");
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using var delete = await Office.SendJsonAsync(HttpMethod.Delete, $"{Api}/plans/{plan}", null, $"\"{version}\"");
        await delete.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("2024", Plan((await OfficeVersionAsync(number)).View, "journaldokumenter", "Fastleger", "rollout").Str("written"));
    }

    // ---------------------------------------------------------------- writes

    [Fact]
    public async Task Creating_a_draft_gives_201_with_location_etag_and_a_copy_of_the_version_it_is_based_on()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        using var response = await Office.PostJsonAsync($"{Api}/versions", new { number, basedOn = "21.1", kind = "yearly", summary = "Kopi." });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"{Api}/versions/{number}", response.Headers.Location?.OriginalString);
        Assert.Matches("^\"\\d+\"$", response.Headers.ETag?.Tag ?? "");
        var draft = await response.ReadJsonAsync();
        Assert.Equal(number, draft.Str("version"));
        Assert.Equal("draft", draft.Str("status"));
        Assert.Equal("21.1", draft.Str("basedOn"));
        Assert.Equal("Kopi.", draft.Str("summary"));

        var source = await Office.GetJsonAsync($"{Api}/versions/21.1");
        Assert.Equal(Keys(source), Keys(draft));
        Assert.Equal(Plans(source), Plans(draft));
        Assert.Equal(source["milestones"]!.AsArray().Count, draft["milestones"]!.AsArray().Count);
        Assert.Empty(await Office.GetArrayAsync($"{Api}/diff?from=21.1&to={number}"));

        using var anonymous = await Anonymous.GetAsync($"{Api}/versions/{number}");
        await anonymous.AssertStatusAsync(HttpStatusCode.NotFound);

        static string Keys(JsonNode v) => string.Join(",", v["services"]!.AsArray().Select(s => s.Str("key")));
        static string Plans(JsonNode v) => string.Join(";", v["services"]!.AsArray().SelectMany(s => s!["plans"]!.AsArray()
            .Select(p => $"{s.Str("key")}/{p.Str("actorGroup")}/{p.Str("kind")}/{p.Str("written")}")));
    }

    [Fact]
    public async Task Services_plans_dependencies_and_prerequisites_can_be_added_changed_and_removed()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);

        using var added = await Office.PostJsonAsync($"{Api}/versions/{number}/services", new
        {
            key = "e-resept-test", area = "Legemidler", goal = "Helsepersonell skal ha tilgang til pasientens legemiddelliste",
            description = "Laget av webtestene.", solutions = new[] { "kjernejournal" }, initiatives = Array.Empty<int>(),
        });
        await added.AssertStatusAsync(HttpStatusCode.Created);
        var service = await added.ReadJsonAsync();
        var serviceId = service.Int("id");
        Assert.Equal($"{Api}/services/{serviceId}", added.Headers.Location?.OriginalString);
        Assert.Equal($"\"{service.Int("version")}\"", added.Headers.ETag?.Tag);

        using var plan = await Office.PostJsonAsync($"{Api}/services/{serviceId}/plans",
            new { actorGroup = "Legevakt", kind = "trial", written = "tidligst Q4 2023", note = "Ny plan." });
        await plan.AssertStatusAsync(HttpStatusCode.Created);
        var p = await plan.ReadJsonAsync();
        Assert.Equal($"{Api}/plans/{p.Int("id")}", plan.Headers.Location?.OriginalString);
        Assert.Equal("2023-10-01", p.Str("start"));
        Assert.Equal("2023-12-31", p.Str("end"));
        Assert.Equal("earliest", p.Str("qualifier"));

        using var dependency = await Office.PostJsonAsync($"{Api}/services/{serviceId}/dependencies",
            new { target = "service", key = "kritisk-informasjon", description = "Bygger på kritisk informasjon." });
        await dependency.AssertStatusAsync(HttpStatusCode.Created);
        var dependencyId = (await dependency.ReadJsonAsync()).Int("id");

        var (view, _) = await OfficeVersionAsync(number);
        var s = Service(view, "e-resept-test");
        Assert.Equal("Legemidler", s.Str("area"));
        Assert.Equal("kjernejournal", Assert.Single(s["solutions"]!.AsArray())!.Str("key"));
        Assert.Equal("kritisk-informasjon", Assert.Single(s["dependencies"]!.AsArray())!.Str("key"));
        Assert.Equal("Legevakt", s["firstInUse"].Str("actorGroup"));

        using var changed = await Office.PutJsonAsync($"{Api}/services/{serviceId}", new
        {
            key = "e-resept-test", area = "Legemidler", goal = "Helsepersonell skal ha tilgang til legemiddellisten", description = "",
            solutions = (string[]?)null, initiatives = (int[]?)null, version = service.Int("version"),
        });
        await changed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Helsepersonell skal ha tilgang til legemiddellisten", (await changed.ReadJsonAsync()).Str("goal"));

        var (prerequisite, milestoneVersion) = await PrerequisiteAsync(number);
        using var assessed = await Office.PutJsonAsync($"{Api}/prerequisites/{prerequisite}",
            new { status = "work-remaining", assessment = "Vurdert i webtesten.", assessedOn = "2022-01-15", version = milestoneVersion });
        await assessed.AssertStatusAsync(HttpStatusCode.OK);
        // The answer carries the milestone's new version, which the next change must send.
        Assert.Equal(milestoneVersion + 1, (await assessed.ReadJsonAsync()).Int("milestoneVersion"));
        Assert.Equal($"\"{milestoneVersion + 1}\"", assessed.Headers.ETag?.Tag);
        // A second assessment from the same starting point would overwrite the first: refused.
        using var stale = await Office.PutJsonAsync($"{Api}/prerequisites/{prerequisite}",
            new { status = "confirmed-so-far", assessment = "Utdatert.", assessedOn = "2022-01-16", version = milestoneVersion });
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        var first = (await OfficeVersionAsync(number)).View["milestones"]![0]!["prerequisites"]![0]!;
        Assert.Equal("work-remaining", first.Str("status"));
        Assert.Equal("Gjenstår arbeid", first.Str("statusLabel"));
        Assert.Equal("2022-01-15", first.Str("assessedOn"));

        using var noDependency = await Office.DeleteAsync($"{Api}/dependencies/{dependencyId}");
        await noDependency.AssertStatusAsync(HttpStatusCode.NoContent);
        using var noPlan = await Office.SendJsonAsync(HttpMethod.Delete, $"{Api}/plans/{p.Int("id")}", null, $"\"{p.Int("version")}\"");
        await noPlan.AssertStatusAsync(HttpStatusCode.NoContent);
        using var noService = await Office.SendJsonAsync(HttpMethod.Delete, $"{Api}/services/{serviceId}", null, $"\"{await ServiceVersionAsync(serviceId)}\"");
        await noService.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await OfficeVersionAsync(number)).View["services"]!.AsArray(), x => x.Str("key") == "e-resept-test");
    }

    [Fact]
    public async Task Milestones_prerequisites_and_phases_are_kept_over_the_API_with_the_milestone_s_version()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        var before = await SnapshotAsync(number);

        // Invalid input: 400 with a Norwegian error per field, nothing saved.
        using (var bad = await Office.PostJsonAsync($"{Api}/versions/{number}/milestones", new { code = "M 4", title = "", target = "Q5 2030" }))
        {
            Assert.Contains("er ikke en gyldig kode", await bad.AssertValidationProblemAsync("code"));
            Assert.Equal("Navn må fylles ut.", await bad.AssertValidationProblemAsync("title"));
            Assert.Equal("Kvartal må være 1–4, ikke 5.", await bad.AssertValidationProblemAsync("target"));
        }
        Assert.Equal(before, await SnapshotAsync(number));

        using var created = await Office.PostJsonAsync($"{Api}/versions/{number}/milestones",
            new { code = "M4", title = "Nasjonal samhandling", reachCriterion = "Milepælen er nådd når alle samhandler digitalt.", target = "innen 2030" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var m = await created.ReadJsonAsync();
        var id = m.Int("id");
        Assert.Equal($"{Api}/milestones/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("innen 2030", "2030-01-01", "2030-12-31"), (m.Str("target"), m.Str("targetStart"), m.Str("targetEnd")));
        var version = m.Int("version");

        using var prerequisite = await Office.PostJsonAsync($"{Api}/milestones/{id}/prerequisites",
            new { text = "Finansieringen er avklart.", status = "uncertain", assessment = "Ikke besluttet ennå.", assessedOn = "2029-05-01" });
        await prerequisite.AssertStatusAsync(HttpStatusCode.Created);
        var pr = await prerequisite.ReadJsonAsync();
        Assert.Equal($"{Api}/prerequisites/{pr.Int("id")}", prerequisite.Headers.Location?.OriginalString);
        Assert.Equal(version + 1, pr.Int("milestoneVersion"));
        version = pr.Int("milestoneVersion");

        using var phase = await Office.PostJsonAsync($"{Api}/milestones/{id}/phases", new { phase = "procurement", written = "2027–medio 2028" });
        await phase.AssertStatusAsync(HttpStatusCode.Created);
        var ph = await phase.ReadJsonAsync();
        Assert.Equal(("2027-01-01", "2028-08-31"), (ph.Str("start"), ph.Str("end")));
        Assert.Equal($"\"{ph.Int("milestoneVersion")}\"", phase.Headers.ETag?.Tag);

        // A change from the version before the phase was added is stale: 412, and nothing changes.
        using (var stale = await Office.PutJsonAsync($"{Api}/prerequisites/{pr.Int("id")}",
                   new { text = "Utdatert.", status = "confirmed-so-far", assessment = "", version }))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var noVersion = await Office.DeleteAsync($"{Api}/phases/{ph.Int("id")}"))
            await noVersion.AssertVersionRequiredAsync();
        version = ph.Int("milestoneVersion");
        using (var changed = await Office.PutJsonAsync($"{Api}/phases/{ph.Int("id")}", new { phase = "establishment", written = "2028–2029", version }))
        {
            await changed.AssertStatusAsync(HttpStatusCode.OK);
            version = (await changed.ReadJsonAsync()).Int("milestoneVersion");
        }

        var read = (await OfficeVersionAsync(number)).View["milestones"]!.AsArray().Single(x => x.Int("id") == id)!;
        Assert.Equal(version, read.Int("version"));
        Assert.Equal("Finansieringen er avklart.", Assert.Single(read["prerequisites"]!.AsArray())!.Str("text"));
        var readPhase = Assert.Single(read["phases"]!.AsArray())!;
        Assert.Equal((ph.Int("id"), "establishment", "2028–2029"), (readPhase.Int("id"), readPhase.Str("phase"), readPhase.Str("written")));

        using (var renamed = await Office.PutJsonAsync($"{Api}/milestones/{id}", new { code = "M5", title = "Samhandling", target = "", version }))
        {
            await renamed.AssertStatusAsync(HttpStatusCode.OK);
            var r = await renamed.ReadJsonAsync();
            Assert.Equal(("M5", (string?)null), (r.Str("code"), r["target"]?.GetValue<string>()));
            version = r.Int("version");
        }
        using (var removed = await Office.SendJsonAsync(HttpMethod.Delete, $"{Api}/milestones/{id}", null, $"\"{version}\""))
            await removed.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await OfficeVersionAsync(number)).View["milestones"]!.AsArray(), x => x.Int("id") == id);
        using var gone = await Office.PutJsonAsync($"{Api}/phases/{ph.Int("id")}", new { phase = "rollout", written = "2030", version });
        await gone.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_can_be_deleted_and_is_then_gone()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        var (_, etag) = await OfficeVersionAsync(number);

        using var withoutVersion = await Office.DeleteAsync($"{Api}/versions/{number}");
        await withoutVersion.AssertVersionRequiredAsync();
        using var deleted = await Office.SendJsonAsync(HttpMethod.Delete, $"{Api}/versions/{number}", null, etag);
        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        using var gone = await Office.GetAsync($"{Api}/versions/{number}");
        await gone.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_whole_way_from_draft_22_1_to_published_and_the_diff_shows_the_moved_plan()
    {
        if (!Factory.Ready()) return;
        const string number = "22.1";
        var draft = await CreateDraftAsync(number);
        Assert.Equal("draft", draft.Str("status"));

        // The office delays the GP rollout of document sharing.
        var plan = Plan(draft, "journaldokumenter", "Fastleger", "rollout");
        using var moved = await Office.PutJsonAsync($"{Api}/plans/{plan.Int("id")}",
            new { actorGroup = "Fastleger", kind = "rollout", written = "2025", note = "Flyttet i webtesten." }, $"\"{await PlanVersionAsync(plan.Int("id"))}\"");
        await moved.AssertStatusAsync(HttpStatusCode.OK);
        var movedPlan = await moved.ReadJsonAsync();
        Assert.Equal("2025-01-01", movedPlan.Str("start"));
        Assert.Equal("2025-12-31", movedPlan.Str("end"));

        // Nobody outside the office and the council sees it before publication.
        using (var hidden = await Anonymous.GetAsync($"{Api}/versions/{number}")) await hidden.AssertStatusAsync(HttpStatusCode.NotFound);

        // Publishing before NUIT and the board is refused with the reason.
        var (_, etag) = await OfficeVersionAsync(number);
        using (var early = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps", new { step = "published" }, etag))
            Assert.True(ApiHelpers.LooksNorwegian(await early.AssertValidationProblemAsync("step")));
        // The board's case cannot carry NUIT's recommendation.
        using (var wrongBody = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps",
                   new { step = "recommended", caseId = await BoardCaseAsync() }, etag))
            Assert.Contains("NUIT", await wrongBody.AssertValidationProblemAsync("caseId"));

        // NUIT 39/21 recommended 21.1, which 22.1 builds on: 22.1 is treated in a later case.
        using (var sameCase = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps",
                   new { step = "recommended", caseId = await NuitCaseAsync() }, etag))
            Assert.StartsWith("Sak 39/21 ble behandlet 19. november 2021, ikke etter at versjon 21.1, som versjon 22.1 bygger på, ble anbefalt av NUIT",
                await sameCase.AssertValidationProblemAsync("caseId"));

        var recommended = await AdvanceAsync(number, "recommended", await LaterNuitCaseAsync());
        Assert.Equal("recommended", recommended.Str("status"));
        Assert.StartsWith("NUIT ", recommended["recommended"].Str("reference"));
        Assert.Equal("2022-11-17", recommended["recommended"].Str("on"));

        var endorsed = await AdvanceAsync(number, "endorsed", await LaterBoardCaseAsync());
        Assert.Equal("endorsed", endorsed.Str("status"));
        Assert.EndsWith("/22", endorsed["endorsed"].Str("reference"));
        Assert.Equal("2022-12-08", endorsed["endorsed"].Str("on"));

        var published = await AdvanceAsync(number, "published");
        Assert.Equal("published", published.Str("status"));
        Assert.NotNull(published["publishedOn"]);

        // Now the public sees it: in the list, as JSON and as a chart.
        Assert.Contains(await Anonymous.GetArrayAsync($"{Api}/versions"), v => v.Str("version") == number && v.Str("status") == "published");
        var pub = await Anonymous.GetJsonAsync($"{Api}/versions/{number}");
        Assert.Equal("2025", Plan(pub, "journaldokumenter", "Fastleger", "rollout").Str("written"));
        using (var svg = await Anonymous.GetAsync($"{Api}/versions/{number}/chart.svg")) await svg.AssertStatusAsync(HttpStatusCode.OK);

        // The diff from 21.1 is exactly the moved plan; the public compares with the published 1.0.
        var change = Assert.Single(await Office.GetArrayAsync($"{Api}/diff?from=21.1&to={number}"))!;
        Assert.Equal("moved", change.Str("change"));
        Assert.Equal("journaldokumenter", change.Str("serviceKey"));
        Assert.Equal("Fastleger", change.Str("actorGroup"));
        Assert.Equal("2023–2024", change.Str("from"));
        Assert.Equal("2025", change.Str("to"));
        Assert.Equal(24, change.Int("delayMonths"));
        var fromOne = await Anonymous.GetArrayAsync($"{Api}/diff?from=1.0&to={number}");
        Assert.Contains(fromOne, c => c.Str("serviceKey") == "journaldokumenter" && c!["actorGroup"]?.GetValue<string>() == "Fastleger"
                                      && c.Str("change") == "moved" && c.Int("delayMonths") == 36);

        // Published is frozen: changes go into a new draft.
        var (_, publishedEtag) = await OfficeVersionAsync(number);
        using var edit = await Office.PutJsonAsync($"{Api}/versions/{number}", new { title = "Endret etterpå", summary = "" }, publishedEtag);
        Assert.Contains("publisert og kan ikke endres", await edit.AssertValidationProblemAsync("status"));
        using var editPlan = await Office.PutJsonAsync($"{Api}/plans/{plan.Int("id")}",
            new { actorGroup = "Fastleger", kind = "rollout", written = "2026", note = (string?)null }, $"\"{await PlanVersionAsync(plan.Int("id"))}\"");
        Assert.Contains("publisert og kan ikke endres", await editPlan.AssertValidationProblemAsync("status"));
        using var again = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps", new { step = "published" }, publishedEtag);
        await again.AssertValidationProblemAsync("step");
        Assert.Equal("2025", Plan(await Anonymous.GetJsonAsync($"{Api}/versions/{number}"), "journaldokumenter", "Fastleger", "rollout").Str("written"));
    }

    [Fact]
    public async Task A_change_list_goes_from_NUIT_straight_to_published()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        // Built on the published 1.0, so NUIT 39/21 (19 November 2021) comes after it.
        await CreateDraftAsync(number, basedOn: "1.0", kind: "change-list");
        await AdvanceAsync(number, "recommended", await NuitCaseAsync());
        var (_, etag) = await OfficeVersionAsync(number);
        using (var board = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps", new { step = "endorsed", caseId = await BoardCaseAsync() }, etag))
            await board.AssertValidationProblemAsync("step");
        var published = await AdvanceAsync(number, "published");
        Assert.Equal("change-list", published.Str("kind"));
        Assert.Equal("published", published.Str("status"));
        Assert.Null(published["endorsed"]);
    }

    [Fact]
    public async Task Markup_in_a_service_goal_comes_back_escaped_in_the_chart()
    {
        if (!Factory.Ready()) return;
        var number = NewNumber();
        await CreateDraftAsync(number);
        using var added = await Office.PostJsonAsync($"{Api}/versions/{number}/services", new
        {
            key = "skript-test", area = "Innbyggertjenester", goal = "<script>alert('x')</script> & \"sitater\"", description = "",
        });
        await added.AssertStatusAsync(HttpStatusCode.Created);
        using var plan = await Office.PostJsonAsync($"{Api}/services/{(await added.ReadJsonAsync()).Int("id")}/plans",
            new { actorGroup = "<b>Legevakt</b>", kind = "rollout", written = "2024" });
        await plan.AssertStatusAsync(HttpStatusCode.Created);

        using var response = await Office.GetAsync($"{Api}/versions/{number}/chart.svg");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", svg);
        Assert.Contains("&lt;script&gt;", svg);
        var doc = XDocument.Parse(svg);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "b" or "foreignObject");
        Assert.Contains(doc.Descendants(), e => e.Value.Contains("<script>alert(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_documents_every_roadmap_endpoint_with_a_summary()
    {
        if (!Factory.Ready()) return;
        var doc = await Anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        foreach (var (path, method) in new[]
                 {
                     ("/versions", "get"), ("/versions", "post"), ("/versions/{version}", "get"), ("/versions/{version}", "put"),
                     ("/versions/{version}", "delete"), ("/versions/{version}/chart.svg", "get"), ("/versions/{version}/chart.pdf", "get"),
                     ("/versions/{version}/plans.csv", "get"), ("/diff", "get"), ("/diff.docx", "get"), ("/versions/{version}/steps", "post"),
                     ("/versions/{version}/services", "post"), ("/services/{id}", "put"), ("/services/{id}", "delete"),
                     ("/services/{id}/plans", "post"), ("/plans/{id}", "put"), ("/plans/{id}", "delete"),
                     ("/services/{id}/dependencies", "post"), ("/dependencies/{id}", "delete"),
                     ("/versions/{version}/milestones", "post"), ("/milestones/{id}", "put"), ("/milestones/{id}", "delete"),
                     ("/milestones/{id}/prerequisites", "post"), ("/prerequisites/{id}", "put"), ("/prerequisites/{id}", "delete"),
                     ("/milestones/{id}/phases", "post"), ("/phases/{id}", "put"), ("/phases/{id}", "delete"),
                 })
        {
            var full = Api + path;
            Assert.True(paths.ContainsKey(full), $"{full} missing from the OpenAPI document");
            var operation = paths[full]![method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {full} missing from the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method} {full} has no summary");
        }
    }
}

public sealed class RoadmapApiSqliteTests(SqliteFactory factory) : RoadmapApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class RoadmapApiPostgresTests(PostgresFactory factory) : RoadmapApiTests(factory), IClassFixture<PostgresFactory>;
