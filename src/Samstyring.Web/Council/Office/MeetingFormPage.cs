using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Web.Council.Bodies;

namespace Samstyring.Web.Council.Office;

/// <summary>The details of a meeting shared by "plan meeting" and "edit meeting": date, times, place, video and kind.</summary>
public abstract class MeetingFormPage : CouncilOfficePage
{
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? StartTime { get; set; }
    [BindProperty] public string? EndTime { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public bool IsVideo { get; set; }
    [BindProperty] public string? Kind { get; set; }

    protected MeetingInput Input(string? body) => new(body, Date, StartTime, EndTime, Location, IsVideo, Kind);

    protected void Fill(MeetingSummary m, string location)
    {
        Date = DateValue(m.Date);
        StartTime = OfficeHtml.Time(m.StartTime);
        EndTime = OfficeHtml.Time(m.EndTime);
        Location = location;
        IsVideo = m.IsVideo;
        Kind = m.Kind.Code();
    }
}
