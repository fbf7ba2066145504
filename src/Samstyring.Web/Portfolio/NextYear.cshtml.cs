using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>Porteføljen neste år: what carries over, starts and ends (the basis for the office's proposal to the council).</summary>
public sealed class NextYearModel(GetNextYearPortfolio get, GetReportingPeriods periods, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public NextYearPortfolio Portfolio { get; private set; } = null!;
    public List<(string, string)> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ModelState.TryGetValue("year", out var bad) && bad.Errors.Count > 0)
        {
            ModelState.Remove("year");
            ModelState.AddModelError("year", "Året må være et årstall, for eksempel 2022.");
        }
        var current = await periods.CurrentAsync(ct);
        var defaultYear = (current?.Year ?? clock.Today().Year) + 1;
        var periodYears = await periods.YearsAsync(ct);
        Years = periodYears.Select(y => y + 1).Append(defaultYear).Append(Year ?? defaultYear).Where(y => y is >= 2000 and <= 2100)
            .Distinct().OrderByDescending(y => y).Select(y => (y.ToString(), y.ToString())).ToList();
        if (!await TryAsync(async () => Portfolio = await get.HandleAsync(Year ?? defaultYear, ct)))
            Portfolio = await get.HandleAsync(defaultYear, ct);
        Year = Portfolio.Year;
    }
}
