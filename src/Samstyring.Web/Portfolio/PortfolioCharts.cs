using Samstyring.Core.Documents;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The status/risk chart for pages, drawn by Core's SVG renderer (text is escaped there, so pages may emit it raw).</summary>
public static class PortfolioCharts
{
    /// <summary>The portfolio's latest status and risk, as on the front page.</summary>
    public static string StatusRiskSvg(RagDistribution status, RagDistribution risk) =>
        SvgBarChart.Render(PortfolioReportDocuments.StatusRiskChart(
            "Status og risiko", "Antall aktive tiltak og tiltak i pause etter siste rapporterte vurdering.", status, risk));

    /// <summary>One period's report: the same chart the DOCX report carries.</summary>
    public static string ReportSvg(PortfolioReport report) => PortfolioReportDocuments.ToSvg(report);
}
