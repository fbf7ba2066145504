using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Financing;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Data;

/// <summary>
/// The financing area. Reference data (production too): every municipality's population per 1 January 2025 from
/// kommuner-2025.csv. Demo data only: population per 1 January 2021–2024 approximated by the 2025 figures, cost bases of the
/// four co-financed solutions for 2021–2027, an adopted price model for 2022 and a price list with a few orders. The
/// sources give no amounts, keys or shares (seed 004 lines 719–743): every amount and split below is invented data, and
/// nothing of it is built into the code that computes a model.
/// </summary>
/// <remarks>
/// The seeder fills an empty database; a database created before the financing area gets the reference population on its
/// next start or migration (<see cref="TopUpReferenceDataAsync"/>). Figures for later dates are imported by the office
/// (<see cref="ImportPopulationFigures"/>).
/// </remarks>
public sealed partial class Seeder
{
    public static readonly DateOnly PopulationReferenceDate = new(2025, 1, 1);
    public const string PopulationSource = "SSB, folketall 1. januar 2025 (kommuner-2025.csv)";
    public const string DemoPopulationSource = "Demodata: folketall per 1. januar 2025 brukt som tilnærming";
    public const string DemoCostNote = "Demodata: kildene oppgir ingen beløp (seed 004 linje 719–743)";

    private static readonly DateTime FinancingSeededAt = new(2021, 12, 15, 12, 0, 0, DateTimeKind.Utc);

