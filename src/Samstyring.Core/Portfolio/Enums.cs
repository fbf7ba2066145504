using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

public enum InitiativeKind
{
    [Label("Prosjekt")] Project,
    [Label("Program")] Programme,
    [Label("Innføringsprosjekt")] RolloutProject,
    [Label("Konseptarbeid")] ConceptWork,
}

public enum Lifecycle
{
    [Label("Kandidat")] Candidate,
    [Label("Aktiv")] Active,
    [Label("Pause")] Paused,
    [Label("Ferdigstilt")] Completed,
    [Label("Gått ut av porteføljen")] Left,
}

/// <summary>Phases of Digdir's Prosjektveiviseren; each transition is a decision point.</summary>
public enum Phase
{
    [Label("Idé")] Ide,
    [Label("Konsept")] Konsept,
    [Label("Planlegging")] Planlegging,
    [Label("Gjennomføring")] Gjennomforing,
    [Label("Avslutning")] Avslutning,
    [Label("Gevinstrealisering")] Gevinstrealisering,
}

/// <summary>The segment sets the reporting burden: Samstyring the most, Observasjon the least.</summary>
public enum Segment
{
    [Label("Samstyring")] Samstyring,
    [Label("Koordinering")] Koordinering,
    [Label("Observasjon")] Observasjon,
}

public enum Rag
{
    [Label("Grønn")] Green,
    [Label("Gul")] Yellow,
    [Label("Rød")] Red,
}

public enum Criticality
{
    [Label("Lav")] Low,
    [Label("Middels")] Medium,
    [Label("Høy")] High,
}

public enum DependencyTargetKind
{
    [Label("Tiltak")] Initiative,
    [Label("Nasjonal løsning")] Solution,
    [Label("Aktør")] Organization,
}

/// <summary>Where a proposed initiative is in the submission flow.</summary>
public enum SubmissionState
{
    [Label("Foreslått")] Proposed,
    [Label("Anbefalt av KS")] EndorsedByKs,
    [Label("Returnert av KS")] ReturnedByKs,
    [Label("Tatt inn i porteføljen")] Included,
    [Label("Ikke tatt inn")] Rejected,
}

public enum SubmissionAction
{
    [Label("Foreslått")] Proposed,
    [Label("Anbefalt av KS-koordinator")] KsEndorsed,
    [Label("Returnert av KS-koordinator")] KsReturned,
    [Label("Vurdert av porteføljekontoret")] Assessed,
    [Label("Tatt inn i porteføljen")] Included,
    [Label("Ikke tatt inn i porteføljen")] Rejected,
    [Label("Sendt inn på nytt")] Resubmitted,
}

public enum ReportingCadence
{
    [Label("Månedlig")] Monthly,
    [Label("Tertial")] Tertial,
    [Label("Kvartal")] Quarterly,
}
