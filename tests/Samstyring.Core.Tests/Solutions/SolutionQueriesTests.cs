using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Tests.Solutions;

/// <summary>
/// The catalogue as the seeds give it, who owned and ran a solution on a date, and the adoption figures: the demo history
/// reproduces the seeds' numbers on their dates, shares are of the municipalities that existed then, targets are measured.
/// </summary>
public abstract class SolutionQueriesTests(TestDatabase database)
{
    private readonly TestDatabase db = database;

    private Task<SolutionDetails> GetAsync(string key, DateOnly? on = null) => db.SendAsync((SolutionQueries q) => q.GetAsync(key, null, on));

    private Task<AdoptionSummary> SummaryAsync(string key, DateOnly? on) => db.SendAsync((SolutionQueries q) => q.SummaryAsync(key, on));

    [Fact]
    public async Task The_catalogue_holds_what_the_seeds_name_with_their_owners()
    {
        if (!db.Available) return;
        var all = await db.SendAsync((SolutionQueries q) => q.ListAsync());
        // Seed 004: four national e-health solutions and five prioritised collaboration areas.
        Assert.Equal(["E-resept", "Helsenettet", "Helsenorge", "Kjernejournal"],
            all.Where(s => s.Kind == SolutionKind.NationalSolution).Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(5, all.Count(s => s.Kind == SolutionKind.CollaborationArea));
        foreach (var key in new[] { "forskrivningsmodulen", "multidose", "velferdsteknologisk-knutepunkt", "helsedataservice", "grunndata", "helseid" })
            Assert.Contains(all, s => s.Key == key);
        // Seed 000 lines 222–226: the Directorate owns e-resept and Helsenorge; seed 001: NHN leads dokumentdeling and datadeling.
        Assert.Equal("Direktoratet for e-helse", all.Single(s => s.Key == "e-resept").Owner?.Name);
        Assert.Equal("Direktoratet for e-helse", all.Single(s => s.Key == "helsenorge").Owner?.Name);
        Assert.Equal("Norsk Helsenett SF", all.Single(s => s.Key == "dokumentdeling").Owner?.Name);
        Assert.Equal("Norsk Helsenett SF", all.Single(s => s.Key == "datadeling-hjemmeoppfolging").Owner?.Name);
        Assert.Equal("helsenettet", all.Single(s => s.Key == "grunndata").PartOfKey);
        Assert.Equal(FinancingModel.MandatoryCoFinancing, all.Single(s => s.Key == "kjernejournal").FinancingModel);

        var kjernejournal = await GetAsync("kjernejournal");
        Assert.Contains("§ 13", kjernejournal.LegalBasis);
        Assert.Contains("§ 12", (await GetAsync("e-resept")).LegalBasis);
        // The two product boards of seed 003 line 29.
        Assert.Equal("produktstyre-helsenorge", Assert.Single((await GetAsync("helsenorge")).ProductBoards).Slug);
        Assert.Equal("produktstyre-ehelsestandarder", Assert.Single((await GetAsync("ehelsestandarder")).ProductBoards).Slug);

        var grunnmur = await db.SendAsync((SolutionQueries q) => q.GrunnmurAsync());
        Assert.Equal(["Styrende dokumentasjon", "Grunndata", "Samhandling og integrasjon", "Informasjonssikkerhet og personvern", "IKT-infrastruktur"],
            grunnmur.Select(a => a.Name));
        Assert.Contains(grunnmur.Single(a => a.Key == "ikt-infrastruktur").Components, c => c.Key == "helsenettet");
        Assert.Contains(grunnmur.Single(a => a.Key == "grunndata").Components, c => c.Key == "preg");
    }

    [Fact]
    public async Task Owner_and_operator_on_a_date_follow_the_dated_transfers()
    {
        if (!db.Available) return;
        var before = await GetAsync("e-resept", new DateOnly(2019, 6, 30));
        Assert.Equal(("Direktoratet for e-helse", "Direktoratet for e-helse", SolutionLifecycle.BeingTransferred),
            (before.State.Owner?.Name, before.State.Operator?.Name, before.State.Lifecycle));
        var after = await GetAsync("e-resept", new DateOnly(2021, 1, 1));
        Assert.Equal(("Direktoratet for e-helse", "Norsk Helsenett SF", SolutionLifecycle.InOperation),
            (after.State.Owner?.Name, after.State.Operator?.Name, after.State.Lifecycle));
        var beforeAnything = await GetAsync("e-resept", new DateOnly(2010, 1, 1));
        Assert.Null(beforeAnything.State.Lifecycle);
        Assert.Null(beforeAnything.State.Owner);
    }

    [Fact]
    public async Task The_demo_history_reproduces_the_seeds_figures_on_their_dates()
    {
        if (!db.Available) return;
        // Case 38/21 (seed 001 lines 1486–1487): per 1.10.2021, 60 in use and 30 technically ready.
        var october = await SummaryAsync("kjernejournal", new DateOnly(2021, 10, 1));
        Assert.Equal(356, october.Municipalities);
        Assert.Equal(60, october.Stages.Single(s => s.Stage == AdoptionStage.InUse).Count);
        Assert.Equal(30, october.Stages.Single(s => s.Stage == AdoptionStage.TechnicallyReady).Count);
        // Seed 004 lines 419–423: per August 2022, over 130 adopting and more than 25 with interest registered.
        var august = await SummaryAsync("kjernejournal", new DateOnly(2022, 8, 1));
        Assert.True(august.Stages.Single(s => s.Stage == AdoptionStage.Adopting).Count > 130);
        Assert.True(august.Stages.Single(s => s.Stage == AdoptionStage.Interest).Count > 25);
        Assert.True(august.HasDemoData);
        // The denominator is the municipalities that existed: 357 from 2024 (Haram).
        Assert.Equal(357, (await SummaryAsync("kjernejournal", new DateOnly(2024, 6, 1))).Municipalities);
        Assert.Equal(356, august.Stages.Sum(s => s.Count));
        Assert.Equal(august.Municipalities, august.Counties.Sum(c => c.Municipalities));
        Assert.Equal(august.Municipalities, august.Regions.Sum(c => c.Municipalities));
        Assert.Equal(4, august.Regions.Count);
    }

    [Fact]
    public async Task Targets_are_measured_on_the_date_with_the_case_that_set_them()
    {
        if (!db.Available) return;
        var s = await SummaryAsync("kjernejournal", new DateOnly(2022, 8, 1));
        Assert.Equal(3, s.Targets.Count);
        Assert.All(s.Targets, t => Assert.Contains("38/21", t.Case));
        var fifty = s.Targets.Single(t => t.Measure == TargetMeasure.Count);
        Assert.Equal(TargetStatus.Reached, fifty.Status);
        Assert.True(fifty.ReachedOn <= new DateOnly(2021, 10, 1), "«Målet om 50 kommuner allerede er nådd» per 1.10.2021");
        var seventyFive = s.Targets.Single(t => t.Value == 75);
        Assert.Equal(TargetStatus.Open, seventyFive.Status);
        Assert.Equal(AdoptionFigures.Percent(seventyFive.Actual, 356), seventyFive.ActualPercent);
        Assert.True(seventyFive.Forecast > s.On, "a forecast lies after the date");
        // The same target seen after its deadline without being reached is missed.
        var later = await SummaryAsync("kjernejournal", new DateOnly(2023, 6, 1));
        Assert.Equal(TargetStatus.Missed, later.Targets.Single(t => t.Value == 75).Status);
        // The monthly series ends on the date and never exceeds 100 %.
        Assert.Equal(s.On, s.Series[^1].Date);
        Assert.All(s.Series, p => Assert.InRange(p.Percent, 0, 100));
        Assert.Equal(s.InUse.Count, s.Series[^1].InUse);
    }

    [Fact]
    public async Task The_state_at_a_past_date_is_the_latest_change_on_or_before_it()
    {
        if (!db.Available) return;
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        var stages = await db.SendAsync((SolutionQueries q) => q.AdoptionOnAsync("kjernejournal", new DateOnly(2022, 8, 1)));
        var changes = await db.QueryAsync(x => x.AdoptionChanges.Where(c => c.Solution.Key == "kjernejournal" && c.OrganizationId == oslo)
            .OrderBy(c => c.On).ToListAsync());
        var expected = changes.LastOrDefault(c => c.On <= new DateOnly(2022, 8, 1));
        var row = stages.Single(s => s.OrganizationId == oslo);
        Assert.Equal(expected?.Stage ?? AdoptionStage.NotStarted, row.Stage);
        Assert.Equal(expected?.On, row.Since);
        Assert.DoesNotContain(stages, s => s.MunicipalityNumber == "1580"); // Haram did not exist in 2022
    }

    [Fact]
    public async Task A_bad_date_parameter_is_a_Norwegian_field_error()
    {
        var e = Assert.Throws<ValidationFailedException>(() => SolutionQueries.ParseDate("31.02.2022"));
        Assert.Contains("gyldig dato", e.Errors["date"][0]);
        Assert.Null(SolutionQueries.ParseDate(" "));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_unknown_solution_is_not_found()
    {
        if (!db.Available) return;
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync("finnes-ikke"));
        await Assert.ThrowsAsync<NotFoundException>(() => SummaryAsync("finnes-ikke", null));
    }
}

public sealed class SolutionQueriesTestsSqlite(SqliteDatabase db) : SolutionQueriesTests(db), IClassFixture<SqliteDatabase>;

public sealed class SolutionQueriesTestsPostgres(PostgresDatabase db) : SolutionQueriesTests(db), IClassFixture<PostgresDatabase>;
