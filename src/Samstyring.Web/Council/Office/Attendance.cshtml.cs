using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>Attendance: one fieldset per member serving on the date, plus others present; shows whether the meeting is quorate.</summary>
[Authorize(Policy = "office")]
public sealed class AttendanceModel(RecordAttendance recordAttendance, CouncilQueries queries) : Bodies.CouncilOfficePage
{
    public sealed class Row
    {
        public int MemberId { get; set; }
        public string? Status { get; set; }
        public string? SubstituteName { get; set; }
        public bool ByVideo { get; set; }
        public string? FromTime { get; set; }
        public int? UpToCaseId { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<Row> Attendance { get; set; } = [];
    [BindProperty] public string? OtherAttendees { get; set; }

    public MeetingView View { get; private set; } = null!;
    public MeetingSummary M => View.Meeting;
    public bool IsClosed => M.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled;

    public AttendanceLine? Person(int memberId) => View.Attendance.FirstOrDefault(a => a.MemberId == memberId);

    public IEnumerable<(string, string)> CaseOptions => View.Cases.Select(c => (c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Sak {c.Number} {c.Title}"));

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await queries.GetMeetingAsync(Id, CurrentUser, ct);
        Fill();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var rows = Attendance.Select(r => new AttendanceInput(r.MemberId, r.Status, r.ByVideo, r.SubstituteName, r.FromTime, r.UpToCaseId, r.Note)).ToList();
        if (await TryAsync(() => recordAttendance.HandleAsync(Id, rows, OtherAttendees, Version, CurrentUser, ct)))
        {
            var saved = await queries.GetMeetingAsync(Id, CurrentUser, ct);
            Flash = $"Oppmøtet er lagret. {saved.Quorum.Text}";
            return Redirect($"/sekretariat/moter/{Id}/oppmote");
        }
        View = await queries.GetMeetingAsync(Id, CurrentUser, ct);
        if (ConflictMessage is not null)
        {
            ModelState.Clear();
            Fill();
        }
        MoveErrors("status", "");
        return Page();
    }

    private void Fill()
    {
        Version = View.Version;
        OtherAttendees = View.OtherAttendees;
        Attendance = View.Attendance.Select(a => new Row
        {
            MemberId = a.MemberId, Status = a.Status?.Code(), SubstituteName = a.SubstituteName, ByVideo = a.ByVideo,
            FromTime = OfficeHtml.Time(a.FromTime), UpToCaseId = a.UpToCaseId, Note = a.Note,
        }).ToList();
    }
}
