using CsCheck;
using Samstyring.Core.Actors;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Tests.Financing;

/// <summary>The calculator on models built in memory: sums exact at every level, and what stops a model is said in Norwegian.</summary>
public sealed class PriceModelCalculatorTests
{
    private static readonly DateOnly January2024 = new(2024, 1, 1);

    private static Organization Actor(int id, string name, OrganizationType type, string? number = null, DateOnly? from = null, DateOnly? to = null) =>
        new() { Id = id, Key = $"a{id}", Name = name, Type = type, MunicipalityNumber = number, ExistsFrom = from, ExistsTo = to };

    private static readonly List<Organization> Actors =
    [
        Actor(1, "Helse- og omsorgsdepartementet", OrganizationType.Departement),
        Actor(2, "Helse Nord RHF", OrganizationType.Rhf),
        Actor(3, "Helse Midt-Norge RHF", OrganizationType.Rhf),
        Actor(4, "Helse Vest RHF", OrganizationType.Rhf),
        Actor(5, "Helse Sør-Øst RHF", OrganizationType.Rhf),
        Actor(10, "Oslo", OrganizationType.Kommune, "0301"),
        Actor(11, "Utsira", OrganizationType.Kommune, "1151"),
        Actor(12, "Bergen", OrganizationType.Kommune, "4601"),
        // Exists only from 2024 (as Haram): not a member on 1 January 2023.
        Actor(13, "Haram", OrganizationType.Kommune, "1580", from: January2024),
        // Merged away before 2024.
        Actor(14, "Gamle kommune", OrganizationType.Kommune, "9999", to: new DateOnly(2023, 12, 31)),
    ];

    private static readonly Dictionary<int, int> Population2024 = new() { [10] = 717_710, [11] = 196, [12] = 291_940, [13] = 9_500 };

    private static KeyData Keys(params (DateOnly On, Dictionary<int, int> Figures)[] figures) =>
        new(Actors, figures.ToDictionary(f => f.On, f => (IReadOnlyDictionary<int, int>)f.Figures));

    private static PriceModelShare Share(PayerGroup group, int points, DistributionKey key, params (int Org, long Weight)[] entries) => new()
    {
        SolutionId = 1,
        Solution = new NationalSolution { Key = "kjernejournal", Name = "Kjernejournal" } ,
        Group = group,
        BasisPoints = points,
        Key = key,
        PopulationOn = key == DistributionKey.Population ? January2024 : null,
        Collection = CollectionMethod.Invoice,
        Entries = entries.Select(e => new KeyEntry { OrganizationId = e.Org, Weight = e.Weight }).ToList(),
    };

    private static PriceModel Model(int year, params PriceModelShare[] shares) => new() { Id = 7, Year = year, Name = "Prismodell", Shares = [.. shares] };

    private static Dictionary<int, CostBasis> Cost(long ore) => new() { [1] = new CostBasis { SolutionId = 1, Year = 2024, ManagementOre = ore } };

    [Fact]
    public void A_whole_model_splits_the_cost_exactly_down_to_every_actor()
    {
        var model = Model(2024,
            Share(PayerGroup.State, 2_000, DistributionKey.Equal),
            Share(PayerGroup.RegionalHealthAuthorities, 3_050, DistributionKey.Fixed, (2, 17), (3, 21), (4, 22), (5, 40)),
            Share(PayerGroup.Municipalities, 4_950, DistributionKey.Population));
        var result = PriceModelCalculator.Calculate(model, Cost(1_000_000_001), Keys((January2024, Population2024)));

        Assert.Empty(result.Problems);
        var solution = Assert.Single(result.Solutions);
        Assert.Equal(1_000_000_001, solution.Groups.Sum(g => g.AmountOre));
        Assert.All(solution.Groups, g => Assert.Equal(g.AmountOre, g.Actors.Sum(a => a.AmountOre)));
        var state = solution.Groups.Single(g => g.Group == PayerGroup.State);
        Assert.Equal(200_000_000, state.AmountOre);
        // Equal shares without entries: the group's actors (the ministry).
        Assert.Equal(1, Assert.Single(state.Actors).OrganizationId);
        var municipalities = solution.Groups.Single(g => g.Group == PayerGroup.Municipalities);
        Assert.Equal([10, 11, 12, 13], municipalities.Actors.Select(a => a.OrganizationId).Order());
        Assert.Equal(1_000_000_001, result.TotalsByActor().Values.Sum());
    }

