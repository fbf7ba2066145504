using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record AttendanceInput(int MemberId, string? Status, bool ByVideo, string? SubstituteName, string? FromTime, int? UpToCaseId, string? Note);

/// <summary>Replaces the attendance of a meeting.</summary>
[UseCase]
public sealed class RecordAttendance(SamstyringDb db)
{
    public async Task<Meeting> HandleAsync(int id, IReadOnlyList<AttendanceInput> rows, string? otherAttendees, int? expectedVersion,
        CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await MeetingRules.LoadForChangeAsync(db, id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.MinutesApproved)
            throw ValidationFailedException.For("status", $"Oppmøtet kan ikke endres for et møte med status «{meeting.Status.Label()}».");
        var members = await db.BodyMembers.Where(m => m.BodyId == meeting.BodyId).ToDictionaryAsync(m => m.Id, ct);
        var caseIds = await db.Cases.Where(c => c.MeetingId == id).Select(c => c.Id).ToListAsync(ct);
        var v = new Validator();
        v.MaxLength("otherAttendees", otherAttendees, "Andre til stede", 4000);
        var result = new List<Attendance>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var field = $"attendance[{i}]";
            if (!members.TryGetValue(r.MemberId, out var member) || !member.ServesOn(meeting.Date))
            {
                v.Add($"{field}.memberId", $"Rad {i + 1}: personen er ikke medlem av organet på møtedagen.");
                continue;
            }
            v.Enum<AttendanceStatus>($"{field}.status", r.Status, $"Oppmøte for {member.Name}", true, out var status);
            if (status == AttendanceStatus.Substitute) v.Required($"{field}.substituteName", r.SubstituteName, $"Navn på stedfortreder for {member.Name}", 200);
            else v.MaxLength($"{field}.substituteName", r.SubstituteName, $"Navn på stedfortreder for {member.Name}", 200);
            v.Time($"{field}.fromTime", r.FromTime, $"Tidspunkt {member.Name} kom", false, out var from);
            if (r.UpToCaseId is { } up && !caseIds.Contains(up)) v.Add($"{field}.upToCaseId", $"{member.Name}: saken for delvis deltakelse hører ikke til møtet.");
            v.MaxLength($"{field}.note", r.Note, $"Merknad for {member.Name}", 500);
            if (status == AttendanceStatus.Absent && (from is not null || r.UpToCaseId is not null))
                v.Add($"{field}.status", $"{member.Name} er registrert som ikke til stede, men med delvis deltakelse.");
            if (result.Any(a => a.MemberId == r.MemberId)) v.Add($"{field}.memberId", $"{member.Name} er registrert to ganger.");
            result.Add(new Attendance
            {
                MeetingId = id, MemberId = r.MemberId, Status = status ?? AttendanceStatus.Absent,
                ByVideo = r.ByVideo && status != AttendanceStatus.Absent,
                SubstituteName = status == AttendanceStatus.Substitute ? r.SubstituteName?.Trim() : null,
                FromTime = from, UpToCaseId = r.UpToCaseId, Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(),
            });
        }
        v.ThrowIfInvalid();
        db.Attendance.RemoveRange(meeting.Attendance);
        meeting.Attendance.Clear();
        meeting.Attendance.AddRange(result);
        meeting.OtherAttendees = string.IsNullOrWhiteSpace(otherAttendees) ? null : otherAttendees.Trim();
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
