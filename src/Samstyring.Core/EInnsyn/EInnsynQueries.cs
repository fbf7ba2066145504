using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.EInnsyn;

public sealed record EInnsynRow(int Id, string Kind, string Title, string Method, EInnsynStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? SentAt, DateTime NextAttemptAt, string? LastError, int? HttpStatus, string? EInnsynId, string CreatedBy, string? ResentBy, int Version);

public sealed record EInnsynCounts(int Pending, int Sent, int Failed);

public sealed record EInnsynPage(IReadOnlyList<EInnsynRow> Rows, int Total, EInnsynCounts Counts, bool Enabled);

/// <summary>The eInnsyn queue as the office reads it: newest first, filtered by status, a page at a time; and all of it as JSON.</summary>
[UseCase]
public sealed class EInnsynQueries(SamstyringDb db, EInnsynOptions options)
{
    public const int PageSize = 50;

    public async Task<EInnsynPage> OutboxAsync(EInnsynStatus? status, int page, CurrentUser? user, CancellationToken ct = default)
    {
        EInnsynAccess.RequireOffice(user);
        var all = db.EInnsynOutbox.AsNoTracking();
        var counts = await all.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var q = status is { } s ? all.Where(m => m.Status == s) : all;
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(m => m.Id).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .Select(m => new EInnsynRow(m.Id, m.Kind, m.Title, m.Method, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError,
                m.HttpStatus, m.EInnsynId, m.CreatedBy, m.ResentBy, m.Version))
            .ToListAsync(ct);
        int Count(EInnsynStatus st) => counts.SingleOrDefault(c => c.Key == st)?.Count ?? 0;
        return new EInnsynPage(rows, total, new EInnsynCounts(Count(EInnsynStatus.Pending), Count(EInnsynStatus.Sent), Count(EInnsynStatus.Failed)), options.Enabled);
    }

    /// <summary>
    /// Every queued record, oldest first, as JSON: where it goes (the path with the eInnsyn ids the sender fills in), how it
    /// stands, and the body it is sent with. For checking, or for publishing by hand while the API is not configured.
    /// </summary>
    public async Task ExportJsonAsync(Stream output, EInnsynStatus? status, CurrentUser? user, CancellationToken ct = default)
    {
        EInnsynAccess.RequireOffice(user);
        var q = db.EInnsynOutbox.AsNoTracking();
        if (status is { } s) q = q.Where(m => m.Status == s);
        var rows = await q.OrderBy(m => m.Id).ToListAsync(ct);
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("generatedAt", db.UtcNow);
        w.WriteBoolean("enabled", options.Enabled);
        w.WriteNumber("count", rows.Count);
        w.WriteStartArray("records");
        foreach (var m in rows)
        {
            w.WriteStartObject();
            w.WriteNumber("id", m.Id);
            w.WriteString("kind", m.Kind);
            w.WriteString("title", m.Title);
            w.WriteString("method", m.Method);
            w.WriteString("path", EInnsynRecords.PathTemplate(m.Kind, m.Method));
            w.WriteString("externalId", m.ExternalId);
            w.WriteString("dedupKey", m.DedupKey);
            w.WriteString("status", m.Status.Code());
            w.WriteNumber("attempts", m.Attempts);
            w.WriteString("createdAt", m.CreatedAt);
            if (m.SentAt is { } sent) w.WriteString("sentAt", sent); else w.WriteNull("sentAt");
            if (m.EInnsynId is { } id) w.WriteString("einnsynId", id); else w.WriteNull("einnsynId");
            if (m.LastError is { } error) w.WriteString("lastError", error); else w.WriteNull("lastError");
            w.WritePropertyName("body");
            JsonNode.Parse(m.Payload)!.WriteTo(w);
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }
}
