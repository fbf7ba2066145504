using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What the meeting use cases share: loading a meeting for change, the rule that a closed meeting stays closed, and its details.</summary>
internal static class MeetingRules
{
    public static async Task<Meeting> LoadForChangeAsync(SamstyringDb db, int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Attendance)
                          .Include(m => m.Body).ThenInclude(b => b.Names)
                          .SingleOrDefaultAsync(m => m.Id == id, ct)
                      ?? throw new NotFoundException($"Fant ikke møte {id}.");
        return meeting;
    }

    public static void RequireOpen(Meeting meeting)
    {
        if (meeting.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled)
            throw ValidationFailedException.For("status", $"Møte {meeting.NumberText} har status «{meeting.Status.Label()}» og kan ikke endres.");
    }

    public sealed record Details(DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Location, bool IsVideo, MeetingKind? Kind)
    {
        public void ApplyTo(Meeting m)
        {
            m.Date = Date!.Value;
            m.StartTime = Start!.Value;
            m.EndTime = End!.Value;
            m.Location = Location?.Trim() ?? "";
            m.IsVideo = IsVideo;
            m.Kind = Kind ?? MeetingKind.Ordinary;
        }
    }

    public static Details ValidateDetails(Validator v, MeetingInput input)
    {
        v.Date("date", input.Date, "Dato", true, out var date);
        v.Time("startTime", input.StartTime, "Starttid", true, out var start);
        v.Time("endTime", input.EndTime, "Sluttid", true, out var end);
        if (start is { } s && end is { } e && e <= s) v.Add("endTime", "Sluttid må være etter starttid.");
        if (input.IsVideo) v.MaxLength("location", input.Location, "Sted", 200);
        else v.Required("location", input.Location, "Sted (eller velg videomøte)", 200);
        v.Enum<MeetingKind>("kind", input.Kind, "Møtetype", false, out var kind);
        return new Details(date, start, end, input.Location, input.IsVideo, kind);
    }
}
