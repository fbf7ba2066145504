using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>
/// One price model (draft, scenario or adopted): its steps through the yearly process, its problems and shares, and the office's
/// forms: the next step (the TBU records its own), moving percentage points between groups, and deleting a draft or scenario.
/// </summary>
public sealed class DetailsModel(FinancingQueries queries, CouncilQueries council) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public ModelDetails Details { get; private set; } = null!;
    public IReadOnlyList<(string, string)> Cases { get; private set; } = [];
    /// <summary>The steps this user may record next.</summary>
    public IReadOnlyList<PriceModelStatus> StepChoices { get; private set; } = [];
    public IReadOnlyList<ActorChange> Found { get; private set; } = [];

    public bool CanEdit => FinancingAccess.CanEdit(CurrentUser) && !Details.Model.IsPublic;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStepAsync([FromServices] RecordPriceModelStep record, CancellationToken ct)
    {
        var input = new StepInput(Form("step"), Form("on"), FormId("caseId"), Form("reference"));
        return await RunAsync("step", () => record.HandleAsync(Id, input, FormInt("version"), CurrentUser, ct),
            m => $"Prismodellen har nå status «{m.Status.Label()}».", ct);
    }

    public async Task<IActionResult> OnPostShiftAsync([FromServices] ShiftPriceShares shift, CancellationToken ct)
    {
        ModelState.Clear();
        var points = FormDecimal("points", "Prosentpoeng");
        if (!ModelState.IsValid)
        {
            PostedForm = "shift";
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        var solution = Form("solution") is { Length: > 0 } key ? key : null;
        return await RunAsync("shift", () => shift.HandleAsync(Id, Form("fromGroup"), Form("toGroup"), points, solution, FormInt("version"), CurrentUser, ct),
            _ => "Prosentpoengene er flyttet.", ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeletePriceModel delete, CancellationToken ct)
    {
        ModelState.Clear();
        if (await TryAsync(() => delete.HandleAsync(Id, FormInt("version"), CurrentUser, ct)))
        {
            Flash = "Prismodellen er slettet.";
            return Redirect("/finansiering");
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task<PriceModel>> action, Func<PriceModel, string> flash, CancellationToken ct)
    {
        if (form != "shift") ModelState.Clear();
        PriceModel? saved = null;
        if (await TryAsync(async () => saved = await action()))
        {
            Flash = flash(saved!);
            return Redirect($"/finansiering/modeller/{Id}");
        }
        if (ConflictMessage is null) PostedForm = form;
        else ModelState.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Details = await queries.ModelAsync(Id, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var user = CurrentUser;
        StepChoices = FinancingAccess.CanEdit(user) ? Details.NextSteps
            : FinancingAccess.CanRecordTbu(user) ? Details.NextSteps.Where(s => s == PriceModelStatus.TbuCalculation).ToList()
            : [];
        if (StepChoices.Count > 0) Cases = await council.CaseOptionsAsync(Details.Model.Year - 1, Details.Model.Year, CurrentUser, ct);
        if (!string.IsNullOrWhiteSpace(Search))
            Found = YearModel.Filter(YearModel.ActorTotals(Details), Search).OrderBy(a => a.Name, StringComparer.Create(Norwegian.Culture, true)).Take(50).ToList();
        return true;
    }
}
