using Samstyring.Core.Actors;
using Samstyring.Core.Common;

namespace Samstyring.Core.Financing;

/// <summary>One actor's part of a group's share, with its weight in the key.</summary>
public sealed record ActorAmount(int OrganizationId, long Weight, long AmountOre);

/// <summary>A group's share of one solution: percent (basis points), the amount, the key and each actor's part.</summary>
public sealed record GroupAllocation(
    PayerGroup Group, int BasisPoints, DistributionKey Key, DateOnly? PopulationOn, CollectionMethod Collection,
    long AmountOre, long TotalWeight, IReadOnlyList<ActorAmount> Actors);

/// <summary>One solution in a model: the cost allocated (the TBU's figure when recorded, else the budget) and its groups.</summary>
public sealed record SolutionAllocation(int SolutionId, long TotalOre, bool FromTbu, bool HasCostBasis, IReadOnlyList<GroupAllocation> Groups);

/// <summary>A whole model's allocation, and what kept a part of it from being computed (in Norwegian).</summary>
public sealed record ModelAllocation(int ModelId, int Year, IReadOnlyList<SolutionAllocation> Solutions, IReadOnlyList<string> Problems)
{
    /// <summary>Each actor's total over all solutions, in øre.</summary>
    public Dictionary<int, long> TotalsByActor()
    {
        var totals = new Dictionary<int, long>();
        foreach (var a in Solutions.SelectMany(s => s.Groups).SelectMany(g => g.Actors))
            totals[a.OrganizationId] = totals.GetValueOrDefault(a.OrganizationId) + a.AmountOre;
        return totals;
    }

    public Dictionary<PayerGroup, long> TotalsByGroup() =>
        Solutions.SelectMany(s => s.Groups).GroupBy(g => g.Group).ToDictionary(g => g.Key, g => g.Sum(x => x.AmountOre));
}

/// <summary>The actors a key can reach, and the population figures a population key reads.</summary>
public sealed record KeyData(IReadOnlyList<Organization> Actors, IReadOnlyDictionary<DateOnly, IReadOnlyDictionary<int, int>> PopulationByDate);

/// <summary>
/// Computes a price model: total cost → each group's share (largest remainder over the basis points) → each actor's part
/// (largest remainder over the key's weights). Pure: the caller loads the model with its shares and entries, the year's
/// cost bases and the key data. Nothing about the split is built in; every share and weight is the model's data.
/// </summary>
public static class PriceModelCalculator
{
    public static ModelAllocation Calculate(PriceModel model, IReadOnlyDictionary<int, CostBasis> costBySolution, KeyData keys)
    {
        var problems = new List<string>();
        var solutions = new List<SolutionAllocation>();
        var municipalities = new Dictionary<DateOnly, List<Organization>>(); // per reference date, made once for all the model's shares
        foreach (var bySolution in model.Shares.GroupBy(s => s.SolutionId).OrderBy(g => g.Key))
        {
            var shares = bySolution.OrderBy(s => s.Group).ToList();
            var cost = costBySolution.GetValueOrDefault(bySolution.Key);
            var total = cost?.AllocatedOre ?? 0;
            var name = shares[0].Solution?.Name ?? $"løsning {bySolution.Key}";
            if (cost is null) problems.Add($"{name} mangler kostnadsgrunnlag for {model.Year}.");
            var points = shares.Sum(s => s.BasisPoints);
            if (points != 10_000)
            {
                problems.Add($"Andelene for {name} er til sammen {Percent(points)}, ikke 100 %.");
                solutions.Add(new SolutionAllocation(bySolution.Key, total, cost?.TbuOre is not null, cost is not null, []));
                continue;
            }
            var groupAmounts = Allocation.Split(total, shares.Select(s => (long)s.BasisPoints).ToList());
            var groups = new List<GroupAllocation>();
            for (var i = 0; i < shares.Count; i++)
            {
                var share = shares[i];
                var weights = Weights(share, model.Year, keys, name, problems, municipalities);
                var actorAmounts = new List<ActorAmount>();
                long totalWeight = weights.Sum(w => w.Weight);
                if (weights.Count > 0 && totalWeight > 0)
                {
                    var parts = Allocation.Split(groupAmounts[i], weights.Select(w => w.Weight).ToList());
                    for (var j = 0; j < weights.Count; j++) actorAmounts.Add(new ActorAmount(weights[j].OrganizationId, weights[j].Weight, parts[j]));
                }
                else if (groupAmounts[i] > 0 && weights.Count > 0)
                    problems.Add($"Nøkkelen for {share.Group.Label().ToLowerInvariant()} i {name} har ingen vekt.");
                groups.Add(new GroupAllocation(share.Group, share.BasisPoints, share.Key, share.PopulationOn, share.Collection,
                    groupAmounts[i], totalWeight, actorAmounts));
            }
            solutions.Add(new SolutionAllocation(bySolution.Key, total, cost?.TbuOre is not null, cost is not null, groups));
        }
        return new ModelAllocation(model.Id, model.Year, solutions, problems);
    }

