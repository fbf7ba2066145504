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
public sealed class CouncilQueries(SamstyringDb db)
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
            })).ToList();
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
