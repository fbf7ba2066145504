using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Council;

/// <summary>
/// Who may call which council write endpoint: only the secretariat (the office) changes meetings and cases; members
/// and the office may send input on a case; the Noark 5 extract (a read) is the office's alone too. Judged by the shared
/// <see cref="AuthorizationMatrix"/>: a refused call must leave
/// every council table and the audit log as it was.
/// </summary>
public abstract class CouncilAuthorizationMatrixTests(SamstyringFactory factory) : CouncilWebTest(factory)
{
    /// <summary>A body of our own without quorum requirement, so decisions need no attendance; all its meetings on one day.</summary>
    private const string Slug = "matrise-organ";
    private const string Date = "2040-03-05";

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu (an operator and the TBU write nothing here).</summary>
    private static readonly (string Operation, int[] Expected)[] Rules =
    [
        ("plan-meeting",      [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-meeting",    [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("send-notice",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("mark-held",         [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("cancel",            [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("agenda",            [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("attendance",        [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("add-case",          [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-case",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("decision",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("withdraw",          [Unauthorized, NoContent, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("link",              [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("unlink",            [Unauthorized, NoContent, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("add-reference",     [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("remove-reference",  [Unauthorized, NoContent, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("comment",           [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Created, Forbidden, Forbidden]),
        ("archive",           [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Publication to eInnsyn: the office only (the queue holds exempt titles in its sensitive fields).
        ("einnsyn-queue",     [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("einnsyn-resend",    [Unauthorized, NoContent, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Matrix() => Cases(Rules);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Council_endpoint_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        await AssertAsync(await PrepareAsync(operation), Client(user), operation, user, expected);
    }

    [Fact]
    public async Task Member_cannot_comment_after_the_deadline_or_on_a_case_not_sent_for_input()
    {
        if (!Factory.Ready()) return;
        var meeting = await NewMeetingAsync();
        var none = await AddCaseAsync(meeting, "Ikke på innspill");
        using var response = await Client(As.Member).PostJsonAsync($"/api/v1/cases/{none.Int("id")}/comments", new { text = "For sent?" });
        Assert.Contains("innspill", await response.AssertValidationProblemAsync("text"));
    }

    [Fact]
    public async Task Refused_calls_to_an_unknown_meeting_are_still_403_not_404()
    {
        if (!Factory.Ready()) return;
        // Authorisation comes first: an outsider learns nothing about which ids exist.
        using var response = await Client(As.OwnerHso).PutJsonAsync("/api/v1/meetings/999999", MeetingBody(Slug, Date, version: 1));
        await response.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var office = await Office.PutJsonAsync("/api/v1/meetings/999999", MeetingBody(Slug, Date, version: 1));
        await office.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    private async Task<string> BodyAsync()
    {
        if (Factory.Ids.ContainsKey("matrix-body")) return Slug;
        await CreateBodyAsync(Slug, quorumRule: "none");
        var members = await AddMembersAsync(Slug, 2, termStart: "2040-01-01");
        Factory.Ids["matrix-member"] = members[0];
        Factory.Ids["matrix-body"] = 1;
        return Slug;
    }

    private async Task<int> NewMeetingAsync() => (await PlanMeetingAsync(await BodyAsync(), Date)).Int("id");

    /// <summary>A meeting whose notice has gone out, with one ordinary case (returned).</summary>
    private async Task<(int Meeting, JsonNode Case)> NoticedMeetingAsync()
    {
        var meeting = await NewMeetingAsync();
        var c = await AddCaseAsync(meeting, "Sak i matrisen");
        using var notice = await Office.PostJsonAsync($"/api/v1/meetings/{meeting}/notice", new { version = await MeetingVersionAsync(meeting) });
        await notice.AssertStatusAsync(HttpStatusCode.OK, "notice");
        return (meeting, c);
    }

    private async Task<MatrixOperation> PrepareAsync(string operation)
    {
        await BodyAsync();
        switch (operation)
        {
            case "plan-meeting":
                return new MatrixOperation(c => c.PostJsonAsync("/api/v1/meetings", MeetingBody(Slug, Date)), CouncilSnapshotAsync,
                    async (response, _) =>
                    {
                        var m = await response.ReadJsonAsync();
                        Assert.Equal($"/api/v1/meetings/{m.Int("id")}", response.Headers.Location?.OriginalString);
                        Assert.NotEmpty(m["cases"]!.AsArray());
                    });
            case "update-meeting":
            {
                var id = await NewMeetingAsync();
                var version = await MeetingVersionAsync(id);
                return new MatrixOperation(
                    c => c.PutJsonAsync($"/api/v1/meetings/{id}", MeetingBody(Slug, Date, location: "Nytt sted"), ifMatch: $"\"{version}\""),
                    () => MeetingSnapshotAsync(id),
                    async (_, _) => Assert.Equal("Nytt sted", (await Office.GetJsonAsync($"/api/v1/meetings/{id}")).Str("place")));
            }
            case "send-notice":
            {
                var id = await NewMeetingAsync();
                await AddCaseAsync(id, "Sak før innkalling");
                var version = await MeetingVersionAsync(id);
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/meetings/{id}/notice", new { version }), () => MeetingSnapshotAsync(id),
                    async (_, _) => Assert.Equal("notice-sent", (await Anonymous.GetJsonAsync($"/api/v1/meetings/{id}")).Str("status")));
            }
            case "mark-held":
            {
                var id = await NoticedAsync();
                var version = await MeetingVersionAsync(id);
                return new MatrixOperation(c => c.SendJsonAsync(HttpMethod.Post, $"/api/v1/meetings/{id}/held", null, ifMatch: $"\"{version}\""),
                    () => MeetingSnapshotAsync(id),
                    async (_, _) => Assert.Equal("held", (await Anonymous.GetJsonAsync($"/api/v1/meetings/{id}")).Str("status")));
            }
            case "cancel":
            {
                var id = await NewMeetingAsync();
                var version = await MeetingVersionAsync(id);
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/meetings/{id}/cancel", new { version }), () => MeetingSnapshotAsync(id),
                    async (_, _) => Assert.Equal("cancelled", (await Office.GetJsonAsync($"/api/v1/meetings/{id}")).Str("status")));
            }
            case "agenda":
            {
                var id = await NewMeetingAsync();
                var c1 = await AddCaseAsync(id, "Første sak");
                var meeting = await Office.GetJsonAsync($"/api/v1/meetings/{id}");
                var items = meeting["agenda"]!.AsArray().Select(a => a.Int("caseId")).Reverse()
                    .Select(caseId => new { caseId, kind = "case", startsAt = (string?)null, title = (string?)null, presenter = (string?)"Matrise" })
                    .ToList();
                var version = await MeetingVersionAsync(id);
                return new MatrixOperation(c => c.PutJsonAsync($"/api/v1/meetings/{id}/agenda", new { version, items }), () => MeetingSnapshotAsync(id),
                    async (_, _) =>
                    {
                        var agenda = (await Office.GetJsonAsync($"/api/v1/meetings/{id}"))["agenda"]!.AsArray();
                        Assert.Equal(c1.Int("id"), agenda[0].Int("caseId"));
                    });
            }
            case "attendance":
            {
                var id = await NewMeetingAsync();
                var member = Factory.Ids["matrix-member"];
                var version = await MeetingVersionAsync(id);
                var body = new
                {
                    version, otherAttendees = "Sekretariatet",
                    rows = new[] { new { memberId = member, status = "present", byVideo = true, substituteName = (string?)null, fromTime = "10:30", upToCaseId = (int?)null, note = (string?)null } },
                };
                return new MatrixOperation(c => c.PutJsonAsync($"/api/v1/meetings/{id}/attendance", body), () => MeetingSnapshotAsync(id));
            }
            case "add-case":
            {
                var id = await NewMeetingAsync();
                return new MatrixOperation(c => c.PostJsonAsync($"/api/v1/meetings/{id}/cases", CaseBody("Ny sak i matrisen")), CouncilSnapshotAsync,
                    async (response, _) =>
                    {
                        var created = await response.ReadJsonAsync();
                        Assert.Equal($"/api/v1/cases/{created.Int("id")}", response.Headers.Location?.OriginalString);
                    });
            }
            case "update-case":
            {
                var id = await NewMeetingAsync();
                var c = await AddCaseAsync(id, "Før endring");
                var body = CaseBody("Etter endring");
                body["version"] = c.Int("version");
                return new MatrixOperation(x => x.PutJsonAsync($"/api/v1/cases/{c.Int("id")}", body), () => CaseSnapshotAsync(c.Int("id")),
                    async (_, _) => Assert.Equal("Etter endring", (await Office.GetJsonAsync($"/api/v1/cases/{c.Int("id")}")).Str("title")));
            }
            case "decision":
            {
                var (_, c) = await NoticedMeetingAsync();
                var body = new { decision = "Vedtatt i matrisen.", version = c.Int("version") };
                return new MatrixOperation(x => x.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/decision", body), () => CaseSnapshotAsync(c.Int("id")),
                    async (_, _) => Assert.Equal("Vedtatt i matrisen.", (await Anonymous.GetJsonAsync($"/api/v1/cases/{c.Int("id")}")).Str("decision")));
            }
            case "withdraw":
            {
                var id = await NewMeetingAsync();
                var c = await AddCaseAsync(id, "Skal trekkes");
                return new MatrixOperation(x => x.SendJsonAsync(HttpMethod.Delete, $"/api/v1/cases/{c.Int("id")}", null, ifMatch: $"\"{c.Int("version")}\""),
                    CouncilSnapshotAsync);
            }
            case "link":
            {
                var c = await AddCaseAsync(await NewMeetingAsync(), "Skal kobles");
                return new MatrixOperation(x => x.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/links", new { related = "nuit 38/21" }), CouncilSnapshotAsync);
            }
            case "unlink":
            {
                var c = await AddCaseAsync(await NewMeetingAsync(), "Kobles fra");
                using var link = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/links", new { related = "nuit 38/21" });
                await link.AssertStatusAsync(HttpStatusCode.Created);
                var linkId = (await link.ReadJsonAsync()).Int("id");
                return new MatrixOperation(x => x.DeleteAsync($"/api/v1/cases/{c.Int("id")}/links/{linkId}"), CouncilSnapshotAsync);
            }
            case "add-reference":
            {
                var c = await AddCaseAsync(await NewMeetingAsync(), "Viser til et tiltak");
                var initiative = await InitiativeIdAsync("Helseplattformen");
                return new MatrixOperation(x => x.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/references", new { kind = "initiative", targetId = initiative }),
                    CouncilSnapshotAsync);
            }
            case "remove-reference":
            {
                var c = await AddCaseAsync(await NewMeetingAsync(), "Referanse fjernes");
                var initiative = await InitiativeIdAsync("Helseplattformen");
                using var reference = await Office.PostJsonAsync($"/api/v1/cases/{c.Int("id")}/references", new { kind = "initiative", targetId = initiative });
                await reference.AssertStatusAsync(HttpStatusCode.Created);
                var referenceId = (await reference.ReadJsonAsync()).Int("id");
                return new MatrixOperation(x => x.DeleteAsync($"/api/v1/cases/{c.Int("id")}/references/{referenceId}"), CouncilSnapshotAsync);
            }
            case "archive":
            {
                // A read: the Noark 5 extract of the matrix body's meetings (a noticed one, so the public journal has a case).
                await NoticedMeetingAsync();
                return new MatrixOperation(c => c.GetAsync($"/api/v1/bodies/{Slug}/archive?from=2040-01-01&to=2040-12-31"), MatrixOperation.Nothing,
                    async (response, _) => Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType));
            }
            case "comment":
            {
                var id = await NewMeetingAsync();
                var body = CaseBody("Sendt på innspill");
                body["commentDeadline"] = "2099-12-31";
                body["commentDeadlineNote"] = "Innspill til forslaget.";
                using var created = await Office.PostJsonAsync($"/api/v1/meetings/{id}/cases", body);
                await created.AssertStatusAsync(HttpStatusCode.Created);
                var caseId = (await created.ReadJsonAsync()).Int("id");
                var comment = new { text = "Innspill i matrisen.", author = "Kari Nordmann", organizationId = (int?)null, receivedOn = "2040-01-02" };
                return new MatrixOperation(x => x.PostJsonAsync($"/api/v1/cases/{caseId}/comments", comment), CouncilSnapshotAsync,
                    async (_, user) =>
                    {
                        var stored = Assert.Single((await Client(As.Member).GetJsonAsync($"/api/v1/cases/{caseId}"))["comments"]!.AsArray());
                        // A member comments in their own name; the office records who sent it.
                        if (user == As.Office) Assert.Equal("Kari Nordmann", stored.Str("author"));
                        else Assert.NotEqual("Kari Nordmann", stored.Str("author"));
                    });
            }
            case "einnsyn-queue":
            {
                var (meeting, _) = await NoticedMeetingAsync();
                // Queued with the notice already: take it out again, so that queueing the period has something to add.
                await WithDbAsync(db => db.EInnsynOutbox.Where(m => m.MeetingId == meeting).ExecuteDeleteAsync());
                return new MatrixOperation(x => x.PostJsonAsync("/api/v1/einnsyn/outbox", new { body = Slug, from = Date, to = Date }),
                    () => EInnsynSnapshotAsync(meeting),
                    async (response, _) => Assert.True((await response.ReadJsonAsync()).Int("queued") >= 1));
            }
            case "einnsyn-resend":
            {
                var (meeting, _) = await NoticedMeetingAsync();
                var id = await WithDbAsync(db => db.EInnsynOutbox.Where(m => m.MeetingId == meeting).Select(m => m.Id).SingleAsync());
                await WithDbAsync(db => db.EInnsynOutbox.Where(m => m.Id == id).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, Samstyring.Core.EInnsyn.EInnsynStatus.Failed).SetProperty(m => m.LastError, "400 Bad Request: matrisen")));
                var version = await WithDbAsync(db => db.EInnsynOutbox.Where(m => m.Id == id).Select(m => m.Version).SingleAsync());
                return new MatrixOperation(x => x.SendJsonAsync(HttpMethod.Post, $"/api/v1/einnsyn/outbox/{id}/resend", null, ifMatch: $"\"{version}\""),
                    () => EInnsynSnapshotAsync(meeting),
                    async (_, _) => Assert.Equal(Samstyring.Core.EInnsyn.EInnsynStatus.Pending,
                        await WithDbAsync(db => db.EInnsynOutbox.Where(m => m.Id == id).Select(m => m.Status).SingleAsync())));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private async Task<int> NoticedAsync() => (await NoticedMeetingAsync()).Meeting;

    /// <summary>The whole council and audit log, plus the meeting's version and what the office sees of it.</summary>
    private Task<string> EInnsynSnapshotAsync(int meeting) => WithDbAsync(async db => string.Join(",",
        (await db.EInnsynOutbox.Where(m => m.MeetingId == meeting).OrderBy(m => m.Id).Select(m => new { m.Id, m.Status, m.Version }).ToListAsync())
            .Select(m => $"{m.Id}:{m.Status}:{m.Version}")) + "|" + await db.AuditLog.CountAsync());

    private async Task<string> MeetingSnapshotAsync(int id) =>
        $"{await CouncilSnapshotAsync()}|{await MeetingVersionAsync(id)}|{(await Office.GetJsonAsync($"/api/v1/meetings/{id}")).ToJsonString()}";

    private async Task<string> CaseSnapshotAsync(int id) =>
        $"{await CouncilSnapshotAsync()}|{await CaseVersionAsync(id)}|{(await Office.GetJsonAsync($"/api/v1/cases/{id}")).ToJsonString()}";
}

public sealed class CouncilAuthorizationMatrixSqliteTests(SqliteFactory factory) : CouncilAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class CouncilAuthorizationMatrixPostgresTests(PostgresFactory factory) : CouncilAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
