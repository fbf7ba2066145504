using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record MeetingInput(string? Body, string? Date, string? StartTime, string? EndTime, string? Location, bool IsVideo, string? Kind);

/// <summary>
/// Plans a meeting, numbered next in the body's year, with its standing first cases: approval of the notice and
/// agenda, and approval of the minutes of earlier meetings not yet approved.
/// </summary>
[UseCase]
public sealed class PlanMeeting(SamstyringDb db)
{
    public async Task<Meeting> HandleAsync(MeetingInput input, CurrentUser? user, CancellationToken ct = default)
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
        var values = MeetingRules.ValidateDetails(v, input);
        v.ThrowIfInvalid();

        // Each attempt plans afresh from what is saved: a meeting planned at the same time may have taken the number, or
        // claimed the minutes this one was to approve (its version changed), so both are looked up again before retrying.
        // As for new cases, the write transaction starts before the reads and takes the body's numbering turn, so no one can
        // come in between.
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        await Numbering.WaitForTurnAsync(db, body!.Id, ct);
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

    private async Task<(Meeting Meeting, List<Meeting> Claimed)> BuildPlanAsync(Body body, MeetingRules.Details values, CancellationToken ct)
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

    private static CouncilCase NewCase(Meeting meeting, string title, CaseType type, StandingCase standing, string proposed, DateTime now) => new()
    {
        Body = meeting.Body, BodyId = meeting.BodyId, Meeting = meeting, Year = meeting.Year, Title = title, Type = type, Standing = standing,
        ProposedDecision = proposed, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>"møtet 22. september 2021 og ekstramøtet 4. november 2021".</summary>
    public static string DescribeMeetings(IReadOnlyList<Meeting> meetings) =>
        Norwegian.List(meetings.Select(m => $"{(m.Kind == MeetingKind.Extra ? "ekstramøtet" : "møtet")} {Norwegian.Date(m.Date)}").ToList());
}
