using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

// Read models for pages, the API, feeds and documents. They are built in one place (CouncilQueries) and carry
// confidential content only for readers allowed to see it: a redacted case keeps its number and legal basis, nothing else.

public sealed record BodyNameView(string Name, string? ShortName, DateOnly ValidFrom);

public sealed record BodySummary(int Id, string Slug, string Name, string? ShortName, BodyKind Kind, string? Solution, string Description,
    QuorumRule QuorumRule, int? QuorumCount, IReadOnlyList<BodyNameView> Names, bool IsDemo, string? DemoNote, int Version)
{
    public string QuorumText => QuorumRule == QuorumRule.AtLeast ? $"Minst {QuorumCount} medlemmer til stede" : Common.EnumText.Label(QuorumRule);
}

public sealed record MandateView(int Id, DateOnly ValidFrom, string Text, int? AdoptedInCaseId, string? AdoptedInCase, bool IsDemo);

public sealed record MemberView(int Id, string Name, string? Title, int OrganizationId, string Organization, MemberRole Role,
    int? SubstituteForId, string? SubstituteFor, DateOnly TermStart, DateOnly? TermEnd, bool IsDemo, int Version)
{
    public string RoleText => Role == MemberRole.Substitute && SubstituteFor is not null ? $"Stedfortreder for {SubstituteFor}" : Common.EnumText.Label(Role);
}

public sealed record MeetingSummary(int Id, int BodyId, string BodySlug, string BodyName, string Number, DateOnly Date, TimeOnly StartTime,
    TimeOnly EndTime, string Place, bool IsVideo, MeetingKind Kind, MeetingStatus Status, bool IsDemo, int Version,
    DateTime? NoticeSentAt, DateTime UpdatedAt)
{
    public string Title => $"{(Kind == MeetingKind.Extra ? "Ekstramøte" : "Møte")} {Number} i {BodyName}";
    public string TimeText => $"kl. {StartTime:HH\\.mm}–{EndTime:HH\\.mm}";

    /// <summary>Whether the notice went out (meetings held before the product was used have no time recorded for it).</summary>
    public bool NoticeSent => NoticeSentAt is not null || Status is MeetingStatus.NoticeSent or MeetingStatus.Held or MeetingStatus.MinutesApproved;

    /// <summary>
    /// Planned without a notice: public with its date and place, which may still change, but without its agenda (foreløpig;
    /// TENTATIVE in the calendar).
    /// </summary>
    public bool Tentative => Status == MeetingStatus.Planned;
}

public sealed record AttachmentView(int Id, int CaseId, string Label, string? Title, string? FileName, string? ContentType, long? SizeBytes,
    bool HasFile, bool Confidential, string? LegalBasis, bool Redacted, int Version)
{
    public string DisplayTitle => Redacted ? $"Unntatt offentlighet ({LegalBasis})" : Title ?? "";
}

public sealed record RelatedDecisionView(int CaseId, string BodySlug, string BodyName, string Number, string? Title, string? MeetingNumber,
    DateOnly? MeetingDate, DateOnly? DecidedOn, string? Decision, bool Redacted, int LinkId)
{
    /// <summary>
    /// When the case was treated, as the case papers write it: "møte 5/2021, 19. november 2021", or for a case recorded
    /// without its meeting only the month of the decision ("desember 2020"), which is all the sources give.
    /// </summary>
    public string? When => MeetingDate is { } md ? $"møte {MeetingNumber}, {Norwegian.Date(md)}"
        : DecidedOn is { } d ? Norwegian.MonthYear(d) : null;
}

/// <param name="PeriodCode">For a portfolio report: the reporting period's code, for linking to that report.</param>
public sealed record ReferenceView(int Id, CaseReferenceKind Kind, int TargetId, string Label, string? PeriodCode = null);

/// <summary>Input on a case: internal working material, read by members and the secretariat only.</summary>
public sealed record CommentView(int Id, string Author, string? Organization, DateOnly ReceivedOn, string Text);

