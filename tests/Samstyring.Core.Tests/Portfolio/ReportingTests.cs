using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Portfolio;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>Periodic status reports: what each segment must fill in, one report per initiative and period.</summary>
public abstract class ReportingTests(TestDatabase db)
{
    // One initiative per segment, each used by one test only.
    private const string Samstyring = "Pasientens prøvesvar";
    private const string Koordinering = "Helsedataprogrammet";
    private const string Observasjon = "Modernisering av MSIS";

    private static StatusReportInput Full(string period) =>
        new(period, "yellow", "Noe forsinket.", "yellow", "Leverandøren er sen.", "Fase 2 pågår.", "Innenfor rammen.");

    private Task<StatusReport> Report(string initiative, StatusReportInput input) =>
        db.SendAsync(async (ReportStatus u) => await u.HandleAsync(await db.InitiativeIdAsync(initiative), input, db.Office));

    private Task<List<StatusReport>> ReportsOf(string initiative) =>
        db.QueryAsync(x => x.StatusReports.AsNoTracking().Include(r => r.Period).Where(r => r.Initiative.Name == initiative).ToListAsync());

    [Fact]
    public async Task Samstyring_initiatives_must_give_status_text_risk_text_progress_and_cost()
    {
        if (!db.Available) return;
        var before = await db.CountsAsync();
        var errors = await AssertInvalidAsync(() => Report(Samstyring, new StatusReportInput("2021-T1", "green", null, "green", "", " ", null)),
            "statusText", "riskText", "progress", "cost");
        Assert.Equal("Kostnader må fylles ut: oppgi budsjett eller skriv en kommentar til kostnadene.", errors["cost"].Single());
        Assert.Equal(before, await db.CountsAsync());

        var saved = await Report(Samstyring, Full("2021-T1"));
        Assert.Equal("Innenfor rammen.", saved.Cost);
    }

    [Fact]
    public async Task Koordinering_initiatives_need_progress_but_not_cost()
    {
        if (!db.Available) return;
        await AssertInvalidAsync(() => Report(Koordinering, Full("2021-T1") with { Progress = null, Cost = null }), "progress");
        var saved = await Report(Koordinering, Full("2021-T1") with { Cost = null });
        Assert.Equal("", saved.Cost);
        Assert.Equal(Rag.Yellow, saved.Status);
    }

    [Fact]
    public async Task Observasjon_initiatives_need_texts_only_when_status_or_risk_is_not_green()
    {
        if (!db.Available) return;
        var green = await Report(Observasjon, new StatusReportInput("2021-T1", "green", null, "green", null, null, null));
        Assert.Equal("", green.StatusText);

        await AssertInvalidAsync(() => Report(Observasjon, new StatusReportInput("2021-T1", "yellow", null, "green", null, null, null, green.Version)), "statusText");
        await AssertInvalidAsync(() => Report(Observasjon, new StatusReportInput("2021-T1", "green", null, "red", null, null, null, green.Version)), "riskText");
        var red = await Report(Observasjon, new StatusReportInput("2021-T1", "green", null, "red", "Mangler finansiering.", null, null, green.Version));
        Assert.Equal(Rag.Red, red.Risk);
        Assert.Equal(green.Id, red.Id);
    }

    [Fact]
    public async Task Reporting_again_for_the_same_period_updates_the_report()
    {
        if (!db.Available) return;
        const string name = "Innføring av HelseID i fagsystemer";
        var t3 = (await ReportsOf(name)).Single(r => r.Period.Code == "2021-T3");
        var before = await db.CountsAsync();

        var updated = await Report(name, Full("2021-T3") with { StatusText = "Oppdatert etter styringsgruppemøtet.", Version = t3.Version });

        Assert.Equal(t3.Id, updated.Id);
        Assert.Equal(t3.Version + 1, updated.Version);
        var stored = (await ReportsOf(name)).Single(r => r.Period.Code == "2021-T3");
        Assert.Equal("Oppdatert etter styringsgruppemøtet.", stored.StatusText);
        Assert.Equal(Rag.Yellow, stored.Status);
        Assert.Equal("kontor", stored.ReportedBy);
        AssertRecent(stored.ReportedAt);
        Assert.Equal(before.Reports, (await db.CountsAsync()).Reports);
    }

