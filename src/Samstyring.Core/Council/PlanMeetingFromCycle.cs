using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>The planned meeting and the cases made from the body's templates for its month.</summary>
public sealed record CycleMeetingResult(Meeting Meeting, IReadOnlyList<CouncilCase> Cases);

/// <summary>
/// Plans a meeting of the body in the given month (through <see cref="PlanMeeting"/>, so it gets its
/// number and standing cases) and adds one case per template of that body and month. All or nothing.
/// </summary>
[UseCase]
public sealed class PlanMeetingFromCycle(SamstyringDb db, PlanMeeting planMeeting, AddCase addCase)
{
    public async Task<CycleMeetingResult> HandleAsync(string bodySlug, int month, MeetingInput input, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var v = new Validator();
        if (month is < 1 or > 12) v.Add("month", "Måned må være et tall fra 1 til 12.");
        var bodyId = await db.Bodies.Where(b => b.Slug == bodySlug).Select(b => (int?)b.Id).SingleOrDefaultAsync(ct);
        if (bodyId is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(bodySlug)}».");
        v.Date("date", input.Date, "Dato", true, out var date);
        if (date is { } d && month is >= 1 and <= 12 && d.Month != month)
            v.Add("date", $"Møtet lages fra årshjulet for {CycleItem.MonthName(month)}, så datoen må være i {CycleItem.MonthName(month)}.");
        v.ThrowIfInvalid();

        var templates = await db.CycleItems.AsNoTracking().Where(i => i.BodyId == bodyId && i.Month == month)
            .OrderBy(i => i.Title).ThenBy(i => i.Id).ToListAsync(ct);
        // One transaction: the meeting and its cases are planned together or not at all. The use cases save inside it
        // (EF sets a savepoint per save, so the numbering's retry on a taken number still works).
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        var meeting = await planMeeting.HandleAsync(input with { Body = bodySlug }, user, ct);
        var made = new List<CouncilCase>();
        foreach (var t in templates)
            made.Add(await addCase.HandleAsync(meeting.Id, new CaseInput(t.Title, t.Type.Code(), null, null, t.Description, null,
                t.ProposedDecision, false, null, null, null), user, ct));
        if (tx is not null) await tx.CommitAsync(ct);
        return new CycleMeetingResult(meeting, made);
    }
}
