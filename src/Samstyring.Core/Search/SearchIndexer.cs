using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Search;

/// <summary>What a save changed that the search index shows; collected before the save, applied after it in its transaction.</summary>
public sealed class SearchChanges
{
    internal readonly List<(SearchKind Kind, object Entity)> Saved = [];
    internal readonly HashSet<int> Cases = [], Meetings = [], Attachments = [], Initiatives = [], Services = [], Versions = [], Solutions = [];
    internal readonly HashSet<int> DeletedCases = [], DeletedVersions = [];
}

/// <summary>
/// Keeps <see cref="SearchDocument"/> in step with what it indexes. <see cref="SamstyringDb.SaveChangesAsync(bool, CancellationToken)"/>
/// calls <see cref="Collect"/> before it saves and <see cref="ApplyAsync"/> after, inside the same transaction, so a change
/// and what search finds commit together. It reads the sources back from the database (in that transaction) rather than
/// from the change tracker: a meeting whose status changes decides who may find its cases and their attachments, and
/// those need not be loaded.
/// </summary>
public static class SearchIndexer
{
    /// <summary>The changes that concern search, or null when there are none.</summary>
    public static SearchChanges? Collect(ChangeTracker tracker)
    {
        SearchChanges? changes = null;
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var deleted = e.State == EntityState.Deleted;
            switch (e.Entity)
            {
                case CouncilCase c:
                    Note(ref changes, SearchKind.Case, c, c.Id, deleted, x => x.Cases);
                    if (deleted) changes!.DeletedCases.Add(c.Id);
                    break;
                case Meeting m: Note(ref changes, SearchKind.Minutes, m, m.Id, deleted, x => x.Meetings); break;
                case Attachment a: Note(ref changes, SearchKind.Attachment, a, a.Id, deleted, x => x.Attachments); break;
                // A text saved with its new attachment has that attachment's key only after the save, like the attachment.
                case AttachmentText t: Note(ref changes, SearchKind.Attachment, t, t.AttachmentId, deleted, x => x.Attachments); break;
                case Initiative i: Note(ref changes, SearchKind.Initiative, i, i.Id, deleted, x => x.Initiatives); break;
                case RoadmapService s: Note(ref changes, SearchKind.RoadmapService, s, s.Id, deleted, x => x.Services); break;
                case RoadmapVersion v:
                    Note(ref changes, SearchKind.RoadmapService, v, v.Id, deleted, x => x.Versions);
                    if (deleted) changes!.DeletedVersions.Add(v.Id);
                    break;
                case NationalSolution n: Note(ref changes, SearchKind.Solution, n, n.Id, deleted, x => x.Solutions); break;
            }
        }
        return changes;
    }

    private static void Note(ref SearchChanges? changes, SearchKind kind, object? entity, int id, bool deleted, Func<SearchChanges, HashSet<int>> set)
    {
        changes ??= new SearchChanges();
        // A new row has its key only after the save: keep the entity and read its key then.
        if (entity is not null && !deleted) changes.Saved.Add((kind, entity));
        else set(changes).Add(id);
    }

    /// <summary>Updates the index rows of what changed, in the save's transaction; the caller's next save writes them.</summary>
    public static async Task ApplyAsync(SamstyringDb db, SearchChanges changes, CancellationToken ct)
    {
        foreach (var (_, entity) in changes.Saved)
        {
            switch (entity)
            {
                case CouncilCase c: changes.Cases.Add(c.Id); break;
                case Meeting m: changes.Meetings.Add(m.Id); break;
                case Attachment a: changes.Attachments.Add(a.Id); break;
                case AttachmentText t: changes.Attachments.Add(t.AttachmentId); break;
                case Initiative i: changes.Initiatives.Add(i.Id); break;
                case RoadmapService s: changes.Services.Add(s.Id); break;
                case RoadmapVersion v: changes.Versions.Add(v.Id); break;
                case NationalSolution n: changes.Solutions.Add(n.Id); break;
            }
        }
        // Who may find a case depends on its meeting, and an attachment on its case and meeting.
        if (changes.Meetings.Count > 0)
            changes.Cases.UnionWith(await db.Cases.AsNoTracking().Where(c => c.MeetingId != null && changes.Meetings.Contains(c.MeetingId.Value))
                .Select(c => c.Id).ToListAsync(ct));
        if (changes.Cases.Count > 0)
            changes.Attachments.UnionWith(await db.Attachments.AsNoTracking().Where(a => changes.Cases.Contains(a.CaseId)).Select(a => a.Id).ToListAsync(ct));
        if (changes.Versions.Count > 0)
            changes.Services.UnionWith(await db.RoadmapServices.AsNoTracking().Where(s => changes.Versions.Contains(s.RoadmapVersionId))
                .Select(s => s.Id).ToListAsync(ct));

        var stems = db.Database.IsSqlite();
        var sources = new SearchSources(db, stems);
        await ReplaceAsync(db, SearchKind.Case, changes.Cases, await sources.CasesAsync(changes.Cases, ct), ct);
        await ReplaceAsync(db, SearchKind.Minutes, changes.Meetings, await sources.MinutesAsync(changes.Meetings, ct), ct);
        await ReplaceAsync(db, SearchKind.Attachment, changes.Attachments, await sources.AttachmentsAsync(changes.Attachments, ct), ct);
        await ReplaceAsync(db, SearchKind.Initiative, changes.Initiatives, await sources.InitiativesAsync(changes.Initiatives, ct), ct);
        await ReplaceAsync(db, SearchKind.RoadmapService, changes.Services, await sources.ServicesAsync(changes.Services, ct), ct);
        await ReplaceAsync(db, SearchKind.Solution, changes.Solutions, await sources.SolutionsAsync(changes.Solutions, ct), ct);

        // Rows the database removed by cascade, which the change tracker never saw.
        if (changes.DeletedCases.Count > 0)
            db.RemoveRange(await db.SearchDocuments.Where(d => d.Kind == SearchKind.Attachment && d.ParentId != null
                                                                 && changes.DeletedCases.Contains(d.ParentId.Value)).ToListAsync(ct));
        if (changes.DeletedVersions.Count > 0)
            db.RemoveRange(await db.SearchDocuments.Where(d => d.Kind == SearchKind.RoadmapService && d.ParentId != null
                                                                 && changes.DeletedVersions.Contains(d.ParentId.Value)).ToListAsync(ct));
    }

    /// <summary>Brings the index rows of <paramref name="ids"/> to <paramref name="fresh"/>: updated, added, or removed when the source is gone (or has nothing to find).</summary>
    private static async Task ReplaceAsync(SamstyringDb db, SearchKind kind, HashSet<int> ids, List<SearchDocument> fresh, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await SearchTerms.AddAsync(db, fresh, ct);
        var existing = await db.SearchDocuments.Where(d => d.Kind == kind && ids.Contains(d.SourceId)).ToDictionaryAsync(d => d.SourceId, ct);
        foreach (var doc in fresh)
        {
            existing.Remove(doc.SourceId, out var row);
            if (row is not null && row.Id != doc.Id)
            {
                // A new day or access rule is a new key (SearchDocument.KeyOf).
                db.SearchDocuments.Remove(row);
                row = null;
            }
            if (row is null)
            {
                db.SearchDocuments.Add(doc);
                continue;
            }
            row.ParentId = doc.ParentId;
            row.BodyId = doc.BodyId;
            row.Title = doc.Title;
            row.Body = doc.Body;
            row.TitleStems = doc.TitleStems;
            row.BodyStems = doc.BodyStems;
            row.UpdatedAt = doc.UpdatedAt;
        }
        db.SearchDocuments.RemoveRange(existing.Values);
    }
}