// Comments is null for readers outside the council (input withheld), which is not the same as none received (empty).
// DecidedAt is the moment a decision is dated by; DecisionChangedAt a later change to it, if any.
public sealed record CaseView(int Id, int BodyId, string BodySlug, string BodyName, string Number, int Year, int Seq,
    int? MeetingId, string? MeetingNumber, DateOnly? MeetingDate, MeetingStatus? MeetingStatus,
    string Title, CaseType Type, StandingCase Standing, string? From, string? Officers, string? Purpose, string? Background,
    string? ProposedDecision, string? Decision, DateOnly? DecidedOn, bool Confidential, string? LegalBasis, bool Redacted,
    DateOnly? CommentDeadline, string? CommentDeadlineNote, TimeOnly? StartsAt, string? Presenter,
    IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<RelatedDecisionView> Related, IReadOnlyList<ReferenceView> References,
    IReadOnlyList<CommentView>? Comments, bool IsDemo, string? DemoNote, DateTime UpdatedAt, int Version,
    DateTimeOffset? DecidedAt, DateTime? DecisionChangedAt)
{
    public const string RedactedTitle = "Unntatt offentlighet";
    public bool IsDecided => Decision is not null;
    public string Heading => $"Sak {Number} {Title}";

    /// <summary>"9. desember 2021 i møte 6/2021"; a case recorded without its meeting only has the month the sources give.</summary>
    public string DecidedWhen => MeetingNumber is { } mn ? $"{Norwegian.Date(DecidedOn)} i møte {mn}".TrimStart()
        : DecidedOn is { } d ? Norwegian.MonthYear(d) : "";
}

public sealed record AgendaLine(int Id, int Position, TimeOnly? StartsAt, AgendaItemKind Kind, string? Title, string? Presenter, CaseView? Case);

public sealed record AttendanceLine(int MemberId, string Name, string Organization, MemberRole Role, string? SubstituteFor,
    AttendanceStatus? Status, bool ByVideo, string? SubstituteName, TimeOnly? FromTime, int? UpToCaseId, string? Note, string Description);

public sealed record MeetingView(MeetingSummary Meeting, BodySummary Body, bool AgendaPublished, IReadOnlyList<AgendaLine> Agenda,
    IReadOnlyList<CaseView> Cases, IReadOnlyList<MemberView> Members, IReadOnlyList<AttendanceLine> Attendance, QuorumResult Quorum,
    string? OtherAttendees, string? MinutesNote, IReadOnlyList<MeetingSummary> ApprovesMinutesOf, MeetingSummary? MinutesApprovedIn,
    CaseView? MinutesApprovalCase, DateTime? NoticeSentAt, bool CanSeeConfidential, string? DemoNote)
{
    public int Id => Meeting.Id;
    public int Version => Meeting.Version;
    public IEnumerable<AttachmentView> AllAttachments => Cases.SelectMany(c => c.Attachments);
}

/// <summary>A column of the årshjul: the body under the name it had at the end of the year shown.</summary>
public sealed record CycleBody(int Id, string Slug, string Name, string? ShortName);

/// <summary>A meeting in the årshjul, with the body's name on the meeting day.</summary>
public sealed record CycleMeeting(int Id, int BodyId, string BodySlug, string BodyName, string Number, DateOnly Date, MeetingKind Kind, MeetingStatus Status);

/// <summary>The årshjul for one year: every body, its recurring case templates per month, and that year's meetings.</summary>
public sealed record CycleYear(int Year, IReadOnlyList<CycleBody> Bodies, IReadOnlyList<CycleItem> Items, IReadOnlyList<CycleMeeting> Meetings)
{
    public IEnumerable<CycleItem> ItemsIn(int bodyId, int month) => Items.Where(i => i.BodyId == bodyId && i.Month == month);
    public IEnumerable<CycleMeeting> MeetingsIn(int bodyId, int month) => Meetings.Where(m => m.BodyId == bodyId && m.Date.Month == month);
}

/// <summary>A case with a comment deadline, as the secretariat's start page lists it: the body under its name on the meeting day.</summary>
public sealed record CommentDeadline(int CaseId, string Number, string Title, string BodyName, DateOnly Date, string? Note, int? MeetingId, string? MeetingNumber, int Comments);

/// <summary>The case in which a held meeting's minutes are to be approved, and that case's meeting.</summary>
public sealed record MinutesApproval(int CaseId, string CaseNumber, int? MeetingId, string? MeetingNumber);
