using System.Net;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// What the API demands back it also shows: a case, a meeting and the cases inside it carry their version, and whoever may
/// change them gets it as the ETag too, ready for If-Match.
/// </summary>
public abstract class CouncilVersionTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    private const string Slug = "versjonsorgan";

    [Fact]
    public async Task A_case_shows_its_version_and_ETag_and_a_change_takes_the_ETag_back()
    {
        if (!Factory.Ready()) return;
        var (_, caseId) = await MeetingWithCaseAsync("2041-02-03");

        using var get = await Office.GetAsync($"/api/v1/cases/{caseId}");
        await get.AssertStatusAsync(HttpStatusCode.OK);
        var version = (await get.ReadJsonAsync()).Int("version");
        Assert.Equal(await CaseVersionAsync(caseId), version);
        Assert.Equal($"\"{version}\"", get.Headers.ETag?.Tag);

        var body = CaseBody("Endret med ETag");
        using var put = await Office.PutJsonAsync($"/api/v1/cases/{caseId}", body, ifMatch: get.Headers.ETag!.Tag);
        await put.AssertStatusAsync(HttpStatusCode.OK, "PUT with the ETag of GET");
        Assert.Equal($"\"{version + 1}\"", put.Headers.ETag?.Tag);

        // A reader who may not change it sees the version too.
        var member = await Client(As.Member).GetJsonAsync($"/api/v1/cases/{caseId}");
        Assert.Equal(version + 1, member.Int("version"));
    }

    [Fact]
    public async Task A_meeting_shows_its_version_and_ETag_and_each_case_in_it_its_own()
    {
        if (!Factory.Ready()) return;
        var (meetingId, caseId) = await MeetingWithCaseAsync("2041-03-04");

        using var get = await Office.GetAsync($"/api/v1/meetings/{meetingId}");
        await get.AssertStatusAsync(HttpStatusCode.OK);
        var meeting = await get.ReadJsonAsync();
        Assert.Equal(await MeetingVersionAsync(meetingId), meeting.Int("version"));
        Assert.Equal($"\"{meeting.Int("version")}\"", get.Headers.ETag?.Tag);
        var cases = meeting["cases"]!.AsArray();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
            Assert.Equal(await CaseVersionAsync(c.Int("id")), c.Int("version"));

        // The version in the meeting is the one a decision or change of that case takes.
        var inMeeting = cases.Single(c => c.Int("id") == caseId)!.Int("version");
        using var put = await Office.PutJsonAsync($"/api/v1/cases/{caseId}", CaseBody("Endret fra møtet"), ifMatch: $"\"{inMeeting}\"");
        await put.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bodies_members_and_meeting_lists_show_versions()
    {
        if (!Factory.Ready()) return;
        await MeetingWithCaseAsync("2041-04-05");
        using var body = await Office.GetAsync($"/api/v1/bodies/{Slug}");
        await body.AssertStatusAsync(HttpStatusCode.OK);
        var details = await body.ReadJsonAsync();
        Assert.Equal($"\"{details.Int("version")}\"", body.Headers.ETag?.Tag);
        Assert.All(details["members"]!.AsArray(), m => Assert.True(m.Int("version") >= 1));
        Assert.All(details["meetings"]!.AsArray(), m => Assert.True(m.Int("version") >= 1));
        Assert.All(await Anonymous.GetArrayAsync($"/api/v1/meetings?body={Slug}"), m => Assert.True(m.Int("version") >= 1));
        Assert.All(await Anonymous.GetArrayAsync("/api/v1/bodies"), b => Assert.True(b.Int("version") >= 1));
    }

    private async Task<(int Meeting, int Case)> MeetingWithCaseAsync(string date)
    {
        if (!Factory.Ids.ContainsKey("version-body"))
        {
            await CreateBodyAsync(Slug, quorumRule: "none");
            await AddMembersAsync(Slug, 1, termStart: "2040-01-01");
            Factory.Ids["version-body"] = 1;
        }
        var meeting = (await PlanMeetingAsync(Slug, date)).Int("id");
        var c = await AddCaseAsync(meeting, "Sak med versjon");
        return (meeting, c.Int("id"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CouncilVersionSqliteTests(SqliteFactory factory) : CouncilVersionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class CouncilVersionPostgresTests(PostgresFactory factory) : CouncilVersionTests(factory);
