using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// Production (Samstyring:DemoData=false) gets the reference data the README promises and nothing else: no demo
/// rows, no council bodies or members, no meetings, cases, roadmap or portfolio, and no accounts.
/// </summary>
public abstract class ProductionSeedTests(Provider provider)
{
    /// <summary>
    /// The tables of the reference data named in the README: actors and municipalities with their population, national
    /// solutions, criteria set 2021.1 and the evaluation principles of case 40/21.
    /// </summary>
    private static readonly string[] ReferenceTables =
        ["organizations", "organization_owners", "population_figures", "national_solutions", "grunnmur_areas", "solution_events", "criteria_sets", "criteria",
         "principle_sets", "principles"];

    [Fact]
    public async Task Production_start_seeds_reference_data_only_and_no_demo_rows()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        // Working state and derived data (the search index over the reference solutions) are not seeded data.
        var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null && t.FindAnnotation(SamstyringDb.Transient) is null)
            .Select(t => (Table: t.GetTableName()!, IsDemo: t.FindProperty("IsDemo")?.GetColumnName())).Distinct().ToList();
        Assert.Contains(tables, t => t.Table == "bodies");

        await using var conn = scratch.CreateConnection();
        await conn.OpenAsync();
        var filled = new List<string>();
        var demo = new List<string>();
        foreach (var (table, isDemo) in tables)
        {
            if (await CountAsync(conn, $"SELECT COUNT(*) FROM \"{table}\"") > 0) filled.Add(table);
            if (isDemo is not null && await CountAsync(conn, $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{isDemo}\" = TRUE") > 0) demo.Add(table);
        }

        Assert.True(demo.Count == 0, "Rader merket som demodata i: " + string.Join(", ", demo));
        Assert.Equal(ReferenceTables.Order(), filled.Order());
        Assert.Equal(357, await db.Organizations.CountAsync(o => o.MunicipalityNumber != null));
        var criteria = await db.CriteriaSets.SingleAsync();
        Assert.Equal("2021.1", criteria.Version);
        // No council case has adopted it in a new database: it is the set on trial since 4/21, proposed for adoption in 37/21.
        Assert.Equal(Samstyring.Core.Portfolio.CriteriaSetStatus.Trial, criteria.Status);
        Assert.Null(criteria.AdoptedOn);
        Assert.NotEmpty(await db.NationalSolutions.ToListAsync());
        // Every municipality's population per 1 January 2025, and no other date.
        var figures = await db.PopulationFigures.Include(p => p.Organization).ToListAsync();
        Assert.Equal(357, figures.Count);
        Assert.All(figures, f => Assert.Equal(new DateOnly(2025, 1, 1), f.On));
        Assert.Equal(717_710, figures.Single(f => f.Organization.MunicipalityNumber == "0301").Population);
        Assert.Equal(Seeder.PopulationSource, figures[0].Source);
    }

    [Fact]
    public void The_README_promises_exactly_that()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings(" ");
        var at = readme.IndexOf("In production (`Samstyring:DemoData=false`)", StringComparison.Ordinal);
        Assert.True(at >= 0, "README har ikke avsnittet om produksjon.");
        var promise = readme.Substring(at, Math.Min(600, readme.Length - at));
        foreach (var part in new[] { "reference data only", "actors", "municipalities", "population", "criteria set 2021.1", "principles of case 40/21", "national solutions", "no accounts" })
            Assert.Contains(part, promise);
    }

    private static async Task<long> CountAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Samstyring.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Fant ikke Samstyring.slnx over {AppContext.BaseDirectory}.");
    }
}

public sealed class ProductionSeedTestsSqlite() : ProductionSeedTests(Provider.Sqlite);

public sealed class ProductionSeedTestsPostgres() : ProductionSeedTests(Provider.Postgres);
