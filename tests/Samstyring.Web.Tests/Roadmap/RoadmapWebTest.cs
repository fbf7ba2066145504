using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Samstyring.Web.Tests.Roadmap;

/// <summary>
/// What the roadmap API tests need beyond <see cref="WebTest"/>: drafts of their own (each test makes new versions with
/// numbers no other test uses, so tests do not depend on each other or on their order), lookups of the row versions the
/// read model leaves out, the council cases a version is treated in, and a snapshot of what a refused call must not change.
/// </summary>
public abstract class RoadmapWebTest(SamstyringFactory factory) : WebTest(factory)
{
    protected const string Api = "/api/v1/roadmap";

    private static int _nextNumber = 100;


    /// <summary>A version number no other test (or class) in this process uses: 101.1, 102.1, …</summary>
    protected static string NewNumber() => $"{Interlocked.Increment(ref _nextNumber)}.1";

    /// <summary>A new draft copied from <paramref name="basedOn"/> (by default 21.1, the demo data's recommended version).</summary>
    protected async Task<JsonNode> CreateDraftAsync(string number, string? basedOn = "21.1", string kind = "yearly")
    {
        using var response = await Office.PostJsonAsync($"{Api}/versions",
            new { number, basedOn, kind, title = (string?)null, summary = "Laget av webtestene." });
        await response.AssertStatusAsync(HttpStatusCode.Created, $"create draft {number}");
        return await response.ReadJsonAsync();
    }

    /// <summary>The version as the office reads it, with its ETag (the row version, for If-Match).</summary>
    protected async Task<(JsonNode View, string ETag)> OfficeVersionAsync(string number)
    {
        using var response = await Office.GetAsync($"{Api}/versions/{number}");
        await response.AssertStatusAsync(HttpStatusCode.OK, $"GET version {number}");
        return (await response.ReadJsonAsync(), response.Headers.ETag?.Tag ?? throw new Xunit.Sdk.XunitException("no ETag"));
    }

    /// <summary>
    /// The office at the pages, as a browser: its own cookie jar (for the antiforgery cookie), authenticated as the office,
    /// redirects not followed. <see cref="PostFormAsync"/> posts a page's form with the token the page gave.
    /// </summary>
    protected HttpClient OfficeBrowser()
    {
        var browser = Factory.BrowserClient();
        browser.DefaultRequestHeaders.Authorization = Office.DefaultRequestHeaders.Authorization;
        return browser;
    }

