using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Data;

/// <summary>The public overview is cached, but never shows old data once a change is committed.</summary>
public abstract class ReadCacheTests(TestDatabase db)
{
    private const string Name = "Nasjonal Tarmscreening";

    [Fact]
    public async Task A_change_made_by_this_instance_shows_at_once()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Helseplattformen");
        Assert.NotEqual(Rag.Red, await StatusSeenBy(db.Services, "Helseplattformen"));

        var version = await db.ReportVersionAsync(id, "2021-T3");
        await db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "red", "Stans.", "red", "Høy.", "Stoppet.", "Over budsjett.", version), db.Office), db.Office);

        Assert.Equal(Rag.Red, await StatusSeenBy(db.Services, "Helseplattformen"));
    }

    [Fact]
    public async Task A_change_committed_by_another_instance_shows_within_the_check_interval()
    {
        if (!db.Available) return;
        await using var otherInstance = db.Scratch.BuildServices();
        var id = await db.InitiativeIdAsync(Name);
        var version = await db.ReportVersionAsync(id, "2021-T3");
        Assert.Equal(Rag.Red, await StatusSeenBy(db.Services, Name));

        await using (var scope = otherInstance.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = db.OwnerHelseSorOst.UserName;
            await scope.ServiceProvider.GetRequiredService<ReportStatus>().HandleAsync(id,
                new StatusReportInput("2021-T3", "green", "I rute.", "green", "Lav.", "Leveranser i rute.", "Innenfor rammen.", version), db.OwnerHelseSorOst);
        }
        await Task.Delay(DataVersion.RemoteCheckInterval + TimeSpan.FromMilliseconds(300));

        Assert.Equal(Rag.Green, await StatusSeenBy(db.Services, Name));
    }

    private static async Task<Rag?> StatusSeenBy(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<GetPortfolioOverview>().PageAsync(new OverviewFilter(Search: name), 1, 50);
        return page.Rows.Single(r => r.Name == name).LatestReport?.Status;
    }
}

public sealed class ReadCacheTestsSqlite(SqliteDatabase db) : ReadCacheTests(db), IClassFixture<SqliteDatabase>;

public sealed class ReadCacheTestsPostgres(PostgresDatabase db) : ReadCacheTests(db), IClassFixture<PostgresDatabase>;
