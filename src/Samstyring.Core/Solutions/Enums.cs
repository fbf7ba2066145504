using Samstyring.Core.Common;

namespace Samstyring.Core.Solutions;

/// <summary>What kind of entry a catalogue entry is.</summary>
public enum SolutionKind
{
    /// <summary>The four of seed 004: Helsenettet, Kjernejournal, E-resept and Helsenorge.</summary>
    [Label("Nasjonal e-helseløsning")] NationalSolution,
    /// <summary>The prioritised collaboration areas of seed 004 (pasientens legemiddelliste, dokumentdeling, …).</summary>
    [Label("Prioritert samhandlingsområde")] CollaborationArea,
    /// <summary>Other national services and components the seeds name (grunndata, HelseID, multidose, …).</summary>
    [Label("Nasjonal tjeneste eller komponent")] Service,
    /// <summary>Governing documentation in the grunnmur: Normen, kodeverk, standarder, arkitektur.</summary>
    [Label("Styrende dokumentasjon")] Standard,
}

/// <summary>Livsløp: where a solution is in its life, as dated events.</summary>
public enum SolutionLifecycle
{
    [Label("Planlagt")] Planned,
    [Label("Under utvikling")] InDevelopment,
    [Label("I drift")] InOperation,
    [Label("Under overføring")] BeingTransferred,
    [Label("Avviklet")] Retired,
}

/// <summary>The financing models of seed 000 (lines 888–917).</summary>
public enum FinancingModel
{
    [Label("Myndighetsoppgave finansiert over statsbudsjettet")] StateBudget,
    [Label("Leveranse samfinansiert av sektoren")] SectorCoFinanced,
    [Label("Obligatorisk samfinansiering (felles grunnmur)")] MandatoryCoFinancing,
    [Label("Frivillig kjøp til fullkostpris")] VoluntaryPurchase,
}

/// <summary>Innføringsstatus, in the seeds' own words (seed 001 lines 1486–1488, seed 004 lines 419–423), in order.</summary>
public enum AdoptionStage
{
    /// <summary>No recorded step, or a step taken back.</summary>
    [Label("Ikke startet")] NotStarted,
    [Label("Meldt inn ønske")] Interest,
    [Label("I gang med å innføre")] Adopting,
    [Label("Teknisk klar")] TechnicallyReady,
    [Label("Tatt i bruk")] InUse,
}

/// <summary>The actor groups adoption is counted in. Municipalities are counted one by one; the others as aggregated counts.</summary>
public enum AdoptionGroup
{
    [Label("Kommuner")] Municipalities,
    [Label("Helseforetak")] HealthTrusts,
    [Label("Fastlegekontor")] GpOffices,
    [Label("Apotek")] Pharmacies,
    [Label("Andre")] Other,
}

/// <summary>How a target is measured: a number of actors or a share of them.</summary>
public enum TargetMeasure
{
    [Label("Antall")] Count,
    [Label("Andel (prosent)")] Percent,
}
