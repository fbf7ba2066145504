using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The financing reads on the demo data: the adopted 2022 model, bills explained, visibility, invoice bases, life-cycle and comparison.</summary>
public abstract class FinancingQueriesTests(TestDatabase db)
{
    private static readonly CurrentUser Tbu = new("tbu", "Tore Beregning (teknisk beregningsutvalg)", Role.Tbu, null);

    private Task<T> Read<T>(Func<FinancingQueries, Task<T>> read) => db.SendAsync(read);

    private Task<int> AdoptedIdAsync(int year) =>
        db.QueryAsync(x => x.PriceModels.Where(m => m.Year == year && m.Status == PriceModelStatus.Adopted).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task The_adopted_2022_model_shares_each_solutions_TBU_figure_exactly_among_groups_and_actors()
    {
        if (!db.Available) return;
        var details = await Read(q => q.AdoptedAsync(2022, null));

        Assert.Equal("Prismodell 2022", details.Model.Name);
        Assert.Equal(PriceModelStatus.Adopted, details.Model.Status);
        Assert.Empty(details.Problems);
        Assert.Empty(details.NextSteps);
        Assert.Equal(
            [PriceModelStatus.Draft, PriceModelStatus.CouncilCase, PriceModelStatus.TbuCalculation, PriceModelStatus.PublicConsultation,
             PriceModelStatus.KsConsultation, PriceModelStatus.Adopted],
            details.Steps.Select(s => s.Step));
        Assert.Equal(new DateOnly(2021, 12, 15), details.Steps[^1].On);
        Assert.Equal(["e-resept", "helsenettet", "helsenorge", "kjernejournal"], details.Solutions.Select(s => s.Key)); // by name
        foreach (var solution in details.Solutions)
        {
            Assert.True(solution.FromTbu);
            Assert.Equal(solution.Cost!.TbuOre, solution.TotalOre);
            Assert.Equal(10_000, solution.Shares.Sum(s => s.BasisPoints));
            Assert.Equal(solution.TotalOre, solution.Shares.Sum(s => s.AmountOre));
            foreach (var share in solution.Shares)
                Assert.Equal(share.AmountOre, share.Actors.Sum(a => a.AmountOre));
            // Last year's figure and what the three kinds of change leave unexplained, which is the smaller part.
            var cost = solution.Cost;
            Assert.NotNull(cost.PreviousOre);
            var change = cost.AllocatedOre - cost.PreviousOre!.Value;
            Assert.Equal(change - cost.PriceWageGrowthOre!.Value - cost.VolumeOre!.Value - cost.NewFunctionsOre!.Value, cost.UnexplainedOre);
            Assert.True(Math.Abs(cost.UnexplainedOre!.Value) < Math.Abs(change) / 5, $"{solution.Name}: for mye er uforklart.");
        }
        Assert.Equal(details.Solutions.Sum(s => s.TotalOre), details.TotalOre);
        Assert.Equal(details.TotalOre, details.GroupTotals.Values.Sum());
        // The state's share falls on the ministry; the municipalities' on the 356 municipalities of 1 January 2021 (Haram in Ålesund).
        var helsenettet = details.Solutions.Single(s => s.Key == "helsenettet");
        Assert.Equal(["Helse- og omsorgsdepartementet"], helsenettet.Shares.Single(s => s.Group == PayerGroup.State).Actors.Select(a => a.OrganizationName));
        Assert.Equal(356, helsenettet.Shares.Single(s => s.Group == PayerGroup.Municipalities).Actors.Count);
        Assert.Equal(4, helsenettet.Shares.Single(s => s.Group == PayerGroup.RegionalHealthAuthorities).Actors.Count);

        var rows = await Read(q => q.AllocationAsync(2022));
        Assert.Equal(details.TotalOre, rows.Sum(r => r.AmountOre));
        Assert.Contains(rows, r => r.OrganizationName == "Apotekforeningen" && r.SolutionKey == "e-resept" && r.Group == PayerGroup.Pharmacies);
    }

    [Theory]
    [InlineData("kommune:0301")]
    [InlineData("kommune:1151")]
    public async Task A_municipalitys_bill_is_explained_link_by_link_from_the_total_to_the_actor(string key)
    {
        if (!db.Available) return;
        var org = await db.OrganizationIdAsync(key);
        var model = await AdoptedIdAsync(2022);
        var bill = await Read(q => q.ActorBillAsync(model, org, null));

        Assert.Equal(org, bill.Actor.Id);
        Assert.Equal(["e-resept", "helsenettet", "helsenorge", "kjernejournal"], bill.Lines.Select(l => l.SolutionKey));
        foreach (var line in bill.Lines)
        {
            Assert.Equal(PayerGroup.Municipalities, line.Group);
            Assert.Equal(DistributionKey.Population, line.Key);
            Assert.Equal(new DateOnly(2021, 1, 1), line.PopulationOn);
            Assert.Equal(line.SolutionKey == "helsenettet" ? CollectionMethod.Invoice : CollectionMethod.BlockGrantDeduction, line.Collection);
            // group = total × share, actor = group × weight / total weight, each to within the one øre largest remainder may add.
            Assert.InRange(line.GroupAmountOre - (decimal)line.SolutionTotalOre * line.BasisPoints / 10_000m, -1m, 1m);
            Assert.InRange(line.AmountOre - (decimal)line.GroupAmountOre * line.Weight / line.TotalWeight, -1m, 1m);
            Assert.True(line.AmountOre > 0);
        }
        Assert.Equal(bill.Lines.Sum(l => l.AmountOre), bill.TotalOre);
        var population = await db.QueryAsync(x => x.PopulationFigures.Where(p => p.OrganizationId == org && p.On == new DateOnly(2021, 1, 1)).Select(p => p.Population).SingleAsync());
        Assert.All(bill.Lines, l => Assert.Equal(population, l.Weight));
        // There is no adopted model for 2021 to compare with.
        Assert.Null(bill.PreviousYear);
        Assert.Null(bill.PreviousTotalOre);
    }

    [Fact]
    public async Task A_draft_is_not_found_for_the_public_and_initiative_owners_but_seen_by_the_office_members_and_the_TBU()
    {
        if (!db.Available) return;
        var draft = await AddModelAsync(2023, 7, "Utkast til prismodell 2023 (test)", isScenario: false, PriceModelStatus.Draft, basedOn: null,
            municipalitiesPercent: 40);

        foreach (var user in new[] { null, db.OwnerOslo, db.OwnerHelseSorOst })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.ModelAsync(draft, user)));
            await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.CompareAsync(draft, null, user)));
            var years = await Read(q => q.YearsAsync(user));
            Assert.DoesNotContain(years.SelectMany(y => y.Drafts), m => m.Id == draft);
        }
        foreach (var user in new[] { db.Office, db.Member, Tbu })
        {
            var details = await Read(q => q.ModelAsync(draft, user));
            Assert.Equal([PriceModelStatus.CouncilCase], details.NextSteps);
            Assert.Equal(details.TotalOre, details.Solutions.Sum(s => s.Shares.Sum(x => x.AmountOre)));
            var years = await Read(q => q.YearsAsync(user));
            var y2023 = years.Single(y => y.Year == 2023);
            Assert.Null(y2023.Adopted);
            Assert.Contains(y2023.Drafts, m => m.Id == draft);
        }
        var publicYears = await Read(q => q.YearsAsync(null));
        Assert.Equal(publicYears.Select(y => y.Year).OrderDescending(), publicYears.Select(y => y.Year));
        Assert.Equal(2027, publicYears[0].Year); // the cost bases reach 2027
        Assert.Equal("Prismodell 2022", publicYears.Single(y => y.Year == 2022).Adopted!.Name);

        var none = await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.AdoptedAsync(2024, db.Office)));
        Assert.Equal("Det finnes ingen vedtatt prismodell for 2024.", none.Message);
    }

    [Fact]
    public async Task A_scenario_is_compared_with_the_adopted_model_per_group_and_for_every_paying_actor()
    {
        if (!db.Available) return;
        var adopted = await AdoptedIdAsync(2022);
        // Helsenettet with the municipalities at 50 % and the regional health authorities at 40 % instead of 40 and 50.
        var scenario = await AddModelAsync(2022, 8, "Scenario: kommunene bærer mer av Helsenettet (test)", isScenario: true, PriceModelStatus.Draft,
            basedOn: adopted, municipalitiesPercent: 50);

        var comparison = await Read(q => q.CompareAsync(scenario, null, db.Office));

        Assert.Equal(adopted, comparison.Base.Id);
        Assert.Equal(scenario, comparison.Other.Id);
        var municipalities = comparison.Groups.Single(g => g.Group == PayerGroup.Municipalities);
        var rhf = comparison.Groups.Single(g => g.Group == PayerGroup.RegionalHealthAuthorities);
        Assert.True(municipalities.ChangeOre > 0);
        Assert.Equal(-municipalities.ChangeOre, rhf.ChangeOre);
        Assert.Equal(0, comparison.Groups.Single(g => g.Group == PayerGroup.State).ChangeOre);
        Assert.Equal(0, comparison.Actors.Sum(a => a.ChangeOre));
        Assert.Equal(comparison.Actors.OrderByDescending(a => a.ChangeOre).Select(a => a.ChangeOre), comparison.Actors.Select(a => a.ChangeOre));
        Assert.Equal(356, comparison.Actors.Count(a => a.MunicipalityNumber is not null));
        Assert.Equal("0301", comparison.Actors[0].MunicipalityNumber); // Oslo, the largest, gains the most
        Assert.Contains(comparison.Actors, a => a.Name == "Apotekforeningen" && a.ChangeOre == 0 && a.BaseOre > 0);
        Assert.Equal("Helse Sør-Øst RHF", comparison.Actors[^1].Name);

        // The scenario is not for the public, and the base can be named.
        await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.CompareAsync(scenario, adopted, null)));
        var reversed = await Read(q => q.CompareAsync(adopted, scenario, Tbu));
        Assert.Equal(-municipalities.ChangeOre, reversed.Groups.Single(g => g.Group == PayerGroup.Municipalities).ChangeOre);
    }

    [Fact]
    public async Task Several_scenarios_compared_at_once_match_one_by_one_and_a_change_to_one_is_seen_at_once()
    {
        if (!db.Available) return;
        var adopted = await AdoptedIdAsync(2022);
        var fifty = await AddModelAsync(2022, 9, "Scenario: kommunene 50 % av Helsenettet (test)", isScenario: true, PriceModelStatus.Draft, basedOn: adopted, municipalitiesPercent: 50);
        var sixty = await AddModelAsync(2022, 10, "Scenario: kommunene 60 % av Helsenettet (test)", isScenario: true, PriceModelStatus.Draft, basedOn: adopted, municipalitiesPercent: 60);
        static object Figures(ModelComparison c) => (c.Base.Id, c.Other.Id,
            string.Join(";", c.Groups.Select(g => $"{g.Group}:{g.BaseOre}:{g.OtherOre}")), string.Join(";", c.Actors.Select(a => $"{a.OrganizationId}:{a.BaseOre}:{a.OtherOre}")));

        var both = await Read(q => q.CompareAsync([fifty, sixty], null, db.Office));
        Assert.Equal([fifty, sixty], both.Select(c => c.Other.Id));
        Assert.Equal(Figures(await Read(q => q.CompareAsync(fifty, null, db.Office))), Figures(both[0]));
        Assert.Equal(Figures(await Read(q => q.CompareAsync(sixty, null, db.Office))), Figures(both[1]));
        long Municipalities(ModelComparison c) => c.Groups.Single(g => g.Group == PayerGroup.Municipalities).ChangeOre;
        Assert.True(Municipalities(both[1]) > Municipalities(both[0]));
        // A draft in the list is still not found for the public, though the office's read of it is kept.
        await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.CompareAsync([fifty, sixty], adopted, null)));

        // The office moves the sixty-percent scenario back to fifty: the next read shows it, not a kept result.
        var version = await db.QueryAsync(x => x.PriceModels.Where(m => m.Id == sixty).Select(m => m.Version).SingleAsync());
        await db.SendAsync((ShiftPriceShares u) => u.HandleAsync(sixty, "municipalities", "regional-health-authorities", 10, "helsenettet", version, db.Office), db.Office);
        var after = await Read(q => q.CompareAsync([fifty, sixty], null, db.Office));
        Assert.Equal(Municipalities(after[0]), Municipalities(after[1]));
        Assert.Equal(Figures(both[0]), Figures(after[0]));
        var model = await Read(q => q.ModelAsync(sixty, db.Office));
        Assert.Equal(5_000, model.Solutions.Single(s => s.Key == "helsenettet").Shares.Single(s => s.Group == PayerGroup.Municipalities).BasisPoints);
    }

    [Fact]
    public async Task The_invoice_basis_is_for_the_office_and_the_actors_own_users_with_invoiced_deducted_and_voluntary_lines()
    {
        if (!db.Available) return;
        var oslo = await db.OrganizationIdAsync("kommune:0301");

        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.InvoiceBasisAsync(2022, oslo, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.InvoiceBasisAsync(2022, oslo, db.OwnerHelseSorOst)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.InvoiceBasisAsync(2022, oslo, db.Member)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.InvoiceBasesAsync(2022, db.OwnerOslo)));

        var own = await Read(q => q.InvoiceBasisAsync(2022, oslo, db.OwnerOslo));
        var office = await Read(q => q.InvoiceBasisAsync(2022, oslo, db.Office));
        Assert.Equal(own.InvoicedTotalOre, office.InvoicedTotalOre);

        // Helsenettet is invoiced; the other three are deducted from the block grant; orders at quantity × unit price.
        var coFinancing = own.Invoiced.Where(l => !l.Voluntary).ToList();
        Assert.Equal(["helsenettet"], coFinancing.Select(l => l.SolutionKey));
        Assert.Equal(["e-resept", "helsenorge", "kjernejournal"], own.Deducted.Select(l => l.SolutionKey));
        var voluntary = own.Invoiced.Where(l => l.Voluntary).ToList();
        Assert.Equal([48L * 450_000, 12L * 200_000], voluntary.Select(l => l.AmountOre));
        Assert.All(voluntary, l => Assert.Equal(l.Quantity * l.UnitPriceOre, l.AmountOre));
        var bill = await Read(q => q.ActorBillAsync(own.Model!.Id, oslo, null));
        Assert.Equal(bill.TotalOre, coFinancing.Sum(l => l.AmountOre) + own.DeductedTotalOre);
        Assert.Equal(bill.Lines, own.Explanation);

        var all = await Read(q => q.InvoiceBasesAsync(2022, db.Office));
        var names = all.Select(b => b.Actor.Name).ToList();
        Assert.Contains("DIFA AS", names); // only a voluntary purchase
        Assert.Contains("Helse Nord RHF", names);
        Assert.DoesNotContain("Helse- og omsorgsdepartementet", names); // paid over the state budget
        Assert.Equal(356 + 4 + 2, all.Count); // municipalities, regional health authorities, Apotekforeningen and DIFA
        Assert.Equal(names.Order(StringComparer.Create(Norwegian.Culture, true)), names);
        Assert.Equal(office.InvoicedTotalOre, all.Single(b => b.Actor.Id == oslo).InvoicedTotalOre);
    }

    [Fact]
    public async Task Orders_are_for_the_office_and_the_actors_own_users()
    {
        if (!db.Available) return;
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.OrdersAsync(2022, null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.OrdersAsync(2022, null, db.Member)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Read(q => q.OrdersAsync(2022, oslo, db.OwnerHelseSorOst)));

        var own = await Read(q => q.OrdersAsync(2022, null, db.OwnerOslo));
        Assert.Equal(2, own.Count);
        Assert.All(own, o => Assert.Equal(oslo, o.OrganizationId));
        var all = await Read(q => q.OrdersAsync(2022, null, db.Office));
        Assert.Equal(5, all.Count);
        Assert.Equal(2, (await Read(q => q.OrdersAsync(2022, oslo, db.Office))).Count);

        var prices = await Read(q => q.PriceListAsync(2022));
        Assert.Contains(prices, p => p.Name == "Digital dialog med fastlege" && p.UnitPriceOre == 450_000 && p.Unit == "per legekontor per år");
    }

    [Fact]
    public async Task Life_cycle_cost_takes_actuals_for_closed_years_and_the_budget_as_forecast_with_a_running_sum()
    {
        if (!db.Available) return;
        var life = await Read(q => q.LifeCycleAsync("helsenettet"));

        Assert.Equal(Enumerable.Range(2021, 7), life.Years.Select(y => y.Year));
        Assert.All(life.Years.Where(y => y.Year <= 2025), y => { Assert.False(y.IsForecast); Assert.NotNull(y.ActualOre); });
        Assert.All(life.Years.Where(y => y.Year >= 2026), y => { Assert.True(y.IsForecast); Assert.Null(y.ActualOre); });
        long sum = 0;
        foreach (var y in life.Years)
        {
            sum += y.ActualOre ?? y.BudgetOre;
            Assert.Equal(sum, y.CumulativeOre);
        }
        Assert.Equal(life.Years.Sum(y => y.ActualOre ?? 0), life.HistoryOre);
        Assert.Equal(life.Years.Where(y => y.IsForecast).Sum(y => y.BudgetOre), life.ForecastOre);
        Assert.Equal(life.HistoryOre + life.ForecastOre, life.Years[^1].CumulativeOre);

        var costs = await Read(q => q.CostBasesAsync(2023));
        Assert.Equal(4, costs.Count);
        var one = await Read(q => q.CostBasisAsync("helsenettet", 2023));
        Assert.Equal(costs.Single(c => c.SolutionKey == "helsenettet"), one);
        // 2023's change is measured from 2022's TBU figure, which is what 2022 allocated.
        var tbu2022 = await db.QueryAsync(x => x.CostBases.Where(c => c.Solution.Key == "helsenettet" && c.Year == 2022).Select(c => c.TbuOre).SingleAsync());
        Assert.Equal(tbu2022, one!.PreviousOre);
        Assert.Null(await Read(q => q.CostBasisAsync("helsenettet", 2030)));
        await Assert.ThrowsAsync<NotFoundException>(() => Read(q => q.LifeCycleAsync("finnes-ikke")));
    }

    /// <summary>A model of the year with the 2022 model's shares, the municipalities' share of Helsenettet set (and the regions' the rest but 10 %).</summary>
    private Task<int> AddModelAsync(int year, int number, string name, bool isScenario, PriceModelStatus status, int? basedOn, int municipalitiesPercent) =>
        db.QueryAsync(async x =>
        {
            var source = await x.PriceModels.AsNoTracking().Include(m => m.Shares).ThenInclude(s => s.Entries).Include(m => m.Shares).ThenInclude(s => s.Solution)
                .SingleAsync(m => m.Year == 2022 && m.Number == 1);
            var model = new PriceModel
            {
                Year = year, Number = number, Name = name, IsScenario = isScenario, Status = status, BasedOnId = basedOn,
                CreatedBy = "test", CreatedAt = DateTime.UtcNow,
            };
            foreach (var s in source.Shares)
            {
                var points = s.BasisPoints;
                if (s.Solution.Key == "helsenettet" && s.Group == PayerGroup.Municipalities) points = municipalitiesPercent * 100;
                if (s.Solution.Key == "helsenettet" && s.Group == PayerGroup.RegionalHealthAuthorities) points = (90 - municipalitiesPercent) * 100;
                model.Shares.Add(new PriceModelShare
                {
                    SolutionId = s.SolutionId, Group = s.Group, BasisPoints = points, Key = s.Key, PopulationOn = s.PopulationOn, Collection = s.Collection,
                    Entries = s.Entries.Select(e => new KeyEntry { OrganizationId = e.OrganizationId, Weight = e.Weight }).ToList(),
                });
            }
            model.Steps.Add(new PriceModelStep { Step = PriceModelStatus.Draft, On = new DateOnly(year - 1, 3, 1), RecordedBy = "test", RecordedAt = DateTime.UtcNow });
            x.PriceModels.Add(model);
            await x.SaveChangesAsync();
            return model.Id;
        });
}

public sealed class FinancingQueriesTestsSqlite(SqliteDatabase db) : FinancingQueriesTests(db), IClassFixture<SqliteDatabase>;

public sealed class FinancingQueriesTestsPostgres(PostgresDatabase db) : FinancingQueriesTests(db), IClassFixture<PostgresDatabase>;
