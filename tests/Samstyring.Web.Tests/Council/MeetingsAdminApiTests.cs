using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Council;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// What the council tests need beyond <see cref="WebTest"/>: meetings, cases, bodies and members set up over the
/// secretariat's API, and a look straight into the database to see that a refused or invalid call saved nothing.
/// </summary>
public abstract class CouncilWebTest(SamstyringFactory factory) : WebTest(factory)
{
    /// <summary>The national e-health board of the demo data (17 voting members in 2021).</summary>
    protected const string Board = "nasjonalt-e-helserad";


    /// <summary>Row counts of every council table and the audit log: what a refused or invalid call must leave alone.</summary>
    protected Task<string> CouncilSnapshotAsync() => WithDbAsync(async db => string.Join(",",
        await db.Meetings.CountAsync(), await db.Cases.CountAsync(), await db.AgendaItems.CountAsync(), await db.Attendance.CountAsync(),
        await db.CaseLinks.CountAsync(), await db.CaseReferences.CountAsync(), await db.CaseComments.CountAsync(),
        await db.AuditLog.CountAsync()));

    protected Task<int> MeetingVersionAsync(int id) => WithDbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Version).SingleAsync());

    protected Task<int> CaseVersionAsync(int id) => WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());

    protected static object MeetingBody(string body, string date, string start = "10:00", string end = "15:00", string? location = "Møterom Nordlys",
        bool isVideo = false, string? kind = "ordinary", int? version = null) =>
        new { body, date, startTime = start, endTime = end, location, isVideo, kind, version };

    protected static Dictionary<string, object?> CaseBody(string title, string? proposedDecision = "Organet tar saken til orientering.",
        string type = "orientering") => new()
    {
        ["title"] = title, ["type"] = type, ["from"] = "Sekretariatet", ["officers"] = "Test Testesen",
        ["purpose"] = "Å teste API-et.", ["background"] = "Laget av webtestene.", ["proposedDecision"] = proposedDecision,
        ["confidential"] = false, ["legalBasis"] = null, ["commentDeadline"] = null, ["commentDeadlineNote"] = null,
        ["presenter"] = "Test Testesen", ["startsAt"] = null,
    };

    protected async Task<JsonNode> PlanMeetingAsync(string body, string date, string start = "10:00", string end = "15:00")
    {
        using var response = await Office.PostJsonAsync("/api/v1/meetings", MeetingBody(body, date, start, end));
        await response.AssertStatusAsync(HttpStatusCode.Created, $"plan {body} {date}");
        return await response.ReadJsonAsync();
    }

    protected async Task<JsonNode> AddCaseAsync(int meetingId, string title, string? proposedDecision = "Organet tar saken til orientering.")
    {
        using var response = await Office.PostJsonAsync($"/api/v1/meetings/{meetingId}/cases", CaseBody(title, proposedDecision));
        await response.AssertStatusAsync(HttpStatusCode.Created, $"add case to meeting {meetingId}");
        return await response.ReadJsonAsync();
    }

    /// <summary>A body of our own, so meetings in it neither collide with the demo data nor approve its minutes.</summary>
    protected async Task<string> CreateBodyAsync(string slug, string quorumRule = "majority")
    {
        using var response = await Office.PostJsonAsync("/api/v1/bodies", new
        {
            slug, name = "Testorgan " + slug, shortName = (string?)null, establishedOn = "2030-01-01", kind = "board",
            description = "Laget av webtestene.", quorumRule, quorumCount = (int?)null, nationalSolutionId = (int?)null, mandate = "Teste møter og saker.",
        });
        await response.AssertStatusAsync(HttpStatusCode.Created, $"create body {slug}");
        return slug;
    }

    /// <summary>Adds voting members from <paramref name="termStart"/> and returns their ids.</summary>
    protected async Task<List<int>> AddMembersAsync(string slug, int count, string termStart = "2030-01-01")
    {
        var org = await OrganizationIdAsync("Helse Sør-Øst RHF");
        var ids = new List<int>();
        for (var i = 1; i <= count; i++)
        {
            using var response = await Office.PostJsonAsync($"/api/v1/bodies/{slug}/members", new
            {
                name = $"Medlem {i} {Guid.NewGuid().ToString("N")[..4]}", title = "Direktør", organizationId = org, role = "member",
                substituteForId = (int?)null, termStart, termEnd = (string?)null,
            });
            await response.AssertStatusAsync(HttpStatusCode.Created, $"add member to {slug}");
            ids.Add((await response.ReadJsonAsync()).Int("id"));
        }
        return ids;
    }
}

