using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;
using Samstyring.Core.Evaluation;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// The evaluation principles of case 40/21 are reference data: a production database has them as the current set for
/// target areas, so the office can open a round without demo data; a database created before gets them at its next start,
/// audited, once; and a database that has a target-area set already is left alone.
/// </summary>
public abstract class ReferencePrinciplesTests(Provider provider)
{
    [Fact]
    public async Task A_production_database_has_the_principles_of_case_40_21_as_the_current_set_for_target_areas()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();

        var set = await QueryAsync(services, db => db.PrincipleSets.Include(s => s.Principles).SingleAsync());
        Assert.Equal((EvaluationPurpose.TargetAreas, true, false, "Nasjonalt e-helsestyre sak 40/21"), (set.Purpose, set.IsCurrent, set.IsDemo, set.SourceCase));
        Assert.Equal(Seeder.Principles40_21, set.Principles.OrderBy(p => p.Number).Select(p => p.Text));
        Assert.Equal(Enumerable.Range(1, 11), set.Principles.Select(p => p.Number).Order());
    }

    [Fact]
    public async Task The_next_start_adds_them_to_a_database_without_them_once_and_audited()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();
        // As if created before the principles were reference data.
        await QueryAsync(services, async db =>
        {
            await db.Principles.ExecuteDeleteAsync();
            return await db.PrincipleSets.ExecuteDeleteAsync();
        });
        var auditBefore = await QueryAsync(services, db => db.AuditLog.CountAsync());

        await services.InitializeDatabaseAsync();

        var set = await QueryAsync(services, db => db.PrincipleSets.Include(s => s.Principles).SingleAsync());
        Assert.Equal((EvaluationPurpose.TargetAreas, true, 11), (set.Purpose, set.IsCurrent, set.Principles.Count));
        var audit = await QueryAsync(services, db => db.AuditLog.OrderBy(a => a.Id).Skip(auditBefore).ToListAsync());
        Assert.Contains(audit, a => (a.EntityType, a.Action, a.UserName) == (nameof(PrincipleSet), "Added", "system"));

        // Again: nothing to add.
        await services.InitializeDatabaseAsync();
        Assert.Equal(1, await QueryAsync(services, db => db.PrincipleSets.CountAsync()));
        Assert.Equal(new ReferenceTopUp(0, 0), await QueryAsync(services, db => new Seeder(db).TopUpReferenceDataAsync()));
    }

    [Fact]
    public async Task A_database_with_a_target_area_set_of_its_own_is_left_alone()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        scratch.Options.DemoData = false;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync();
        await QueryAsync(services, async db =>
        {
            await db.Principles.ExecuteDeleteAsync();
            await db.PrincipleSets.ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Kontorets egne prinsipper"));
            return 0;
        });

        await services.InitializeDatabaseAsync();

        var set = await QueryAsync(services, db => db.PrincipleSets.Include(s => s.Principles).SingleAsync());
        Assert.Equal(("Kontorets egne prinsipper", 0), (set.Title, set.Principles.Count));
    }

    private static async Task<T> QueryAsync<T>(IServiceProvider services, Func<SamstyringDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SamstyringDb>());
    }
}

public sealed class ReferencePrinciplesTestsSqlite() : ReferencePrinciplesTests(Provider.Sqlite);

public sealed class ReferencePrinciplesTestsPostgres() : ReferencePrinciplesTests(Provider.Postgres);
