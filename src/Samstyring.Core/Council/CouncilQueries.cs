using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>
/// Every read of the council model goes through here, so the confidentiality rule lives in one place: readers who may
/// not see confidential content (anonymous visitors and roles other than the secretariat and members) get confidential
/// cases and attachments redacted, the agenda of a meeting only once its notice has been sent (a planned meeting is
/// public with its date and place), and no members' input on cases.
/// </summary>
[UseCase]
public sealed class CouncilQueries(SamstyringDb db, SamstyringOptions options)
{
    public async Task<IReadOnlyList<BodySummary>> ListBodiesAsync(CancellationToken ct = default)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.NationalSolution)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Id).ToListAsync(ct);
        return bodies.Select(b => Summary(b, db.Today)).ToList();
    }

    public async Task<BodySummary> GetBodySummaryAsync(string slug, CancellationToken ct = default) =>
        Summary(await LoadBodyAsync(slug, ct), db.Today);

    /// <summary>A body with its mandate history, members serving on <paramref name="on"/> (default today) and meetings.</summary>
    public async Task<(BodySummary Body, IReadOnlyList<MandateView> Mandates, IReadOnlyList<MemberView> Members, IReadOnlyList<MeetingSummary> Meetings)>
        GetBodyAsync(string slug, DateOnly? on = null, CancellationToken ct = default)
    {
        var body = await LoadBodyAsync(slug, ct);
        var date = on ?? db.Today;
        var mandates = await db.BodyMandates.AsNoTracking().Where(m => m.BodyId == body.Id).OrderByDescending(m => m.ValidFrom).ToListAsync(ct);
        var adoptedIds = mandates.Where(m => m.AdoptedInCaseId != null).Select(m => m.AdoptedInCaseId!.Value).ToList();
        var adopted = await db.Cases.AsNoTracking().Where(c => adoptedIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.NumberText, ct);
        var members = await MembersAsync(body.Id, ct);
        var meetings = await ListMeetingsAsync(slug, null, ct);
        return (Summary(body, db.Today),
            mandates.Select(m => new MandateView(m.Id, m.ValidFrom, m.Text, m.AdoptedInCaseId,
                m.AdoptedInCaseId is { } id && adopted.TryGetValue(id, out var n) ? n : null, m.IsDemo)).ToList(),
            members.Where(m => m.TermStart <= date && (m.TermEnd is null || m.TermEnd >= date)).ToList(),
            meetings);
    }

    public async Task<IReadOnlyList<MemberView>> MembersAsync(int bodyId, CancellationToken ct = default) =>
        (await LoadMembersAsync(bodyId, ct)).Select(ToView).ToList();

    /// <summary>In role order (the enum's, so members come before observers), then by term and id.</summary>
    private async Task<List<BodyMember>> LoadMembersAsync(int bodyId, CancellationToken ct) =>
        (await db.BodyMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.SubstituteFor)
            .Where(m => m.BodyId == bodyId).ToListAsync(ct))
        .OrderBy(m => m.Role).ThenBy(m => m.TermStart).ThenBy(m => m.Id).ToList();

    /// <summary>Meetings, newest first. <paramref name="bodySlug"/> must name a body when given.</summary>
    public async Task<IReadOnlyList<MeetingSummary>> ListMeetingsAsync(string? bodySlug, int? year, CancellationToken ct = default)
    {
        var q = db.Meetings.AsNoTracking().Include(m => m.Body).ThenInclude(b => b.Names).AsQueryable();
        if (!string.IsNullOrWhiteSpace(bodySlug))
        {
            var slug = bodySlug.Trim().ToLowerInvariant();
            if (!await db.Bodies.AnyAsync(b => b.Slug == slug, ct))
                throw ValidationFailedException.For("body", $"Fant ikke organet «{Validator.Truncate(slug)}».");
            q = q.Where(m => m.Body.Slug == slug);
        }
        if (year is { } y)
        {
            if (y is < 1990 or > 2100) throw ValidationFailedException.For("year", "Året må være mellom 1990 og 2100.");
            q = q.Where(m => m.Year == y);
        }
        var meetings = await q.OrderByDescending(m => m.Date).ThenByDescending(m => m.Number).ThenByDescending(m => m.Id).ToListAsync(ct);
        return meetings.Select(Summary).ToList();
    }

    public async Task<MeetingView> GetMeetingAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var m = await db.Meetings.AsNoTracking().AsSplitQuery()
                    .Include(x => x.Body).ThenInclude(b => b.Names)
                    .Include(x => x.Body).ThenInclude(b => b.NationalSolution)
                    .Include(x => x.Agenda)
                    .Include(x => x.Attendance).ThenInclude(a => a.UpToCase)
                    .SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke møte {id}.");
        var insider = CouncilAccess.CanSeeConfidential(user);
        var readsComments = CouncilAccess.CanReadComments(user);
        var published = insider || m.Status is not (MeetingStatus.Planned or MeetingStatus.Cancelled);

        var cases = published ? await LoadCasesAsync(db.Cases.Where(c => c.MeetingId == id), ct) : [];
        var caseViews = cases.ToDictionary(c => c.Id, c => ToView(c, m.Agenda.FirstOrDefault(a => a.CaseId == c.Id), insider, readsComments));
        var agenda = published
            ? m.Agenda.OrderBy(a => a.Position).Select(a =>
            {
                var cv = a.CaseId is { } cid && caseViews.TryGetValue(cid, out var v) ? v : null;
                // The presenter of a redacted case is part of its content (CaseView.Presenter is null too).
                return new AgendaLine(a.Id, a.Position, a.StartsAt, a.Kind, a.Title, cv is { Redacted: true } ? null : a.Presenter, cv);
            }).ToList()
            : [];

        var memberEntities = await LoadMembersAsync(m.BodyId, ct);
        var members = memberEntities.Select(ToView).ToList();
        var serving = members.Where(x => x.TermStart <= m.Date && (x.TermEnd is null || x.TermEnd >= m.Date)).ToList();
        var attendance = BuildAttendance(serving, members, m.Attendance);
        var quorum = QuorumResult.For(m.Body, memberEntities, m.Attendance, m.Date);

        // Which minutes a meeting approves is part of its agenda: public once its notice is sent.
        var approves = published
            ? await db.Meetings.AsNoTracking().Include(x => x.Body).ThenInclude(b => b.Names)
                .Where(x => x.MinutesApprovalCase != null && x.MinutesApprovalCase.MeetingId == id).OrderBy(x => x.Date).ToListAsync(ct)
            : [];
        MeetingSummary? approvedIn = null;
        CaseView? approvalCase = null;
        if (m.MinutesApprovalCaseId is { } acid)
        {
            var ac = (await LoadCasesAsync(db.Cases.Where(c => c.Id == acid), ct)).Single();
            // Likewise the approving meeting's agenda: outsiders learn where these minutes are approved once that notice is sent.
            if (insider || ac.Meeting is not { Status: MeetingStatus.Planned or MeetingStatus.Cancelled })
            {
                approvalCase = ToView(ac, null, insider, readsComments);
                // No-tracking queries do not fix up am.Body; the approving meeting is of the same body as the case.
                if (ac.Meeting is { } am) { am.Body = ac.Body; approvedIn = Summary(am); }
            }
        }
        var ordered = caseViews.Values.OrderBy(c => c.Year).ThenBy(c => c.Seq).ToList();
        return new MeetingView(Summary(m), Summary(m.Body, m.Date), published, agenda, ordered, serving, attendance, quorum,
            m.OtherAttendees, m.MinutesNote, approves.Select(Summary).ToList(), approvedIn, approvalCase, m.NoticeSentAt, insider, m.DemoNote);
    }

    public async Task<CaseView> GetCaseAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var c = (await LoadCasesAsync(db.Cases.Where(x => x.Id == id), ct)).SingleOrDefault()
                ?? throw new NotFoundException($"Fant ikke sak {id}.");
        var insider = CouncilAccess.CanSeeConfidential(user);
        // The case of a meeting whose notice is not sent is not public yet.
        if (!insider && c.Meeting is { Status: MeetingStatus.Planned or MeetingStatus.Cancelled })
            throw new NotFoundException($"Fant ikke sak {id}.");
        var item = c.MeetingId is { } mid ? await db.AgendaItems.AsNoTracking().FirstOrDefaultAsync(a => a.MeetingId == mid && a.CaseId == id, ct) : null;
        return ToView(c, item, insider, CouncilAccess.CanReadComments(user));
    }

    /// <summary>
    /// Adopted decisions, newest first. Confidential cases are left out entirely for outsiders: an entry without its
    /// content would tell a feed reader nothing.
    /// </summary>
    public async Task<IReadOnlyList<CaseView>> ListDecisionsAsync(string? bodySlug, CurrentUser? user, int take = 50, CancellationToken ct = default)
    {
        var insider = CouncilAccess.CanSeeConfidential(user);
        var q = db.Cases.Where(c => c.Decision != null);
        if (!string.IsNullOrWhiteSpace(bodySlug)) q = q.Where(c => c.Body.Slug == bodySlug);
        if (!insider) q = q.Where(c => !c.Confidential);
        var cases = await LoadCasesAsync(q.OrderByDescending(c => c.DecidedOn).ThenByDescending(c => c.Year).ThenByDescending(c => c.Number).Take(take), ct);
        var readsComments = CouncilAccess.CanReadComments(user);
        return cases.Select(c => ToView(c, null, insider, readsComments)).ToList();
    }

    /// <summary>Cases of a body and year in number order, for pickers and lists (redacted for outsiders).</summary>
    public async Task<IReadOnlyList<CaseView>> ListCasesAsync(string bodySlug, int year, CurrentUser? user, CancellationToken ct = default)
    {
        var insider = CouncilAccess.CanSeeConfidential(user);
        var q = db.Cases.Where(c => c.Body.Slug == bodySlug && c.Year == year);
        if (!insider) q = q.Where(c => c.Meeting == null || (c.Meeting.Status != MeetingStatus.Planned && c.Meeting.Status != MeetingStatus.Cancelled));
        var cases = await LoadCasesAsync(q.OrderBy(c => c.Number), ct);
        var readsComments = CouncilAccess.CanReadComments(user);
        return cases.Select(c => ToView(c, null, insider, readsComments)).ToList();
    }

    /// <summary>
    /// Every body's cases from <paramref name="fromYear"/> to <paramref name="toYear"/>, newest first, as (id, «NUIT sak
    /// 12/21: title»): the choices of a form that links something to a case (redacted for outsiders, as the lists are).
    /// </summary>
    public async Task<List<(string Value, string Text)>> CaseOptionsAsync(int fromYear, int toYear, CurrentUser? user, CancellationToken ct = default)
    {
        var options = new List<(int Year, int Seq, string Value, string Text)>();
        foreach (var body in await ListBodiesAsync(ct))
            for (var y = fromYear; y <= toYear; y++)
                foreach (var c in await ListCasesAsync(body.Slug, y, user, ct))
                    options.Add((c.Year, c.Seq, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{body.ShortName ?? body.Name} sak {c.Number}: {c.Title}"));
        return options.OrderByDescending(o => o.Year).ThenByDescending(o => o.Seq).Select(o => (o.Value, o.Text)).ToList();
    }

    // The reads below return records as stored, unredacted: either content that is never confidential (bodies, members,
    // the årshjul, options for forms), or reads for the secretariat's pages and write API only, which the office policy
    // guards before they run (case titles and attachments of confidential cases among them).

    /// <summary>All bodies in display order, with name and mandate history.</summary>
    public Task<List<Body>> ListBodiesWithHistoryAsync(CancellationToken ct = default) =>
        db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.Mandates).Include(b => b.NationalSolution)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).AsSplitQuery().ToListAsync(ct);

    public async Task<Body> GetBodyWithHistoryAsync(string slug, CancellationToken ct = default) =>
        await db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.Mandates).Include(b => b.NationalSolution)
            .AsSplitQuery().SingleOrDefaultAsync(b => b.Slug == slug, ct)
        ?? throw new NotFoundException($"Fant ikke organet «{Validator.Truncate(slug)}».");

    /// <summary>The cases a mandate version points to, as "37/21" keyed by case id (for showing the history).</summary>
    public async Task<Dictionary<int, string>> AdoptingCasesAsync(Body body, CancellationToken ct = default)
    {
        var ids = body.Mandates.Where(m => m.AdoptedInCaseId is not null).Select(m => m.AdoptedInCaseId!.Value).ToList();
        if (ids.Count == 0) return [];
        var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.Year, c.BodyId, c.Body.Slug }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.BodyId == body.Id ? "" : r.Slug + " ") + CouncilCase.FormatNumber(r.Number, r.Year));
    }

    /// <summary>Bodies with a name, in display order, as (slug, today's name): the choices of a form.</summary>
    public async Task<List<(string Slug, string Name)>> BodyOptionsAsync(CancellationToken ct = default)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        var today = db.Today;
        return bodies.Where(b => b.Names.Count > 0).Select(b => (b.Slug, b.NameOn(today).Name)).ToList();
    }

    /// <summary>How many members serve on each body today, by body id.</summary>
    public async Task<Dictionary<int, int>> CurrentMemberCountsAsync(CancellationToken ct = default)
    {
        var today = db.Today;
        return await db.BodyMembers.AsNoTracking()
            .Where(m => m.TermStart <= today && (m.TermEnd == null || m.TermEnd >= today))
            .GroupBy(m => m.BodyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    /// <summary>Everyone who has sat on the body, current first (voting members, observers, substitutes, secretariat), then former members.</summary>
    public async Task<List<BodyMember>> ListBodyMembersAsync(string slug, CancellationToken ct = default)
    {
        var bodyId = await MemberRules.BodyIdAsync(db, slug, ct);
        var today = db.Today;
        var members = await db.BodyMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.SubstituteFor)
            .Where(m => m.BodyId == bodyId).ToListAsync(ct);
        return members.OrderBy(m => m.ServesOn(today) ? 0 : m.TermStart > today ? 1 : 2).ThenBy(m => m.Role)
            .ThenBy(m => m.Name, StringComparer.Create(Norwegian.Culture, false)).ThenBy(m => m.Id).ToList();
    }

    public async Task<BodyMember> GetMemberAsync(int id, CancellationToken ct = default) =>
        await db.BodyMembers.AsNoTracking().Include(m => m.Organization).Include(m => m.SubstituteFor)
            .Include(m => m.Body).ThenInclude(b => b.Names)
            .SingleOrDefaultAsync(m => m.Id == id, ct)
        ?? throw new NotFoundException($"Fant ikke medlem {id}.");

    /// <summary>Whether the member has attendance records (then they can only have their term ended, not be deleted).</summary>
    public Task<bool> MemberHasAttendanceAsync(int id, CancellationToken ct = default) => db.Attendance.AnyAsync(a => a.MemberId == id, ct);

    /// <summary>Members and observers of the body (but <paramref name="exceptMemberId"/>), whom a substitute may stand in for, by name.</summary>
    public async Task<List<(int Id, string Name, string Organization, DateOnly TermStart, DateOnly? TermEnd)>> SubstitutableMembersAsync(
        int bodyId, int? exceptMemberId, CancellationToken ct = default) =>
        (await db.BodyMembers.AsNoTracking()
            .Where(m => m.BodyId == bodyId && m.Id != exceptMemberId && (m.Role == MemberRole.Member || m.Role == MemberRole.Observer))
            .OrderBy(m => m.Name).Select(m => new { m.Id, m.Name, m.TermStart, m.TermEnd, Org = m.Organization.Name }).ToListAsync(ct))
        .Select(m => (m.Id, m.Name, m.Org, m.TermStart, m.TermEnd)).ToList();

    /// <summary>The årshjul for one year: every body, its recurring case templates per month, and that year's meetings.</summary>
    public async Task<CycleYear> GetCycleYearAsync(int year, CancellationToken ct = default)
    {
        if (year is < CycleItem.MinYear or > CycleItem.MaxYear) throw ValidationFailedException.For("year", $"Året må være fra {CycleItem.MinYear} til {CycleItem.MaxYear}.");
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        var yearEnd = new DateOnly(year, 12, 31);
        var columns = bodies.Where(b => b.Names.Count > 0).Select(b =>
        {
            var n = b.NameOn(yearEnd);
            return new CycleBody(b.Id, b.Slug, n.Name, n.ShortName);
        }).ToList();
        var items = await db.CycleItems.AsNoTracking().OrderBy(i => i.Month).ThenBy(i => i.Title).ThenBy(i => i.Id).ToListAsync(ct);
        var byId = bodies.ToDictionary(b => b.Id);
        var rows = await db.Meetings.AsNoTracking().Where(m => m.Year == year && m.Status != MeetingStatus.Cancelled)
            .OrderBy(m => m.Date).ThenBy(m => m.Number).ToListAsync(ct);
        var list = rows.Where(m => byId.ContainsKey(m.BodyId)).Select(m =>
        {
            var body = byId[m.BodyId];
            return new CycleMeeting(m.Id, m.BodyId, body.Slug, body.NameOn(m.Date).Name, m.NumberText, m.Date, m.Kind, m.Status);
        }).ToList();
        return new CycleYear(year, columns, items, list);
    }

    public async Task<CycleItem> GetCycleItemAsync(int id, CancellationToken ct = default) =>
        await db.CycleItems.AsNoTracking().Include(i => i.Body).SingleOrDefaultAsync(i => i.Id == id, ct)
        ?? throw new NotFoundException($"Fant ikke årshjulpunkt {id}.");

    /// <summary>
    /// A body (with its names) and its recurring case templates for one month, for planning a meeting from the årshjul.
    /// </summary>
    public async Task<(Body Body, List<CycleItem> Templates)> GetCycleMonthAsync(string? bodySlug, int month, CancellationToken ct = default)
    {
        var body = await db.Bodies.AsNoTracking().Include(b => b.Names).SingleOrDefaultAsync(b => b.Slug == bodySlug, ct)
                   ?? throw new NotFoundException($"Fant ikke organet «{bodySlug}».");
        var templates = await db.CycleItems.AsNoTracking().Where(i => i.BodyId == body.Id && i.Month == month)
            .OrderBy(i => i.Title).ThenBy(i => i.Id).ToListAsync(ct);
        return (body, templates);
    }

    /// <summary>The place of a meeting as typed (without the video note <see cref="MeetingSummary.Place"/> adds).</summary>
    public async Task<string> MeetingLocationAsync(int id, CancellationToken ct = default) =>
        await db.Meetings.AsNoTracking().Where(m => m.Id == id).Select(m => m.Location).SingleAsync(ct);

    /// <summary>The cases of a meeting by number: id, "37/21" and title.</summary>
    public async Task<List<(int Id, string Number, string Title)>> MeetingCasesAsync(int meetingId, CancellationToken ct = default) =>
        (await db.Cases.AsNoTracking().Where(c => c.MeetingId == meetingId).OrderBy(c => c.Number)
            .Select(c => new { c.Id, c.Number, c.Year, c.Title }).ToListAsync(ct))
        .Select(c => (c.Id, CouncilCase.FormatNumber(c.Number, c.Year), c.Title)).ToList();

    /// <summary>The number of cases, and of cases without a decision, per meeting.</summary>
    public async Task<Dictionary<int, (int Total, int Undecided)>> MeetingCaseCountsAsync(IReadOnlyCollection<int> meetingIds, CancellationToken ct = default) =>
        (await db.Cases.AsNoTracking().Where(c => c.MeetingId != null && meetingIds.Contains(c.MeetingId.Value))
            .GroupBy(c => c.MeetingId!.Value)
            .Select(g => new { Id = g.Key, Total = g.Count(), Undecided = g.Count(c => c.Decision == null) })
            .ToListAsync(ct))
        .ToDictionary(x => x.Id, x => (x.Total, x.Undecided));

    /// <summary>Which of the meetings have attendance recorded.</summary>
    public async Task<HashSet<int>> MeetingsWithAttendanceAsync(IReadOnlyCollection<int> meetingIds, CancellationToken ct = default) =>
        (await db.Attendance.AsNoTracking().Where(a => meetingIds.Contains(a.MeetingId)).Select(a => a.MeetingId).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>For each of the meetings whose minutes have a case to approve them: that case and its meeting.</summary>
    public async Task<Dictionary<int, MinutesApproval>> MinutesApprovalsAsync(IReadOnlyCollection<int> meetingIds, CancellationToken ct = default) =>
        (await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id) && m.MinutesApprovalCase != null)
            .Select(m => new { m.Id, CaseId = m.MinutesApprovalCase!.Id, CaseNumber = m.MinutesApprovalCase.Number, CaseYear = m.MinutesApprovalCase.Year,
                MeetingId = m.MinutesApprovalCase.MeetingId, MeetingNumber = (int?)m.MinutesApprovalCase.Meeting!.Number, MeetingYear = (int?)m.MinutesApprovalCase.Meeting.Year })
            .ToListAsync(ct))
        .ToDictionary(a => a.Id, a => new MinutesApproval(a.CaseId, CouncilCase.FormatNumber(a.CaseNumber, a.CaseYear), a.MeetingId,
            a.MeetingNumber is { } n ? Meeting.FormatNumber(n, a.MeetingYear!.Value) : null));

    /// <summary>Undecided cases with a comment deadline from <paramref name="from"/> to <paramref name="until"/>, soonest first, with the input received.</summary>
    public async Task<List<CommentDeadline>> CommentDeadlinesAsync(DateOnly from, DateOnly until, CancellationToken ct = default)
    {
        var deadlines = await db.Cases.AsNoTracking().Include(c => c.Body).ThenInclude(b => b.Names).Include(c => c.Meeting)
            .Where(c => c.CommentDeadline != null && c.CommentDeadline >= from && c.CommentDeadline <= until && c.Decision == null)
            .OrderBy(c => c.CommentDeadline).ThenBy(c => c.Id)
            .ToListAsync(ct);
        var deadlineIds = deadlines.Select(c => c.Id).ToList();
        var comments = await db.CaseComments.AsNoTracking().Where(x => deadlineIds.Contains(x.CaseId)).GroupBy(x => x.CaseId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return deadlines.Select(c =>
        {
            var name = c.Body.NameOn(c.Meeting?.Date ?? c.CommentDeadline!.Value);
            return new CommentDeadline(c.Id, c.NumberText, c.Title, name.ShortName ?? name.Name, c.CommentDeadline!.Value, c.CommentDeadlineNote,
                c.MeetingId, c.Meeting?.NumberText, comments.GetValueOrDefault(c.Id));
        }).ToList();
    }

    /// <summary>A case with its meeting and body names, and all its attachments, for the secretariat's attachment pages.</summary>
    public async Task<(CouncilCase Case, List<Attachment> Attachments)> GetCaseWithAttachmentsAsync(int caseId, CancellationToken ct = default)
    {
        var c = await db.Cases.AsNoTracking().Include(x => x.Meeting).Include(x => x.Body).ThenInclude(b => b.Names)
                    .SingleOrDefaultAsync(x => x.Id == caseId, ct)
                ?? throw new NotFoundException($"Fant ikke sak {caseId}.");
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync(ct);
        return (c, attachments);
    }

    public async Task<Attachment> GetAttachmentAsync(int id, CancellationToken ct = default) =>
        await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct)
        ?? throw new NotFoundException($"Fant ikke vedlegg {id}.");

    /// <summary>The next free label in the case's meeting (the attachments are numbered per meeting): one past the highest number.</summary>
    public async Task<string> SuggestAttachmentLabelAsync(int caseId, CancellationToken ct = default)
    {
        var c = await AttachmentRules.LoadCaseAsync(db, caseId, ct);
        var labels = await AttachmentRules.SameNumbering(db, c, null).Select(a => a.Label).ToListAsync(ct);
        return AttachmentRules.NextLabel(labels);
    }

    /// <summary>
    /// The attachment and its file, for download. Anything the user may not fetch answers exactly like a missing
    /// attachment, so nobody learns that a confidential one exists. A file that is no longer what was stored is a
    /// <see cref="DamagedFileException"/>, never a download.
    /// </summary>
    public async Task<(Attachment Meta, Stream Content)> OpenAttachmentAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var row = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id)
            .Join(db.Cases, a => a.CaseId, c => c.Id, (a, c) => new
            {
                Attachment = a,
                CaseConfidential = c.Confidential,
                MeetingStatus = c.Meeting == null ? (MeetingStatus?)null : c.Meeting.Status,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null
            || !AttachmentAccess.CanDownload(AttachmentAccess.IsConfidential(row.Attachment.Confidential, row.CaseConfidential), row.MeetingStatus, user))
            throw AttachmentRules.Missing(id);
        var a = row.Attachment;
        if (a.StoragePath is null)
            throw new NotFoundException($"Vedlegg {a.Label} har ingen fil å laste ned.");
        var content = await new AttachmentStore(options).OpenAsync(db, a.Id, a.StoragePath, a.SizeBytes, a.Sha256, ct)
                      ?? throw new DamagedFileException(
                          $"Filen til vedlegg {a.Label} er skadet eller mangler: den stemmer ikke med størrelsen og sjekksummen den ble lagret med, "
                          + "og lastes derfor ikke ned. Sekretariatet kan laste opp filen på nytt eller gjenopprette den fra en sikkerhetskopi.");
        return (a, content);
    }

    private async Task<List<CouncilCase>> LoadCasesAsync(IQueryable<CouncilCase> q, CancellationToken ct) =>
        await q.AsNoTracking().AsSplitQuery()
            .Include(c => c.Body).ThenInclude(b => b.Names)
            .Include(c => c.Meeting)
            .Include(c => c.Attachments)
            .Include(c => c.Links).ThenInclude(l => l.RelatedCase).ThenInclude(r => r.Body).ThenInclude(b => b.Names)
            .Include(c => c.Links).ThenInclude(l => l.RelatedCase).ThenInclude(r => r.Meeting)
            .Include(c => c.References).ThenInclude(r => r.Initiative)
            .Include(c => c.References).ThenInclude(r => r.ReportingPeriod)
            .Include(c => c.References).ThenInclude(r => r.CriteriaSet)
            .Include(c => c.Comments).ThenInclude(x => x.Organization)
            .ToListAsync(ct);

    private async Task<Body> LoadBodyAsync(string slug, CancellationToken ct) =>
        await db.Bodies.AsNoTracking().Include(b => b.Names).Include(b => b.NationalSolution)
            .SingleOrDefaultAsync(b => b.Slug == slug, ct)
        ?? throw new NotFoundException($"Fant ikke organet «{slug}».");

    private static List<AttendanceLine> BuildAttendance(List<MemberView> serving, IReadOnlyList<MemberView> all, List<Attendance> records)
    {
        var byMember = records.ToDictionary(a => a.MemberId);
        // Members and observers always; substitutes and the secretariat when they were recorded.
        var people = serving.Where(m => m.Role is MemberRole.Member or MemberRole.Observer || byMember.ContainsKey(m.Id))
            .Concat(all.Where(m => byMember.ContainsKey(m.Id) && serving.All(s => s.Id != m.Id)));
        return people.Select(p =>
        {
            byMember.TryGetValue(p.Id, out var a);
            return new AttendanceLine(p.Id, p.Name, p.Organization, p.Role, p.SubstituteFor, a?.Status, a?.ByVideo ?? false, a?.SubstituteName,
                a?.FromTime, a?.UpToCaseId, a?.Note, a?.Describe() ?? "ikke registrert");
        }).ToList();
    }

    internal static BodySummary Summary(Body b, DateOnly on)
    {
        var name = b.NameOn(on);
        return new BodySummary(b.Id, b.Slug, name.Name, name.ShortName, b.Kind, b.NationalSolution?.Name, b.Description, b.QuorumRule, b.QuorumCount,
            b.Names.OrderBy(n => n.ValidFrom).Select(n => new BodyNameView(n.Name, n.ShortName, n.ValidFrom)).ToList(), b.IsDemo, b.DemoNote, b.Version);
    }

    internal static MeetingSummary Summary(Meeting m) =>
        new(m.Id, m.BodyId, m.Body.Slug, m.Body.NameOn(m.Date).Name, m.NumberText, m.Date, m.StartTime, m.EndTime, m.PlaceText, m.IsVideo,
            m.Kind, m.Status, m.IsDemo, m.Version, m.NoticeSentAt, m.UpdatedAt);

    private static MemberView ToView(BodyMember m) =>
        new(m.Id, m.Name, m.Title, m.OrganizationId, m.Organization.Name, m.Role, m.SubstituteForId, m.SubstituteFor?.Name, m.TermStart, m.TermEnd, m.IsDemo, m.Version);

    internal static CaseView ToView(CouncilCase c, AgendaItem? item, bool insider, bool readsComments)
    {
        var date = c.Meeting?.Date ?? new DateOnly(c.Year, 12, 31);
        var bodyName = c.Body.NameOn(date).Name;
        var redacted = c.Confidential && !insider;
        var decidedAt = DecidedAt(c);
        if (redacted)
        {
            return new CaseView(c.Id, c.BodyId, c.Body.Slug, bodyName, c.NumberText, c.Year, c.Number, c.MeetingId, c.Meeting?.NumberText, c.Meeting?.Date,
                c.Meeting?.Status, CaseView.RedactedTitle, c.Type, c.Standing, null, null, null, null, null, null, null, true, c.LegalBasis, true,
                null, null, item?.StartsAt, null, [], [], [], null, c.IsDemo, null, c.UpdatedAt, c.Version, decidedAt, c.DecisionChangedAt);
        }
        var attachments = c.Attachments.OrderBy(a => LabelOrder(a.Label)).ThenBy(a => a.Label).ThenBy(a => a.Id).Select(a =>
            a.Confidential && !insider
                ? new AttachmentView(a.Id, c.Id, a.Label, null, null, null, null, false, true, a.LegalBasis, true, a.Version)
                : new AttachmentView(a.Id, c.Id, a.Label, a.Title, a.FileName, a.ContentType, a.SizeBytes, a.HasFile, a.Confidential, a.LegalBasis, false, a.Version))
            .ToList();
        // Oldest first, as the matter was routed: by meeting or decision date (undated cases last in their year).
        var related = c.Links.OrderBy(l => l.RelatedCase.Meeting?.Date ?? l.RelatedCase.DecidedOn ?? new DateOnly(l.RelatedCase.Year, 12, 31))
            .ThenBy(l => l.RelatedCase.Year).ThenBy(l => l.RelatedCase.Number)
            .Select(l =>
            {
                var r = l.RelatedCase;
                var rName = r.Body.NameOn(r.Meeting?.Date ?? new DateOnly(r.Year, 12, 31));
                var hidden = r.Confidential && !insider;
                return new RelatedDecisionView(r.Id, r.Body.Slug, rName.ShortName ?? rName.Name, r.NumberText, hidden ? CaseView.RedactedTitle : r.Title,
                    r.Meeting?.NumberText, r.Meeting?.Date, r.DecidedOn, hidden ? null : r.Decision, hidden, l.Id);
            }).ToList();
        var references = c.References.OrderBy(r => r.Id).Select(r => new ReferenceView(r.Id, r.Kind,
            r.InitiativeId ?? r.ReportingPeriodId ?? r.CriteriaSetId ?? 0,
            r.Kind switch
            {
                CaseReferenceKind.Initiative => $"Tiltak: {r.Initiative?.Name}",
                CaseReferenceKind.PortfolioPeriod => $"Porteføljerapport for {r.ReportingPeriod?.Name}",
                _ => $"Kriterier for nasjonal e-helseportefølje, versjon {r.CriteriaSet?.Version}",
            }, r.ReportingPeriod?.Code)).ToList();
        var comments = readsComments
            ? c.Comments.OrderBy(x => x.ReceivedOn).ThenBy(x => x.Id)
                .Select(x => new CommentView(x.Id, x.Author, x.Organization?.Name, x.ReceivedOn, x.Text)).ToList()
            : null;
        return new CaseView(c.Id, c.BodyId, c.Body.Slug, bodyName, c.NumberText, c.Year, c.Number, c.MeetingId, c.Meeting?.NumberText, c.Meeting?.Date,
            c.Meeting?.Status, c.Title, c.Type, c.Standing, c.From, c.Officers, c.Purpose, c.Background, c.ProposedDecision, c.Decision, c.DecidedOn,
            c.Confidential, c.LegalBasis, false, c.CommentDeadline, c.CommentDeadlineNote, item?.StartsAt, item?.Presenter,
            attachments, related, references, comments, c.IsDemo, c.DemoNote, c.UpdatedAt, c.Version, decidedAt, c.DecisionChangedAt);
    }

    /// <summary>
    /// The moment a decision is dated by: the end of the meeting that made it (Norwegian time), or noon on the recorded
    /// decision date for a case recorded without its meeting, so it shows as that day wherever the reader is.
    /// </summary>
    private static DateTimeOffset? DecidedAt(CouncilCase c)
    {
        if (c.DecidedOn is not { } d) return null;
        var time = c.Meeting is { } m && m.Date == d ? m.EndTime : new TimeOnly(12, 0);
        return new DateTimeOffset(Documents.ICalendar.OsloToUtc(d, time), TimeSpan.Zero);
    }

    /// <summary>"5A" sorts after "5" and before "6".</summary>
    private static int LabelOrder(string label) => int.TryParse(new string(label.TakeWhile(char.IsDigit).ToArray()), out var n) ? n : int.MaxValue;
}
