using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Core.Tests.Council;

/// <summary>
/// A meeting from plan to approved minutes, as the secretariat runs it: numbering, standing cases, notice, attendance and
/// quorum, decisions with placeholders, minutes approval in the next meeting, withdrawal; and numbering under concurrency.
/// Every test works in a body of its own, so the numbers start at 1.
/// </summary>
public abstract class MeetingFlowTests(TestDatabase db)
{
    private const int Voting = 17;

    /// <summary>A body with the majority rule and 17 voting members serving in 2020–2021, plus one observer.</summary>
    private async Task<(string Slug, List<int> Members)> CreateBodyAsync(int members = Voting)
    {
        var slug = $"flyt-{Guid.NewGuid().ToString("N")[..8]}";
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, "Testrådet", null, "2017-01-01", "board", "Et råd laget av testene.", "majority", null, null, null), db.Office), db.Office);
        var org = await db.QueryAsync(x => x.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var ids = new List<int>();
        for (var i = 1; i <= members; i++)
        {
            var m = await db.SendAsync((AddMember u) => u.HandleAsync(slug,
                new MemberInput($"Medlem {i}", null, org, "member", null, "2020-01-01", "2021-12-31"), db.Office), db.Office);
            ids.Add(m.Id);
        }
        await db.SendAsync((AddMember u) => u.HandleAsync(slug, new MemberInput("Observatør", null, org, "observer", null, "2020-01-01", null), db.Office), db.Office);
        return (slug, ids);
    }

    private Task<Meeting> PlanAsync(string slug, string date) =>
        db.SendAsync((PlanMeeting u) => u.HandleAsync(new MeetingInput(slug, date, "10:00", "15:00", "Oslo", false, "ordinary"), db.Office), db.Office);

    private static CaseInput Case(string title, string? proposed = "Rådet tar saken til orientering.", string type = "orientering") =>
        new(title, type, "Direktoratet for e-helse", "Kari Saksbehandler", "Hensikten.", "Bakgrunnen.", proposed, false, null, null, null);

    private Task<CouncilCase> AddCaseAsync(int meetingId, CaseInput input) =>
        db.SendAsync((AddCase u) => u.HandleAsync(meetingId, input, db.Office), db.Office);

    private Task<Meeting> LoadMeetingAsync(int id) => db.QueryAsync(x => x.Meetings.AsNoTracking().SingleAsync(m => m.Id == id));
    private Task<CouncilCase> LoadCaseAsync(int id) => db.QueryAsync(x => x.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<List<CouncilCase>> CasesOfAsync(int meetingId) =>
        db.QueryAsync(x => x.Cases.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Number).ToListAsync());

    private async Task SendNoticeAsync(int meetingId)
    {
        var version = (await LoadMeetingAsync(meetingId)).Version;
        await db.SendAsync((SendNotice u) => u.HandleAsync(meetingId, version, db.Office), db.Office);
    }

    /// <summary>The first <paramref name="present"/> members present, the rest absent.</summary>
    private async Task RecordAttendanceAsync(int meetingId, List<int> members, int present, bool substituteForNext = false)
    {
        var rows = members.Select((id, i) => i < present
            ? new AttendanceInput(id, "present", false, null, null, null, null)
            : i == present && substituteForNext
                ? new AttendanceInput(id, "substitute", true, "Vara Varasen", null, null, null)
                : new AttendanceInput(id, "absent", false, null, null, null, null)).ToList();
        var version = (await LoadMeetingAsync(meetingId)).Version;
        await db.SendAsync((RecordAttendance u) => u.HandleAsync(meetingId, rows, "Sekretariatet: Per Sekretær", version, db.Office), db.Office);
    }

    private async Task<CouncilCase> DecideAsync(int caseId, string text)
    {
        var version = (await LoadCaseAsync(caseId)).Version;
        return await db.SendAsync((RecordDecision u) => u.HandleAsync(caseId, text, version, db.Office), db.Office);
    }

    [Fact]
    public async Task Minutes_of_a_meeting_before_a_rename_carry_the_name_the_body_had_then()
    {
        if (!db.Available) return;
        var (slug, _) = await CreateBodyAsync(members: 3);
        await PlanAsync(slug, "2021-12-09");
        await db.SendAsync((RenameBody u) => u.HandleAsync(slug, new BodyNameInput("Testrådet for e-helse", null, "2022-01-01"), db.Office), db.Office);

        var next = await PlanAsync(slug, "2022-02-10");
        var minutes = (await CasesOfAsync(next.Id)).Single(c => c.Standing == StandingCase.MinutesApproval);
        // As case 34/21 was titled: the meeting is named with the body's name on its date; the deciding body with today's.
        Assert.Equal("Godkjenning av referatet fra møtet 9. desember 2021 i Testrådet", minutes.Title);
        Assert.Equal("Testrådet for e-helse godkjenner referatet fra møtet 9. desember 2021.", minutes.ProposedDecision);
    }

    [Fact]
    public async Task A_meeting_runs_from_plan_to_approved_minutes()
    {
        if (!db.Available) return;
        var (slug, members) = await CreateBodyAsync();

        // Plan: number 1 in the year, with the standing case for the notice and agenda as case 1.
        var first = await PlanAsync(slug, "2021-03-10");
        Assert.Equal("1/2021", first.NumberText);
        var standing = Assert.Single(await CasesOfAsync(first.Id));
        Assert.Equal(("1/21", "Godkjenning av innkalling og dagsorden", StandingCase.NoticeApproval), (standing.NumberText, standing.Title, standing.Standing));

        // The notice needs cases beyond the standing ones, each with a proposed decision.
        var noCases = await TestHelpers.AssertInvalidAsync(() => SendNoticeAsync(first.Id), "agenda");
        Assert.Contains("ingen saker ut over de faste sakene", noCases["agenda"][0]);
        var portfolio = await AddCaseAsync(first.Id, Case("Porteføljestatus", proposed: null));
        Assert.Equal("2/21", portfolio.NumberText);
        var missing = await TestHelpers.AssertInvalidAsync(() => SendNoticeAsync(first.Id), "agenda");
        Assert.Contains("Sak 2/21 mangler forslag til vedtak.", missing["agenda"]);
        await db.SendAsync((UpdateCase u) => u.HandleAsync(portfolio.Id,
            Case("Porteføljestatus", proposed: "Rådet anbefaler {{antall}} tiltak i porteføljen.", type: "anbefaling"), portfolio.Version, db.Office), db.Office);
        await SendNoticeAsync(first.Id);
        Assert.Equal(MeetingStatus.NoticeSent, (await LoadMeetingAsync(first.Id)).Status);

        // No decision before the attendance is recorded; with 8 of 17 present the meeting is not quorate.
        var unrecorded = await TestHelpers.AssertInvalidAsync(() => DecideAsync(portfolio.Id, "Rådet anbefaler 3 tiltak i porteføljen."), "decision");
        Assert.Contains("Registrer oppmøtet", unrecorded["decision"][0]);
        await RecordAttendanceAsync(first.Id, members, present: 8);
        var view = await db.SendAsync((CouncilQueries q) => q.GetMeetingAsync(first.Id, db.Office));
        Assert.Equal((Voting, 8, 9, false), (view.Quorum.Voting, view.Quorum.Present, view.Quorum.Required, view.Quorum.Met));
        Assert.Equal("Ikke vedtaksført: 8 av 17 medlemmer til stede (krav: minst 9).", view.Quorum.Text);
        var notQuorate = await TestHelpers.AssertInvalidAsync(() => DecideAsync(portfolio.Id, "Rådet anbefaler 3 tiltak i porteføljen."), "decision");
        Assert.Equal("Møtet er ikke vedtaksført: 8 av 17 medlemmer er til stede, og kravet er minst 9.", notQuorate["decision"].Single());
        Assert.Null((await LoadCaseAsync(portfolio.Id)).Decision);

        // A substitute for the ninth member makes it quorate; the observer never counts.
        await RecordAttendanceAsync(first.Id, members, present: 8, substituteForNext: true);
        view = await db.SendAsync((CouncilQueries q) => q.GetMeetingAsync(first.Id, db.Office));
        Assert.True(view.Quorum.Met, view.Quorum.Text);
        Assert.Equal("Vedtaksført: 9 av 17 medlemmer til stede (krav: minst 9).", view.Quorum.Text);

        // A placeholder left in the text is refused; the completed text is recorded and the meeting counts as held.
        var placeholder = await TestHelpers.AssertInvalidAsync(() => DecideAsync(portfolio.Id, "Rådet anbefaler {{antall}} tiltak i porteføljen."), "decision");
        Assert.Contains("«antall»", placeholder["decision"][0]);
        var decided = await DecideAsync(portfolio.Id, "Rådet anbefaler 3 tiltak i porteføljen.");
        Assert.Equal("Rådet anbefaler 3 tiltak i porteføljen.", decided.Decision);
        Assert.Equal(new DateOnly(2021, 3, 10), decided.DecidedOn);
        Assert.Equal(MeetingStatus.Held, (await LoadMeetingAsync(first.Id)).Status);

        // The next meeting approves the first one's minutes in its standing case 2.
        var second = await PlanAsync(slug, "2021-04-14");
        Assert.Equal("2/2021", second.NumberText);
        var secondCases = await CasesOfAsync(second.Id);
        Assert.Equal(["3/21", "4/21"], secondCases.Select(c => c.NumberText));
        var minutes = secondCases[1];
        Assert.Equal(StandingCase.MinutesApproval, minutes.Standing);
        Assert.Equal("Godkjenning av referatet fra møtet 10. mars 2021 i Testrådet", minutes.Title);
        Assert.Equal(minutes.Id, (await LoadMeetingAsync(first.Id)).MinutesApprovalCaseId);

        var budget = await AddCaseAsync(second.Id, Case("Budsjett"));
        var strategy = await AddCaseAsync(second.Id, Case("Strategi"));
        Assert.Equal(("5/21", "6/21"), (budget.NumberText, strategy.NumberText));
        await SendNoticeAsync(second.Id);
        await RecordAttendanceAsync(second.Id, members, present: 10);
        // Approved minutes close the first meeting for good, so every case in it must be decided first.
        var undecided = await TestHelpers.AssertInvalidAsync(() => DecideAsync(minutes.Id, "Rådet godkjenner referatet fra møtet 10. mars 2021."), "decision");
        Assert.Equal("Møte 1/2021 har saker uten vedtak (1/21). Før vedtakene der før referatet godkjennes.", undecided["decision"].Single());
        Assert.Equal(MeetingStatus.Held, (await LoadMeetingAsync(first.Id)).Status);
        foreach (var c in (await CasesOfAsync(first.Id)).Where(c => c.Decision is null && c.Type != CaseType.Eventuelt))
            await DecideAsync(c.Id, c.ProposedDecision!);
        await DecideAsync(minutes.Id, "Rådet godkjenner referatet fra møtet 10. mars 2021.");
        Assert.Equal(MeetingStatus.MinutesApproved, (await LoadMeetingAsync(first.Id)).Status);
        // A meeting whose minutes are approved is closed.
        var closedVersion = (await LoadMeetingAsync(first.Id)).Version;
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((UpdateMeeting u) =>
            u.HandleAsync(first.Id, new MeetingInput(null, "2021-03-11", "10:00", "15:00", "Oslo", false, "ordinary"), closedVersion, db.Office)), "status");

        // Only the last case in the year can be withdrawn, so the numbers keep no gaps.
        var notLast = await TestHelpers.AssertInvalidAsync(() => db.SendAsync((WithdrawCase u) => u.HandleAsync(budget.Id, budget.Version, db.Office)), "case");
        Assert.Contains("Bare den siste saken i året (6/21)", notLast["case"][0]);
        var minutesVersion = (await LoadCaseAsync(minutes.Id)).Version;
        await TestHelpers.AssertInvalidAsync(() => db.SendAsync((WithdrawCase u) => u.HandleAsync(minutes.Id, minutesVersion, db.Office)), "case");
        await db.SendAsync((WithdrawCase u) => u.HandleAsync(strategy.Id, strategy.Version, db.Office), db.Office);
        Assert.Equal(["3/21", "4/21", "5/21"], (await CasesOfAsync(second.Id)).Select(c => c.NumberText));
        Assert.Equal("6/21", (await AddCaseAsync(second.Id, Case("Strategi, ny runde"))).NumberText);
    }

    [Fact]
    public async Task Twenty_cases_added_at_once_get_the_numbers_3_to_22()
    {
        if (!db.Available) return;
        var (slug, _) = await CreateBodyAsync(members: 1);
        await PlanAsync(slug, "2020-11-20");
        // Standing cases 1 and 2: the notice, and the minutes of the 2020 meeting.
        var meeting = await PlanAsync(slug, "2021-02-10");
        Assert.Equal(["1/21", "2/21"], (await CasesOfAsync(meeting.Id)).Select(c => c.NumberText));

        var created = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => AddCaseAsync(meeting.Id, Case($"Samtidig sak {i}")))));

        Assert.Equal(Enumerable.Range(3, 20), created.Select(c => c.Number).Order());
        var stored = await CasesOfAsync(meeting.Id);
        Assert.Equal(Enumerable.Range(1, 22), stored.Select(c => c.Number));
        var agenda = await db.QueryAsync(x => x.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync());
        Assert.Equal(22, agenda.Count(a => a.CaseId != null));
    }

    [Fact]
    public async Task Ten_meetings_planned_at_once_get_the_numbers_1_to_10()
    {
        if (!db.Available) return;
        var (slug, _) = await CreateBodyAsync(members: 1);

        var planned = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => PlanAsync(slug, $"2021-{i:00}-15"))));

        Assert.Equal(Enumerable.Range(1, 10), planned.Select(m => m.Number).Order());
        var bodyId = planned[0].BodyId;
        var cases = await db.QueryAsync(x => x.Cases.AsNoTracking().Where(c => c.BodyId == bodyId).Select(c => c.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, cases.Count), cases.Order());
    }
}

public sealed class MeetingFlowTestsSqlite(SqliteDatabase db) : MeetingFlowTests(db), IClassFixture<SqliteDatabase>;

public sealed class MeetingFlowTestsPostgres(PostgresDatabase db) : MeetingFlowTests(db), IClassFixture<PostgresDatabase>;