/// <summary>The index rows of each kind of source, as they should be now; for the hook (some ids) and the rebuild (a batch).</summary>
internal sealed class SearchSources(SamstyringDb db, bool stems)
{
    private DateTime Now { get; } = db.UtcNow;

    public Task<List<SearchDocument>> CasesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : CasesAsync(db.Cases.Where(c => ids.Contains(c.Id)), ct);

    public async Task<List<SearchDocument>> CasesAsync(IQueryable<CouncilCase> cases, CancellationToken ct)
    {
        var rows = await cases.AsNoTracking().Select(c => new
        {
            c.Id, c.BodyId, c.Title, c.Purpose, c.Background, c.ProposedDecision, c.Decision, c.Confidential, c.DecidedOn, c.CreatedAt,
            MeetingStatus = c.Meeting == null ? (MeetingStatus?)null : c.Meeting.Status,
            MeetingDate = c.Meeting == null ? (DateOnly?)null : c.Meeting.Date,
        }).ToListAsync(ct);
        // A confidential case, and a case of a meeting whose notice is not sent (or that was cancelled before it), as
        // CouncilQueries hides them.
        return rows.Select(c => Document(SearchKind.Case, c.Id, null, c.BodyId, c.MeetingDate ?? c.DecidedOn ?? DateOnly.FromDateTime(c.CreatedAt),
            c.Confidential || c.MeetingStatus is MeetingStatus.Planned or MeetingStatus.Cancelled,
            c.Title, Join(c.Purpose, c.Background, c.ProposedDecision, c.Decision))).ToList();
    }

