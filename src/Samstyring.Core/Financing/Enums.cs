using Samstyring.Core.Common;

namespace Samstyring.Core.Financing;

/// <summary>The groups that share a solution's cost (issue 11). The seeds give no split; every share is data.</summary>
public enum PayerGroup
{
    [Label("Staten")] State,
    [Label("Regionale helseforetak")] RegionalHealthAuthorities,
    [Label("Kommuner")] Municipalities,
    [Label("Fastleger")] GeneralPractitioners,
    [Label("Apotek")] Pharmacies,
    [Label("Andre")] Others,
}

/// <summary>How a group's share is divided among its actors (fordelingsnøkkel).</summary>
public enum DistributionKey
{
    /// <summary>By population on a reference date, from the actor registry (municipalities).</summary>
    [Label("Etter folketall")] Population,
    /// <summary>A fixed weight per actor (the regional health authorities' agreed key).</summary>
    [Label("Fast nøkkel per aktør")] Fixed,
    /// <summary>A count of use per actor for the year.</summary>
    [Label("Etter bruk")] Usage,
    [Label("Like deler")] Equal,
}

/// <summary>How a group's share is collected.</summary>
public enum CollectionMethod
{
    /// <summary>Invoiced by the national supplier function (Norsk Helsenett).</summary>
    [Label("Faktura fra leverandør")] Invoice,
    /// <summary>Deducted from the municipalities' block grant (trekk i rammetilskuddet).</summary>
    [Label("Trekk i rammetilskuddet")] BlockGrantDeduction,
    /// <summary>Paid over the state budget (no invoice).</summary>
    [Label("Over statsbudsjettet")] StateBudget,
}

/// <summary>The steps of the yearly change (seed 004 lines 727–733), in order; a price model's status is its latest step.</summary>
public enum PriceModelStatus
{
    [Label("Utkast")] Draft,
    [Label("Behandlet i rådsmodellen")] CouncilCase,
    [Label("Beregnet av teknisk beregningsutvalg")] TbuCalculation,
    [Label("På offentlig høring")] PublicConsultation,
    [Label("Drøftet i konsultasjonene mellom staten og KS")] KsConsultation,
    [Label("Vedtatt")] Adopted,
    /// <summary>An adopted model that a later adopted model for the same year replaced.</summary>
    [Label("Erstattet")] Replaced,
}