    /// <summary>The actors of a group who pay when the key lists none: equal shares among the group's actors on 1 January of the year.</summary>
    public static IEnumerable<Organization> DefaultMembers(PayerGroup group, IEnumerable<Organization> actors, DateOnly on) =>
        group switch
        {
            PayerGroup.State => actors.Where(a => a.Type == OrganizationType.Departement),
            PayerGroup.RegionalHealthAuthorities => actors.Where(a => a.Type == OrganizationType.Rhf),
            PayerGroup.Municipalities => actors.Where(a => a.Type == OrganizationType.Kommune && a.ExistedOn(on)),
            PayerGroup.GeneralPractitioners => actors.Where(a => a.Type == OrganizationType.Fastlege),
            _ => [],
        };

    private static List<(int OrganizationId, long Weight)> Weights(PriceModelShare share, int year, KeyData keys, string solution, List<string> problems,
        Dictionary<DateOnly, List<Organization>> municipalities)
    {
        var group = share.Group.Label().ToLowerInvariant();
        switch (share.Key)
        {
            case DistributionKey.Population:
            {
                var on = share.PopulationOn ?? new DateOnly(year, 1, 1);
                if (!keys.PopulationByDate.TryGetValue(on, out var figures) || figures.Count == 0)
                {
                    problems.Add($"Det finnes ingen folketall per {Norwegian.Date(on)} ({solution}, {group}).");
                    return [];
                }
                if (!municipalities.TryGetValue(on, out var members))
                    municipalities[on] = members = keys.Actors.Where(a => a.Type == OrganizationType.Kommune && a.ExistedOn(on))
                        .OrderBy(a => a.MunicipalityNumber, StringComparer.Ordinal).ToList();
                var missing = members.Where(m => !figures.ContainsKey(m.Id)).Select(m => m.Name).ToList();
                if (missing.Count > 0)
                    problems.Add($"Mangler folketall per {Norwegian.Date(on)} for {Norwegian.List(missing.Take(5).ToList())}{(missing.Count > 5 ? $" og {missing.Count - 5} til" : "")}.");
                return members.Where(m => figures.ContainsKey(m.Id)).Select(m => (m.Id, (long)figures[m.Id])).ToList();
            }
            case DistributionKey.Equal:
            {
                var ids = share.Entries.Count > 0
                    ? share.Entries.Select(e => e.OrganizationId).OrderBy(i => i).ToList()
                    : DefaultMembers(share.Group, keys.Actors, new DateOnly(year, 1, 1)).Select(a => a.Id).OrderBy(i => i).ToList();
                if (ids.Count == 0) problems.Add($"Ingen aktører å fordele {group}s andel av {solution} på: velg aktørene.");
                return ids.Select(id => (id, 1L)).ToList();
            }
            default:
            {
                if (share.Entries.Count == 0) problems.Add($"Nøkkelen for {group} i {solution} har ingen aktører.");
                return share.Entries.OrderBy(e => e.OrganizationId).Select(e => (e.OrganizationId, e.Weight)).ToList();
            }
        }
    }

    public static string Percent(int basisPoints) => Norwegian.Percent(basisPoints / 100m);
}