    [Fact]
    public void Equal_shares_without_entries_fall_to_the_municipalities_that_existed_on_1_January()
    {
        var model = Model(2023, Share(PayerGroup.Municipalities, 10_000, DistributionKey.Equal));
        var result = PriceModelCalculator.Calculate(model, Cost(300), Keys());
        var actors = Assert.Single(Assert.Single(result.Solutions).Groups).Actors;
        // Haram did not exist yet in 2023; the merged municipality still did.
        Assert.Equal([10, 11, 12, 14], actors.Select(a => a.OrganizationId).Order());
        Assert.All(actors, a => Assert.Equal(75, a.AmountOre));
        Assert.Empty(result.Problems);

        Assert.Equal([2, 3, 4, 5], PriceModelCalculator.DefaultMembers(PayerGroup.RegionalHealthAuthorities, Actors, January2024).Select(a => a.Id).Order());
        Assert.Empty(PriceModelCalculator.DefaultMembers(PayerGroup.Others, Actors, January2024));
        var others = PriceModelCalculator.Calculate(Model(2024, Share(PayerGroup.Others, 10_000, DistributionKey.Equal)), Cost(300), Keys());
        Assert.Contains(others.Problems, p => p.Contains("Ingen aktører å fordele"));
    }

    [Fact]
    public void Shares_that_do_not_add_up_to_100_percent_are_a_problem_and_nothing_is_allocated()
    {
        var model = Model(2024,
            Share(PayerGroup.State, 2_000, DistributionKey.Equal),
            Share(PayerGroup.Municipalities, 7_500, DistributionKey.Population));
        var result = PriceModelCalculator.Calculate(model, Cost(1_000), Keys((January2024, Population2024)));
        Assert.Equal("Andelene for Kjernejournal er til sammen 95\u00A0%, ikke 100 %.", Assert.Single(result.Problems));
        Assert.Empty(Assert.Single(result.Solutions).Groups);
    }

    [Fact]
    public void A_population_key_without_figures_for_its_date_is_a_Norwegian_problem()
    {
        var model = Model(2024, Share(PayerGroup.Municipalities, 10_000, DistributionKey.Population));
        var none = PriceModelCalculator.Calculate(model, Cost(1_000), Keys((new DateOnly(2023, 1, 1), Population2024)));
        Assert.Equal("Det finnes ingen folketall per 1. januar 2024 (Kjernejournal, kommuner).", Assert.Single(none.Problems));

        var withoutUtsira = Population2024.Where(p => p.Key != 11).ToDictionary();
        var partial = PriceModelCalculator.Calculate(model, Cost(1_000), Keys((January2024, withoutUtsira)));
        Assert.Equal("Mangler folketall per 1. januar 2024 for Utsira.", Assert.Single(partial.Problems));

        var noCost = PriceModelCalculator.Calculate(model, new Dictionary<int, CostBasis>(), Keys((January2024, Population2024)));
        Assert.Equal("Kjernejournal mangler kostnadsgrunnlag for 2024.", Assert.Single(noCost.Problems));
    }

    [Fact]
    public void The_TBU_figure_is_allocated_instead_of_the_budget_once_it_is_recorded()
    {
        var cost = Cost(1_000);
        cost[1].TbuOre = 900;
        var result = PriceModelCalculator.Calculate(Model(2024, Share(PayerGroup.State, 10_000, DistributionKey.Equal)), cost, Keys());
        var solution = Assert.Single(result.Solutions);
        Assert.True(solution.FromTbu);
        Assert.Equal(900, solution.TotalOre);
    }

    [Fact]
    public void For_any_split_and_weights_groups_add_up_to_the_total_and_actors_to_their_group() =>
        Gen.Select(Gen.Long[0, CostBasis.MaxOre], Gen.Int[0, 10_000], Gen.Int[0, 10_000], Gen.Long[0, 1_000_000_000_000].Array[4])
            .Where((_, a, b, weights) => a + b <= 10_000 && weights.Any(w => w > 0))
            .Sample((total, a, b, weights) =>
            {
                var model = Model(2024,
                    Share(PayerGroup.State, a, DistributionKey.Equal),
                    Share(PayerGroup.RegionalHealthAuthorities, b, DistributionKey.Fixed, weights.Select((w, i) => (i + 2, w)).ToArray()),
                    Share(PayerGroup.Municipalities, 10_000 - a - b, DistributionKey.Population));
                var result = PriceModelCalculator.Calculate(model, Cost(total), Keys((January2024, Population2024)));
                var groups = Assert.Single(result.Solutions).Groups;
                return result.Problems.Count == 0 && groups.Sum(g => g.AmountOre) == total
                       && groups.All(g => g.Actors.Sum(x => x.AmountOre) == g.AmountOre);
            }, iter: 1_000);
}
