using Samstyring.Core.Financing;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>The financing area's front page: the models of the seeds in brief, the yearly process, and the years with their models.</summary>
public sealed class IndexModel(FinancingQueries queries, TimeProvider clock) : SamstyringPage
{
    /// <summary>This year: a year after it has no adopted model "yet"; an earlier one simply has none.</summary>
    public int ThisYear { get; } = clock.GetLocalNow().Year;

    public IReadOnlyList<FinancingYearSummary> Years { get; private set; } = [];

    public bool SeesDrafts => FinancingAccess.CanSeeDrafts(CurrentUser);

    public async Task OnGetAsync(CancellationToken ct) => Years = await queries.YearsAsync(CurrentUser, ct);
}
