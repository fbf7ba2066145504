using Microsoft.AspNetCore.Authorization;
using Samstyring.Core.Council;
using Samstyring.Core.Common;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// The secretariat's start page: meetings under way per body with the next step, held meetings whose minutes await
/// approval, and cases with a comment deadline in the next 30 days. The secretariat sees everything, confidential included.
/// </summary>
[Authorize(Policy = "office")]
public sealed class DashboardModel(CouncilQueries queries, TimeProvider clock) : Bodies.CouncilOfficePage
{
    public const int DeadlineDays = 30;

    public sealed record OpenMeeting(MeetingSummary Meeting, int Cases, int Undecided, bool AttendanceRecorded, string NextAction, string NextUrl);

    public sealed record UnapprovedMinutes(MeetingSummary Meeting, int? ApprovalMeetingId, string? ApprovalMeetingNumber, int? ApprovalCaseId, string? ApprovalCaseNumber);

    public IReadOnlyList<BodySummary> Bodies { get; private set; } = [];
    public ILookup<int, OpenMeeting> Upcoming { get; private set; } = null!;
    public IReadOnlyList<UnapprovedMinutes> Minutes { get; private set; } = [];
    public IReadOnlyList<CommentDeadline> Deadlines { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Bodies = await queries.ListBodiesAsync(ct);
        var all = await queries.ListMeetingsAsync(null, null, ct);

        var open = all.Where(m => m.Status is MeetingStatus.Planned or MeetingStatus.NoticeSent or MeetingStatus.Held).ToList();
        var ids = open.Select(m => m.Id).ToList();
        var caseCounts = await queries.MeetingCaseCountsAsync(ids, ct);
        var recorded = await queries.MeetingsWithAttendanceAsync(ids, ct);

        Upcoming = open.Where(m => m.Status is MeetingStatus.Planned or MeetingStatus.NoticeSent)
            .OrderBy(m => m.Date).ThenBy(m => m.Id)
            .Select(m =>
            {
                caseCounts.TryGetValue(m.Id, out var cc);
                var (text, url) = OfficeHtml.NextAction(m, recorded.Contains(m.Id), cc.Undecided);
                return new OpenMeeting(m, cc.Total, cc.Undecided, recorded.Contains(m.Id), text, url);
            })
            .ToLookup(m => m.Meeting.BodyId);

        var held = open.Where(m => m.Status == MeetingStatus.Held).OrderBy(m => m.Date).ThenBy(m => m.Id).ToList();
        var heldIds = held.Select(m => m.Id).ToList();
        var approvals = await queries.MinutesApprovalsAsync(heldIds, ct);
        Minutes = held.Select(m => approvals.TryGetValue(m.Id, out var a)
            ? new UnapprovedMinutes(m, a.MeetingId, a.MeetingNumber, a.CaseId, a.CaseNumber)
            : new UnapprovedMinutes(m, null, null, null, null)).ToList();

        var until = Today.AddDays(DeadlineDays);
        Deadlines = await queries.CommentDeadlinesAsync(Today, until, ct);
    }
}
