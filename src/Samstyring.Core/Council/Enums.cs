using Samstyring.Core.Common;

namespace Samstyring.Core.Council;

public enum BodyKind
{
    [Label("Styre/råd")] Board,
    [Label("Prioriteringsutvalg")] PrioritisationCommittee,
    [Label("Fagutvalg")] ProfessionalCommittee,
    [Label("Produktstyre")] ProductBoard,
    [Label("Programstyre")] ProgrammeBoard,
    [Label("Annet organ")] Other,
}

/// <summary>How many voting members must be present for the body to make decisions.</summary>
public enum QuorumRule
{
    [Label("Ingen krav")] None,
    [Label("Mer enn halvparten av medlemmene")] Majority,
    [Label("Minst to tredjedeler av medlemmene")] TwoThirds,
    [Label("Minst et fast antall medlemmer")] AtLeast,
}

public enum MemberRole
{
    [Label("Medlem")] Member,
    [Label("Observatør")] Observer,
    [Label("Stedfortreder")] Substitute,
    [Label("Sekretariat")] Secretariat,
}

public enum MeetingKind
{
    [Label("Ordinært møte")] Ordinary,
    [Label("Ekstramøte")] Extra,
}

public enum MeetingStatus
{
    [Label("Planlagt")] Planned,
    [Label("Innkalling sendt")] NoticeSent,
    [Label("Avholdt")] Held,
    [Label("Referat godkjent")] MinutesApproved,
    [Label("Avlyst")] Cancelled,
}

public enum AgendaItemKind
{
    [Label("Sak")] Case,
    [Label("Pause")] Break,
}

public enum AttendanceStatus
{
    [Label("Til stede")] Present,
    [Label("Ikke til stede")] Absent,
    [Label("Stedfortreder møtte")] Substitute,
}

/// <summary>Sakstype. The codes are the API contract: godkjenning, orientering, drofting, anbefaling, eventuelt.</summary>
public enum CaseType
{
    [Label("Godkjenning")] Godkjenning,
    [Label("Orientering")] Orientering,
    [Label("Drøfting")] Drofting,
    [Label("Anbefaling")] Anbefaling,
    [Label("Eventuelt")] Eventuelt,
}

/// <summary>The standing first cases of a meeting, created with it.</summary>
public enum StandingCase
{
    [Label("Vanlig sak")] None,
    [Label("Godkjenning av innkalling og dagsorden")] NoticeApproval,
    [Label("Godkjenning av referat")] MinutesApproval,
}
