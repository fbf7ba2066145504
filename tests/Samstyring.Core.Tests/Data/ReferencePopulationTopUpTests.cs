using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Actors;
using Samstyring.Core.Data;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// A database created before the financing area has no population figures; its next start adds the reference population
/// (SSB, 1 January 2025) for the municipalities that lack it, audited, once, and never changes a figure that is there.
/// </summary>
public abstract class ReferencePopulationTopUpTests(Provider provider)
{
    [Fact]
    public async Task The_next_start_adds_the_missing_reference_figures_once_and_keeps_the_ones_there()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();

        // As if created before the release: no reference figures, except Oslo's, which the office has set to a value of its own.
        var reference = Seeder.PopulationReferenceDate;
        await QueryAsync(services, async db =>
        {
            var oslo = await db.Organizations.Where(o => o.Key == "kommune:0301").Select(o => o.Id).SingleAsync();
            await db.PopulationFigures.Where(p => p.OrganizationId != oslo).ExecuteDeleteAsync();
            await db.PopulationFigures.Where(p => p.OrganizationId == oslo).ExecuteUpdateAsync(s => s.SetProperty(p => p.Population, 700_000).SetProperty(p => p.Source, "Kontorets tall"));
            return 0;
        });
        var auditBefore = await QueryAsync(services, db => db.AuditLog.CountAsync());

        await services.InitializeDatabaseAsync();

        var figures = await QueryAsync(services, db => db.PopulationFigures.AsNoTracking().Include(p => p.Organization).ToListAsync());
        Assert.Equal(357, figures.Count);
        Assert.All(figures, f => Assert.Equal(reference, f.On));
        var oslo = figures.Single(f => f.Organization.MunicipalityNumber == "0301");
        Assert.Equal((700_000, "Kontorets tall"), (oslo.Population, oslo.Source));
        var bergen = figures.Single(f => f.Organization.MunicipalityNumber == "4601");
        Assert.Equal(Seeder.ReadMunicipalities().Single(r => r.Number == "4601").Population, bergen.Population);
        Assert.All(figures.Where(f => f != oslo), f => Assert.Equal((Seeder.PopulationSource, false), (f.Source, f.IsDemo)));
        var audit = await QueryAsync(services, db => db.AuditLog.Where(a => a.Id > 0).OrderBy(a => a.Id).Skip(auditBefore).ToListAsync());
        Assert.Equal(356, audit.Count);
        Assert.All(audit, a => Assert.Equal((nameof(PopulationFigure), "Added", "system"), (a.EntityType, a.Action, a.UserName)));

        // Again: nothing to add, nothing written.
        await services.InitializeDatabaseAsync();
        Assert.Equal(357, await QueryAsync(services, db => db.PopulationFigures.CountAsync()));
        Assert.Equal(auditBefore + 356, await QueryAsync(services, db => db.AuditLog.CountAsync()));
        Assert.Equal(new ReferenceTopUp(0, 0), await QueryAsync(services, db => new Seeder(db).TopUpReferenceDataAsync()));
    }

    [Fact]
    public async Task A_new_database_gets_its_reference_figures_from_the_seed_and_no_audit_entries()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();

        Assert.Equal(357, await QueryAsync(services, db => db.PopulationFigures.CountAsync(p => p.On == Seeder.PopulationReferenceDate)));
        Assert.Equal(0, await QueryAsync(services, db => db.AuditLog.CountAsync()));
    }

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }
}

public sealed class ReferencePopulationTopUpTestsSqlite() : ReferencePopulationTopUpTests(Provider.Sqlite);

public sealed class ReferencePopulationTopUpTestsPostgres() : ReferencePopulationTopUpTests(Provider.Postgres);
