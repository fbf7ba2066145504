using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Data;
using Samstyring.Core.Financing;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>Reference and demo data as the seeds describe them (kommuner-2025.csv, seed 001 cases 37/21 and 38/21).</summary>
public abstract class SeedTests(TestDatabase db)
{
    [Fact]
    public async Task All_357_municipalities_are_loaded_with_population_and_health_region()
    {
        if (!db.Available) return;
        var municipalities = await db.QueryAsync(x => x.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Kommune).ToListAsync());

        Assert.Equal(357, municipalities.Count);
        Assert.All(municipalities, m =>
        {
            Assert.True(m.Population > 0, $"{m.Name} mangler folketall");
            Assert.NotNull(m.Region);
            Assert.Matches("^[0-9]{4}$", m.MunicipalityNumber);
            Assert.Equal(ActorGroup.Kommunehelsetjenesten, m.ActorGroup);
        });
        Assert.Equal(357, municipalities.Select(m => m.MunicipalityNumber).Distinct().Count());
        var oslo = Assert.Single(municipalities, m => m.Key == "kommune:0301");
        Assert.Equal("Oslo kommune", oslo.Name);
        Assert.Equal(717710, oslo.Population);
        Assert.Equal(HealthRegion.HelseSorOst, oslo.Region);
        Assert.InRange(municipalities.Sum(m => (long)m.Population!), 5_000_000, 6_000_000);
    }

    [Fact]
    public async Task The_ministry_owns_the_four_regional_health_authorities()
    {
        if (!db.Available) return;
        var hod = await db.OrganizationIdAsync("hod");
        var rhfs = await db.QueryAsync(x => x.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Rhf).ToListAsync());

        Assert.Equal(["Helse Midt-Norge RHF", "Helse Nord RHF", "Helse Sør-Øst RHF", "Helse Vest RHF"], rhfs.Select(r => r.Name).Order());
        var rhfIds = rhfs.Select(r => r.Id).ToList();
        var owners = await db.QueryAsync(x => x.OrganizationOwners.AsNoTracking().Where(o => rhfIds.Contains(o.OrganizationId)).ToListAsync());
        Assert.All(rhfs, r => Assert.Equal([(hod, (decimal?)null)], owners.Where(o => o.OrganizationId == r.Id).Select(o => (o.OwnerId, o.Share))));
        var nhn = await db.OrganizationIdAsync("nhn");
        Assert.Equal([hod], await db.QueryAsync(x => x.OrganizationOwners.Where(o => o.OrganizationId == nhn).Select(o => o.OwnerId).ToListAsync()));
    }

    [Theory]
    [InlineData("nasjonal-ikt")]
    [InlineData("hdo")]
    public async Task Nasjonal_IKT_and_HDO_are_owned_by_all_four_regional_health_authorities_with_shares_not_given(string key)
    {
        // Seed 003 (KS): «Nasjonal IKT HF er eid av de fire regionale helseforetakene», and so is HDO.
        if (!db.Available) return;
        var id = await db.OrganizationIdAsync(key);
        var owners = await db.QueryAsync(x => x.OrganizationOwners.AsNoTracking().Where(o => o.OrganizationId == id)
            .Select(o => new { o.Owner!.Key, o.Owner.Type, o.Share }).ToListAsync());

        Assert.Equal(["helse-midt", "helse-nord", "helse-sor-ost", "helse-vest"], owners.Select(o => o.Key).Order());
        Assert.All(owners, o => Assert.Equal(OrganizationType.Rhf, o.Type));
        Assert.All(owners, o => Assert.Null(o.Share));
    }

    [Fact]
    public async Task Felles_kommunal_journal_belongs_to_the_interim_company_KS_founded_not_to_the_directorate()
    {
        // Case 41/21: «I november 2021 stiftet KS Felles kommunal journal interim AS».
        if (!db.Available) return;
        var initiative = await db.QueryAsync(x => x.Initiatives.AsNoTracking().Include(i => i.Owner)
            .SingleAsync(i => i.Name.StartsWith("Felles kommunal journal")));
        Assert.Equal("KS Felles kommunal journal interim AS", initiative.Owner.Name);
        Assert.Null(initiative.Owner.OrgNumber); // the papers do not give it
        Assert.Contains("stat, KS og samarbeidskommuner", initiative.Description);
        Assert.Contains("I november 2021 stiftet KS Felles kommunal journal interim AS", initiative.DemoNote);
        Assert.DoesNotContain("ikke nevnt i kildedokumentene", initiative.DemoNote);
        var ks = await db.OrganizationIdAsync("ks");
        Assert.Equal([ks], await db.QueryAsync(x => x.OrganizationOwners.Where(o => o.OrganizationId == initiative.OwnerId).Select(o => o.OwnerId).ToListAsync()));
    }

    [Fact]
    public async Task The_demo_portfolio_has_36_active_initiatives_and_Tarmscreening_reports_red_status_and_risk()
    {
        if (!db.Available) return;
        Assert.Equal(36, await db.QueryAsync(x => x.Initiatives.CountAsync(i => i.Lifecycle == Lifecycle.Active)));

        var latest = await db.QueryAsync(x => (
            from i in x.Initiatives
            join r in x.StatusReports on i.LatestReportId equals r.Id
            where i.Name == "Nasjonal Tarmscreening"
            select new { i.Owner.Key, r.Status, r.Risk, Period = r.Period.Code }).SingleAsync());
        Assert.Equal("helse-sor-ost", latest.Key);
        Assert.Equal(Rag.Red, latest.Status);
        Assert.Equal(Rag.Red, latest.Risk);
        Assert.Equal("2021-T3", latest.Period);
    }

    [Fact]
    public async Task The_three_high_criticality_red_dependencies_of_case_38_21_have_owners_and_deadlines()
    {
        if (!db.Available) return;
        var rows = await db.QueryAsync(x => x.Dependencies.AsNoTracking()
            .Where(d => d.Criticality == Criticality.High && d.Status == Rag.Red)
            .Select(d => new { Initiative = d.Initiative.Name, Owner = d.Initiative.Owner.Name, Target = d.TargetOrganization!.Name, d.Deadline, d.IsDemo })
            .ToListAsync());

        Assert.Equal(3, rows.Count);
        var byInitiative = rows.ToDictionary(r => r.Initiative);
        Assert.Equal("Folkehelseinstituttet", byInitiative["Legemiddelregisteret"].Owner);
        Assert.Equal("DIFA AS", byInitiative["Legemiddelregisteret"].Target);
        Assert.Equal(new DateOnly(2021, 12, 31), byInitiative["Legemiddelregisteret"].Deadline);
        Assert.Equal("Helse Midt-Norge RHF", byInitiative["Helseplattformen"].Owner);
        Assert.Equal("Statens legemiddelverk", byInitiative["Helseplattformen"].Target);
        Assert.Equal(new DateOnly(2022, 3, 1), byInitiative["Helseplattformen"].Deadline);
        Assert.Equal("Helse Sør-Øst RHF", byInitiative["Kjernejournal dokumentdeling"].Owner);
        Assert.Equal("Norsk Helsenett SF", byInitiative["Kjernejournal dokumentdeling"].Target);
        Assert.Null(byInitiative["Kjernejournal dokumentdeling"].Deadline);
        Assert.All(rows, r => Assert.False(r.IsDemo)); // quoted from the case paper, not invented
    }

    [Fact]
    public async Task Criteria_set_2021_1_is_current_on_trial_since_case_4_21_and_proposed_for_adoption_in_37_21()
    {
        // 4/21 gave «tilslutning til forslag til kriterier som utgangspunkt for utprøving»; 37/21 has no decision yet.
        if (!db.Available) return;
        var set = await db.QueryAsync(x => x.CriteriaSets.AsNoTracking().Include(s => s.Criteria).SingleAsync(s => s.IsCurrent));

        Assert.Equal("2021.1", set.Version);
        Assert.Equal(CriteriaSetStatus.Trial, set.Status);
        Assert.Null(set.AdoptedByCase);
        Assert.Null(set.AdoptedOn);
        Assert.Equal("Nasjonalt e-helsestyre sak 4/21", set.TrialByCase);
        Assert.Equal("Nasjonalt e-helsestyre sak 37/21", set.ProposedInCase);
        Assert.Equal("under utprøving siden Nasjonalt e-helsestyre sak 4/21, foreslått vedtatt i Nasjonalt e-helsestyre sak 37/21", set.StatusText);
        Assert.StartsWith("Digitalisering er vesentlig", set.Criteria.Single(c => c.Code == "K1").Text);
        Assert.StartsWith("Tiltaket krever koordinering eller samordning", set.Criteria.Single(c => c.Code == "K2").Text);
        Assert.Equal(5, set.Criteria.Count(c => c.Kind == CriterionKind.Criterion2Way));
    }

    [Fact]
    public async Task Demo_population_before_2024_counts_Haram_in_Alesund_and_the_2022_price_model_computes_without_problems()
    {
        if (!db.Available) return;
        var figures = await db.QueryAsync(x => x.PopulationFigures.Include(p => p.Organization).AsNoTracking().ToListAsync());
        var on2021 = figures.Where(f => f.On == new DateOnly(2021, 1, 1)).ToList();
        var on2025 = figures.Where(f => f.On == new DateOnly(2025, 1, 1)).ToList();
        Assert.Equal(356, on2021.Count);
        Assert.Equal(357, figures.Count(f => f.On == new DateOnly(2024, 1, 1)));
        Assert.All(on2021, f => Assert.True(f.IsDemo));
        Assert.All(on2025, f => Assert.False(f.IsDemo));
        int Of(List<PopulationFigure> list, string number) => list.Single(f => f.Organization.MunicipalityNumber == number).Population;
        Assert.Equal(Of(on2025, "1508") + Of(on2025, "1580"), Of(on2021, "1508"));
        Assert.DoesNotContain(on2021, f => f.Organization.MunicipalityNumber == "1580");

        var modelId = await db.QueryAsync(x => x.PriceModels.Where(m => m.Year == 2022 && m.Status == PriceModelStatus.Adopted).Select(m => m.Id).SingleAsync());
        var (_, allocation, costs) = await db.SendAsync((FinancingQueries q) => q.CalculateAsync(modelId, null));
        Assert.Empty(allocation.Problems);
        Assert.Equal(4, allocation.Solutions.Count);
        Assert.All(allocation.Solutions, s => Assert.True(s.FromTbu));
        Assert.Equal(costs.Values.Sum(c => c.TbuOre), allocation.TotalsByActor().Values.Sum());
    }

    [Fact]
    public async Task The_Samstyring_segments_T3_reports_carry_demo_cost_figures_and_nothing_else_does()
    {
        // The portfolio report's cost roll-up has something to show in the demo; the figures are plausible, not real.
        if (!db.Available) return;
        var reports = await db.QueryAsync(x => x.StatusReports.AsNoTracking()
            .Select(r => new { r.Initiative.Segment, Period = r.Period.Code, r.BudgetOre, r.SpentOre, r.ForecastOre, r.FundingSource }).ToListAsync());
        var withCosts = reports.Where(r => r.BudgetOre is not null).ToList();

        Assert.NotEmpty(withCosts);
        Assert.All(withCosts, r =>
        {
            Assert.Equal(Segment.Samstyring, r.Segment);
            Assert.InRange(r.BudgetOre!.Value, 5_000_000_00L, 60_000_000_00L);
            Assert.InRange(r.SpentOre!.Value, r.BudgetOre.Value * 55 / 100 - 100, r.BudgetOre.Value * 85 / 100);
            Assert.InRange(r.ForecastOre!.Value, r.BudgetOre.Value * 95 / 100 - 100, r.BudgetOre.Value * 112 / 100);
            Assert.NotNull(r.FundingSource);
        });
        Assert.Single(withCosts.Select(r => r.Period).Distinct());
        Assert.True(withCosts.Select(r => r.FundingSource).Distinct().Count() > 1, "Alle demotiltak har samme finansieringskilde.");
        Assert.All(reports.Where(r => r.Segment != Segment.Samstyring), r => Assert.Null(r.BudgetOre));
    }

    [Fact]
    public async Task Seeding_again_does_not_duplicate_anything()
    {
        if (!db.Available) return;
        async Task<int[]> Count() => await db.QueryAsync(async x => new[]
        {
            await x.Organizations.CountAsync(), await x.Initiatives.CountAsync(), await x.StatusReports.CountAsync(),
            await x.Dependencies.CountAsync(), await x.Users.CountAsync(), await x.CriteriaSets.CountAsync(),
            await x.Criteria.CountAsync(), await x.ReportingPeriods.CountAsync(), await x.NationalSolutions.CountAsync(),
        });
        var before = await Count();

        await db.Services.InitializeDatabaseAsync(demo: true);

        Assert.Equal(before, await Count());
        Assert.Equal(49, before[1]);
    }
}

public sealed class SeedTestsSqlite(SqliteDatabase db) : SeedTests(db), IClassFixture<SqliteDatabase>;

public sealed class SeedTestsPostgres(PostgresDatabase db) : SeedTests(db), IClassFixture<PostgresDatabase>;
