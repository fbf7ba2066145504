using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>Porteføljerapporten for a reporting period as a page, with the same report as files.</summary>
public sealed class PortfolioReportModel(GetPortfolioReport get, GetReportingPeriods periods) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    public PortfolioReport? Report { get; private set; }
    public List<(string, string)> Periods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Periods = (await periods.CodesNewestFirstAsync(ct))
            .Select(c => (c, ReportingPeriod.NameOf(c))).ToList();
        if (Periods.Count == 0) return;
        if (!await TryAsync(async () => Report = await get.HandleAsync(Period, ct)))
            Report = await get.HandleAsync(null, ct); // an unknown code: say so, and show the current period
        Period = Report!.Period.Code;
    }
}