    /// <summary>A meeting with notes or others present in its minutes; the cases' decisions are found as cases.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Meeting, bool>> HasMinutesText =
        m => (m.MinutesNote != null && m.MinutesNote != "") || (m.OtherAttendees != null && m.OtherAttendees != "");

    public Task<List<SearchDocument>> MinutesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : MinutesAsync(db.Meetings.Where(m => ids.Contains(m.Id)), ct);

    public async Task<List<SearchDocument>> MinutesAsync(IQueryable<Meeting> meetings, CancellationToken ct)
    {
        var rows = await meetings.AsNoTracking().Where(HasMinutesText)
            .Select(m => new { m.Id, m.BodyId, m.Year, m.Number, m.Date, m.Status, m.MinutesNote, m.OtherAttendees }).ToListAsync(ct);
        // The minutes are the record of a meeting that was held.
        return rows.Select(m => Document(SearchKind.Minutes, m.Id, null, m.BodyId, m.Date,
            m.Status is not (MeetingStatus.Held or MeetingStatus.MinutesApproved),
            $"Referat fra møte {Meeting.FormatNumber(m.Number, m.Year)}", Join(m.MinutesNote, m.OtherAttendees))).ToList();
    }

    public Task<List<SearchDocument>> AttachmentsAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : AttachmentsAsync(db.Attachments.Where(a => ids.Contains(a.Id)), ct);

    public async Task<List<SearchDocument>> AttachmentsAsync(IQueryable<Attachment> attachments, CancellationToken ct)
    {
        var rows = await (from a in attachments.AsNoTracking()
                          join c in db.Cases.AsNoTracking() on a.CaseId equals c.Id
                          join t in db.AttachmentTexts.AsNoTracking() on a.Id equals t.AttachmentId into texts
                          from t in texts.DefaultIfEmpty()
                          select new
                          {
                              a.Id, a.CaseId, a.Label, a.Title, a.Confidential, a.UploadedAt, CaseConfidential = c.Confidential, c.BodyId,
                              MeetingStatus = c.Meeting == null ? (MeetingStatus?)null : c.Meeting.Status,
                              MeetingDate = c.Meeting == null ? (DateOnly?)null : c.Meeting.Date,
                              Text = t == null || t.Text == null ? null : t.Text.Substring(0, AttachmentText.SearchedChars),
                          }).ToListAsync(ct);
        // Exempt (itself or its case), or not yet downloadable by the public (AttachmentAccess), or on a hidden case.
        return rows.Select(a => Document(SearchKind.Attachment, a.Id, a.CaseId, a.BodyId, a.MeetingDate ?? DateOnly.FromDateTime(a.UploadedAt),
            AttachmentAccess.IsConfidential(a.Confidential, a.CaseConfidential) || !AttachmentAccess.CanDownload(false, a.MeetingStatus, null)
            || a.MeetingStatus is MeetingStatus.Cancelled,
            $"Vedlegg {a.Label}: {a.Title}", a.Text)).ToList();
    }