    [Fact]
    public async Task The_latest_report_follows_the_latest_period_not_the_latest_save()
    {
        if (!db.Available) return;
        const string name = "Statistisk logganalyse";
        await EnsureYearAsync(2022);
        var id = await db.InitiativeIdAsync(name);

        var t1of2022 = await Report(name, Full("2022-T1"));
        var initiative = await db.LoadInitiativeAsync(id);
        Assert.Equal(t1of2022.Id, initiative.LatestReportId);
        Assert.Equal((Rag.Yellow, Rag.Yellow, t1of2022.PeriodId), (initiative.LatestStatus, initiative.LatestRisk, initiative.LatestPeriodId));

        // A late report for an earlier period leaves the pointer, and the status and risk kept with it, where they are.
        var t1of2021 = await Report(name, Full("2021-T1") with { Status = "red", StatusText = "Stoppet.", Risk = "green" });
        Assert.NotEqual(t1of2021.Id, t1of2022.Id);
        initiative = await db.LoadInitiativeAsync(id);
        Assert.Equal(t1of2022.Id, initiative.LatestReportId);
        Assert.Equal((Rag.Yellow, Rag.Yellow), (initiative.LatestStatus, initiative.LatestRisk));

        // A corrected latest report moves them at once, and the overview's filters and red flags read them.
        await Report(name, Full("2022-T1") with { Status = "green", Risk = "red", RiskText = "Nøkkelperson slutter.", Version = t1of2022.Version });
        initiative = await db.LoadInitiativeAsync(id);
        Assert.Equal((Rag.Green, Rag.Red), (initiative.LatestStatus, initiative.LatestRisk));
        var overview = await db.SendAsync((GetPortfolioOverview o) => o.HandleAsync(new OverviewFilter(Status: Rag.Green)));
        Assert.Contains(overview.Initiatives, r => r.Id == id && r.LatestReport == new ReportSummary("2022-T1", Rag.Green, Rag.Red));
        Assert.Contains(overview.RedFlags, r => r.Id == id);
        overview = await db.SendAsync((GetPortfolioOverview o) => o.HandleAsync(new OverviewFilter(Status: Rag.Yellow)));
        Assert.DoesNotContain(overview.Initiatives, r => r.Id == id);
        Assert.Equal(["2021-T1", "2021-T2", "2021-T3", "2022-T1"], (await ReportsOf(name)).Select(r => r.Period.Code).Order());
    }

    [Fact]
    public async Task A_missing_unknown_or_future_period_and_unknown_colours_give_Norwegian_errors_and_save_nothing()
    {
        if (!db.Available) return;
        const string name = "Modernisering av SYSVAK";
        await EnsureYearAsync(2099);
        var before = await db.CountsAsync();

        var errors = await AssertInvalidAsync(() => Report(name, new StatusReportInput(null, "purple", "x", "lilla", "x", "x", "x")),
            "period", "status", "risk");
        Assert.Equal("Rapporteringsperiode må velges.", errors["period"].Single());
        Assert.Equal("«purple» er ikke en gyldig verdi for status. Gyldige verdier: green, yellow, red.", errors["status"].Single());
        Assert.StartsWith("«lilla» er ikke en gyldig verdi for risiko.", errors["risk"].Single());

        errors = await AssertInvalidAsync(() => Report(name, Full("2021-T9")), "period");
        Assert.Equal("Rapporteringsperioden «2021-T9» finnes ikke.", errors["period"].Single());

        errors = await AssertInvalidAsync(() => Report(name, Full("2099-Q4")), "period");
        Assert.Equal("Det kan ikke rapporteres for en periode som ikke har startet.", errors["period"].Single());

        Assert.Equal(before, await db.CountsAsync());
    }

    [Fact]
    public async Task Candidates_and_initiatives_that_have_left_are_not_reported_on()
    {
        if (!db.Available) return;
        var errors = await AssertInvalidAsync(() => Report("Nasjonalt prosjekt Digihelsestasjon", Full("2021-T3")), "initiative");
        Assert.Contains("«Kandidat»", errors["initiative"].Single());
        await AssertInvalidAsync(() => Report("PKI infrastruktur", Full("2021-T3")), "initiative");
    }

    [Fact]
    public async Task Texts_longer_than_4000_characters_are_refused()
    {
        if (!db.Available) return;
        var errors = await AssertInvalidAsync(() => Report("Nasjonalt velferdsteknologiprogram", Full("2021-T1") with { RiskText = new string('r', 4001) }), "riskText");
        Assert.Contains("4000 tegn", errors["riskText"].Single());
    }

    private async Task EnsureYearAsync(int year)
    {
        if (await db.QueryAsync(x => x.ReportingPeriods.AnyAsync(p => p.Year == year))) return;
        await db.SendAsync((SetUpReportingYear u) => u.HandleAsync(year, year == 2099 ? "quarterly" : "tertial", db.Office));
    }
}

public sealed class ReportingTestsSqlite(SqliteDatabase db) : ReportingTests(db), IClassFixture<SqliteDatabase>;

public sealed class ReportingTestsPostgres(PostgresDatabase db) : ReportingTests(db), IClassFixture<PostgresDatabase>;
