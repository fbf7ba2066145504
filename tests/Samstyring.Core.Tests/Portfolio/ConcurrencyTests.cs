using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>Two people edit the same thing at once: one wins, the other is told to reload; nothing is silently overwritten.</summary>
public abstract class ConcurrencyTests(TestDatabase db)
{
    [Fact]
    public async Task Two_simultaneous_updates_from_the_same_version_let_exactly_one_win()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Digital hjemmeoppfølging og prosessplattform"); // owned by Helse Sør-Øst

        for (var round = 0; round < 3; round++)
        {
            var loaded = await db.LoadInitiativeAsync(id);
            InitiativeInput Edit(string who) => new(loaded.Name, $"Beskrivelse fra {who}, runde {round}.", null, loaded.Kind.Code(), null,
                "2021-01-01", "2024-12-31", who);

            var results = await Task.WhenAll(
                Attempt(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, Edit("kontoret"), loaded.Version, db.Office))),
                Attempt(() => db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, Edit("eieren"), loaded.Version, db.OwnerHelseSorOst))));

            var winner = Assert.Single(results, r => r.Saved is not null).Saved!;
            Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r.Error is not null).Error);
            var stored = await db.LoadInitiativeAsync(id);
            Assert.Equal(loaded.Version + 1, stored.Version);
            Assert.Equal(winner.Description, stored.Description);
            Assert.Equal(winner.ContactPerson, stored.ContactPerson);
        }
    }

    [Fact]
    public async Task An_update_from_a_stale_version_is_refused_and_changes_nothing()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Modernisering av grunndata");
        var loaded = await db.LoadInitiativeAsync(id);
        var input = new InitiativeInput(loaded.Name, "Første endring.", null, loaded.Kind.Code(), null, null, null, null);
        await db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, input, loaded.Version, db.Office));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, input with { Description = "Andre endring." }, loaded.Version, db.Office)));

        var stored = await db.LoadInitiativeAsync(id);
        Assert.Equal("Første endring.", stored.Description);
        Assert.Equal(loaded.Version + 1, stored.Version);
    }

    [Fact]
    public async Task Reporting_status_does_not_make_a_concurrent_edit_of_the_details_conflict()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Nasjonal Tarmscreening");
        var loaded = await db.LoadInitiativeAsync(id);

        // The owner reports while the office has the edit form open from the same version.
        var reportVersion = await db.ReportVersionAsync(id, "2021-T3");
        await db.SendAsync((ReportStatus u) => u.HandleAsync(id,
            new StatusReportInput("2021-T3", "yellow", "Bedring.", "red", "Fortsatt høy risiko.", "Delvis i rute.", "Innenfor rammen.", reportVersion), db.OwnerHelseSorOst));
        var input = new InitiativeInput(loaded.Name, "Oppdatert beskrivelse.", null, loaded.Kind.Code(), null, null, null, loaded.ContactPerson);
        await db.SendAsync((UpdateInitiative u) => u.HandleAsync(id, input, loaded.Version, db.Office));

        var stored = await db.LoadInitiativeAsync(id);
        Assert.Equal("Oppdatert beskrivelse.", stored.Description);
        var latest = await db.QueryAsync(x => x.StatusReports.Where(r => r.Id == stored.LatestReportId).Select(r => r.Status).SingleAsync());
        Assert.Equal(Rag.Yellow, latest);
    }

    [Fact]
    public async Task Two_simultaneous_report_updates_from_the_same_version_let_exactly_one_win()
    {
        if (!db.Available) return;
        const string name = "Nasjonalt velferdsteknologiprogram"; // Koordinering: no cost needed
        var id = await db.InitiativeIdAsync(name);

        for (var round = 0; round < 3; round++)
        {
            var report = await db.QueryAsync(x => x.StatusReports.AsNoTracking().SingleAsync(r => r.InitiativeId == id && r.Period.Code == "2021-T3"));
            StatusReportInput Edit(string who) => new("2021-T3", "yellow", $"Vurdert av {who}, runde {round}.", "green", "Lav.", "Pågår.", null, report.Version);

            var results = await Task.WhenAll(
                Attempt(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id, Edit("kontoret"), db.Office))),
                Attempt(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id, Edit("en kollega"), db.Office))));

            var winner = Assert.Single(results, r => r.Saved is not null).Saved!;
            Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r.Error is not null).Error);
            var stored = await db.QueryAsync(x => x.StatusReports.AsNoTracking().SingleAsync(r => r.Id == report.Id));
            Assert.Equal(report.Version + 1, stored.Version);
            Assert.Equal(winner.StatusText, stored.StatusText);
        }
        Assert.Equal(2, await db.QueryAsync(x => x.StatusReports.CountAsync(r => r.InitiativeId == id))); // 2021-T2 and T3: still one per period
    }

    [Fact]
    public async Task The_database_refuses_the_second_save_even_when_both_loaded_before_either_saved()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Innføring av sentral forskrivningsmodul (SFM)");
        await using var first = db.Services.CreateAsyncScope();
        await using var second = db.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<SamstyringDb>();
        var db2 = second.ServiceProvider.GetRequiredService<SamstyringDb>();
        var a = await db1.Initiatives.SingleAsync(i => i.Id == id);
        var b = await db2.Initiatives.SingleAsync(i => i.Id == id);
        Assert.Equal(a.Version, b.Version);

        a.Description = "Lagret først.";
        await db1.SaveChangesAsync();
        b.Description = "Lagret sist, men fra en gammel versjon.";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db2.SaveChangesAsync());

        var stored = await db.LoadInitiativeAsync(id);
        Assert.Equal("Lagret først.", stored.Description);
        Assert.Equal(a.Version, stored.Version);
    }

    [Fact]
    public async Task Two_simultaneous_first_reports_for_a_period_let_exactly_one_in_and_no_unexpected_error()
    {
        if (!db.Available) return;
        var id = await db.InitiativeIdAsync("Nasjonal forvaltning av kliniske arketyper (openEHR)"); // Koordinering
        foreach (var period in new[] { "2021-T1", "2021-T2" })
        {
            await db.QueryAsync(x => x.StatusReports.Where(r => r.InitiativeId == id && r.Period.Code == period).ExecuteDeleteAsync());
            StatusReportInput Edit(string who) => new(period, "green", $"Rapportert av {who}.", "green", "Lav.", "Pågår.", null);

            var results = await Task.WhenAll(
                Attempt(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id, Edit("kontoret"), db.Office))),
                Attempt(() => db.SendAsync((ReportStatus u) => u.HandleAsync(id, Edit("en kollega"), db.Office))));

            // One gets in. The other either clashed with it on saving (412) or found it already there and, having no version
            // of it, is refused rather than overwriting it (428); never a raw database error, never both saved.
            Assert.Single(results, r => r.Saved is not null);
            Assert.All(results.Where(r => r.Error is not null), r => Assert.True(r.Error is ConcurrencyConflictException or VersionRequiredException, r.Error!.ToString()));
            Assert.Equal(1, await db.QueryAsync(x => x.StatusReports.CountAsync(r => r.InitiativeId == id && r.Period.Code == period)));
        }
    }

    private sealed record Outcome<T>(T? Saved, Exception? Error);

    // Task.Run: SQLite's "async" calls complete synchronously, so without it the first save would finish before the second starts.
    private static Task<Outcome<T>> Attempt<T>(Func<Task<T>> action) where T : class => Task.Run(async () =>
    {
        try { return new Outcome<T>(await action(), null); }
        catch (Exception e) { return new Outcome<T>(null, e); }
    });
}

public sealed class ConcurrencyTestsSqlite(SqliteDatabase db) : ConcurrencyTests(db), IClassFixture<SqliteDatabase>;

public sealed class ConcurrencyTestsPostgres(PostgresDatabase db) : ConcurrencyTests(db), IClassFixture<PostgresDatabase>;
