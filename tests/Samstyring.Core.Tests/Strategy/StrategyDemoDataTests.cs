using Samstyring.Core.Common;
using Samstyring.Core.Strategy;

namespace Samstyring.Core.Tests.Strategy;

/// <summary>
/// The demo strategies as the seeds give them: the 2017–2022 strategy with its six areas in the words of seed 000
/// (lines 521–582), adopted in March 2017; the strategy from 2023 in draft with the vision of case 40/21 and the plan of
/// case 27/21 (seed 001); and coverage gaps in the demo links.
/// </summary>
public abstract class StrategyDemoDataTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<IReadOnlyList<StrategySummary>> ListAsync(CurrentUser? user) => db.SendAsync((StrategyQueries q) => q.ListAsync(user));

    private Task<StrategyDetails> DetailsAsync(string title, CurrentUser? user) => db.SendAsync(async (StrategyQueries q) =>
        await q.DetailsAsync((await q.ListAsync(db.Office)).Single(s => s.Title == title).Id, user));

    [Fact]
    public async Task The_2017_strategy_has_its_six_areas_in_the_words_and_order_of_the_seed_and_was_adopted_in_March_2017()
    {
        if (!db.Available) return;
        var d = await DetailsAsync("Nasjonal e-helsestrategi 2017–2022", null);

        Assert.Equal(StrategyStatus.Adopted, d.Strategy.Status);
        Assert.Equal("2017–2022", d.Strategy.Period);
        Assert.Equal(
            ["Digitalisering av arbeidsprosesser", "Bedre sammenheng i pasientforløp", "Bedre bruk av helsedata", "Helsehjelp på nye måter",
             "Felles grunnmur for digitale tjenester", "Nasjonal styring av e-helse og økt gjennomføringsevne"],
            d.Areas.Select(a => a.Title));
        Assert.Equal([1, 2, 3, 4, 5, 6], d.Areas.Select(a => a.Number));
        // Seed 000 lines 542–545, 557–558 and 578–580, joined where the page broke them.
        Assert.Equal("IKT-landskapet i helse- og omsorgssektoren skal utvikles i retning av én gjennomgående journalløsning for hele "
                     + "helsetjenesten. Digitaliseringen av legemiddelhåndteringen innenfor virksomheter skal fortsette med høy prioritet.", d.Areas[0].Goal);
        Assert.Equal("Innrapportering, uthenting og sammenstilling av helsedata fra helseregistre skal forenkles.", d.Areas[2].Goal);
        Assert.Equal("Styring, finansiering, leveranse, organisering og implementering av e-helse skal bidra til å realisere e-helse på en "
                     + "raskere og mer kostnadseffektiv måte.", d.Areas[5].Goal);
        var step = Assert.Single(d.Steps);
        Assert.Equal((new DateOnly(2017, 3, 1), StrategyStatus.Adopted, "Nasjonalt e-helsestyre, mars 2017"), (step.On, step.Status, step.Reference));
        Assert.StartsWith("I mars 2017 ga Nasjonalt e-helsestyre sin tilslutning", step.Description);
        Assert.True(step.IsDemo); // the day of the month is not in the source
    }

    [Fact]
    public async Task The_strategy_from_2023_is_a_draft_with_the_vision_of_40_21_the_consultation_plan_and_the_prioritisation_in_February()
    {
        if (!db.Available) return;
        var d = await DetailsAsync("Nasjonal e-helsestrategi fra 2023", db.Member);

        Assert.Equal(StrategyStatus.Draft, d.Strategy.Status);
        Assert.Equal("Sammen om helhetlige, trygge og nyskapende tjenester som fremmer helse og mestring", d.Vision); // seed 001 line 2205
        Assert.Equal("Utkast til ny e-helsestrategi skal etter plan sendes på høring i løpet av mai 2022, med tre måneders høringsfrist.", d.Plan);
        Assert.Equal(
            [(new DateOnly(2021, 9, 22), "27/21", null), (new DateOnly(2021, 12, 9), "40/21", null), (new DateOnly(2022, 2, 4), null, "Nasjonalt e-helsestyre 4. februar 2022")],
            d.Steps.Select(s => (s.On, s.CaseNumber, s.Reference)));
        Assert.All(d.Steps.Take(2), s => Assert.Equal("nasjonalt-e-helserad", s.CaseBody));
        Assert.Equal("Prioritering av strategiske målområder i ny e-helsestrategi.", d.Steps[2].Description);
        Assert.Empty(d.Areas);
    }

    [Fact]
    public async Task A_draft_is_seen_by_the_office_and_council_members_only()
    {
        if (!db.Available) return;
        Assert.Equal(["Nasjonal e-helsestrategi 2017–2022"], (await ListAsync(null)).Select(s => s.Title));
        Assert.Equal(["Nasjonal e-helsestrategi 2017–2022"], (await ListAsync(db.OwnerOslo)).Select(s => s.Title));
        Assert.Equal(["Nasjonal e-helsestrategi fra 2023", "Nasjonal e-helsestrategi 2017–2022"], (await ListAsync(db.Member)).Select(s => s.Title));
        var draftId = (await ListAsync(db.Office)).Single(s => s.Status == StrategyStatus.Draft).Id;
        foreach (var user in new[] { null, db.OwnerOslo, db.KsCoordinator, db.OperatorNhn })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((StrategyQueries q) => q.DetailsAsync(draftId, user)));
            await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((StrategyQueries q) => q.CoverageAsync(draftId, user)));
        }
    }

    [Fact]
    public async Task The_demo_coverage_shows_an_area_without_initiatives_initiatives_without_area_and_the_red_flag()
    {
        if (!db.Available) return;
        var coverage = await db.SendAsync((StrategyQueries q) => q.CoverageOfAdoptedAsync());
        Assert.NotNull(coverage);
        Assert.Equal("Nasjonal e-helsestrategi 2017–2022", coverage.Strategy.Title);
        Assert.Equal(["Nasjonal styring av e-helse og økt gjennomføringsevne"], coverage.AreasWithoutInitiative.Select(a => a.Title));
        var data = coverage.Areas.Single(a => a.Number == 3);
        Assert.Equal(["Nasjonal Tarmscreening"], data.RedFlags.Select(i => i.Name)); // its T3 report is red (seed)
        // Nasjonalt koronasertifikat is completed: linked, but not in the portfolio.
        Assert.Equal(1, coverage.Areas.Single(a => a.Number == 2).OutsidePortfolio);
        Assert.DoesNotContain(coverage.Areas.Single(a => a.Number == 2).Initiatives, i => i.Name == "Nasjonalt koronasertifikat");
        Assert.Contains(coverage.InitiativesWithoutArea, i => i.Name == "Statistisk logganalyse");
        Assert.All(coverage.InitiativesWithoutArea, i => Assert.True(i.InPortfolio));
        Assert.All(coverage.Areas.SelectMany(a => a.Initiatives), i => Assert.True(i.IsDemo));
    }
}

public sealed class StrategyDemoDataTestsSqlite(SqliteDatabase db) : StrategyDemoDataTests(db), IClassFixture<SqliteDatabase>;

public sealed class StrategyDemoDataTestsPostgres(PostgresDatabase db) : StrategyDemoDataTests(db), IClassFixture<PostgresDatabase>;
