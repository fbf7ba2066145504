using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Evaluation;

namespace Samstyring.Core.Data;

/// <summary>
/// Evaluation against principles. Reference data in every database: principle set 1 for target areas, the 11 evaluation
/// principles Nasjonalt e-helsestyre was asked about in case 40/21 (seed 001 lines 2236–2258), in the case's order and
/// words. Demo mode only: a principle set for candidate initiatives (invented:
/// the sources give none, marked as demodata); and the round
/// "Prioritering av målområder 2023" with invented proposals from different actors, two panel members' invented scores
/// and the weights not yet decided (equal).
/// </summary>
public sealed partial class Seeder
{
    public const string DemoEvaluationTitle = "Prioritering av målområder 2023";

    /// <summary>«Det enkelte målområdet skal …» – the principles of case 40/21, word for word.</summary>
    public static readonly string[] Principles40_21 =
    [
        "Bidra til forebygging og pasientsikkerhet",
        "Bidra til folkehelse og helseberedskap",
        "Bidra til digital sikkerhet",
        "Istandsette innbygger til å være aktiv i å forebygge sykdom, ta del i behandling og mestre egen hverdag",
        "Bidra til mer brukertilpassede digitale tjenester og verktøy for innbygger",
        "Bidra til mer brukertilpassede digitale tjenester og verktøy for helsepersonell",
        "Legge til rette for helhetlig og sammenhengende tjenester på tvers av aktører og forvaltningsnivåer i og mellom sektorer",
        "Styrke innsatsen på områder med gjensidige avhengigheter på tvers av aktører i og mellom sektorer",
        "Stimulere til økt innovasjon, herunder bidra til økt bruk av kunnskap og innsikt",
        "Bidra til læring og gjenbruk av løsninger og kompetanse – felles interesser løses en gang",
        "Tilrettelegge for innføring og realisering av gevinster",
    ];