    /// <summary>Reads <paramref name="page"/> for its antiforgery token and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    protected static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action, Dictionary<string, string> fields)
    {
        using var get = await browser.GetAsync(page);
        await get.AssertStatusAsync(HttpStatusCode.OK, $"GET {page}");
        fields["__RequestVerificationToken"] = Forms.AntiforgeryToken(await get.Content.ReadAsStringAsync());
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    protected static JsonNode Service(JsonNode version, string key) =>
        version["services"]!.AsArray().SingleOrDefault(s => s.Str("key") == key) ?? throw new Xunit.Sdk.XunitException($"no service {key}");

    protected static JsonNode Plan(JsonNode version, string serviceKey, string actorGroup, string kind) =>
        Service(version, serviceKey)["plans"]!.AsArray().SingleOrDefault(p => p.Str("actorGroup") == actorGroup && p.Str("kind") == kind)
        ?? throw new Xunit.Sdk.XunitException($"no {kind} plan for {actorGroup} in {serviceKey}");

    protected Task<int> PlanVersionAsync(int id) => WithDbAsync(db => db.RoadmapPlans.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

    protected Task<int> ServiceVersionAsync(int id) => WithDbAsync(db => db.RoadmapServices.Where(s => s.Id == id).Select(s => s.Version).SingleAsync());

    /// <summary>The first prerequisite of the first milestone, and the milestone's version to send with an assessment (as a client reads them).</summary>
    protected async Task<(int Id, int MilestoneVersion)> PrerequisiteAsync(string number)
    {
        var milestone = (await OfficeVersionAsync(number)).View["milestones"]![0]!;
        return (milestone["prerequisites"]![0]!.Int("id"), milestone.Int("version"));
    }

    protected Task<int> DependencyIdAsync(int serviceId) =>
        WithDbAsync(db => db.RoadmapDependencies.Where(d => d.ServiceId == serviceId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());

    /// <summary>A case of the demo data by body, meeting and case number: NUIT 39/21 recommended 21.1, the board's 38/21 treated it.</summary>
    protected async Task<int> CaseIdAsync(string body, string meeting, string caseNumber)
    {
        var cacheKey = $"case:{body}:{caseNumber}";
        if (Factory.Ids.TryGetValue(cacheKey, out var cached)) return cached;
        var year = meeting.Split('/')[1];
        var meetings = await Office.GetArrayAsync($"/api/v1/meetings?body={body}&year={year}");
        var m = meetings.SingleOrDefault(x => x.Str("number") == meeting) ?? throw new Xunit.Sdk.XunitException($"no meeting {meeting} in {body}");
        var details = await Office.GetJsonAsync($"/api/v1/meetings/{m.Int("id")}");
        var c = details["cases"]!.AsArray().SingleOrDefault(x => x.Str("number") == caseNumber)
                ?? throw new Xunit.Sdk.XunitException($"no case {caseNumber} in meeting {meeting} of {body}");
        return Factory.Ids[cacheKey] = c.Int("id");
    }

    protected Task<int> NuitCaseAsync() => CaseIdAsync("nuit", "5/2021", "39/21");

    protected Task<int> BoardCaseAsync() => CaseIdAsync("nasjonalt-e-helserad", "6/2021", "38/21");

    /// <summary>
    /// A roadmap case in a new meeting of a demo body ("nuit" or "nasjonalt-e-helserad") on <paramref name="date"/>, made once
    /// per test class: a draft of 21.1 must be recommended after NUIT 39/21, which recommended 21.1 itself.
    /// </summary>
    protected async Task<int> NewCaseAsync(string body, string date)
    {
        var cacheKey = $"new-case:{body}:{date}";
        if (Factory.Ids.TryGetValue(cacheKey, out var cached)) return cached;
        using var meeting = await Office.PostJsonAsync("/api/v1/meetings",
            new { body, date, startTime = "10:00", endTime = "15:00", location = "Oslo", isVideo = false, kind = "ordinary" });
        await meeting.AssertStatusAsync(HttpStatusCode.Created, $"plan a meeting of {body} on {date}");
        var meetingId = (await meeting.ReadJsonAsync()).Int("id");
        using var c = await Office.PostJsonAsync($"/api/v1/meetings/{meetingId}/cases", new
        {
            title = "Veikart for nasjonale e-helseløsninger", type = "anbefaling", from = "Direktoratet for e-helse", officers = "Test Testesen",
            purpose = "Behandle veikartet.", background = "Laget av webtestene.", proposedDecision = "Organet anbefaler veikartet.", confidential = false,
            presenter = "Direktoratet for e-helse",
        });
        await c.AssertStatusAsync(HttpStatusCode.Created, $"add a roadmap case to meeting {meetingId}");
        return Factory.Ids[cacheKey] = (await c.ReadJsonAsync()).Int("id");
    }

    /// <summary>NUIT's case for drafts of 21.1: 17 November 2022.</summary>
    protected Task<int> LaterNuitCaseAsync() => NewCaseAsync("nuit", "2022-11-17");

    /// <summary>The board's case after <see cref="LaterNuitCaseAsync"/>: 8 December 2022.</summary>
    protected Task<int> LaterBoardCaseAsync() => NewCaseAsync("nasjonalt-e-helserad", "2022-12-08");

    /// <summary>Takes a version one step on as the office, with the current ETag.</summary>
    protected async Task<JsonNode> AdvanceAsync(string number, string step, int? caseId = null)
    {
        var (_, etag) = await OfficeVersionAsync(number);
        using var response = await Office.SendJsonAsync(HttpMethod.Post, $"{Api}/versions/{number}/steps", new { step, caseId, on = (string?)null }, etag);
        await response.AssertStatusAsync(HttpStatusCode.OK, $"{number} → {step}");
        return await response.ReadJsonAsync();
    }

    /// <summary>
    /// Everything a roadmap write can change, as the office reads it over the API (the versions and the one version in
    /// question), plus the number of audit entries: a refused or invalid call must leave all of it as it was.
    /// </summary>
    protected async Task<string> SnapshotAsync(string? number)
    {
        var versions = (await Office.GetArrayAsync($"{Api}/versions")).ToJsonString();
        var detail = "";
        if (number is not null)
        {
            using var response = await Office.GetAsync($"{Api}/versions/{number}");
            detail = $"{(int)response.StatusCode} {response.Headers.ETag?.Tag} {await response.Content.ReadAsStringAsync()}";
        }
        var audit = await WithDbAsync(db => db.AuditLog.CountAsync());
        return $"{versions}\n{detail}\n{audit}";
    }
}
