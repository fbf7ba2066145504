using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Council;
using Samstyring.Core.Data;

namespace Samstyring.Web.Council.Office;

/// <summary>
/// The secretariat's start page: meetings under way per body with the next step, held meetings whose minutes await
/// approval, and cases with a comment deadline in the next 30 days. The secretariat sees everything, confidential included.
/// </summary>
[Authorize(Policy = "office")]
public sealed class DashboardModel(CouncilQueries queries, SamstyringDb db) : Bodies.CouncilOfficePage
{
    public const int DeadlineDays = 30;

    public sealed record OpenMeeting(MeetingSummary Meeting, int Cases, int Undecided, bool AttendanceRecorded, string NextAction, string NextUrl);

    public sealed record UnapprovedMinutes(MeetingSummary Meeting, int? ApprovalMeetingId, string? ApprovalMeetingNumber, int? ApprovalCaseId, string? ApprovalCaseNumber);

    public sealed record Deadline(int CaseId, string Number, string Title, string BodyName, DateOnly Date, string? Note, int? MeetingId, string? MeetingNumber, int Comments);

    public IReadOnlyList<BodySummary> Bodies { get; private set; } = [];
    public ILookup<int, OpenMeeting> Upcoming { get; private set; } = null!;
    public IReadOnlyList<UnapprovedMinutes> Minutes { get; private set; } = [];
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = db.Today;
        Bodies = await queries.ListBodiesAsync(ct);
        var all = await queries.ListMeetingsAsync(null, null, ct);

        var open = all.Where(m => m.Status is MeetingStatus.Planned or MeetingStatus.NoticeSent or MeetingStatus.Held).ToList();
        var ids = open.Select(m => m.Id).ToList();
        var caseCounts = await db.Cases.AsNoTracking().Where(c => c.MeetingId != null && ids.Contains(c.MeetingId.Value))
            .GroupBy(c => c.MeetingId!.Value)
            .Select(g => new { Id = g.Key, Total = g.Count(), Undecided = g.Count(c => c.Decision == null) })
            .ToDictionaryAsync(x => x.Id, ct);
        var recorded = (await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).Select(a => a.MeetingId).Distinct().ToListAsync(ct)).ToHashSet();

        Upcoming = open.Where(m => m.Status is MeetingStatus.Planned or MeetingStatus.NoticeSent)
            .OrderBy(m => m.Date).ThenBy(m => m.Id)
            .Select(m =>
            {
                caseCounts.TryGetValue(m.Id, out var cc);
                var (text, url) = OfficeHtml.NextAction(m, recorded.Contains(m.Id), cc?.Undecided ?? 0);
                return new OpenMeeting(m, cc?.Total ?? 0, cc?.Undecided ?? 0, recorded.Contains(m.Id), text, url);
            })
            .ToLookup(m => m.Meeting.BodyId);

        var held = open.Where(m => m.Status == MeetingStatus.Held).OrderBy(m => m.Date).ThenBy(m => m.Id).ToList();
        var heldIds = held.Select(m => m.Id).ToList();
        var approvals = await db.Meetings.AsNoTracking().Where(m => heldIds.Contains(m.Id) && m.MinutesApprovalCase != null)
            .Select(m => new { m.Id, CaseId = m.MinutesApprovalCase!.Id, CaseNumber = m.MinutesApprovalCase.Number, CaseYear = m.MinutesApprovalCase.Year,
                MeetingId = m.MinutesApprovalCase.MeetingId, MeetingNumber = (int?)m.MinutesApprovalCase.Meeting!.Number, MeetingYear = (int?)m.MinutesApprovalCase.Meeting.Year })
            .ToDictionaryAsync(x => x.Id, ct);
        Minutes = held.Select(m => approvals.TryGetValue(m.Id, out var a)
            ? new UnapprovedMinutes(m, a.MeetingId, a.MeetingNumber is { } n ? Meeting.FormatNumber(n, a.MeetingYear!.Value) : null, a.CaseId, CouncilCase.FormatNumber(a.CaseNumber, a.CaseYear))
            : new UnapprovedMinutes(m, null, null, null, null)).ToList();

        var until = Today.AddDays(DeadlineDays);
        var deadlines = await db.Cases.AsNoTracking().Include(c => c.Body).ThenInclude(b => b.Names).Include(c => c.Meeting)
            .Where(c => c.CommentDeadline != null && c.CommentDeadline >= Today && c.CommentDeadline <= until && c.Decision == null)
            .OrderBy(c => c.CommentDeadline).ThenBy(c => c.Id)
            .ToListAsync(ct);
        var deadlineIds = deadlines.Select(c => c.Id).ToList();
        var comments = await db.CaseComments.AsNoTracking().Where(x => deadlineIds.Contains(x.CaseId)).GroupBy(x => x.CaseId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Deadlines = deadlines.Select(c =>
        {
            var name = c.Body.NameOn(c.Meeting?.Date ?? c.CommentDeadline!.Value);
            return new Deadline(c.Id, c.NumberText, c.Title, name.ShortName ?? name.Name, c.CommentDeadline!.Value, c.CommentDeadlineNote,
                c.MeetingId, c.Meeting?.NumberText, comments.GetValueOrDefault(c.Id));
        }).ToList();
    }
}
