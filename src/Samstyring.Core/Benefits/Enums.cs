using Samstyring.Core.Common;

namespace Samstyring.Core.Benefits;

/// <summary>
/// Nyttevirkning: the kinds of benefit the sources name, in their words (seed 001 lines 1816–1820, 1994–1999 and 1955–1960:
/// «Frigjort tid for personell som jobber i helse- og omsorgstjenesten», «Færre uønskede hendelser …», «Bedre
/// innbyggeropplevelse og økt tillit …», «Bedre IKT-sikkerhet og enklere ivaretakelse av personvern», «Bedre
/// styringsinformasjon …», «Økt innovasjon og tjenesteutvikling …»).
/// </summary>
public enum BenefitType
{
    [Label("Frigjort tid for personell")] FreedStaffTime,
    [Label("Færre uønskede hendelser")] FewerAdverseEvents,
    [Label("Bedre innbyggeropplevelse og økt tillit")] CitizenExperience,
    [Label("Bedre IKT-sikkerhet og personvern")] SecurityAndPrivacy,
    [Label("Bedre styringsinformasjon")] ManagementInformation,
    [Label("Økt innovasjon")] Innovation,
}

/// <summary>Who gains, as seed 002 (lines 3241–3530, «Nyttevirkninger for …») divides the benefits of milestone M2.</summary>
public enum Stakeholder
{
    [Label("Innbygger")] Citizen,
    [Label("Kommunal helse- og omsorgstjeneste")] MunicipalHealthCare,
    [Label("Spesialisthelsetjenesten")] SpecialistHealthCare,
    [Label("Samfunnet")] Society,
}

/// <summary>How a benefit stands against its plan (see <see cref="BenefitProgress"/>).</summary>
public enum BenefitTrack
{
    [Label("I rute")] OnTrack,
    [Label("I faresonen")] AtRisk,
    [Label("Forsinket")] Late,
    [Label("Ikke rapportert")] NotReported,
}