    private static readonly DateTime EvaluationSeededAt = new(2021, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The principles of case 40/21 as principle set 1 for target areas: reference data, in every database.</summary>
    private static PrincipleSet ReferencePrinciples() => new()
    {
        Version = "1", Purpose = EvaluationPurpose.TargetAreas, IsCurrent = true,
        Title = "Evalueringsprinsipper for strategiske målområder",
        SourceCase = "Nasjonalt e-helsestyre sak 40/21",
        Principles = Principles40_21.Select((t, i) => new Principle { Number = i + 1, Text = t }).ToList(),
    };

    private async Task SeedReferencePrinciplesAsync(CancellationToken ct)
    {
        db.PrincipleSets.Add(ReferencePrinciples());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the principles of case 40/21 to a database that has no principle set for target areas (one created before they
    /// were reference data). A database with any such set is left alone. Returns how many sets were added.
    /// </summary>
    private async Task<int> TopUpPrinciplesAsync(CancellationToken ct)
    {
        if (await db.PrincipleSets.AnyAsync(s => s.Purpose == EvaluationPurpose.TargetAreas, ct)) return 0;
        db.PrincipleSets.Add(ReferencePrinciples());
        return 1;
    }

    private async Task SeedDemoPrinciplesAsync(CancellationToken ct)
    {
        db.PrincipleSets.Add(new PrincipleSet
        {
            Version = "1", Purpose = EvaluationPurpose.Initiatives, IsCurrent = true, IsDemo = true,
            Title = "Demodata: prinsipper for kandidattiltak",
            Principles =
            [
                new Principle { Number = 1, Text = "Bidra til målområdene i strategien" },
                new Principle { Number = 2, Text = "Gi gevinster for flere aktører" },
                new Principle { Number = 3, Text = "Være modent for gjennomføring" },
            ],
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedDemoEvaluationAsync(CancellationToken ct)
    {
        var set = await db.PrincipleSets.Include(s => s.Principles).SingleAsync(s => s.Purpose == EvaluationPurpose.TargetAreas && s.Version == "1", ct);
        var users = await db.Users.ToDictionaryAsync(u => u.UserName, ct);
        // The proposals are for the strategy from 2023, in the making: a prioritised area can be taken into it.
        var strategy = await db.Strategies.Where(x => x.Title == Strategy2023Title).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct);
        var round = new EvaluationRound
        {
            StrategyId = strategy,
            Title = DemoEvaluationTitle,
            Description = "Demodata: forslagene og poengene er oppdiktet. Målområdene som foreslås i arbeidsmøtene, vurderes mot evalueringsprinsippene " +
                          "før Nasjonalt e-helsestyre prioriterer målområder 4. februar 2022 (sak 40/21).",
            PrincipleSetId = set.Id, Purpose = EvaluationPurpose.TargetAreas, Status = EvaluationStatus.Scoring, IsPublished = true,
            CreatedBy = "kontor", CreatedAt = EvaluationSeededAt, IsDemo = true,
        };
        db.Evaluations.Add(round);
        (string Title, string Description, string Proposer)[] proposals =
        [
            ("Sammenhengende pasientforløp", "Helhetlige forløp på tvers av kommune og sykehus, med deling av pasientinformasjon.", "eier-hso"),
            ("Digital hjemmeoppfølging", "Innbyggere følges opp hjemme med digitale verktøy, særlig ved kroniske sykdommer.", "eier-oslo"),
            ("Felles digital sikkerhet", "Sektoren løfter informasjonssikkerhet og beredskap sammen.", "ks"),
            ("Bedre bruk av helsedata", "Helsedata gjøres tilgjengelige for kvalitetsforbedring, forskning og innovasjon.", "medlem"),
            ("Gjenbruk av felles løsninger", "Felles interesser løses én gang, og løsningene gjenbrukes.", "kontor"),
        ];
        var candidates = proposals.Select(p => new Candidate
        {
            Evaluation = round, Title = p.Title, Description = p.Description, CreatedAt = EvaluationSeededAt, IsDemo = true,
            Proposers = [new CandidateProposer { UserName = p.Proposer, DisplayName = users[p.Proposer].DisplayName, ProposedAt = EvaluationSeededAt }],
        }).ToList();
        // A duplicate proposal, merged by the office: its proposer is kept on the area it was merged into.
        var duplicate = new Candidate
        {
            Evaluation = round, Title = "Helhetlige pasientforløp", Description = "Samme forløp på tvers av nivåene.", CreatedAt = EvaluationSeededAt, IsDemo = true,
            Proposers = [new CandidateProposer { UserName = "ks", DisplayName = users["ks"].DisplayName, ProposedAt = EvaluationSeededAt }],
            MergedInto = candidates[0],
        };
        candidates[0].Proposers.Add(new CandidateProposer { UserName = "ks", DisplayName = users["ks"].DisplayName, ProposedAt = EvaluationSeededAt });
        db.EvaluationCandidates.AddRange(candidates);
        db.EvaluationCandidates.Add(duplicate);
        await db.SaveChangesAsync(ct);
        foreach (var member in new[] { "medlem", "eier-hso" })
            db.EvaluationPanelMembers.Add(new PanelMember { EvaluationId = round.Id, UserId = users[member].Id });

        // Invented scores, 0–4 per principle (1–11), one row per area, one table per panel member.
        int[][] medlem =
        [
            [4, 2, 2, 3, 3, 4, 4, 4, 2, 3, 3],
            [3, 2, 1, 4, 4, 2, 3, 2, 3, 2, 3],
            [2, 3, 4, 1, 1, 2, 2, 3, 1, 3, 2],
            [3, 3, 2, 2, 2, 2, 2, 3, 4, 3, 3],
            [1, 1, 2, 1, 2, 3, 3, 4, 2, 4, 3],
        ];
        int[][] eierHso =
        [
            [4, 3, 2, 2, 3, 4, 4, 4, 2, 3, 4],
            [2, 2, 1, 4, 3, 2, 2, 2, 3, 2, 2],
            [3, 4, 4, 1, 1, 2, 3, 4, 1, 3, 2],
            [3, 2, 2, 2, 2, 3, 2, 2, 4, 2, 3],
            [2, 1, 2, 1, 2, 2, 3, 3, 2, 4, 2],
        ];
        var principles = set.Principles.OrderBy(p => p.Number).ToList();
        foreach (var (userName, table) in new[] { ("medlem", medlem), ("eier-hso", eierHso) })
            for (var i = 0; i < candidates.Count; i++)
                db.ScoreSheets.Add(new ScoreSheet
                {
                    CandidateId = candidates[i].Id, ScorerId = users[userName].Id, ScoredAt = EvaluationSeededAt.AddDays(30), IsDemo = true,
                    Scores = principles.Select((p, j) => new Score
                    {
                        PrincipleId = p.Id, Value = table[i][j], Reason = $"Demodata: oppdiktet begrunnelse ({table[i][j]} av 4).",
                    }).ToList(),
                });
        await db.SaveChangesAsync(ct);
    }
}
