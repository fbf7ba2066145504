using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.EInnsyn;

/// <summary>
/// How the council queues records for eInnsyn: added to the caller's unit of work, so they commit with the event that
/// makes them public, or not at all. A record whose key was queued before is left out, so queueing is idempotent.
/// </summary>
public static class EInnsynQueue
{
    /// <summary>Queues the meeting itself when its notice goes out (cases with the proposed decisions).</summary>
    public static async Task<int> MeetingAsync(SamstyringDb db, SiteAddress site, int meetingId, CancellationToken ct) =>
        await EnqueueAsync(db, await EInnsynRecords.ForMeetingAsync(db, site, meetingId, withMinutes: false, withDecisions: false, ct), ct);

    /// <summary>Queues the records; returns how many were new.</summary>
    public static async Task<int> EnqueueAsync(SamstyringDb db, IEnumerable<EInnsynRecord> records, CancellationToken ct)
    {
        var list = records.ToList();
        var keys = list.Select(r => r.DedupKey).ToList();
        var taken = keys.Count == 0 ? [] : (await db.EInnsynOutbox.Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(ct)).ToHashSet();
        // Also those added to this unit of work and not saved yet (a decision and the minutes it approves, in one use case).
        foreach (var pending in db.ChangeTracker.Entries<EInnsynMessage>().Where(e => e.State == EntityState.Added)) taken.Add(pending.Entity.DedupKey);
        var caseIds = list.Where(r => r.Kind == EInnsynRecords.DecisionKind).Select(r => r.CaseId!.Value).ToList();
        var decided = caseIds.Count == 0 ? [] : (await db.EInnsynOutbox.Where(m => m.Kind == EInnsynRecords.DecisionKind && caseIds.Contains(m.CaseId!.Value))
            .Select(m => m.CaseId!.Value).ToListAsync(ct)).ToHashSet();
        var now = db.UtcNow;
        var queued = 0;
        foreach (var r in list)
        {
            if (!taken.Add(r.DedupKey)) continue;
            var record = r;
            // A case whose decision was queued before gets the new text as a correction of that decision.
            if (r.Kind == EInnsynRecords.DecisionKind && r.Method == "POST" && !decided.Add(r.CaseId!.Value))
                record = AsCorrection(r);
            db.EInnsynOutbox.Add(new EInnsynMessage
            {
                Kind = record.Kind, BodyId = record.BodyId, MeetingId = record.MeetingId, CaseId = record.CaseId, DedupKey = record.DedupKey,
                ExternalId = record.ExternalId, Method = record.Method, Title = Cut(record.Title, 400), Payload = record.Payload.ToJsonString(),
                Status = EInnsynStatus.Pending, NextAttemptAt = now, CreatedAt = now, CreatedBy = db.ActingUser,
            });
            queued++;
        }
        return queued;
    }

    private static EInnsynRecord AsCorrection(EInnsynRecord r)
    {
        var vedtak = (JsonObject)r.Payload.DeepClone();
        vedtak.Remove("externalId");
        return r with { Method = "PATCH", Title = r.Title + " (rettet)", Payload = new JsonObject { ["vedtak"] = vedtak } };
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
