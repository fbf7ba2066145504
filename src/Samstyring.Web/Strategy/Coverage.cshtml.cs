using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Strategy;

namespace Samstyring.Web.Strategy;

/// <summary>Dekning: how the portfolio serves a strategy's target areas, with cost and red flags per area, and the gaps both ways.</summary>
public sealed class CoverageModel(StrategyQueries queries) : StrategyPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public StrategyCoverage Coverage { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Coverage = await queries.CoverageAsync(Id, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