/// <summary>The secretariat's meetings and cases API over HTTP: validation, optimistic concurrency, numbering under load, the whole flow.</summary>
public abstract class MeetingsAdminApiTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    [Fact]
    public async Task Planning_a_meeting_gives_201_with_location_number_and_the_standing_case()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("plan-organ");
        using var response = await Office.PostJsonAsync("/api/v1/meetings", MeetingBody(slug, "2030-03-14", "09:00", "12:00"));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        var meeting = await response.ReadJsonAsync();

        Assert.Equal($"/api/v1/meetings/{meeting.Int("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal("1/2030", meeting.Str("number"));
        Assert.Equal(1, meeting.Int("version"));
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var cases = meeting["cases"]!.AsArray();
        var standing = Assert.Single(cases);
        Assert.Equal("1/30", standing.Str("number"));
        Assert.Equal("Godkjenning av innkalling og dagsorden", standing.Str("title"));

        // The office sees the planned meeting and its standing case at once.
        var details = await Office.GetJsonAsync($"/api/v1/meetings/{meeting.Int("id")}");
        Assert.Equal("planned", details.Str("status"));
        Assert.Contains(details["cases"]!.AsArray(), c => c.Int("id") == standing.Int("id"));
    }

    [Theory]
    [InlineData("date", "2021-13-45", "10:00", "12:00")]
    [InlineData("endTime", "2032-05-04", "12:00", "10:00")]
    [InlineData("startTime", "2032-05-04", "ti over ti", "12:00")]
    public async Task Invalid_meeting_is_400_with_a_Norwegian_field_error_and_saves_nothing(string field, string date, string start, string end)
    {
        if (!Factory.Ready()) return;
        var before = await CouncilSnapshotAsync();

        using var response = await Office.PostJsonAsync("/api/v1/meetings", MeetingBody(Board, date, start, end));

        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Equal(before, await CouncilSnapshotAsync());
    }

    [Fact]
    public async Task Unknown_body_is_a_field_error()
    {
        if (!Factory.Ready()) return;
        using var response = await Office.PostJsonAsync("/api/v1/meetings", MeetingBody("finnes-ikke", "2032-05-04"));
        Assert.Contains("Fant ikke organet", await response.AssertValidationProblemAsync("body"));
    }

    public static TheoryData<string, string, object?> InvalidCases() => new()
    {
        { "title", "title", null },
        { "title", "title", "   " },
        { "type", "type", "vedtak" },
        { "legalBasis", "confidential", null },
        { "legalBasis", "confidential", "fordi" },
        { "commentDeadline", "commentDeadline", "2032-02-30" },
        { "startsAt", "startsAt", "25:99" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Invalid_case_is_400_with_a_Norwegian_field_error_and_saves_nothing(string field, string change, object? value)
    {
        if (!Factory.Ready()) return;
        var meeting = await MeetingForValidationAsync();
        var body = CaseBody("Gyldig tittel");
        if (change == "confidential")
        {
            body["confidential"] = true;
            body["legalBasis"] = value;
        }
        else body[change] = value;
        var before = await CouncilSnapshotAsync();

        using var response = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/cases", body);

        var message = await response.AssertValidationProblemAsync(field);
        Assert.True(ApiHelpers.LooksNorwegian(message), message);
        Assert.Equal(before, await CouncilSnapshotAsync());
    }

    [Fact]
    public async Task Invalid_case_update_is_400_and_keeps_the_case()
    {
        if (!Factory.Ready()) return;
        var meeting = await MeetingForValidationAsync();
        var c = await AddCaseAsync(meeting, "Før endring");
        var body = CaseBody("Etter endring", type: "vedtak");
        body["version"] = c.Int("version");

        using var response = await Office.PutJsonAsync($"/api/v1/cases/{c.Int("id")}", body);

        Assert.Contains("«vedtak»", await response.AssertValidationProblemAsync("type"));
        var stored = await Office.GetJsonAsync($"/api/v1/cases/{c.Int("id")}");
        Assert.Equal("Før endring", stored.Str("title"));
        Assert.Equal(c.Int("version"), await CaseVersionAsync(c.Int("id")));
    }

    [Fact]
    public async Task Update_without_a_version_is_a_428()
    {
        if (!Factory.Ready()) return;
        var meeting = await MeetingForValidationAsync();
        var before = await CouncilSnapshotAsync();
        using var response = await Office.PutJsonAsync($"/api/v1/meetings/{meeting}", MeetingBody(Board, "2032-05-05"));
        await response.AssertVersionRequiredAsync();
        using var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", null);
        await notice.AssertVersionRequiredAsync();
        Assert.Equal(before, await CouncilSnapshotAsync());
    }

    [Fact]
    public async Task Two_parallel_meeting_updates_from_the_same_version_give_one_200_and_one_412()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("samtidig-organ");
        var meeting = await PlanMeetingAsync(slug, "2033-04-01");
        var id = meeting.Int("id");
        var version = meeting.Int("version");

        var responses = await Task.WhenAll(
            Office.PutJsonAsync($"/api/v1/meetings/{id}", MeetingBody(slug, "2033-04-01", location: "Sted A"), ifMatch: $"\"{version}\""),
            Office.PutJsonAsync($"/api/v1/meetings/{id}", MeetingBody(slug, "2033-04-01", location: "Sted B", version: version)));
        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.True(codes is [200, 412], $"expected one 200 and one 412, got {string.Join(", ", codes)}");
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
            var problem = await loser.ReadJsonAsync();
            Assert.Equal("Endret av noen andre", problem.Str("title"));
            Assert.True(ApiHelpers.LooksNorwegian(problem.Str("detail")), problem.Str("detail"));

            var after = await Office.GetJsonAsync($"/api/v1/meetings/{id}");
            Assert.Equal(winner == responses[0] ? "Sted A" : "Sted B", after.Str("place"));
            Assert.Equal(version + 1, await MeetingVersionAsync(id));
            Assert.Equal($"\"{version + 1}\"", winner.Headers.ETag?.Tag);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }

        // A stale version afterwards is 412 too, and changes nothing.
        using var stale = await Office.PutJsonAsync($"/api/v1/meetings/{id}", MeetingBody(slug, "2033-04-02", location: "Sted C"), ifMatch: $"\"{version}\"");
        await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        Assert.NotEqual("Sted C", (await Office.GetJsonAsync($"/api/v1/meetings/{id}")).Str("place"));
    }

    [Fact]
    public async Task Two_parallel_case_updates_from_the_same_version_give_one_200_and_one_412()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("samtidig-sak");
        var meeting = await PlanMeetingAsync(slug, "2033-05-01");
        var c = await AddCaseAsync(meeting.Int("id"), "Utgangspunkt");
        var id = c.Int("id");
        var first = CaseBody("Tittel A");
        first["version"] = c.Int("version");
        var second = CaseBody("Tittel B");
        second["version"] = c.Int("version");

        var responses = await Task.WhenAll(Office.PutJsonAsync($"/api/v1/cases/{id}", first), Office.PutJsonAsync($"/api/v1/cases/{id}", second));
        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).Order().ToArray();
            Assert.True(codes is [200, 412], $"expected one 200 and one 412, got {string.Join(", ", codes)}");
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            Assert.Contains("Noen andre har lagret endringer", (await loser.ReadJsonAsync()).Str("detail"));
            Assert.Equal(winner == responses[0] ? "Tittel A" : "Tittel B", (await Office.GetJsonAsync($"/api/v1/cases/{id}")).Str("title"));
            Assert.Equal(c.Int("version") + 1, await CaseVersionAsync(id));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task Twelve_parallel_new_cases_get_consecutive_numbers_without_gaps_or_duplicates()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("nummer-saker");
        var meeting = await PlanMeetingAsync(slug, "2034-02-02");
        var id = meeting.Int("id");
        var standing = meeting["cases"]!.AsArray().Count;

        var responses = await Task.WhenAll(Enumerable.Range(1, 12)
            .Select(i => Office.PostJsonAsync($"/api/v1/meetings/{id}/cases", CaseBody($"Parallell sak {i}"))));
        var numbers = new List<string>();
        try
        {
            foreach (var r in responses)
            {
                await r.AssertStatusAsync(HttpStatusCode.Created);
                var c = await r.ReadJsonAsync();
                Assert.Equal($"/api/v1/cases/{c.Int("id")}", r.Headers.Location?.OriginalString);
                numbers.Add(c.Str("number"));
            }
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }

        var expected = Enumerable.Range(standing + 1, 12).Select(n => $"{n}/34").ToList();
        Assert.Equal(expected, numbers.OrderBy(n => int.Parse(n.Split('/')[0])).ToList());
        var stored = await WithDbAsync(db => db.Cases.Where(c => c.MeetingId == id).OrderBy(c => c.Number).Select(c => c.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, standing + 12), stored);
        // Every new case is on the agenda, each once.
        var agenda = await Office.GetJsonAsync($"/api/v1/meetings/{id}");
        var onAgenda = agenda["agenda"]!.AsArray().Where(a => a?["caseId"] is not null).Select(a => a.Int("caseId")).ToList();
        Assert.Equal(standing + 12, onAgenda.Distinct().Count());
        Assert.Equal(onAgenda.Count, onAgenda.Distinct().Count());
    }

    [Fact]
    public async Task Six_parallel_new_meetings_in_a_fresh_year_are_numbered_1_to_6()
    {
        if (!Factory.Ready()) return;
        var responses = await Task.WhenAll(Enumerable.Range(1, 6)
            .Select(i => Office.PostJsonAsync("/api/v1/meetings", MeetingBody(Board, $"2031-0{i}-1{i}"))));
        var numbers = new List<string>();
        try
        {
            foreach (var r in responses)
            {
                await r.AssertStatusAsync(HttpStatusCode.Created);
                numbers.Add((await r.ReadJsonAsync()).Str("number"));
            }
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"{n}/2031"), numbers.OrderBy(n => int.Parse(n.Split('/')[0])));

        // Case numbers in the body's year too: the standing cases run 1/31, 2/31, … without gaps or duplicates.
        var caseNumbers = await WithDbAsync(db => db.Cases.Where(c => c.Body.Slug == Board && c.Year == 2031).OrderBy(c => c.Number)
            .Select(c => c.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, caseNumbers.Count), caseNumbers);
        // Every minutes case the new meetings got approves the minutes of some earlier meeting: none lost its meetings to a rival.
        var minutesCases = await WithDbAsync(db => db.Cases.Where(c => c.Body.Slug == Board && c.Year == 2031 && c.Standing == StandingCase.MinutesApproval)
            .Select(c => c.Id).ToListAsync());
        var claimed = await WithDbAsync(db => db.Meetings.Where(m => m.MinutesApprovalCaseId != null).Select(m => m.MinutesApprovalCaseId!.Value).ToListAsync());
        Assert.All(minutesCases, c => Assert.Contains(c, claimed));
    }

    [Fact]
    public async Task Whole_flow_plan_case_notice_attendance_decision_and_minutes_approval()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("flyt-organ");
        var members = await AddMembersAsync(slug, 3);
        var listed = await Anonymous.GetArrayAsync($"/api/v1/bodies/{slug}/members");
        Assert.Equal(members.Order(), listed.Select(m => m.Int("id")).Order());

        // Plan → add case → notice.
        var first = await PlanMeetingAsync(slug, "2036-02-03");
        var firstId = first.Int("id");
        var c = await AddCaseAsync(firstId, "Veikart for e-helse", "Rådet slutter seg til veikartet med {{endringer fra møtet}}.");
        var noticed = await SendNoticeAsync(firstId);
        Assert.Equal("notice-sent", noticed.Str("status"));
        var published = await Anonymous.GetJsonAsync($"/api/v1/meetings/{firstId}");
        Assert.True(published["agendaPublished"]!.GetValue<bool>());

        // Agenda with a break; every case once.
        var agendaItems = new List<object>();
        foreach (var x in noticed["cases"]!.AsArray())
            agendaItems.Add(new { caseId = x.Int("id"), kind = "case", startsAt = (string?)null, title = (string?)null, presenter = (string?)null });
        agendaItems.Insert(1, new { caseId = (int?)null, kind = "break", startsAt = "11:00", title = "Pause", presenter = (string?)null });
        using (var agenda = await Office.PutJsonAsync($"/api/v1/meetings/{firstId}/agenda", new { version = noticed.Int("version"), items = agendaItems }))
            await agenda.AssertStatusAsync(HttpStatusCode.OK);

        // Decision before attendance: the quorum cannot be checked.
        using (var early = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/decision",
                   new { decision = "Rådet slutter seg til veikartet.", version = c.Int("version") }))
            Assert.Contains("oppmøtet", await early.AssertValidationProblemAsync("decision"));

        // Attendance: two of three present is a majority.
        await RecordAttendanceAsync(firstId, members, present: 2);

        // A decision with a {{placeholder}} left is refused; the completed one is recorded.
        using (var placeholder = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/decision",
                   new { decision = "Rådet slutter seg til veikartet med {{endringer fra møtet}}.", version = c.Int("version") }))
            Assert.Contains("endringer fra møtet", await placeholder.AssertValidationProblemAsync("decision"));
        Assert.Equal(c.Int("version"), await CaseVersionAsync(c.Int("id")));
        using (var decided = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/decision",
                   new { decision = "Rådet slutter seg til veikartet med de endringene som kom fram i møtet.", version = c.Int("version") }))
        {
            await decided.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal("Rådet slutter seg til veikartet med de endringene som kom fram i møtet.", (await decided.ReadJsonAsync()).Str("decision"));
        }
        var held = await Anonymous.GetJsonAsync($"/api/v1/meetings/{firstId}");
        Assert.Equal("held", held.Str("status"));
        Assert.True(held["quorum"]!["met"]!.GetValue<bool>());

        // The next meeting approves the minutes of the first.
        var second = await PlanMeetingAsync(slug, "2036-04-07");
        var secondId = second.Int("id");
        var minutes = second["cases"]!.AsArray().Single(x => x.Str("title").StartsWith("Godkjenning av referatet", StringComparison.Ordinal));
        Assert.Contains("3. februar 2036", minutes.Str("title"));
        await AddCaseAsync(secondId, "Orientering om status");
        await SendNoticeAsync(secondId);
        await RecordAttendanceAsync(secondId, members, present: 3);
        // Before the meeting is held the secretariat follows attendance and quorum as recorded; the public waits.
        var during = await Office.GetJsonAsync($"/api/v1/meetings/{secondId}");
        Assert.Equal(3, during["attendance"]!.AsArray().Count(a => a.Str("status") == "present"));
        Assert.True(during["quorum"]!["met"]!.GetValue<bool>());
        var outside = await Anonymous.GetJsonAsync($"/api/v1/meetings/{secondId}");
        Assert.Empty(outside["attendance"]!.AsArray());
        Assert.Null(outside["quorum"]);
        // Approved minutes close the first meeting, so its remaining cases (the standing ones) are decided first.
        using (var early = await Office.PostJsonAsync($"/api/v1/cases/{minutes.Int("id")}/decision",
                   new { decision = "Referatet godkjennes.", version = await CaseVersionAsync(minutes.Int("id")) }))
            Assert.Contains("har saker uten vedtak", await early.AssertValidationProblemAsync("decision"));
        foreach (var open in (await Office.GetJsonAsync($"/api/v1/meetings/{firstId}"))["cases"]!.AsArray()
                     .Where(x => x!["decision"] is null && x.Str("type") != "eventuelt").ToList())
        {
            using var d = await Office.PostJsonAsync($"/api/v1/cases/{open.Int("id")}/decision",
                new { decision = open.Str("proposedDecision"), version = await CaseVersionAsync(open.Int("id")) });
            await d.AssertStatusAsync(HttpStatusCode.OK);
        }
        using (var approve = await Office.PostJsonAsync($"/api/v1/cases/{minutes.Int("id")}/decision",
                   new { decision = "Referatet godkjennes.", version = await CaseVersionAsync(minutes.Int("id")) }))
            await approve.AssertStatusAsync(HttpStatusCode.OK);

        var approved = await Anonymous.GetJsonAsync($"/api/v1/meetings/{firstId}");
        Assert.Equal("minutes-approved", approved.Str("status"));
        Assert.Equal(secondId, approved["minutesApprovedIn"].Int("id"));
        // Approved minutes close the meeting: its cases can no longer change.
        using var closed = await Office.PutJsonAsync($"/api/v1/cases/{c.Int("id")}", CaseBody("Sent endret"), ifMatch: $"\"{await CaseVersionAsync(c.Int("id"))}\"");
        await closed.AssertValidationProblemAsync("status");
    }

    [Fact]
    public async Task Withdraw_takes_only_the_last_case_and_needs_If_Match()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("trekk-organ");
        var meeting = await PlanMeetingAsync(slug, "2037-01-20");
        var a = await AddCaseAsync(meeting.Int("id"), "Første");
        var b = await AddCaseAsync(meeting.Int("id"), "Andre");

        using (var noVersion = await Office.DeleteAsync($"/api/v1/cases/{b.Int("id")}"))
            await noVersion.AssertVersionRequiredAsync();
        using (var notLast = await Office.SendJsonAsync(HttpMethod.Delete, $"/api/v1/cases/{a.Int("id")}", null, ifMatch: $"\"{a.Int("version")}\""))
            Assert.Contains("siste saken", await notLast.AssertValidationProblemAsync("case"));
        using (var stale = await Office.SendJsonAsync(HttpMethod.Delete, $"/api/v1/cases/{b.Int("id")}", null, ifMatch: $"\"{b.Int("version") + 5}\""))
            await stale.AssertStatusAsync(HttpStatusCode.PreconditionFailed);
        using (var ok = await Office.SendJsonAsync(HttpMethod.Delete, $"/api/v1/cases/{b.Int("id")}", null, ifMatch: $"\"{b.Int("version")}\""))
            await ok.AssertStatusAsync(HttpStatusCode.NoContent);
        using var gone = await Office.GetAsync($"/api/v1/cases/{b.Int("id")}");
        await gone.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Links_references_and_comments_round_trip()
    {
        if (!Factory.Ready()) return;
        var slug = await CreateBodyAsync("kobling-organ");
        var meeting = await PlanMeetingAsync(slug, "2038-01-20");
        var body = CaseBody("Sak med koblinger");
        body["commentDeadline"] = "2099-12-31";
        using var created = await Office.PostJsonAsync($"/api/v1/meetings/{meeting.Int("id")}/cases", body);
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).Int("id");

        using (var unknown = await Office.PostJsonAsync($"/api/v1/cases/{id}/links", new { related = "nuit 999/21" }))
            Assert.Contains("nuit 999/21", await unknown.AssertValidationProblemAsync("related"));
        using var link = await Office.PostJsonAsync($"/api/v1/cases/{id}/links", new { related = "nuit 38/21" });
        await link.AssertStatusAsync(HttpStatusCode.Created);
        var linkId = (await link.ReadJsonAsync()).Int("id");

        var initiative = await InitiativeIdAsync("Helseplattformen");
        using (var badKind = await Office.PostJsonAsync($"/api/v1/cases/{id}/references", new { kind = "prosjekt", targetId = initiative }))
            await badKind.AssertValidationProblemAsync("kind");
        using var reference = await Office.PostJsonAsync($"/api/v1/cases/{id}/references", new { kind = "initiative", targetId = initiative });
        await reference.AssertStatusAsync(HttpStatusCode.Created);
        var referenceId = (await reference.ReadJsonAsync()).Int("id");

        using (var member = await Client(As.Member).PostJsonAsync($"/api/v1/cases/{id}/comments", new { text = "Innspill fra et medlem." }))
            await member.AssertStatusAsync(HttpStatusCode.Created);
        using (var office = await Office.PostJsonAsync($"/api/v1/cases/{id}/comments",
                   new { text = "Innspill mottatt på e-post.", author = "Kari Nordmann", organizationId = (int?)null, receivedOn = "2030-01-05" }))
            await office.AssertStatusAsync(HttpStatusCode.Created);
        using (var noAuthor = await Office.PostJsonAsync($"/api/v1/cases/{id}/comments", new { text = "Uten avsender." }))
            await noAuthor.AssertValidationProblemAsync("author");

        var stored = await Office.GetJsonAsync($"/api/v1/cases/{id}");
        Assert.Single(stored["related"]!.AsArray());
        Assert.Single(stored["references"]!.AsArray());
        Assert.Equal(2, stored["comments"]!.AsArray().Count);

        using (var unlink = await Office.DeleteAsync($"/api/v1/cases/{id}/links/{linkId}"))
            await unlink.AssertStatusAsync(HttpStatusCode.NoContent);
        using (var unref = await Office.DeleteAsync($"/api/v1/cases/{id}/references/{referenceId}"))
            await unref.AssertStatusAsync(HttpStatusCode.NoContent);
        using (var again = await Office.DeleteAsync($"/api/v1/cases/{id}/links/{linkId}"))
            await again.AssertStatusAsync(HttpStatusCode.NotFound);
        stored = await Office.GetJsonAsync($"/api/v1/cases/{id}");
        Assert.Empty(stored["related"]!.AsArray());
        Assert.Empty(stored["references"]!.AsArray());
    }

    [Fact]
    public async Task OpenApi_documents_the_write_endpoints()
    {
        if (!Factory.Ready()) return;
        var doc = await Anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/meetings", "post"), ("/api/v1/meetings/{id}", "put"), ("/api/v1/meetings/{id}/notice", "post"),
                     ("/api/v1/meetings/{id}/held", "post"), ("/api/v1/meetings/{id}/cancel", "post"), ("/api/v1/meetings/{id}/agenda", "put"),
                     ("/api/v1/meetings/{id}/attendance", "put"), ("/api/v1/meetings/{id}/cases", "post"), ("/api/v1/cases/{id}", "put"),
                     ("/api/v1/cases/{id}", "delete"), ("/api/v1/cases/{id}/decision", "post"), ("/api/v1/cases/{id}/links", "post"),
                     ("/api/v1/cases/{id}/links/{linkId}", "delete"), ("/api/v1/cases/{id}/references", "post"),
                     ("/api/v1/cases/{id}/references/{referenceId}", "delete"), ("/api/v1/cases/{id}/comments", "post"),
                 })
        {
            Assert.True(paths.ContainsKey(path), $"{path} missing from the OpenAPI document");
            var operation = paths[path]![method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} missing from the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
        }
    }

    private async Task<int> MeetingForValidationAsync()
    {
        if (Factory.Ids.TryGetValue("validation-meeting", out var id)) return id;
        var slug = await CreateBodyAsync("validering-organ");
        return Factory.Ids["validation-meeting"] = (await PlanMeetingAsync(slug, "2032-05-04")).Int("id");
    }

    private async Task<JsonNode> SendNoticeAsync(int meetingId)
    {
        using var response = await Office.PostJsonAsync($"/api/v1/meetings/{meetingId}/notice", new { version = await MeetingVersionAsync(meetingId) });
        await response.AssertStatusAsync(HttpStatusCode.OK, $"notice for {meetingId}");
        return await response.ReadJsonAsync();
    }

    private async Task RecordAttendanceAsync(int meetingId, IReadOnlyList<int> members, int present)
    {
        var rows = members.Select((m, i) => new
        {
            memberId = m, status = i < present ? "present" : "absent", byVideo = i == 0, substituteName = (string?)null,
            fromTime = (string?)null, upToCaseId = (int?)null, note = (string?)null,
        });
        using var response = await Office.PutJsonAsync($"/api/v1/meetings/{meetingId}/attendance",
            new { version = await MeetingVersionAsync(meetingId), otherAttendees = "Sekretariatet: Test Testesen", rows });
        await response.AssertStatusAsync(HttpStatusCode.OK, $"attendance for {meetingId}");
    }
}

public sealed class MeetingsAdminApiSqliteTests(SqliteFactory factory) : MeetingsAdminApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class MeetingsAdminApiPostgresTests(PostgresFactory factory) : MeetingsAdminApiTests(factory), IClassFixture<PostgresFactory>;
