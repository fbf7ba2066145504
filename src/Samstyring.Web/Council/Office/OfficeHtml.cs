using System.Globalization;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Office;

/// <summary>Small pieces of text for the secretariat's pages (times, the next step for a meeting); the table-cell inputs are in <see cref="Shared.Field"/>.</summary>
public static class OfficeHtml
{
    public static string Time(TimeOnly? t) => t?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>What the secretariat should do next with a meeting.</summary>
    public static (string Text, string Url) NextAction(MeetingSummary m, bool attendanceRecorded, int undecided) => m.Status switch
    {
        MeetingStatus.Planned => ("Send innkalling", $"/sekretariat/moter/{m.Id}/rediger#status"),
        MeetingStatus.Cancelled or MeetingStatus.MinutesApproved => ("Se møtet", $"/moter/{m.Id}"),
        _ when !attendanceRecorded => ("Registrer oppmøte", $"/sekretariat/moter/{m.Id}/oppmote"),
        _ when undecided > 0 => ("Før vedtak", $"/sekretariat/moter/{m.Id}/rediger#saker"),
        MeetingStatus.NoticeSent => ("Registrer som avholdt", $"/sekretariat/moter/{m.Id}/rediger#status"),
        _ => ("Godkjenn referatet i neste møte", $"/sekretariat/moter/ny?organ={Uri.EscapeDataString(m.BodySlug)}"),
    };
}
