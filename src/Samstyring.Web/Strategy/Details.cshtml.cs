using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Strategy;

namespace Samstyring.Web.Strategy;

/// <summary>
/// One strategy: vision, plan, steps and target areas, and the office's forms: the facts, the next step (linked to a
/// council case or a reference) and a new target area. A draft is "not found" to those who may not see it.
/// </summary>
public sealed class DetailsModel(StrategyQueries queries, CouncilQueries council) : StrategyPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public StrategyDetails Details { get; private set; } = null!;
    public IReadOnlyList<(string, string)> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostFactsAsync([FromServices] UpdateStrategy update, CancellationToken ct)
    {
        ModelState.Clear();
        var from = FormNumber("fromYear", "Første år");
        var to = FormNumber("toYear", "Siste år");
        return RunAsync("facts", () => update.HandleAsync(Id, new StrategyInput(Form("title"), from, to, Form("vision"), Form("plan"), Form("source")),
            FormInt("version"), CurrentUser, ct), "Strategien er lagret.", ct);
    }

    public Task<IActionResult> OnPostStepAsync([FromServices] RecordStrategyStep record, CancellationToken ct)
    {
        ModelState.Clear();
        return RunAsync("step", () => record.HandleAsync(Id, new StrategyStepInput(Form("on"), Form("status"), Form("description"), FormId("caseId"),
            Form("reference")), FormInt("version"), CurrentUser, ct), "Steget er registrert.", ct);
    }

    public async Task<IActionResult> OnPostAreaAsync([FromServices] AddTargetArea add, CancellationToken ct)
    {
        ModelState.Clear();
        var number = FormNumber("area.number", "Nummeret");
        var input = new TargetAreaInput(number, Form("area.title"), Form("area.goal"), [Form("area.indicators") ?? ""]);
        TargetArea? area = null;
        if (ModelState.IsValid && await TryAsync(async () => area = await add.HandleAsync(Id, input, FormInt("version"), CurrentUser, ct), "area"))
        {
            Flash = $"Målområde {area!.Number} er lagt til. Knytt tiltak, tjenester og løsninger til det her.";
            return Redirect($"/strategi/{Id}/omrader/{area.Id}");
        }
        return await FailedAsync("area", ct);
    }

    private async Task<IActionResult> RunAsync<T>(string form, Func<Task<T>> action, string flash, CancellationToken ct)
    {
        if (ModelState.IsValid && await TryAsync(async () => await action()))
        {
            Flash = flash;
            return Redirect($"/strategi/{Id}");
        }
        return await FailedAsync(form, ct);
    }

    private async Task<IActionResult> FailedAsync(string form, CancellationToken ct)
    {
        if (ConflictMessage is null) PostedForm = form;
        else ModelState.Clear();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Details = await queries.DetailsAsync(Id, CurrentUser, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        if (CanEdit) Cases = await council.CaseOptionsAsync(Details.Strategy.FromYear - 2, Details.Strategy.FromYear + 1, CurrentUser, ct);
        return true;
    }
}
