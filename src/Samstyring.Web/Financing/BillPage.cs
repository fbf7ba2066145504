using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>One actor's bill explained, in a year's adopted model or in any model the user may see.</summary>
public abstract class BillPage(FinancingQueries queries) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }

    public ActorBill Bill { get; private set; } = null!;

    public bool CanSeeInvoice => Bill.Model.Status == PriceModelStatus.Adopted && FinancingAccess.CanSeeInvoiceBasis(CurrentUser, OrgId);

    protected FinancingQueries Queries => queries;

    protected async Task<IActionResult> ShowAsync(int? modelId, CancellationToken ct)
    {
        if (modelId is null) return NotFound();
        try
        {
            Bill = await queries.ActorBillAsync(modelId.Value, OrgId, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}

public sealed class BillYearModel(FinancingQueries queries) : BillPage(queries)
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(await Queries.AdoptedModelIdAsync(Year, ct), ct);
}

public sealed class BillModelModel(FinancingQueries queries) : BillPage(queries)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(Id, ct);
}
