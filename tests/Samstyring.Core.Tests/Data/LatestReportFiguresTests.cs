using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;
using Samstyring.Core.Data.Migrations;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>
/// The latest report's status and risk are kept on the initiative (<see cref="LatestReportFigures"/>): the migration fills
/// them in from the reports of an existing database, and Down takes them away again.
/// </summary>
public abstract class LatestReportFiguresTests(Provider provider)
{
    [Fact]
    public async Task The_migration_fills_in_every_initiatives_latest_status_risk_and_period_from_its_reports()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        await using var services = scratch.BuildServices();
        await services.InitializeDatabaseAsync(demo: true);

        // A database from before the migration: the columns go, the reports and the pointers stay.
        await services.MigrateToAsync(SharedNodeState.Id);
        await services.MigrateToAsync(null);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        var rows = await (
                from i in db.Initiatives.AsNoTracking()
                join r in db.StatusReports on i.LatestReportId equals r.Id into reports
                from r in reports.DefaultIfEmpty()
                select new
                {
                    i.Name, i.LatestStatus, i.LatestRisk, i.LatestPeriodId,
                    Status = r == null ? (Rag?)null : r.Status, Risk = r == null ? (Rag?)null : r.Risk, PeriodId = r == null ? (int?)null : r.PeriodId,
                })
            .ToListAsync();
        Assert.True(rows.Count(x => x.Status is not null) >= 20, "Demodataene skulle ha mange rapporterte tiltak.");
        Assert.Contains(rows, x => x.Status is null);
        Assert.All(rows, x => Assert.Equal((x.Status, x.Risk, x.PeriodId), (x.LatestStatus, x.LatestRisk, x.LatestPeriodId)));
        var tarmscreening = rows.Single(x => x.Name == "Nasjonal Tarmscreening");
        Assert.Equal((Rag.Red, Rag.Red), (tarmscreening.LatestStatus, tarmscreening.LatestRisk));
    }

}

public sealed class LatestReportFiguresTestsSqlite() : LatestReportFiguresTests(Provider.Sqlite);

public sealed class LatestReportFiguresTestsPostgres() : LatestReportFiguresTests(Provider.Postgres);
