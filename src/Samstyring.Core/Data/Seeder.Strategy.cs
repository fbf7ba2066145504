using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Data;

/// <summary>
/// The strategy area, demo mode only. Nasjonal e-helsestrategi 2017–2022 with its six strategic areas as seed 000 lines
/// 527–582 words them, adopted by the board in March 2017 (lines 521–523); and the new strategy from 2023 in draft: the
/// vision proposed in case 40/21 (seed 001 line 2205), the plan to consult on a draft in May 2022 with three months to
/// answer (seed 001 lines 481–483) and the prioritisation of target areas on 4 February 2022 (line 2218). Which initiatives,
/// roadmap services and solutions serve which area is invented (demo links), and some areas and initiatives are left
/// without links on purpose, so the coverage shows gaps.
/// </summary>
public sealed partial class Seeder
{
    public const string Strategy2017Title = "Nasjonal e-helsestrategi 2017–2022";
    public const string Strategy2023Title = "Nasjonal e-helsestrategi fra 2023";
    public const string DemoLinkNote = "Demodata: kildene sier ikke hvilke tiltak, tjenester og løsninger som tjener hvilket område.";

    private static readonly DateTime StrategySeededAt = new(2022, 2, 4, 16, 0, 0, DateTimeKind.Utc);

    /// <summary>The six strategic areas of the 2017–2022 strategy, in the order and words of seed 000 lines 542–582.</summary>
    internal static readonly (string Title, string Goal)[] Areas2017 =
    [
        ("Digitalisering av arbeidsprosesser",
            "IKT-landskapet i helse- og omsorgssektoren skal utvikles i retning av én gjennomgående journalløsning for hele helsetjenesten. "
            + "Digitaliseringen av legemiddelhåndteringen innenfor virksomheter skal fortsette med høy prioritet."),
        ("Bedre sammenheng i pasientforløp",
            "Prioriterte behov for bedre samhandling som må løses på kort- og mellomlang sikt. Disse skal løses med utgangspunkt i eksisterende "
            + "IKT-infrastrukturer og løsninger. Den digitale legemiddelkjeden på tvers i helse- og omsorgssektoren skal styrkes og digitale "
            + "innbyggertjenester skal bidra til styrket implementering av pasientrettighetene. Et utvalg av viktige helseopplysninger skal være "
            + "tilgjengelige ved behov i den akuttmedisinske kjeden."),
        ("Bedre bruk av helsedata",
            "Innrapportering, uthenting og sammenstilling av helsedata fra helseregistre skal forenkles."),
        ("Helsehjelp på nye måter",
            "Det skal legges til rette for raskere spredning og innovasjon av velferdsteknologi i helse- og omsorgstjenesten."),
        ("Felles grunnmur for digitale tjenester",
            "Den nasjonale IKT-grunnmuren skal styrkes for å kunne realisere løsninger mellom virksomheter i sektoren."),
        ("Nasjonal styring av e-helse og økt gjennomføringsevne",
            "Styring, finansiering, leveranse, organisering og implementering av e-helse skal bidra til å realisere e-helse på en raskere og "
            + "mer kostnadseffektiv måte."),
    ];

    public const string Vision2023 = "Sammen om helhetlige, trygge og nyskapende tjenester som fremmer helse og mestring";
    public const string Plan2023 = "Utkast til ny e-helsestrategi skal etter plan sendes på høring i løpet av mai 2022, med tre måneders høringsfrist.";

    /// <summary>Demo links: area number → initiative names, roadmap service keys (version 1.0) and solution keys. Area 6 has none.</summary>
    private static readonly Dictionary<int, (string[] Initiatives, string[] Services, string[] Solutions)> DemoLinks2017 = new()
    {
        [1] = (["Felles kommunal journal (Akson)", "Helseplattformen", "Regional klinisk løsning i Helse Sør-Øst",
                "Innføring av sentral forskrivningsmodul (SFM)", "Elektronisk kurve og medikasjon i Helse Vest"],
            [], ["forskrivningsmodulen"]),
        [2] = (["Program pasientens legemiddelliste", "Program digital samhandling", "Kjernejournal dokumentdeling",
                "Kritisk informasjon i kjernejournal og fagsystemer", "Pasientens prøvesvar", "DigiHelse – digitale innbyggertjenester i kommunene",
                "Nasjonalt koronasertifikat"],
            ["helsenorge-innbyggertjenester", "kritisk-informasjon", "journaldokumenter", "dialogmeldinger"],
            ["kjernejournal", "pasientens-legemiddelliste", "dokumentdeling", "kritisk-informasjon", "helsenorge", "e-resept"]),
        [3] = (["Helsedataprogrammet", "Legemiddelregisteret", "Videreutvikling av Kommunalt pasient- og brukerregister (KPR)", "Nasjonal Tarmscreening"],
            [], ["helsedataservice"]),
        [4] = (["Nasjonalt velferdsteknologiprogram", "Digital hjemmeoppfølging og prosessplattform",
                "Nasjonale tjenester for datadeling for digital hjemmeoppfølging", "Velferdsteknologisk knutepunkt som nasjonal løsning"],
            [], ["velferdsteknologisk-knutepunkt", "datadeling-hjemmeoppfolging"]),
        [5] = (["Innføring av HelseID i fagsystemer", "Modernisering av grunndata", "Prosjekt TAG – tillitstjenester"],
            [], ["helsenettet", "grunndata", "helseid", "preg"]),
    };

