namespace Samstyring.Core.Roadmap;

/// <summary>
/// The roadmap as a time chart: services down (grouped by area), years and quarters across, one bar per actor-group
/// plan, plans postponed indefinitely in a column on the right, first and last actor group in use marked, dependencies
/// drawn as arrows between rows (late ones in red), today's date as a vertical line. One layout
/// (<see cref="RoadmapChartLayout"/>) drawn as SVG or as a paginated PDF.
/// </summary>
/// <remarks>
/// The SVG works both as a file and inline in a page under a strict content security policy: presentation attributes
/// only (no style attributes, no CSS, no script), every text XML-escaped. Trial and rollout differ in colour and in
/// pattern (hatched versus solid), so the chart reads in greyscale and for colour-blind readers.
/// </remarks>
public static class RoadmapChart
{
    public static string ToSvg(RoadmapView view, DateOnly today) => RoadmapSvg.Render(Build(view, today));

    /// <summary>
    /// The chart on landscape A3 pages: every page repeats the title, legend and axis; rows flow from page to page, an
    /// area header is repeated ("forts.") when its services continue on a new page, and arrows are drawn between rows on
    /// the same page (the dependency is also named in the row's label column).
    /// </summary>
    public static byte[] ToPdf(RoadmapView view, DateOnly today) => RoadmapPdf.Render(Build(view, today));

    private static RoadmapChartLayout Build(RoadmapView view, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        return RoadmapChartLayout.Build(view, today);
    }
}
