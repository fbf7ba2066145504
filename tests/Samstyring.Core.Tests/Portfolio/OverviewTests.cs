using Samstyring.Core.Actors;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>The public portfolio overview on the demo data, as the office reports it after 2021-T3. Read only: no test here changes data.</summary>
public abstract class OverviewTests(TestDatabase db)
{
    private Task<PortfolioOverview> Overview(OverviewFilter? filter = null) =>
        db.SendAsync((GetPortfolioOverview u) => u.HandleAsync(filter ?? new OverviewFilter()));

    [Fact]
    public async Task The_key_figures_count_36_active_3_candidates_and_2_paused_in_period_2021_T3()
    {
        if (!db.Available) return;
        var overview = await Overview();
        Assert.Equal("2021-T3", overview.Period?.Code);
        Assert.Equal(36, overview.Counts.Active);
        Assert.Equal(3, overview.Counts.Candidates);
        Assert.Equal(2, overview.Counts.Paused);
        // Without a filter: active, paused and candidates, not completed or left.
        Assert.Equal(41, overview.Initiatives.Count);
        Assert.DoesNotContain(overview.Initiatives, r => r.Lifecycle is Lifecycle.Completed or Lifecycle.Left);
        Assert.Equal(overview.Initiatives.Select(r => r.Name).Order(StringComparer.Ordinal), overview.Initiatives.Select(r => r.Name), StringComparer.Ordinal);
        var s = overview.StatusDistribution;
        Assert.Equal(38, s.Green + s.Yellow + s.Red + s.NotReported);
    }

    [Fact]
    public async Task The_red_flags_include_Tarmscreening_and_Kjernejournal_dokumentdeling()
    {
        if (!db.Available) return;
        var overview = await Overview();
        var flags = overview.RedFlags.Select(r => r.Name).ToList();
        Assert.Contains("Nasjonal Tarmscreening", flags);
        Assert.Contains("Kjernejournal dokumentdeling", flags);
        Assert.All(overview.RedFlags, r => Assert.True(r.LatestReport!.Status == Rag.Red || r.LatestReport.Risk == Rag.Red));
        var tarm = overview.RedFlags.Single(r => r.Name == "Nasjonal Tarmscreening").LatestReport!;
        Assert.Equal(("2021-T3", Rag.Red, Rag.Red), (tarm.PeriodCode, tarm.Status, tarm.Risk));
    }

    [Fact]
    public async Task The_red_dependencies_of_case_38_21_are_listed_and_those_past_their_deadline_flagged()
    {
        if (!db.Available) return;
        var rows = (await Overview()).RedDependencies.ToDictionary(r => r.Initiative);
        Assert.Equal(3, rows.Count);
        Assert.True(rows["Legemiddelregisteret"].Overdue); // 31.12.2021
        Assert.True(rows["Helseplattformen"].Overdue); // 01.03.2022
        Assert.False(rows["Kjernejournal dokumentdeling"].Overdue); // no deadline
        Assert.Equal("Helse Sør-Øst RHF", rows["Kjernejournal dokumentdeling"].Owner);
        Assert.Equal("DIFA AS", rows["Legemiddelregisteret"].Target);
    }

    [Fact]
    public async Task Filters_by_segment_owner_status_lifecycle_actor_group_and_search_work()
    {
        if (!db.Available) return;
        var samstyring = await Overview(new OverviewFilter(Segment: Segment.Samstyring));
        Assert.Equal(10, samstyring.Initiatives.Count);
        Assert.All(samstyring.Initiatives, r => Assert.Equal(Segment.Samstyring, r.Segment));

        var hso = await db.OrganizationIdAsync("helse-sor-ost");
        var owned = (await Overview(new OverviewFilter(OwnerId: hso))).Initiatives;
        Assert.All(owned, r => Assert.Equal("Helse Sør-Øst RHF", r.OwnerName));
        Assert.Contains(owned, r => r.Name == "Nasjonal Tarmscreening");
        Assert.Equal(5, owned.Count);

        var red = (await Overview(new OverviewFilter(Status: Rag.Red))).Initiatives;
        Assert.Equal(["Nasjonal Tarmscreening"], red.Select(r => r.Name));

        var paused = (await Overview(new OverviewFilter(Lifecycle: Lifecycle.Paused))).Initiatives;
        Assert.Equal(["Innføring av helsefaglig dialog", "Velferdsteknologisk knutepunkt som nasjonal løsning"], paused.Select(r => r.Name));
        Assert.Equal(5, (await Overview(new OverviewFilter(Lifecycle: Lifecycle.Left))).Initiatives.Count);

        var municipal = (await Overview(new OverviewFilter(ActorGroup: ActorGroup.Kommunehelsetjenesten))).Initiatives;
        Assert.NotEmpty(municipal);
        Assert.All(municipal, r => Assert.Equal(ActorGroup.Kommunehelsetjenesten, r.OwnerActorGroup));
        Assert.Contains(municipal, r => r.Name == "Digital hjemmeoppfølging i Oslo kommune");

        var search = (await Overview(new OverviewFilter(Search: "  TARM "))).Initiatives;
        Assert.Equal(["Nasjonal Tarmscreening"], search.Select(r => r.Name));
        var byOwnerName = (await Overview(new OverviewFilter(Search: "oslo kommune"))).Initiatives;
        Assert.Contains(byOwnerName, r => r.Name == "Digital hjemmeoppfølging i Oslo kommune");

        // Norwegian letters fold case too (SQLite folds only ASCII unless told otherwise).
        var nordic = (await Overview(new OverviewFilter(Search: "klinisk løsning i helse sør-øst"))).Initiatives;
        Assert.Equal(["Regional klinisk løsning i Helse Sør-Øst"], nordic.Select(r => r.Name));
        Assert.Equal(5, (await Overview(new OverviewFilter(Search: "HELSE SØR-ØST RHF"))).Initiatives.Count);

        var combined = (await Overview(new OverviewFilter(OwnerId: hso, Segment: Segment.Samstyring))).Initiatives;
        Assert.Equal(["Kjernejournal dokumentdeling"], combined.Select(r => r.Name));
    }
}

public sealed class OverviewTestsSqlite(SqliteDatabase db) : OverviewTests(db), IClassFixture<SqliteDatabase>;

public sealed class OverviewTestsPostgres(PostgresDatabase db) : OverviewTests(db), IClassFixture<PostgresDatabase>;
