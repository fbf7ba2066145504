using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.EInnsyn;

/// <summary>What queueing a body's period did.</summary>
public sealed record QueueEInnsynResult(string BodySlug, int Meetings, int Queued, int AlreadyQueued);

/// <summary>
/// The office queues a body's meetings in a period for eInnsyn: every meeting whose notice is sent, its approved minutes
/// and the decisions open to the public. For meetings from before publication was switched on (or loaded as demo data),
/// whose events queued nothing. Idempotent: what is queued already is left as it is.
/// </summary>
[UseCase]
public sealed class QueueEInnsyn(SamstyringDb db, SiteAddress site)
{
    public async Task<QueueEInnsynResult> HandleAsync(string? bodySlug, string? from, string? to, CurrentUser? user, CancellationToken ct = default)
    {
        EInnsynAccess.RequireOffice(user);
        // The body is looked up only when its slug is well formed (a NUL would reach the database otherwise).
        var slugCheck = new Validator().Required("body", bodySlug, "Organ", 100);
        var v = new Validator().Include(slugCheck);
        v.Date("from", from, "Fra og med", true, out var start);
        v.Date("to", to, "Til og med", true, out var end);
        if (start is { } s && end is { } e && e < s) v.Add("to", "Til og med-datoen kan ikke være før fra og med-datoen.");
        Body? body = null;
        if (slugCheck.IsValid)
        {
            var slug = bodySlug!.Trim();
            body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Slug == slug, ct);
            if (body is null) v.Add("body", $"Fant ikke organet «{Validator.Truncate(slug)}».");
        }
        v.ThrowIfInvalid();

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.BodyId == body!.Id && m.Date >= start!.Value && m.Date <= end!.Value)
            .OrderBy(m => m.Date).ThenBy(m => m.Number).Select(m => new { m.Id, m.Status }).ToListAsync(ct);
        var records = new List<EInnsynRecord>();
        foreach (var m in meetings.Where(m => EInnsynRecords.IsPublic(m.Status)))
            records.AddRange(await EInnsynRecords.ForMeetingAsync(db, site, m.Id, withMinutes: true, withDecisions: true, ct));
        var queued = await EInnsynQueue.EnqueueAsync(db, records, ct);
        await db.SaveChangesAsync(ct);
        return new QueueEInnsynResult(body!.Slug, meetings.Count(m => EInnsynRecords.IsPublic(m.Status)), queued, records.Count - queued);
    }
}

/// <summary>Who sees and steers publication to eInnsyn: the office only (the queue holds the exempt titles too).</summary>
public static class EInnsynAccess
{
    public static bool CanSee(CurrentUser? user) => user is { IsOffice: true };

    public static void RequireOffice(CurrentUser? user)
    {
        if (!CanSee(user)) throw new ForbiddenException("Bare porteføljekontoret kan se og styre publiseringen til eInnsyn.");
    }
}
