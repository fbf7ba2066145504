using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Benefits;

namespace Samstyring.Core.Data;

/// <summary>
/// The benefits area, demo data only. The benefit types and stakeholders are the sources' (seed 001 lines 1816–1820 and
/// 1994–1999, seed 002 lines 3241–3530); the indicators, figures and realised values are invented to show the pages and are
/// marked as demo data. Kjernejournal dokumentdeling has one benefit on track and one late, pasientens legemiddelliste
/// one at risk, Oslo's digital home follow-up one not yet reported, and Program digital samhandling an analysis with two
/// alternatives (seed 001 line 1712: the prioritised solution is the one with «størst netto nåverdi»).
/// </summary>
public sealed partial class Seeder
{
    public const string DemoBenefitNote = "Demodata: indikatorer, tall og realiserte verdier er oppdiktet";

    private async Task SeedDemoBenefitsAsync(Dictionary<string, Organization> orgs, CancellationToken ct)
    {
        var periods = await db.ReportingPeriods.Where(p => p.Year == 2021).ToDictionaryAsync(p => p.Code, ct);
        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Name, ct);
        Benefit Add(string initiative, string owner, string title, BenefitType type, Stakeholder stakeholder, string indicator, string unit,
            decimal baseline, decimal target, DateOnly due, long? nokPerUnitOre, string[] actions, params (string Period, decimal Value)[] realised)
        {
            var b = new Benefit
            {
                Initiative = initiatives[initiative], Owner = orgs[owner], Title = title, Type = type, Stakeholder = stakeholder,
                Indicator = indicator, Unit = unit, Baseline = baseline, BaselineOn = new DateOnly(2021, 1, 1), Target = target, TargetDue = due,
                ValuedInNok = nokPerUnitOre is not null, NokPerUnitOre = nokPerUnitOre, Actions = string.Join("\n", actions), IsDemo = true,
            };
            foreach (var (period, value) in realised)
                b.Values.Add(new BenefitValue
                {
                    Period = periods[period], Value = value, Comment = DemoBenefitNote + ".", ReportedBy = "demo",
                    ReportedAt = new DateTime(2021, 10, 29, 12, 0, 0, DateTimeKind.Utc), IsDemo = true,
                });
            db.Benefits.Add(b);
            return b;
        }

        // On track: 8 of 60 hours saved by the end of 2021, against 8,6 planned on the line to the end of 2027.
        Add("Kjernejournal dokumentdeling", "helse-sor-ost", "Frigjort tid for personell som jobber i helse- og omsorgstjenesten",
            BenefitType.FreedStaffTime, Stakeholder.MunicipalHealthCare,
            "Tid brukt på å innhente dokumenter fra spesialisthelsetjenesten i pilotkommunene", "timer per uke", 120m, 60m, new DateOnly(2027, 12, 31),
            80_000, ["Dokumentdeling tas i bruk i pilotkommunene", "Opplæring av helsepersonell i kommunene"],
            ("2021-T1", 119m), ("2021-T2", 116m), ("2021-T3", 112m));
        // Late: due at the end of 2025, and still far from the target.
        Add("Kjernejournal dokumentdeling", "helse-sor-ost", "Færre uønskede hendelser i helse- og omsorgstjenesten",
            BenefitType.FewerAdverseEvents, Stakeholder.SpecialistHealthCare,
            "Meldte avvik der dokumentasjon manglet ved innleggelse", "avvik per tertial", 40m, 20m, new DateOnly(2025, 12, 31),
            null, ["Rutine for å slå opp dokumenter ved innleggelse", "Avviksgjennomgang hvert tertial"],
            ("2021-T2", 39m), ("2021-T3", 38m));
        // At risk: no change by the end of 2021, against 13 % of the way planned on the line to mid-2028.
        Add("Program pasientens legemiddelliste", "ehelse", "Bedre innbyggeropplevelse og økt tillit til helse- og omsorgstjenesten",
            BenefitType.CitizenExperience, Stakeholder.Citizen,
            "Andel innbyggere som opplever at legemiddellisten deres er riktig", "prosent", 60m, 80m, new DateOnly(2028, 6, 30),
            null, ["Pasientens legemiddelliste vises i innbyggertjenestene på helsenorge.no"],
            ("2021-T3", 60m));
        Add("Program pasientens legemiddelliste", "ehelse", "Bedre IKT-sikkerhet og enklere ivaretakelse av personvern",
            BenefitType.SecurityAndPrivacy, Stakeholder.Society,
            "Legemiddelopplysninger sendt som usikret e-post eller faks", "forsendelser per måned", 500m, 50m, new DateOnly(2028, 12, 31),
            null, ["Utfasing av faks for legemiddelopplysninger"]);
        Add("Digital hjemmeoppfølging i Oslo kommune", "kommune:0301", "Frigjort tid for personell som jobber i helse- og omsorgstjenesten",
            BenefitType.FreedStaffTime, Stakeholder.MunicipalHealthCare,
            "Hjemmebesøk som erstattes av digital oppfølging", "besøk per måned", 0m, 400m, new DateOnly(2027, 12, 31),
            150_000, ["Utvidelse til alle bydeler"]);

        var analysis = new BenefitAnalysis
        {
            Initiative = initiatives["Program digital samhandling"], DiscountRateBasisPoints = DiscountRate.Default, IsDemo = true,
            Note = DemoBenefitNote + "; alternativene følger inndelingen i prioritert løsning og kuttliste (seed 001 linje 1710–1714).",
        };
        AnalysisAlternative Alternative(int number, string name, string effects, long[] costsMillions, long[] benefitsMillions)
        {
            var a = new AnalysisAlternative { Number = number, Name = name, NonValuedEffects = effects };
            for (var k = 0; k < costsMillions.Length; k++)
                a.Years.Add(new AlternativeYear { Year = 2022 + k, CostOre = costsMillions[k] * 100_000_000, BenefitOre = benefitsMillions[k] * 100_000_000 });
            return a;
        }
        analysis.Alternatives.Add(Alternative(1, "Prioritert løsning",
            "Bedre innbyggeropplevelse og økt tillit\nBedre IKT-sikkerhet og personvern",
            [120, 90, 40, 30, 30, 30, 30, 30, 30, 30], [0, 20, 70, 90, 100, 100, 100, 100, 100, 100]));
        analysis.Alternatives.Add(Alternative(2, "Prioritert løsning og kuttliste",
            "Bedre innbyggeropplevelse og økt tillit\nBedre IKT-sikkerhet og personvern\nØkt innovasjon",
            [150, 140, 80, 45, 45, 45, 45, 45, 45, 45], [0, 20, 80, 105, 115, 120, 120, 120, 120, 120]));
        db.BenefitAnalyses.Add(analysis);
        await db.SaveChangesAsync(ct);
    }
}
