using Samstyring.Core.Portfolio;

namespace Samstyring.Web.Portfolio;

/// <summary>Placeholder until Core's SvgBarChart lands; replaced by a call to it.</summary>
public static class PortfolioCharts
{
    public static string StatusRiskSvg(RagDistribution status, RagDistribution risk) => "";
}
