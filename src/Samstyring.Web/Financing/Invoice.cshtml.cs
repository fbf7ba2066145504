using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>
/// Fakturagrunnlag: what the supplier invoices the actor for the year, what is deducted from the block grant instead, the
/// voluntary purchases, and why. The office and the actor's own users only; anyone else gets the forbidden page.
/// </summary>
[Authorize]
public sealed class InvoiceModel(FinancingQueries queries) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public int OrgId { get; set; }

    public InvoiceBasis Basis { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        FinancingAccess.RequireInvoiceReader(CurrentUser, OrgId);
        try
        {
            Basis = await queries.InvoiceBasisAsync(Year, OrgId, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