    public Task<List<SearchDocument>> InitiativesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : InitiativesAsync(db.Initiatives.Where(i => ids.Contains(i.Id)), ct);

    public async Task<List<SearchDocument>> InitiativesAsync(IQueryable<Initiative> initiatives, CancellationToken ct)
    {
        var rows = await initiatives.AsNoTracking()
            .Select(i => new { i.Id, i.Name, i.Description, i.LeftReason, i.IncludedOn, i.CreatedAt }).ToListAsync(ct);
        return rows.Select(i => Document(SearchKind.Initiative, i.Id, null, null, i.IncludedOn ?? DateOnly.FromDateTime(i.CreatedAt), false,
            i.Name, Join(i.Description, i.LeftReason))).ToList();
    }

    public Task<List<SearchDocument>> ServicesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : ServicesAsync(db.RoadmapServices.Where(s => ids.Contains(s.Id)), ct);

    public async Task<List<SearchDocument>> ServicesAsync(IQueryable<RoadmapService> services, CancellationToken ct)
    {
        var rows = await services.AsNoTracking()
            .Select(s => new { s.Id, s.RoadmapVersionId, s.Goal, s.Area, s.Description, s.RoadmapVersion.Status, s.RoadmapVersion.PublishedOn })
            .ToListAsync(ct);
        // Only a published roadmap is public (RoadmapAccess.CanSeeDrafts for the rest).
        return rows.Select(s => Document(SearchKind.RoadmapService, s.Id, s.RoadmapVersionId, null, s.PublishedOn,
            s.Status != RoadmapStatus.Published, s.Goal, Join(s.Area, s.Description))).ToList();
    }

    public Task<List<SearchDocument>> SolutionsAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new List<SearchDocument>()) : SolutionsAsync(db.NationalSolutions.Where(n => ids.Contains(n.Id)), ct);

    public async Task<List<SearchDocument>> SolutionsAsync(IQueryable<NationalSolution> solutions, CancellationToken ct)
    {
        var rows = await solutions.AsNoTracking().Select(n => new { n.Id, n.Name, n.Description }).ToListAsync(ct);
        return rows.Select(n => Document(SearchKind.Solution, n.Id, null, null, null, false, n.Name, n.Description)).ToList();
    }

    private SearchDocument Document(SearchKind kind, int sourceId, int? parentId, int? bodyId, DateOnly? date, bool restricted, string title, string? body)
    {
        title = title.Length > SearchDocument.TitleMax ? title[..SearchDocument.TitleMax] : title;
        body ??= "";
        if (body.Length > AttachmentText.SearchedChars) body = body[..AttachmentText.SearchedChars];
        // A cut may split a surrogate pair; PostgreSQL refuses half of one.
        if (body.Length > 0 && char.IsHighSurrogate(body[^1])) body = body[..^1];
        return new SearchDocument
        {
            Id = SearchDocument.KeyOf(date, kind, restricted, sourceId), Kind = kind, SourceId = sourceId, ParentId = parentId, BodyId = bodyId, Date = date, Restricted = restricted,
            Title = title, Body = body,
            TitleStems = stems ? SearchText.Stems(title) : "",
            BodyStems = stems ? SearchText.Stems(body) : "",
            UpdatedAt = Now,
        };
    }

    private static string Join(params string?[] parts) => string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
