using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Documents;

public sealed class GetPortfolioReportTests(PortfolioReportFixture fx) : IClassFixture<PortfolioReportFixture>
{
    [Fact]
    public void Current_period_is_the_last_demo_tertial_with_its_reports()
    {
        var r = fx.Report;
        Assert.Equal("2021-T3", r.Period.Code);
        Assert.Equal("3. tertial 2021", r.Period.Name);
        Assert.Equal(new DateOnly(2021, 9, 1), r.Period.Start);

        var tarm = Assert.Single(r.Rows, x => x.Name == "Nasjonal Tarmscreening");
        Assert.Equal(Rag.Red, tarm.Report!.Status);
        Assert.Equal(Rag.Red, tarm.Report.Risk);
        Assert.Contains(r.RedFlags, x => x.Name == "Nasjonal Tarmscreening");

        // 36 active + 2 paused; the 5 that left on 19.11.2021 belong to the period too; the 3 candidates do not.
        Assert.Equal(38, r.Rows.Count(x => x.IsInPortfolio));
        Assert.Equal(5, r.Rows.Count(x => x.Lifecycle == Lifecycle.Left));
        Assert.DoesNotContain(r.Rows, x => x.Lifecycle == Lifecycle.Candidate);

        var inPortfolio = 38;
        Assert.Equal(inPortfolio, Sum(r.StatusDistribution));
        Assert.Equal(inPortfolio, Sum(r.RiskDistribution));
        Assert.Equal(3, r.NotReported.Count); // three observation-segment initiatives in the demo have not reported
        Assert.Equal(r.NotReported.Count, r.StatusDistribution.NotReported);
        Assert.All(r.NotReported, n => Assert.Null(n.Report));
        Assert.Equal(inPortfolio, r.Segments.Sum(s => s.Count));

        Assert.Equal(["Helseplattformen", "Kjernejournal dokumentdeling", "Legemiddelregisteret"],
            r.RedDependencies.Select(d => d.Initiative).Order().ToArray());
    }

    [Fact]
    public async Task Earlier_period_shows_that_periods_reports_not_the_latest()
    {
        var t2 = await fx.ReportAsync("2021-T2");
        Assert.Equal("2. tertial 2021", t2.Period.Name);
        var tarm = Assert.Single(t2.Rows, x => x.Name == "Nasjonal Tarmscreening");
        Assert.Equal(Rag.Green, tarm.Report!.Status); // the demo's T2 reports are all green
        Assert.Empty(t2.NotReported);

        var t1 = await fx.ReportAsync(" 2021-T1 ");
        Assert.Equal(t1.Rows.Count(x => x.IsInPortfolio), t1.NotReported.Count);
        Assert.All(t1.Rows, x => Assert.Null(x.Report));
    }

    [Fact]
    public async Task Unknown_period_is_a_validation_error_on_period()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => fx.ReportAsync("2031-T9"));
        var message = Assert.Single(ex.Errors["period"]);
        Assert.Contains("2031-T9", message);
    }

    [Fact]
    public async Task Next_year_portfolio_matches_case_38_21()
    {
        var next = await fx.SendAsync((GetNextYearPortfolio u) => u.HandleAsync(2022));
        Assert.Equal(33, next.CarriesOver.Count); // 31 active + 2 paused
        Assert.Equal(2, next.CarriesOver.Count(x => x.Lifecycle == Lifecycle.Paused));
        Assert.Equal(2, next.Starts.Count);
        Assert.Equal(35, next.ExpectedCount);
        // 5 active that stop, 3 completed and 5 that left in 2021.
        Assert.Equal(13, next.Ends.Count);
        Assert.Equal(3, next.Ends.Count(x => x.Lifecycle == Lifecycle.Completed));
        Assert.Empty(next.CarriesOver.Intersect(next.Ends));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => fx.SendAsync((GetNextYearPortfolio u) => u.HandleAsync(20222)));
        Assert.True(ex.Errors.ContainsKey("year"));
    }

    private static int Sum(RagDistribution d) => d.Green + d.Yellow + d.Red + d.NotReported;
}
