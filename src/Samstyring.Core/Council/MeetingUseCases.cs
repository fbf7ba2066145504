using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record MeetingInput(string? Body, string? Date, string? StartTime, string? EndTime, string? Location, bool IsVideo, string? Kind);

public sealed record AgendaInput(int? CaseId, string? Kind, string? StartsAt, string? Title, string? Presenter);

public sealed record AttendanceInput(int MemberId, string? Status, bool ByVideo, string? SubstituteName, string? FromTime, int? UpToCaseId, string? Note);

/// <summary>Plans and runs meetings: numbering, standing cases, notice, agenda, attendance, held/cancelled.</summary>
[UseCase]
public sealed class MeetingUseCases(SamstyringDb db)
{
    /// <summary>
    /// Plans a meeting, numbered next in the body's year, with its standing first cases: approval of the notice and
    /// agenda, and approval of the minutes of earlier meetings not yet approved.
    /// </summary>
    public async Task<Meeting> PlanAsync(MeetingInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var v = new Validator();
        Body? body = null;
        if (string.IsNullOrWhiteSpace(input.Body)) v.Add("body", "Velg hvilket organ møtet gjelder.");
        else
        {
            body = await db.Bodies.Include(b => b.Names).SingleOrDefaultAsync(b => b.Slug == input.Body.Trim(), ct);
            if (body is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(input.Body)}».");
        }
        var values = ValidateDetails(v, input);
        v.ThrowIfInvalid();

        // Each attempt plans afresh from what is saved: a meeting planned at the same time may have taken the number, or
        // claimed the minutes this one was to approve (its version changed), so both are looked up again before retrying.
        // As for new cases, the write transaction starts before the reads: on SQLite no one can come in between.
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        for (var attempt = 1; ; attempt++)
        {
            var (meeting, claimed) = await BuildPlanAsync(body!, values, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
                return meeting;
            }
            catch (ConcurrencyConflictException) when (attempt < Numbering.Attempts)
            {
                // Forget this attempt: its new rows go, the meetings it claimed are read again.
                foreach (var m in claimed) m.MinutesApprovalCase = null;
                var items = meeting.Agenda.ToList();
                foreach (var c in items.Select(a => a.Case).OfType<CouncilCase>().ToList()) db.Entry(c).State = EntityState.Detached;
                foreach (var a in items) db.Entry(a).State = EntityState.Detached;
                db.Entry(meeting).State = EntityState.Detached;
                foreach (var m in claimed) await db.Entry(m).ReloadAsync(ct);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    private async Task<(Meeting Meeting, List<Meeting> Claimed)> BuildPlanAsync(Body body, Details values, CancellationToken ct)
    {
        var now = db.UtcNow;
        var meeting = new Meeting { BodyId = body.Id, Body = body, CreatedAt = now, UpdatedAt = now, Status = MeetingStatus.Planned };
        values.ApplyTo(meeting);
        meeting.Year = meeting.Date.Year;
        db.Meetings.Add(meeting);

        var name = body.NameOn(meeting.Date).Name;
        var noticeCase = NewCase(meeting, "Godkjenning av innkalling og dagsorden", CaseType.Godkjenning, StandingCase.NoticeApproval,
            $"{name} godkjenner innkalling og dagsorden.", now);
        var agenda = new List<AgendaItem> { new() { Position = 1, Kind = AgendaItemKind.Case, Case = noticeCase, StartsAt = meeting.StartTime } };

        var unapproved = await db.Meetings
            .Where(m => m.BodyId == body.Id && m.Date < meeting.Date && m.MinutesApprovalCaseId == null
                        && m.Status != MeetingStatus.MinutesApproved && m.Status != MeetingStatus.Cancelled)
            .OrderBy(m => m.Date).ThenBy(m => m.Id).ToListAsync(ct);
        CouncilCase? minutesCase = null;
        if (unapproved.Count > 0)
        {
            var which = DescribeMeetings(unapproved);
            // The minutes are of meetings held under the name the body had then (Nasjonalt e-helsestyre before 2022).
            var heldAs = body.NameOn(unapproved[^1].Date).Name;
            minutesCase = NewCase(meeting, $"Godkjenning av referatet fra {which} i {heldAs}", CaseType.Godkjenning, StandingCase.MinutesApproval,
                $"{name} godkjenner referatet fra {which}.", now);
            agenda.Add(new AgendaItem { Position = 2, Kind = AgendaItemKind.Case, Case = minutesCase, StartsAt = meeting.StartTime.AddMinutes(3) });
            foreach (var m in unapproved) m.MinutesApprovalCase = minutesCase;
        }
        meeting.Agenda.AddRange(agenda);

        meeting.Number = await Numbering.NextMeetingNumberAsync(db, body.Id, meeting.Year, ct);
        var next = await Numbering.NextCaseNumberAsync(db, body.Id, meeting.Year, ct);
        noticeCase.Number = next;
        if (minutesCase is not null) minutesCase.Number = next + 1;
        return (meeting, unapproved);
    }

    public async Task<Meeting> UpdateAsync(int id, MeetingInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        var v = new Validator();
        var values = ValidateDetails(v, input);
        if (values.Date is { } d && d.Year != meeting.Year)
            v.Add("date", $"Møtet er nummerert {meeting.NumberText} og kan ikke flyttes til et annet år. Avlys det og planlegg et nytt møte i stedet.");
        if (meeting.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled)
            v.Add("status", $"Et møte med status «{meeting.Status.Label()}» kan ikke endres.");
        v.ThrowIfInvalid();
        values.ApplyTo(meeting);
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Marks the notice as sent: the agenda and case papers become public (unless confidential).</summary>
    public async Task<Meeting> SendNoticeAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status != MeetingStatus.Planned)
            throw ValidationFailedException.For("status", $"Innkallingen kan bare sendes for et planlagt møte (møtet har status «{meeting.Status.Label()}»).");
        var cases = await db.Cases.Where(c => c.MeetingId == id).ToListAsync(ct);
        var v = new Validator();
        if (!cases.Any(c => c.Standing == StandingCase.None))
            v.Add("agenda", "Dagsordenen har ingen saker ut over de faste sakene. Legg til sakene før innkallingen sendes.");
        foreach (var c in cases.Where(c => c.Type != CaseType.Eventuelt && string.IsNullOrWhiteSpace(c.ProposedDecision)))
            v.Add("agenda", $"Sak {c.NumberText} mangler forslag til vedtak.");
        v.ThrowIfInvalid();
        meeting.Status = MeetingStatus.NoticeSent;
        meeting.NoticeSentAt = db.UtcNow;
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<Meeting> MarkHeldAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status != MeetingStatus.NoticeSent)
            throw ValidationFailedException.For("status", meeting.Status == MeetingStatus.Planned
                ? "Send innkallingen før møtet registreres som avholdt."
                : $"Et møte med status «{meeting.Status.Label()}» kan ikke registreres som avholdt.");
        meeting.Status = MeetingStatus.Held;
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<Meeting> CancelAsync(int id, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        if (meeting.Status is not (MeetingStatus.Planned or MeetingStatus.NoticeSent))
            throw ValidationFailedException.For("status", $"Et møte med status «{meeting.Status.Label()}» kan ikke avlyses.");
        if (await db.Cases.AnyAsync(c => c.MeetingId == id && c.Decision != null, ct))
            throw ValidationFailedException.For("status", "Møtet har vedtak og kan ikke avlyses.");
        meeting.Status = MeetingStatus.Cancelled;
        meeting.UpdatedAt = db.UtcNow;
        // Minutes this meeting was to approve go to the next meeting instead.
        var approvalIds = await db.Cases.Where(c => c.MeetingId == id && c.Standing == StandingCase.MinutesApproval).Select(c => c.Id).ToListAsync(ct);
        foreach (var m in await db.Meetings.Where(m => m.MinutesApprovalCaseId != null && approvalIds.Contains(m.MinutesApprovalCaseId.Value)).ToListAsync(ct))
            m.MinutesApprovalCaseId = null;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Replaces the agenda: every case of the meeting exactly once, breaks with a title, times in order.</summary>
    public async Task<Meeting> SaveAgendaAsync(int id, IReadOnlyList<AgendaInput> items, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
        db.ExpectVersion(meeting, expectedVersion);
        RequireOpen(meeting);
        var caseIds = await db.Cases.Where(c => c.MeetingId == id).Select(c => c.Id).ToListAsync(ct);
        var v = new Validator();
        var result = new List<AgendaItem>();
        TimeOnly? previous = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"agenda[{i}]";
            v.Enum<AgendaItemKind>($"{field}.kind", item.Kind, "Type punkt", true, out var kind);
            v.Time($"{field}.startsAt", item.StartsAt, $"Tidspunkt for punkt {i + 1}", false, out var time);
            v.MaxLength($"{field}.presenter", item.Presenter, $"Innleder for punkt {i + 1}", 200);
            if (kind == AgendaItemKind.Case && (item.CaseId is not { } cid || !caseIds.Contains(cid)))
                v.Add($"{field}.caseId", $"Punkt {i + 1} viser til en sak som ikke hører til møtet.");
            if (kind == AgendaItemKind.Break) v.Required($"{field}.title", item.Title, $"Navn på pausen i punkt {i + 1}", 200);
            if (time is { } t)
            {
                if (previous is { } p && t < p) v.Add($"{field}.startsAt", $"Punkt {i + 1} starter kl. {t:HH\\.mm}, før punktet over (kl. {p:HH\\.mm}). Tidene må komme i rekkefølge.");
                if (t < meeting.StartTime || t > meeting.EndTime)
                    v.Add($"{field}.startsAt", $"Punkt {i + 1} starter kl. {t:HH\\.mm}, utenfor møtetiden {meeting.TimeText}.");
                previous = t;
            }
            result.Add(new AgendaItem
            {
                MeetingId = id, Position = i + 1, Kind = kind ?? AgendaItemKind.Case, StartsAt = time,
                CaseId = kind == AgendaItemKind.Case ? item.CaseId : null,
                Title = kind == AgendaItemKind.Break ? item.Title?.Trim() : null,
                Presenter = string.IsNullOrWhiteSpace(item.Presenter) ? null : item.Presenter.Trim(),
            });
        }
        var listed = items.Where(x => x.CaseId is not null && EnumText.TryParse<AgendaItemKind>(x.Kind, out var k) && k == AgendaItemKind.Case)
            .Select(x => x.CaseId!.Value).ToList();
        foreach (var dup in listed.GroupBy(x => x).Where(g => g.Count() > 1))
            v.Add("agenda", "En sak står flere ganger på dagsordenen.");
        if (caseIds.Except(listed).Any())
            v.Add("agenda", "Alle sakene i møtet må stå på dagsordenen.");
        v.ThrowIfInvalid();

        db.AgendaItems.RemoveRange(meeting.Agenda);
        meeting.Agenda.Clear();
        meeting.Agenda.AddRange(result);
        meeting.UpdatedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Replaces the attendance of a meeting.</summary>
    public async Task<Meeting> RecordAttendanceAsync(int id, IReadOnlyList<AttendanceInput> rows, string? otherAttendees, int? expectedVersion,
        CurrentUser? user, CancellationToken ct = default)
    {
        var meeting = await LoadForChangeAsync(id, user, ct);
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

    internal async Task<Meeting> LoadForChangeAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Attendance)
                          .Include(m => m.Body).ThenInclude(b => b.Names)
                          .SingleOrDefaultAsync(m => m.Id == id, ct)
                      ?? throw new NotFoundException($"Fant ikke møte {id}.");
        return meeting;
    }

    internal static void RequireOpen(Meeting meeting)
    {
        if (meeting.Status is MeetingStatus.MinutesApproved or MeetingStatus.Cancelled)
            throw ValidationFailedException.For("status", $"Møte {meeting.NumberText} har status «{meeting.Status.Label()}» og kan ikke endres.");
    }

    internal static CouncilCase NewCase(Meeting meeting, string title, CaseType type, StandingCase standing, string proposed, DateTime now) => new()
    {
        Body = meeting.Body, BodyId = meeting.BodyId, Meeting = meeting, Year = meeting.Year, Title = title, Type = type, Standing = standing,
        ProposedDecision = proposed, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>"møtet 22. september 2021 og ekstramøtet 4. november 2021".</summary>
    public static string DescribeMeetings(IReadOnlyList<Meeting> meetings) =>
        Norwegian.List(meetings.Select(m => $"{(m.Kind == MeetingKind.Extra ? "ekstramøtet" : "møtet")} {Norwegian.Date(m.Date)}").ToList());

    private sealed record Details(DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Location, bool IsVideo, MeetingKind? Kind)
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

    private static Details ValidateDetails(Validator v, MeetingInput input)
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
