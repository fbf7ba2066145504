using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>One solution: its facts, who owned and ran it on a chosen date, its history, links, adoption and its product board's decisions.</summary>
public sealed class DetailsModel(SolutionQueries queries, Samstyring.Core.Financing.FinancingQueries financing, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "dato")] public string? Date { get; set; }

    public SolutionDetails Solution { get; private set; } = null!;
    public AdoptionSummary? Adoption { get; private set; }
    public bool AskedForDate { get; private set; }
    /// <summary>The solution has cost bases in the financing area, so its page links to them.</summary>
    public bool HasCostBases { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        DateOnly? on = null;
        try
        {
            on = SolutionQueries.ParseDate(Date, "dato");
        }
        catch (ValidationFailedException e)
        {
            foreach (var (k, messages) in e.Errors) ModelState.AddModelError(k, messages[0]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        AskedForDate = on is not null;
        try
        {
            Solution = await queries.GetAsync(Key, CurrentUser, on, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (Solution.HasAdoption) Adoption = await queries.SummaryAsync(Key, on, ct);
        HasCostBases = (await financing.LifeCycleAsync(Key, ct)).Years.Count > 0;
        return Page();
    }

    public DateOnly Today => clock.Today();
    public bool CanEdit => SolutionAccess.CanEditCatalogue(CurrentUser);
    public bool CanRecordAdoption => SolutionAccess.CanRecordAdoption(CurrentUser, Solution.Summary.Operator?.Id);
}