    private async Task SeedDemoStrategyAsync(CancellationToken ct)
    {
        var cases = await db.Cases.Where(c => c.Body.Slug == "nasjonalt-e-helserad" && c.Year == 2021 && (c.Number == 27 || c.Number == 40))
            .ToDictionaryAsync(c => c.Number, ct);

        var old = new Strategy.Strategy
        {
            Title = Strategy2017Title, FromYear = 2017, ToYear = 2022, Status = StrategyStatus.Adopted,
            Vision = "",
            Source = "Direktoratet for e-helse (2017). Nasjonal e-helsestrategi og handlingsplan 2017-2022",
            CreatedBy = "demo", CreatedAt = StrategySeededAt,
        };
        old.Steps.Add(new StrategyStep
        {
            On = new DateOnly(2017, 3, 1), Status = StrategyStatus.Adopted,
            Description = "I mars 2017 ga Nasjonalt e-helsestyre sin tilslutning til nasjonal e-helsestrategi og handlingsplan for 2017-2022.",
            Reference = "Nasjonalt e-helsestyre, mars 2017", IsDemo = true,
            DemoNote = "Kilden sier «I mars 2017» (seed 000 linje 521); dagen er ikke oppgitt, og den 1. er brukt.",
            RecordedBy = "demo", RecordedAt = StrategySeededAt,
        });
        for (var n = 0; n < Areas2017.Length; n++)
            old.Areas.Add(new TargetArea { Number = n + 1, Title = Areas2017[n].Title, Goal = Areas2017[n].Goal });
        db.Strategies.Add(old);

        var next = new Strategy.Strategy
        {
            Title = Strategy2023Title, FromYear = 2023, ToYear = 2030, Status = StrategyStatus.Draft, Vision = Vision2023, Plan = Plan2023,
            IsDemo = true, DemoNote = "Sluttåret 2030 er antatt; kildene sier bare «fra 2023».", CreatedBy = "demo", CreatedAt = StrategySeededAt,
        };
        next.Steps.Add(new StrategyStep
        {
            On = new DateOnly(2021, 9, 22), Status = StrategyStatus.Draft, Case = cases.GetValueOrDefault(27),
            Description = "Plan for arbeidet med ny nasjonal e-helsestrategi lagt fram: kunnskapsgrunnlag i 2021, deretter ambisjon og visjon, "
                          + "strategiske valg og hvordan strategien skal styres og følges opp.",
            RecordedBy = "demo", RecordedAt = StrategySeededAt,
        });
        next.Steps.Add(new StrategyStep
        {
            On = new DateOnly(2021, 12, 9), Status = StrategyStatus.Draft, Case = cases.GetValueOrDefault(40),
            Description = "Forslag til visjon og evalueringsprinsipper for å prioritere strategiske målområder. Forslag til vedtak: Nasjonalt "
                          + "e-helsestyre gir sin anbefaling til visjon og ber i tillegg Direktoratet for e-helse ta med seg innspill til "
                          + "evalueringsprinsipper i det videre strategiarbeidet.",
            RecordedBy = "demo", RecordedAt = StrategySeededAt,
        });
        next.Steps.Add(new StrategyStep
        {
            On = new DateOnly(2022, 2, 4), Status = StrategyStatus.Draft,
            Description = "Prioritering av strategiske målområder i ny e-helsestrategi.",
            Reference = "Nasjonalt e-helsestyre 4. februar 2022", IsDemo = true,
            DemoNote = "Sak 40/21 sier at målområdene skulle prioriteres i møtet 4. februar (seed 001 linje 2218); at det skjedde, er antatt.",
            RecordedBy = "demo", RecordedAt = StrategySeededAt,
        });
        db.Strategies.Add(next);
        await db.SaveChangesAsync(ct);

        var initiatives = await db.Initiatives.ToDictionaryAsync(i => i.Name, i => i.Id, ct);
        var services = await db.RoadmapServices.Where(s => s.RoadmapVersion.Number == "1.0").ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        var solutions = await db.NationalSolutions.ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        foreach (var area in old.Areas)
        {
            if (!DemoLinks2017.TryGetValue(area.Number, out var links)) continue;
            foreach (var name in links.Initiatives)
                area.Initiatives.Add(new TargetAreaInitiative
                {
                    InitiativeId = initiatives.TryGetValue(name, out var id) ? id : throw new InvalidDataException($"Strategi-demodata: ukjent tiltak «{name}»."),
                    IsDemo = true,
                });
            foreach (var key in links.Services)
                area.Services.Add(new TargetAreaService
                {
                    ServiceId = services.TryGetValue(key, out var id) ? id : throw new InvalidDataException($"Strategi-demodata: ukjent veikarttjeneste «{key}»."),
                    IsDemo = true,
                });
            foreach (var key in links.Solutions)
                area.Solutions.Add(new TargetAreaSolution
                {
                    SolutionId = solutions.TryGetValue(key, out var id) ? id : throw new InvalidDataException($"Strategi-demodata: ukjent løsning «{key}»."),
                    IsDemo = true,
                });
        }
        await db.SaveChangesAsync(ct);
    }
}
