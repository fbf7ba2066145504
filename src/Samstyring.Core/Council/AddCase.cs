using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

public sealed record CaseInput(string? Title, string? Type, string? From, string? Officers, string? Purpose, string? Background,
    string? ProposedDecision, bool Confidential, string? LegalBasis, string? CommentDeadline, string? CommentDeadlineNote,
    string? Presenter = null, string? StartsAt = null);

/// <summary>
/// Adds a case to a meeting, numbered next in the body's year, placed on the agenda before "Eventuelt". Adding a case
/// changes the meeting (its agenda), so two cases added at once never renumber the agenda over each other: the one
/// that saves second reads the meeting again and takes the next number.
/// </summary>
[UseCase]
public sealed class AddCase(SamstyringDb db)
{
    public async Task<CouncilCase> HandleAsync(int meetingId, CaseInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        // The write transaction starts before the reads, and takes the body's numbering turn (on SQLite the write turn), so
        // nobody takes the number in between. Should a save still meet a clash (the meeting edited at the same time), it
        // reads again: its save rolled back to EF's savepoint, the transaction lives on.
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        await Numbering.WaitForTurnAtMeetingAsync(db, meetingId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var c = await BuildCaseAsync(meetingId, input, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
                return c;
            }
            catch (ConcurrencyConflictException) when (attempt < Numbering.Attempts)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }

    private async Task<CouncilCase> BuildCaseAsync(int meetingId, CaseInput input, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Body).ThenInclude(b => b.Names)
                          .SingleOrDefaultAsync(m => m.Id == meetingId, ct)
                      ?? throw new NotFoundException($"Fant ikke møte {meetingId}.");
        MeetingRules.RequireOpen(meeting);
        var v = new Validator();
        var now = db.UtcNow;
        var c = new CouncilCase { Title = "", Body = meeting.Body, BodyId = meeting.BodyId, Meeting = meeting, Year = meeting.Year, CreatedAt = now, UpdatedAt = now };
        CaseRules.Apply(v, c, input);
        v.Time("startsAt", input.StartsAt, "Tidspunkt på dagsordenen", false, out var time);
        v.MaxLength("presenter", input.Presenter, "Innleder", 200);
        v.ThrowIfInvalid();
        db.Cases.Add(c);

        // Before "Eventuelt", which by custom closes the agenda.
        var eventueltIds = await db.Cases.Where(x => x.MeetingId == meetingId && x.Type == CaseType.Eventuelt).Select(x => x.Id).ToListAsync(ct);
        var ordered = meeting.Agenda.OrderBy(a => a.Position).ToList();
        var at = c.Type == CaseType.Eventuelt ? ordered.Count : ordered.FindIndex(a => a.CaseId is { } id && eventueltIds.Contains(id));
        if (at < 0) at = ordered.Count;
        ordered.Insert(at, new AgendaItem { MeetingId = meetingId, Kind = AgendaItemKind.Case, Case = c, StartsAt = time,
            Presenter = string.IsNullOrWhiteSpace(input.Presenter) ? null : input.Presenter.Trim() });
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i + 1;
        meeting.Agenda.Add(ordered[at]);
        meeting.UpdatedAt = now; // a new version of the meeting: its agenda changed
        c.Number = await Numbering.NextCaseNumberAsync(db, c.BodyId, c.Year, ct);
        return c;
    }
}