    private async Task SeedPopulationAsync(Dictionary<string, Organization> orgs, CancellationToken ct)
    {
        foreach (var row in ReadMunicipalities())
        {
            db.PopulationFigures.Add(new PopulationFigure
            {
                Organization = orgs["kommune:" + row.Number], On = PopulationReferenceDate, Population = row.Population, Source = PopulationSource,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the reference population (<see cref="PopulationReferenceDate"/>, same rows and source as a new database gets) for
    /// every municipality that exists in the registry, existed on that date and has no figure for it. Figures already there
    /// are never changed, whatever their value: the office may have corrected them. One transaction, and audited (as the
    /// unit of work's user, "system" at start-up), since it changes a database that is in use. Also adds the principles of
    /// case 40/21 where no principle set for target areas exists. Returns what was added.
    /// </summary>
    public async Task<ReferenceTopUp> TopUpReferenceDataAsync(CancellationToken ct = default)
    {
        // A database that is not seeded yet (migrated only) gets all its reference data from the seed.
        if (!await db.Organizations.AnyAsync(ct)) return new(0, 0);
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var sets = await TopUpPrinciplesAsync(ct);
        var added = 0;
        var municipalities = await db.Organizations.Where(o => o.Type == OrganizationType.Kommune).ToDictionaryAsync(o => o.Key, ct);
        var present = (await db.PopulationFigures.Where(p => p.On == PopulationReferenceDate).Select(p => p.OrganizationId).ToListAsync(ct)).ToHashSet();
        foreach (var row in ReadMunicipalities())
        {
            if (!municipalities.TryGetValue("kommune:" + row.Number, out var org) || !org.ExistedOn(PopulationReferenceDate) || present.Contains(org.Id)) continue;
            db.PopulationFigures.Add(new PopulationFigure { OrganizationId = org.Id, On = PopulationReferenceDate, Population = row.Population, Source = PopulationSource });
            added++;
        }
        if (added == 0 && sets == 0) return new(0, 0);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(added, sets);
    }

    private async Task SeedDemoFinancingAsync(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions, CancellationToken ct)
    {
        var rows = ReadMunicipalities().ToList();
        var population2021 = DemoPopulation(orgs, rows);
        foreach (var year in new[] { 2021, 2022, 2023, 2024 })
        {
            var on = new DateOnly(year, 1, 1);
            foreach (var (org, population) in year < 2024 ? population2021 : rows.Select(r => (orgs["kommune:" + r.Number], r.Population)))
                db.PopulationFigures.Add(new PopulationFigure { Organization = org, On = on, Population = population, Source = DemoPopulationSource, IsDemo = true });
        }

        foreach (var cost in DemoCostBases(solutions)) db.CostBases.Add(cost);
        db.PriceModels.Add(DemoPriceModel2022(orgs, solutions, population2021));
        SeedDemoPriceList(orgs, solutions);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The municipalities of 1 January 2021–2023 with the 2025 figures: Haram was part of Ålesund until 1 January 2024, so
    /// Ålesund's figure is Ålesund's and Haram's together and Haram has none.
    /// </summary>
    private static List<(Organization Org, int Population)> DemoPopulation(Dictionary<string, Organization> orgs, List<MunicipalityRow> rows)
    {
        var on = new DateOnly(2021, 1, 1);
        var byNumber = rows.ToDictionary(r => r.Number, r => r.Population);
        var result = new List<(Organization, int)>();
        foreach (var row in rows)
        {
            var org = orgs["kommune:" + row.Number];
            if (!org.ExistedOn(on)) continue;
            var population = row.Number == "1508" ? row.Population + byNumber["1580"] : row.Population;
            result.Add((org, population));
        }
        return result;
    }

    /// <summary>Yearly running cost in kroner for 2021, growth per year, and investments by year (all invented).</summary>
    private static readonly (string Key, long Running2021, decimal[] Growth, Dictionary<int, long> Investments)[] DemoCosts =
    [
        ("helsenettet", 320_000_000, [0.045m, 0.052m, 0.038m, 0.041m, 0.035m, 0.033m], new() { [2023] = 40_000_000, [2024] = 25_000_000 }),
        ("kjernejournal", 130_000_000, [0.058m, 0.047m, 0.036m, 0.044m, 0.039m, 0.031m], new() { [2022] = 30_000_000 }),
        ("e-resept", 115_000_000, [0.034m, 0.042m, 0.055m, 0.037m, 0.032m, 0.040m], new() { [2025] = 20_000_000 }),
        ("helsenorge", 260_000_000, [0.051m, 0.046m, 0.060m, 0.043m, 0.038m, 0.035m], new() { [2024] = 50_000_000, [2026] = 35_000_000 }),
    ];

    /// <summary>
    /// 2021–2027 for each solution: running cost split into management, operation and development, investment in some
    /// years, actual figures for the closed years 2021–2025, the TBU's figure for 2022, and each year's change broken down
    /// so that price and wage growth, volume and new functions explain most of it.
    /// </summary>
    private static IEnumerable<CostBasis> DemoCostBases(Dictionary<string, NationalSolution> solutions)
    {
        const long Kr = 100;
        foreach (var (key, running2021, growth, investments) in DemoCosts)
        {
            CostBasis? previous = null;
            var running = (decimal)running2021;
            for (var year = 2021; year <= 2027; year++)
            {
                if (year > 2021) running *= 1 + growth[year - 2022];
                var runningKr = (long)Math.Round(running / 1000m) * 1000; // whole thousands of kroner
                var management = runningKr / 4;
                var development = runningKr / 5;
                var cost = new CostBasis
                {
                    Solution = solutions[key], Year = year,
                    ManagementOre = management * Kr, DevelopmentOre = development * Kr, OperationOre = (runningKr - management - development) * Kr,
                    InvestmentOre = investments.GetValueOrDefault(year) * Kr,
                    Note = DemoCostNote, IsDemo = true,
                };
                if (year <= 2025)
                {
                    // The closed years came out a little over or under budget.
                    var deviation = 1 + ((year * 7 + key.Length * 3) % 9 - 4) / 100m;
                    cost.ActualRunningOre = (long)Math.Round(cost.RunningOre * deviation / Kr) * Kr;
                    cost.ActualInvestmentOre = cost.InvestmentOre == 0 ? null : (long)Math.Round(cost.InvestmentOre * (2 - deviation) / Kr) * Kr;
                }
                if (year == 2022)
                {
                    // The TBU calculated a little below the budget, to the øre.
                    cost.TbuOre = cost.BudgetOre - cost.BudgetOre / 150 + 37;
                    cost.TbuRecordedBy = "demo";
                    cost.TbuRecordedAt = new DateTime(2021, 8, 20, 12, 0, 0, DateTimeKind.Utc);
                }
                if (previous is not null)
                {
                    // Price and wage growth about 60 %, volume about 25 %, new functions about 10 %: some 5 % stays unexplained.
                    var change = cost.AllocatedOre - previous.AllocatedOre;
                    cost.PriceWageGrowthOre = Round(change * 0.60m);
                    cost.VolumeOre = Round(change * 0.25m);
                    cost.NewFunctionsOre = Round(change * 0.10m);
                }
                yield return cost;
                previous = cost;
            }
        }

        static long Round(decimal ore) => (long)Math.Round(ore / 100_000m) * 100_000; // whole thousands of kroner
    }

    /// <summary>Invented shares per solution: (group, percent, key, collection). No split is hard-coded anywhere else.</summary>
    private static readonly (string Solution, (PayerGroup Group, int Percent)[] Shares)[] DemoShares2022 =
    [
        ("helsenettet", [(PayerGroup.State, 10), (PayerGroup.RegionalHealthAuthorities, 50), (PayerGroup.Municipalities, 40)]),
        ("kjernejournal", [(PayerGroup.RegionalHealthAuthorities, 50), (PayerGroup.Municipalities, 45), (PayerGroup.State, 5)]),
        ("e-resept", [(PayerGroup.State, 15), (PayerGroup.RegionalHealthAuthorities, 40), (PayerGroup.Municipalities, 35), (PayerGroup.Pharmacies, 10)]),
        ("helsenorge", [(PayerGroup.State, 30), (PayerGroup.RegionalHealthAuthorities, 35), (PayerGroup.Municipalities, 35)]),
    ];

    private static PriceModel DemoPriceModel2022(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions,
        List<(Organization Org, int Population)> population2021)
    {
        var model = new PriceModel
        {
            Year = 2022, Number = 1, Name = "Prismodell 2022", Status = PriceModelStatus.Adopted,
            Note = "Demodata: andeler og nøkler er oppdiktet; kildene oppgir ingen fordeling (seed 004 linje 719–743).",
            CreatedBy = "demo", CreatedAt = new DateTime(2021, 3, 1, 9, 0, 0, DateTimeKind.Utc), IsDemo = true,
        };
        void Step(PriceModelStatus step, DateOnly on, string? reference = null) => model.Steps.Add(new PriceModelStep
        {
            Step = step, On = on, Reference = reference, RecordedBy = "demo", RecordedAt = on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
        });
        Step(PriceModelStatus.Draft, new DateOnly(2021, 3, 1));
        Step(PriceModelStatus.CouncilCase, new DateOnly(2021, 6, 10), "Demodata: drøftet i Nasjonalt e-helsestyre");
        Step(PriceModelStatus.TbuCalculation, new DateOnly(2021, 8, 20));
        Step(PriceModelStatus.PublicConsultation, new DateOnly(2021, 9, 15), "Demodata: høring om endring i forskrift om standarder og nasjonale e-helseløsninger");
        Step(PriceModelStatus.KsConsultation, new DateOnly(2021, 10, 20));
        Step(PriceModelStatus.Adopted, new DateOnly(2021, 12, 15), "Demodata: forskriftsendring med virkning fra 1. januar 2022 (seed 004 linje 719–727)");

        // The regional health authorities' fixed key: the population of each region's municipalities on 1 January 2021.
        var regionWeights = population2021.GroupBy(p => p.Org.Region!.Value).ToDictionary(g => g.Key, g => (long)g.Sum(p => p.Population));
        var rhfs = new[] { "helse-nord", "helse-midt", "helse-vest", "helse-sor-ost" }.Select(k => orgs[k]).ToList();

        foreach (var (solutionKey, shares) in DemoShares2022)
        {
            foreach (var (group, percent) in shares)
            {
                var share = new PriceModelShare { Solution = solutions[solutionKey], Group = group, BasisPoints = percent * 100 };
                switch (group)
                {
                    case PayerGroup.State:
                        share.Key = DistributionKey.Equal; // no entries: the ministry (HOD)
                        share.Collection = CollectionMethod.StateBudget;
                        break;
                    case PayerGroup.RegionalHealthAuthorities:
                        share.Key = DistributionKey.Fixed;
                        share.Collection = CollectionMethod.Invoice;
                        foreach (var rhf in rhfs) share.Entries.Add(new KeyEntry { Organization = rhf, Weight = regionWeights[rhf.Region!.Value] });
                        break;
                    case PayerGroup.Municipalities:
                        share.Key = DistributionKey.Population;
                        share.PopulationOn = new DateOnly(2021, 1, 1);
                        share.Collection = solutionKey == "helsenettet" ? CollectionMethod.Invoice : CollectionMethod.BlockGrantDeduction;
                        break;
                    case PayerGroup.Pharmacies:
                        share.Key = DistributionKey.Fixed;
                        share.Collection = CollectionMethod.Invoice;
                        share.Entries.Add(new KeyEntry { Organization = orgs["apotekforeningen"], Weight = 1 });
                        break;
                    default:
                        throw new InvalidOperationException($"Ingen demonøkkel for {group}.");
                }
                model.Shares.Add(share);
            }
        }
        return model;
    }

    /// <summary>Voluntary purchases at full cost (invented prices), 2022 and 2023, and a few orders.</summary>
    private void SeedDemoPriceList(Dictionary<string, Organization> orgs, Dictionary<string, NationalSolution> solutions)
    {
        var items = new Dictionary<(string, int), PriceListItem>();
        foreach (var year in new[] { 2022, 2023 })
        {
            var factor = year == 2022 ? 1m : 1.04m;
            void Item(string key, string solution, string name, string unit, long kroner) =>
                items[(key, year)] = new PriceListItem
                {
                    Solution = solutions[solution], Year = year, Name = name, Unit = unit,
                    UnitPriceOre = (long)Math.Round(kroner * factor / 10m) * 10 * 100, IsDemo = true,
                };
            Item("tilknytning", "helsenettet", "Tilknytning til Helsenettet for private virksomheter", "per år", 12_000);
            Item("dialog", "helsenorge", "Digital dialog med fastlege", "per legekontor per år", 4_500);
            Item("timebestilling", "helsenorge", "Timebestilling på Helsenorge", "per tjeneste per år", 2_000);
            Item("kjernejournal-privat", "kjernejournal", "Tilgang til kjernejournal for private helseinstitusjoner", "per virksomhet per år", 8_000);
        }
        db.PriceListItems.AddRange(items.Values);

        void Order(string item, int year, string org, long quantity, DateOnly on, string note = "") => db.ServiceOrders.Add(new ServiceOrder
        {
            Item = items[(item, year)], Organization = orgs[org], Quantity = quantity, OrderedOn = on, Note = note, IsDemo = true,
        });
        Order("dialog", 2022, "kommune:0301", 48, new DateOnly(2022, 1, 10), "Demodata: de kommunale legekontorene i Oslo");
        Order("timebestilling", 2022, "kommune:0301", 12, new DateOnly(2022, 2, 1));
        Order("dialog", 2022, "kommune:4601", 31, new DateOnly(2022, 1, 17));
        Order("tilknytning", 2022, "difa", 1, new DateOnly(2022, 1, 3));
        Order("tilknytning", 2022, "apotekforeningen", 1, new DateOnly(2022, 1, 3));
        Order("dialog", 2023, "kommune:0301", 52, new DateOnly(2023, 1, 9));
        Order("timebestilling", 2023, "kommune:4601", 8, new DateOnly(2023, 2, 6));
        Order("tilknytning", 2023, "difa", 1, new DateOnly(2023, 1, 2));
    }
}

/// <summary>What <see cref="Seeder.TopUpReferenceDataAsync"/> added: population figures and principle sets.</summary>
public sealed record ReferenceTopUp(int PopulationFigures, int PrincipleSets);
