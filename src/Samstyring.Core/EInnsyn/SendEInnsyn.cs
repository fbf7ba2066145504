using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.EInnsyn;

/// <summary>What one round of the eInnsyn sender did.</summary>
public sealed record EInnsynRound(int Sent, int Retrying, int Failed, int Waiting)
{
    public int Total => Sent + Retrying + Failed + Waiting;
}

/// <summary>
/// One round of the eInnsyn sender: takes the records that are due, oldest first, and sends them. A record is taken by
/// moving its next try ahead in one conditional update, so two senders never send the same; a sender that dies holding one
/// leaves it to be taken again after <see cref="Lease"/>. eInnsyn busy or unreachable (408, 429, 5xx, no answer) is tried
/// again after 30 s, 1 min, 2 min … up to an hour between tries; a record eInnsyn refuses (another 4xx) is marked failed at
/// once with its answer, for the office. Never twice: before a create is tried again, the sender asks eInnsyn for the
/// object's externalId, since an earlier try that got no answer may have been created after all.
/// </summary>
[UseCase]
public sealed class SendEInnsyn(SamstyringDb db, EInnsynOptions options, EInnsynHttp http, SiteAddress site)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task<EInnsynRound> HandleAsync(CancellationToken ct = default)
    {
        if (!options.Enabled) return new EInnsynRound(0, 0, 0, 0);
        var now = db.UtcNow;
        var due = await db.EInnsynOutbox.AsNoTracking()
            .Where(m => m.Status == EInnsynStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => new { m.Id, m.NextAttemptAt })
            .Take(Math.Clamp(options.BatchSize, 1, 1000)).ToListAsync(ct);
        var taken = new List<EInnsynMessage>();
        foreach (var d in due)
        {
            // Only the sender whose update finds the row as it read it gets it.
            var claimed = await db.EInnsynOutbox
                .Where(m => m.Id == d.Id && m.Status == EInnsynStatus.Pending && m.NextAttemptAt == d.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Lease).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 1) taken.Add(await db.EInnsynOutbox.AsNoTracking().SingleAsync(m => m.Id == d.Id, ct));
        }
        int sent = 0, retrying = 0, failed = 0, waiting = 0;
        // Parents before children: a meeting queued before its decisions is published first, in the same round.
        foreach (var m in taken.OrderBy(m => m.Id))
        {
            var outcome = await SendOneAsync(m, ct);
            var at = db.UtcNow;
            switch (outcome.Result)
            {
                case Result.Sent:
                    sent++;
                    await SaveIdsAsync(outcome.Ids, at);
                    await db.EInnsynOutbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.Status, EInnsynStatus.Sent).SetProperty(x => x.SentAt, at).SetProperty(x => x.LastError, (string?)null)
                        .SetProperty(x => x.HttpStatus, outcome.HttpStatus).SetProperty(x => x.EInnsynId, outcome.EInnsynId)
                        .SetProperty(x => x.Version, x => x.Version + 1), CancellationToken.None);
                    break;
                case Result.Refused:
                    failed++;
                    await MarkAsync(m, EInnsynStatus.Failed, at, outcome);
                    break;
                default:
                    var giveUp = m.Attempts >= Math.Max(1, options.MaxAttempts);
                    if (giveUp) failed++;
                    else if (outcome.Result == Result.Waiting) waiting++;
                    else retrying++;
                    await MarkAsync(m, giveUp ? EInnsynStatus.Failed : EInnsynStatus.Pending, at + Backoff(m.Attempts), outcome);
                    break;
            }
        }
        return new EInnsynRound(sent, retrying, failed, waiting);
    }

    /// <summary>The wait before try <paramref name="attempts"/> + 1: 30 s doubled per try, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    private Task MarkAsync(EInnsynMessage m, EInnsynStatus status, DateTime next, Outcome outcome) =>
        db.EInnsynOutbox.Where(x => x.Id == m.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status).SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.LastError, Cut(outcome.Error ?? "", EInnsynMessage.ErrorMax)).SetProperty(x => x.HttpStatus, outcome.HttpStatus)
            .SetProperty(x => x.Version, x => x.Version + 1), CancellationToken.None);

    private enum Result { Sent, Retry, Waiting, Refused }

    private sealed record Outcome(Result Result, int? HttpStatus = null, string? Error = null, string? EInnsynId = null,
        IReadOnlyList<(string Kind, int SourceId, string Id)>? IdList = null)
    {
        public IReadOnlyList<(string Kind, int SourceId, string Id)> Ids => IdList ?? [];
    }

    private async Task<Outcome> SendOneAsync(EInnsynMessage m, CancellationToken ct)
    {
        var payload = JsonNode.Parse(m.Payload)!.AsObject();
        Absolute(payload);
        string path, list;
        switch (m.Kind)
        {
            case EInnsynRecords.MeetingKind:
                var slug = await db.Bodies.AsNoTracking().Where(b => b.Id == m.BodyId).Select(b => b.Slug).SingleAsync(ct);
                var arkivdel = options.ArkivdelFor(slug);
                if (arkivdel is null)
                    return new Outcome(Result.Refused, Error: $"Ingen arkivdel i eInnsyn er satt opp for organet «{slug}» (Samstyring:EInnsyn:Arkivdel).");
                await AddNeighboursAsync(m, payload, ct);
                path = $"/arkivdel/{Uri.EscapeDataString(arkivdel)}/moetemappe";
                list = "/moetemappe";
                break;
            case EInnsynRecords.MinutesKind:
                if (await IdOfAsync("meeting", m.MeetingId, ct) is not { } meeting)
                    return new Outcome(Result.Waiting, Error: "Venter på at møtet publiseres i eInnsyn.");
                path = $"/moetemappe/{Uri.EscapeDataString(meeting)}/moetedokument";
                list = "/moetedokument";
                break;
            default:
                if (await IdOfAsync("case", m.CaseId!.Value, ct) is not { } sak)
                    return new Outcome(Result.Waiting, Error: "Venter på at saken publiseres i eInnsyn.");
                path = m.Method == "PATCH" ? $"/moetesak/{Uri.EscapeDataString(sak)}" : $"/moetesak/{Uri.EscapeDataString(sak)}/vedtak";
                list = "/vedtak";
                break;
        }
        try
        {
            // A create tried before may have reached eInnsyn without its answer reaching us: ask before creating it again.
            if (m.Method == "POST" && (m.Attempts > 1 || m.ResentBy is not null))
            {
                using var found = await http.SendAsync(HttpMethod.Get, $"{list}?externalIds={Uri.EscapeDataString(m.ExternalId)}", null, ct);
                if (Transient(found.StatusCode)) return new Outcome(Result.Retry, (int)found.StatusCode, $"{(int)found.StatusCode} {found.ReasonPhrase} (ved oppslag på externalId)");
                if (found.IsSuccessStatusCode
                    && await ReadAsync(found, ct) is JsonObject page && page["items"] is JsonArray { Count: > 0 } items
                    && IdOf(items[0]) is { } existing)
                    return Created(m, payload, existing, (int)found.StatusCode, null);
            }
            using var response = await http.SendAsync(m.Method == "PATCH" ? HttpMethod.Patch : HttpMethod.Post, path, payload, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var answer = await ReadAsync(response, ct) as JsonObject;
                var id = answer?["id"]?.GetValue<string>() ?? (m.Method == "PATCH" ? null : "");
                if (id == "") return new Outcome(Result.Retry, status, "eInnsyn svarte uten id.");
                return Created(m, payload, id, status, answer);
            }
            var text = $"{status} {response.ReasonPhrase}: {Describe(await response.Content.ReadAsStringAsync(ct))}".TrimEnd(' ', ':');
            return Transient(response.StatusCode) ? new Outcome(Result.Retry, status, text) : new Outcome(Result.Refused, status, text);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new Outcome(Result.Retry, null, $"Ingen svar fra eInnsyn: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Document links recorded as paths (queued while no public URL was set) get the site's address now: eInnsyn fetches
    /// the files from them, and the web host does not start with eInnsyn on and no <c>Samstyring:PublicUrl</c>.
    /// </summary>
    private void Absolute(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["referanseDokumentfil"] is JsonValue v && v.TryGetValue<string>(out var link) && link.StartsWith('/') && site.Origin is not null)
                    o["referanseDokumentfil"] = site.Link(link);
                foreach (var (_, child) in o.ToList()) Absolute(child);
                break;
            case JsonArray a:
                foreach (var child in a) Absolute(child);
                break;
        }
    }

    private static bool Transient(HttpStatusCode code) =>
        code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)code >= 500;

    /// <summary>The ids to remember: the object's, and for a meeting those of its notice and cases (to hang minutes and decisions on).</summary>
    private static Outcome Created(EInnsynMessage m, JsonObject payload, string? id, int status, JsonObject? answer)
    {
        var ids = new List<(string, int, string)>();
        switch (m.Kind)
        {
            case EInnsynRecords.MeetingKind:
                if (id is not null) ids.Add(("meeting", m.MeetingId, id));
                ids.AddRange(Children(payload["moetesak"], answer?["moetesak"], "case"));
                ids.AddRange(Children(payload["moetedokument"], answer?["moetedokument"], "notice"));
                break;
            case EInnsynRecords.MinutesKind:
                if (id is not null) ids.Add(("minutes", m.MeetingId, id));
                break;
            default:
                if (id is not null) ids.Add(("decision", m.CaseId!.Value, id));
                break;
        }
        return new Outcome(Result.Sent, status, null, id, ids);
    }

    /// <summary>Matches the created children to ours: by externalId when eInnsyn answers with objects, else by position.</summary>
    private static IEnumerable<(string, int, string)> Children(JsonNode? sent, JsonNode? answered, string kind)
    {
        if (sent is not JsonArray ours || answered is not JsonArray theirs) yield break;
        for (var i = 0; i < ours.Count; i++)
        {
            var external = ours[i]?["externalId"]?.GetValue<string>();
            var match = theirs.FirstOrDefault(t => t is JsonObject o && o["externalId"]?.GetValue<string>() == external) ?? (i < theirs.Count ? theirs[i] : null);
            if (IdOf(match) is not { } id || external is null) continue;
            // samstyring:case:12, samstyring:meeting:4:notice
            var parts = external.Split(':');
            if (parts.Length >= 3 && int.TryParse(parts[2], out var source)) yield return (kind, source, id);
        }
    }

    private static string? IdOf(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => o["id"]?.GetValue<string>(),
        _ => null,
    };

    private async Task AddNeighboursAsync(EInnsynMessage m, JsonObject payload, CancellationToken ct)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(x => x.BodyId == m.BodyId)
            .OrderBy(x => x.Date).ThenBy(x => x.Number).Select(x => x.Id).ToListAsync(ct);
        var at = meetings.IndexOf(m.MeetingId);
        if (at > 0 && await IdOfAsync("meeting", meetings[at - 1], ct) is { } previous) payload["referanseForrigeMoete"] = previous;
        if (at >= 0 && at < meetings.Count - 1 && await IdOfAsync("meeting", meetings[at + 1], ct) is { } next) payload["referanseNesteMoete"] = next;
    }

    private Task<string?> IdOfAsync(string kind, int sourceId, CancellationToken ct) =>
        db.EInnsynIds.AsNoTracking().Where(x => x.Kind == kind && x.SourceId == sourceId).Select(x => x.EInnsynId).SingleOrDefaultAsync(ct);

    private async Task SaveIdsAsync(IReadOnlyList<(string Kind, int SourceId, string Id)> ids, DateTime at)
    {
        if (ids.Count == 0) return;
        foreach (var (kind, source, id) in ids)
        {
            var row = await db.EInnsynIds.SingleOrDefaultAsync(x => x.Kind == kind && x.SourceId == source, CancellationToken.None);
            if (row is null) db.EInnsynIds.Add(new EInnsynObjectId { Kind = kind, SourceId = source, EInnsynId = id, PublishedAt = at });
            else { row.EInnsynId = id; row.PublishedAt = at; }
        }
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try { return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)); }
        catch (JsonException) { return null; }
    }

    /// <summary>The useful part of an error answer: a problem's detail or title, else the text itself.</summary>
    private static string Describe(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject o)
            {
                var parts = new[] { "title", "detail", "message" }.Select(k => o[k] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                    .Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
                if (o["errors"] is { } errors) parts.Add(errors.ToJsonString());
                if (parts.Count > 0) return string.Join(" ", parts);
            }
        }
        catch (JsonException) { }
        return body.Trim();
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
