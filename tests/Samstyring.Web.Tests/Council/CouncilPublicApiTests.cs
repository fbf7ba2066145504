using System.Net;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests.Council;

/// <summary>The public council API, feeds and pages against the demo data (council.json): shapes, formats and errors.</summary>
public abstract class CouncilPublicApiTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Board = "nasjonalt-e-helserad";
    private static readonly string[] CaseTypes = ["godkjenning", "orientering", "drofting", "anbefaling", "eventuelt"];

    private async Task<JsonNode> MeetingAsync(string slug, string number)
    {
        var year = number.Split('/')[1];
        var rows = await Anonymous.GetArrayAsync($"/api/v1/meetings?body={slug}&year={year}");
        var hit = rows.FirstOrDefault(r => r.Str("number") == number) ?? throw new Xunit.Sdk.XunitException($"no meeting {number} in {slug}");
        return hit;
    }

    [Fact]
    public async Task Bodies_list_has_id_name_slug_kind_and_name_history()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/api/v1/bodies");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var rows = (await response.ReadJsonAsync()).AsArray();
        foreach (var row in rows)
        {
            Assert.True(row.Int("id") > 0);
            Assert.False(string.IsNullOrWhiteSpace(row.Str("name")));
            Assert.Matches("^[a-z0-9-]+$", row.Str("slug"));
            Assert.Matches("^[a-z-]+$", row.Str("kind"));
            Assert.NotEmpty(row!["names"]!.AsArray());
        }
        var board = rows.Single(r => r.Str("slug") == Board)!;
        Assert.Equal("Nasjonalt e-helseråd", board.Str("name"));
        Assert.Equal("board", board.Str("kind"));
        var names = board["names"]!.AsArray();
        Assert.Equal("Nasjonalt e-helsestyre", names[0].Str("name"));
        Assert.Equal("2022-01-01", names[1].Str("validFrom"));
        Assert.Equal("NUIT", rows.Single(r => r.Str("slug") == "nuit").Str("shortName"));
    }

    [Fact]
    public async Task Body_details_have_mandate_members_meetings_and_feeds()
    {
        if (!Factory.Ready()) return;
        var body = await Anonymous.GetJsonAsync($"/api/v1/bodies/{Board}");
        Assert.Equal(Board, body.Str("slug"));
        Assert.False(string.IsNullOrWhiteSpace(body["mandate"].Str("text")));
        // Demo terms are the calendar year 2021: after that the API gives the members of the last meeting, and says so.
        Assert.NotEmpty(body["members"]!.AsArray());
        Assert.True(body["membersOn"] is null || body["membersOn"]!.GetValue<string>().StartsWith("2021-", StringComparison.Ordinal));
        Assert.All(body["members"]!.AsArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.Str("organization"))));
        Assert.Contains(body["meetings"]!.AsArray(), m => m.Str("number") == "6/2021");
        Assert.Equal($"/bodies/{Board}/decisions.atom", body["feeds"].Str("decisions"));
        Assert.Equal($"/bodies/{Board}/meetings.ics", body["feeds"].Str("meetings"));
    }

    [Fact]
    public async Task Meetings_list_has_the_documented_fields_and_number_format()
    {
        if (!Factory.Ready()) return;
        var rows = await Anonymous.GetArrayAsync($"/api/v1/meetings?body={Board}&year=2021");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.True(row.Int("id") > 0);
            Assert.Matches(@"^\d+/2021$", row.Str("number"));
            Assert.Matches(@"^2021-\d\d-\d\d$", row.Str("date"));
            Assert.Equal(Board, row.Str("body"));
            Assert.Matches(@"^\d\d:\d\d$", row.Str("startTime"));
            Assert.Matches("^[a-z-]+$", row.Str("status"));
        }
        var six = rows.Single(r => r.Str("number") == "6/2021")!;
        Assert.Equal("2021-12-09", six.Str("date"));
        Assert.Equal("10:00", six.Str("startTime"));
        Assert.Equal("16:00", six.Str("endTime"));
        Assert.Equal("Nasjonalt e-helsestyre", six.Str("bodyName"));
        Assert.Equal($"/moter/{six.Int("id")}", six.Str("url"));
        // Newest first.
        var dates = rows.Select(r => r.Str("date")).ToList();
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Meeting_details_have_agenda_and_cases_with_type_codes()
    {
        if (!Factory.Ready()) return;
        var six = await MeetingAsync(Board, "6/2021");
        var m = await Anonymous.GetJsonAsync($"/api/v1/meetings/{six.Int("id")}");
        Assert.Equal("6/2021", m.Str("number"));
        Assert.True(m["agendaPublished"]!.GetValue<bool>());
        var agenda = m["agenda"]!.AsArray();
        Assert.NotEmpty(agenda);
        Assert.Contains(agenda, a => a.Str("kind") == "case" && a!["caseId"] is not null);
        var cases = m["cases"]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            Assert.Matches(@"^\d+/\d\d$", c.Str("number"));
            Assert.False(string.IsNullOrWhiteSpace(c.Str("title")));
            Assert.Contains(c.Str("type"), CaseTypes);
            Assert.True(c!.AsObject().ContainsKey("proposedDecision"));
            Assert.True(c.AsObject().ContainsKey("decision"));
            Assert.NotNull(c["attachments"]);
            Assert.NotNull(c["related"]);
        }
        var criteria = cases.Single(c => c.Str("number") == "37/21")!;
        Assert.Equal("anbefaling", criteria.Str("type"));
        // "Vedtak på tilsluttende saker" in the order the matter was routed, as case 37/21 lists them.
        var related = criteria["related"]!.AsArray();
        Assert.Equal(["nuit 44/20", $"{Board} 39/20", $"{Board} 4/21", "nuit 38/21"], related.Select(r => $"{r.Str("body")} {r.Str("number")}"));
        Assert.Equal("2020-12-01", related[1].Str("decidedOn"));

        var one = await Anonymous.GetJsonAsync($"/api/v1/cases/{criteria.Int("id")}");
        Assert.Equal("37/21", one.Str("number"));
        Assert.Equal(Board, one.Str("body"));
    }

    [Fact]
    public async Task Held_meetings_report_attendance_and_quorum()
    {
        if (!Factory.Ready()) return;
        var four = await MeetingAsync(Board, "4/2021");
        var m = await Anonymous.GetJsonAsync($"/api/v1/meetings/{four.Int("id")}");
        // Its minutes are up for approval in 6/2021 (case 34/21), which is not held yet.
        Assert.Equal("held", m.Str("status"));
        Assert.NotEmpty(m["attendance"]!.AsArray());
        Assert.StartsWith("Vedtaksført", m["quorum"].Str("text"));
        Assert.Equal("6/2021", m["minutesApprovedIn"].Str("number"));
    }

    [Fact]
    public async Task Decisions_of_a_body_are_listed_newest_first()
    {
        if (!Factory.Ready()) return;
        var rows = await Anonymous.GetArrayAsync($"/api/v1/bodies/{Board}/decisions");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Str("decision"))));
        var dates = rows.Select(r => r!["decidedOn"]?.GetValue<string>()).Where(d => d is not null).ToList();
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
        Assert.Contains(rows, r => r.Str("number") == "37/21" || r.Str("number") == "4/21");
    }

    [Fact]
    public async Task Bad_filters_give_a_Norwegian_validation_problem()
    {
        if (!Factory.Ready()) return;
        using (var r = await Anonymous.GetAsync("/api/v1/meetings?body=finnes-ikke"))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("body")));
        using (var r = await Anonymous.GetAsync("/api/v1/meetings?year=tjue"))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("year")));
        using (var r = await Anonymous.GetAsync("/api/v1/meetings?year=1800"))
            Assert.True(ApiHelpers.LooksNorwegian(await r.AssertValidationProblemAsync("year")));
    }

    [Theory]
    [InlineData("/api/v1/meetings/999999")]
    [InlineData("/api/v1/cases/999999")]
    [InlineData("/api/v1/bodies/finnes-ikke")]
    [InlineData("/api/v1/bodies/finnes-ikke/decisions")]
    [InlineData("/bodies/finnes-ikke/decisions.atom")]
    [InlineData("/bodies/finnes-ikke/meetings.ics")]
    public async Task Unknown_ids_give_a_Norwegian_404_problem(string path)
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync(path);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.StartsWith("Fant ikke", problem.Str("detail"));
    }

    [Fact]
    public async Task OpenApi_lists_the_council_endpoints()
    {
        if (!Factory.Ready()) return;
        var paths = (await Anonymous.GetJsonAsync("/openapi/v1.json"))["paths"]!.AsObject();
        foreach (var p in new[] { "/api/v1/bodies", "/api/v1/bodies/{slug}", "/api/v1/bodies/{slug}/decisions", "/api/v1/meetings",
                     "/api/v1/meetings/{id}", "/api/v1/cases/{id}", "/bodies/{slug}/decisions.atom", "/bodies/{slug}/meetings.ics" })
            Assert.True(paths.ContainsKey(p), $"{p} missing; has {string.Join(", ", paths.Select(x => x.Key))}");
    }

    [Fact]
    public async Task The_calendar_has_every_meeting_with_oslo_times_in_utc()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"/bodies/{Board}/meetings.ics");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "");
        Assert.Contains("SUMMARY:Møte 6/2021 i Nasjonalt e-helsestyre", ics);
        Assert.Contains("DTSTART:20211209T090000Z", ics);
        Assert.Contains("URL:http://localhost/moter/", ics);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/bodies/{Board}/meetings.ics");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_decision_feed_is_atom_with_absolute_links()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync($"/bodies/{Board}/decisions.atom");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        var ns = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var entries = xml.Root!.Elements(ns + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.StartsWith("http://localhost/saker/", e.Element(ns + "link")!.Attribute("href")!.Value));
    }

    [Fact]
    public async Task Pages_show_bodies_meetings_and_cases_in_Norwegian()
    {
        if (!Factory.Ready()) return;
        var list = WebUtility.HtmlDecode(await Anonymous.GetStringAsync("/organer"));
        Assert.Contains("Nasjonalt e-helseråd", list);
        Assert.Contains($"href=\"/organer/{Board}\"", list);

        var body = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/organer/{Board}"));
        Assert.Contains("Nasjonalt e-helsestyre til 2021, Nasjonalt e-helseråd fra 2022", body);
        Assert.Contains($"rel=\"alternate\" type=\"application/atom+xml\"", body);
        Assert.Contains($"/bodies/{Board}/meetings.ics", body);

        var six = await MeetingAsync(Board, "6/2021");
        var meeting = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/moter/{six.Int("id")}"));
        Assert.Contains("9. desember 2021", meeting);
        Assert.Contains("kl. 10.00–16.00", meeting);
        Assert.Contains("37/21", meeting);
        Assert.DoesNotContain("/sekretariat/moter/", meeting);
        var office = await Client(As.Office).GetStringAsync($"/moter/{six.Int("id")}");
        Assert.Contains($"/sekretariat/moter/{six.Int("id")}/dagsorden", office);

        var detail = await Anonymous.GetJsonAsync($"/api/v1/meetings/{six.Int("id")}");
        var id = detail["cases"]!.AsArray().Single(c => c.Str("number") == "37/21").Int("id");
        var casePage = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/saker/{id}"));
        Assert.Contains("Saksnummer", casePage);
        Assert.Contains("Vedtak på tilsluttende saker", casePage);
        Assert.Contains("Forslag til vedtak", casePage);
        Assert.DoesNotContain($"/saker/{id}/innspill", casePage);
        Assert.Contains($"/saker/{id}/innspill", await Client(As.Member).GetStringAsync($"/saker/{id}"));
        // 39/20, recorded without its meeting, carries the month the sources give.
        Assert.Contains("39/20</a> <br><span class=\"muted\">desember 2020</span>", casePage);
    }

    [Fact]
    public async Task A_case_page_links_the_roadmap_version_recommended_in_it_for_those_who_may_see_it()
    {
        if (!Factory.Ready()) return;
        // Version 21.1 was recommended in NUIT 39/21 and is not published yet.
        var nuit = await Anonymous.GetArrayAsync("/api/v1/meetings?body=nuit&year=2021");
        var caseId = 0;
        foreach (var m in nuit)
            if ((await Anonymous.GetJsonAsync($"/api/v1/meetings/{m.Int("id")}"))["cases"]!.AsArray().SingleOrDefault(c => c.Str("number") == "39/21") is { } c)
                caseId = c.Int("id");
        Assert.NotEqual(0, caseId);

        var member = WebUtility.HtmlDecode(await Client(As.Member).GetStringAsync($"/saker/{caseId}"));
        Assert.Contains("Veikart behandlet i saken", member);
        Assert.Contains("href=\"/veikart/21.1\"", member);
        Assert.Contains("anbefalt i denne saken", member);
        var anonymous = WebUtility.HtmlDecode(await Anonymous.GetStringAsync($"/saker/{caseId}"));
        Assert.DoesNotContain("/veikart/21.1", anonymous);
    }

    [Fact]
    public async Task Placeholders_in_a_proposed_decision_are_marked()
    {
        if (!Factory.Ready()) return;
        var html = Samstyring.Web.Council.Public.CouncilHtml.WithPlaceholders("Rådet velger {{navn}} som leder & <b>.").ToString()!;
        Assert.Contains("<mark", html);
        Assert.Contains("{{navn}}</mark>", html);
        Assert.Contains("&amp; &lt;b&gt;", html);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_comment_form_is_for_members_and_the_secretariat()
    {
        if (!Factory.Ready()) return;
        var six = await MeetingAsync(Board, "6/2021");
        var detail = await Anonymous.GetJsonAsync($"/api/v1/meetings/{six.Int("id")}");
        var id = detail["cases"]!.AsArray().Single(c => c.Str("number") == "37/21").Int("id");

        using (var anonymous = await Anonymous.GetAsync($"/saker/{id}/innspill"))
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        using (var owner = await Client(As.OwnerHso).GetAsync($"/saker/{id}/innspill"))
            Assert.NotEqual(HttpStatusCode.OK, owner.StatusCode);
        using (var member = await Client(As.Member).GetAsync($"/saker/{id}/innspill"))
        {
            await member.AssertStatusAsync(HttpStatusCode.OK);
            var html = await member.Content.ReadAsStringAsync();
            Assert.Contains("name=\"text\"", html);
            Assert.DoesNotContain("name=\"author\"", html);
        }

        // The secretariat records input received by e-mail, through the form (antiforgery cookie and token).
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = Client(As.Office).DefaultRequestHeaders.Authorization;
        using var form = await browser.GetAsync($"/saker/{id}/innspill");
        await form.AssertStatusAsync(HttpStatusCode.OK);
        var formHtml = await form.Content.ReadAsStringAsync();
        Assert.Contains("name=\"author\"", formHtml);
        var text = "Innspill fra testene " + Guid.NewGuid().ToString("N")[..8];
        using var posted = await browser.PostAsync($"/saker/{id}/innspill", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["author"] = "Kari Testesen", ["organizationId"] = "", ["receivedOn"] = "2021-12-01", ["text"] = text,
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(formHtml),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        // Input is working material for the council: members read it, the public does not (PublicVisibilityTests).
        var c = await Client(As.Member).GetJsonAsync($"/api/v1/cases/{id}");
        Assert.Contains(c["comments"]!.AsArray(), x => x.Str("text") == text && x.Str("author") == "Kari Testesen");

        // Without text: the form again with a Norwegian message.
        using var form2 = await browser.GetAsync($"/saker/{id}/innspill");
        var html2 = await form2.Content.ReadAsStringAsync();
        using var invalid = await browser.PostAsync($"/saker/{id}/innspill", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["author"] = "", ["receivedOn"] = "2021-12-01", ["text"] = "", ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html2),
        }));
        await invalid.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains("aria-invalid=\"true\"", await invalid.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCouncilPublicApiTests(SqliteFactory factory) : CouncilPublicApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCouncilPublicApiTests(PostgresFactory factory) : CouncilPublicApiTests(factory);
