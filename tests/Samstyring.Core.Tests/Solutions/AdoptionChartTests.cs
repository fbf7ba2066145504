using System.Xml.Linq;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Tests.Solutions;

public sealed class AdoptionChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly TimeSpan TwelveMonths = TimeSpan.FromDays(366);

    private static AdoptionChartData Sample(ChartPoint? forecast = null) => new(
        "Andel kommuner som har tatt i bruk e-resept", "Andelen har økt fra 10 % til 44 %.",
        [new(new(2021, 1, 1), 10), new(new(2022, 1, 1), 30), new(new(2022, 7, 1), 38), new(new(2023, 1, 1), 44)],
        [new(new(2022, 12, 31), 75, "75 % innen utgangen av 2022"), new(new(2025, 12, 31), 100, "Alle innen 2026")],
        forecast);

    [Fact]
    public void Renders_a_well_formed_accessible_svg_with_targets_and_forecast()
    {
        var root = XDocument.Parse(AdoptionChart.RenderSvg(Sample(new ChartPoint(new(2023, 10, 1), 75)))).Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        var ids = ((string?)root.Attribute("aria-labelledby"))!.Split(' ');
        Assert.Equal(["title", "desc"], ids.Select(id => root.Descendants().Single(e => (string?)e.Attribute("id") == id).Name.LocalName));
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("75 % innen utgangen av 2022", texts);
        Assert.Contains("Alle innen 2026", texts);
        Assert.Contains("Prognose: 1. oktober 2023", texts);
        Assert.Contains("2021", texts);
        Assert.Contains("2025", texts);
        Assert.Contains("100\u00A0%", texts);
        Assert.Contains("0\u00A0%", texts);
        Assert.Contains(root.Descendants(Svg + "title"), t => t.Value == "1. januar 2022: 30\u00A0%");
        Assert.Single(root.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "forecast");
        Assert.Equal(2, root.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "target"));
        NoActiveContent(root);
    }

    [Fact]
    public void Without_a_forecast_none_is_drawn()
    {
        var root = XDocument.Parse(AdoptionChart.RenderSvg(Sample())).Root!;
        Assert.DoesNotContain(root.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "forecast");
        Assert.DoesNotContain(root.Descendants(Svg + "text"), t => t.Value.StartsWith("Prognose", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_share_renders_Ingen_data()
    {
        var data = Sample(new ChartPoint(new(2024, 1, 1), 75)) with { Share = [] };
        var root = XDocument.Parse(AdoptionChart.RenderSvg(data)).Root!;
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal(data.Title, root.Element(Svg + "title")!.Value);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "Ingen data");
        NoActiveContent(root);
    }

    [Fact]
    public void Every_text_is_encoded()
    {
        const string hostile = "<script>alert('x')</script> & \"q\"\u0001";
        var data = new AdoptionChartData(hostile, hostile, [new(new(2021, 1, 1), 5), new(new(2021, 6, 1), 8)],
            [new(new(2022, 1, 1), 50, hostile)], new ChartPoint(new(2030, 1, 1), 50));
        var svg = AdoptionChart.RenderSvg(data);
        Assert.DoesNotContain("<script", svg);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("<script>alert('x')</script> & \"q\"", root.Element(Svg + "title")!.Value);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "<script>alert('x')</script> & \"q\"");
        NoActiveContent(root);
    }

    [Fact]
    public void A_steady_pace_forecasts_where_the_line_reaches_the_target()
    {
        ChartPoint[] share = [new(new(2021, 1, 1), 10), new(new(2022, 1, 1), 30)];
        var date = AdoptionChart.Forecast(share, 50, TwelveMonths);
        Assert.NotNull(date);
        Assert.InRange(date.Value, new DateOnly(2022, 12, 28), new DateOnly(2023, 1, 4));
    }

    [Fact]
    public void The_pace_is_the_least_squares_slope_over_the_window_only()
    {
        // Flat for years, then 2 points a month for the last year: only the last year counts.
        var share = new List<ChartPoint> { new(new(2018, 1, 1), 5), new(new(2019, 1, 1), 5), new(new(2020, 1, 1), 5) };
        for (var m = 0; m <= 12; m++) share.Add(new(new DateOnly(2020, 1, 1).AddMonths(m), 5 + 2 * m));
        var date = AdoptionChart.Forecast(share, 53, TwelveMonths);
        Assert.NotNull(date);
        Assert.InRange(date.Value, new DateOnly(2021, 12, 20), new DateOnly(2022, 1, 12));

        var longWindow = AdoptionChart.Forecast(share, 53, TimeSpan.FromDays(5 * 366));
        Assert.True(longWindow > date, "a window over the flat years sees a slower pace");
    }

    [Fact]
    public void No_forecast_without_a_rising_pace_or_with_fewer_than_two_points()
    {
        Assert.Null(AdoptionChart.Forecast([new(new(2021, 1, 1), 30), new(new(2022, 1, 1), 30)], 50, TwelveMonths));
        Assert.Null(AdoptionChart.Forecast([new(new(2021, 1, 1), 30), new(new(2022, 1, 1), 20)], 50, TwelveMonths));
        Assert.Null(AdoptionChart.Forecast([new(new(2021, 1, 1), 30)], 50, TwelveMonths));
        Assert.Null(AdoptionChart.Forecast([], 50, TwelveMonths));
        // Two points, but only one inside the window.
        Assert.Null(AdoptionChart.Forecast([new(new(2019, 1, 1), 10), new(new(2022, 1, 1), 30)], 50, TwelveMonths));
        // Two measurements on one day give no pace.
        Assert.Null(AdoptionChart.Forecast([new(new(2022, 1, 1), 10), new(new(2022, 1, 1), 30)], 50, TwelveMonths));
    }

    [Fact]
    public void A_share_already_at_the_target_gives_the_date_it_got_there()
    {
        ChartPoint[] share = [new(new(2021, 1, 1), 10), new(new(2021, 6, 1), 60), new(new(2021, 9, 1), 40), new(new(2022, 1, 1), 55), new(new(2022, 6, 1), 70)];
        Assert.Equal(new DateOnly(2022, 1, 1), AdoptionChart.Forecast(share, 50, TwelveMonths));
    }

    [Fact]
    public void Points_out_of_order_are_sorted_first()
    {
        ChartPoint[] share = [new(new(2022, 1, 1), 30), new(new(2021, 1, 1), 10)];
        Assert.Equal(AdoptionChart.Forecast([.. share.Reverse()], 50, TwelveMonths), AdoptionChart.Forecast(share, 50, TwelveMonths));
        Assert.NotNull(XDocument.Parse(AdoptionChart.RenderSvg(new("T", "D", share, [], null))).Root);
    }

    private static void NoActiveContent(XElement root)
    {
        var elements = root.DescendantsAndSelf().ToList();
        Assert.DoesNotContain(elements, e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image" or "a");
        var attributes = elements.SelectMany(e => e.Attributes()).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.LocalName is "style" or "href");
    }
}
