using Samstyring.Core.Common;
using Samstyring.Core.Documents;
using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>The status/risk chart for pages, drawn by Core's SVG renderer (text is escaped there, so pages may emit it raw).</summary>
public static class PortfolioCharts
{
    /// <summary>The portfolio's latest status and risk, as on the front page.</summary>
    public static string StatusRiskSvg(RagDistribution status, RagDistribution risk) =>
        SvgBarChart.Render(Chart("Status og risiko", "Antall aktive tiltak og tiltak i pause etter siste rapporterte vurdering.", status, risk));

    /// <summary>One period's report: the same chart the DOCX report carries.</summary>
    public static string ReportSvg(PortfolioReport report) => PortfolioReportDocuments.ToSvg(report);

    // Same colours and order as the report documents (PortfolioReportDocuments.Chart), so the page and the DOCX agree.
    private static BarChart Chart(string title, string lead, RagDistribution status, RagDistribution risk)
    {
        static int[] Values(RagDistribution d) => [d.Green, d.Yellow, d.Red, d.NotReported];
        static string Words(RagDistribution d) => $"grønn {d.Green}, gul {d.Yellow}, rød {d.Red}, ikke rapportert {d.NotReported}";
        return new BarChart(
            title,
            $"{lead} Status: {Words(status)}. Risiko: {Words(risk)}.",
            [
                new BarSeries(Rag.Green.Label(), "#2E7D32"), new BarSeries(Rag.Yellow.Label(), "#F2C94C"),
                new BarSeries(Rag.Red.Label(), "#C62828"), new BarSeries(PortfolioReportDocuments.NotReportedLabel, "#6B7280"),
            ],
            [new BarGroup("Status", Values(status)), new BarGroup("Risiko", Values(risk))]);
    }
}
