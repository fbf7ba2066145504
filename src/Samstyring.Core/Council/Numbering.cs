using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// Meeting numbers (6/2021) and case numbers (37/21) run per body and year without gaps or duplicates.
/// The next number is the highest taken + 1. Saves that number in the same body take turns (<see cref="WaitForTurnAsync"/>),
/// and a unique index on (body, year, number) backs that up: a use case whose save still meets a clash reads again and
/// retries (up to <see cref="Attempts"/> times). Numbered rows are never deleted except the last case of a year, so no gaps
/// appear.
/// </summary>
public static class Numbering
{
    internal const int Attempts = 50;

    /// <summary>The first key of the advisory locks that <see cref="WaitForTurnAsync"/> takes; the second is the body.</summary>
    private const int LockSpace = 0x4E52; // "NR"

    /// <summary>
    /// Waits until no other transaction is numbering meetings or cases in <paramref name="bodyId"/>, and keeps the turn until
    /// the current transaction ends. On SQLite the write turn (<see cref="SamstyringDb.BeginWriteTransactionAsync"/>) already
    /// does this. On PostgreSQL, without it, sixty secretaries saving at once in one body would each read the same highest
    /// number, and all but one would retry, again and again: under load one could lose fifty times in a row. Withdrawing the
    /// last case takes the turn too, so a case numbered meanwhile cannot leave a gap.
    /// </summary>
    public static async Task WaitForTurnAsync(SamstyringDb db, int bodyId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Numbering takes its turn inside a transaction.");
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {bodyId})", ct);
    }

    /// <summary><see cref="WaitForTurnAsync"/> in the body that holds <paramref name="meetingId"/>, if there is such a meeting.</summary>
    public static async Task WaitForTurnAtMeetingAsync(SamstyringDb db, int meetingId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Numbering takes its turn inside a transaction.");
        if (!db.Database.IsNpgsql()) return;
        if (await db.Meetings.Where(m => m.Id == meetingId).Select(m => (int?)m.BodyId).SingleOrDefaultAsync(ct) is { } bodyId)
            await WaitForTurnAsync(db, bodyId, ct);
    }

    public static async Task<int> NextMeetingNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Meetings.Where(m => m.BodyId == bodyId && m.Year == year).MaxAsync(m => (int?)m.Number, ct) ?? 0) + 1;

    public static async Task<int> NextCaseNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Cases.Where(c => c.BodyId == bodyId && c.Year == year).MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
}
