using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// Meeting numbers (6/2021) and case numbers (37/21) run per body and year without gaps or duplicates.
/// The next number is the highest taken + 1; a unique index on (body, year, number) stops two simultaneous
/// saves from taking the same one, and the loser simply takes the next number and saves again.
/// Numbered rows are never deleted (a case can be withdrawn only while it is the last in its series), so no gaps appear.
/// </summary>
public static class Numbering
{
    private const int Attempts = 20;

    public static async Task<int> NextMeetingNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Meetings.Where(m => m.BodyId == bodyId && m.Year == year).MaxAsync(m => (int?)m.Number, ct) ?? 0) + 1;

    public static async Task<int> NextCaseNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Cases.Where(c => c.BodyId == bodyId && c.Year == year).MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;

    /// <summary>
    /// Saves after <paramref name="assignNumbers"/> has numbered the new rows; if another save took a number
    /// first, numbers are assigned again and the save retried.
    /// </summary>
    public static async Task SaveNumberedAsync(SamstyringDb db, Func<Task> assignNumbers, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await assignNumbers();
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
        }
    }
}
