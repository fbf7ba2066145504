using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// Meeting numbers (6/2021) and case numbers (37/21) run per body and year without gaps or duplicates.
/// The next number is the highest taken + 1; a unique index on (body, year, number) stops two simultaneous
/// saves from taking the same one, and the use case that loses reads again and retries (up to <see cref="Attempts"/> times).
/// Numbered rows are never deleted except the last case of a year, so no gaps appear.
/// </summary>
public static class Numbering
{
    internal const int Attempts = 50;

    public static async Task<int> NextMeetingNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Meetings.Where(m => m.BodyId == bodyId && m.Year == year).MaxAsync(m => (int?)m.Number, ct) ?? 0) + 1;

    public static async Task<int> NextCaseNumberAsync(SamstyringDb db, int bodyId, int year, CancellationToken ct) =>
        (await db.Cases.Where(c => c.BodyId == bodyId && c.Year == year).MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
}
