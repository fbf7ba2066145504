using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;

namespace Samstyring.Web.Roadmap;

/// <summary>What _MilestoneFields shows: the fields of <paramref name="Form"/>, named with <paramref name="Prefix"/>, filled from <paramref name="Stored"/>.</summary>
public sealed record MilestoneFields(RoadmapPage Page, string Form, string Prefix, MilestoneView? Stored);

/// <summary>
/// The office maintains one milestone of a version: code, name, reach criterion and target; its prerequisites with their
/// assessment (one small form each); and its phase plan. Every form carries the milestone's version, which moves with
/// every change in it. In a frozen version the page only shows the milestone.
/// </summary>
[Authorize(Policy = "office")]
public sealed class MilestoneModel(RoadmapQueries queries) : RoadmapPage
{
    public const string MilestoneForm = "milestone";
    public const string RemoveForm = "remove";
    public const string NewPrerequisiteForm = "newPrerequisite";
    public const string NewPhaseForm = "newPhase";

    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int MilestoneId { get; set; }

    public RoadmapView View { get; private set; } = null!;
    public MilestoneView Milestone { get; private set; } = null!;

    public static string PrerequisiteForm(int id) => "pr" + id.ToString(CultureInfo.InvariantCulture);

    public static string PhaseForm(int id) => "phase" + id.ToString(CultureInfo.InvariantCulture);

    private string Here => RoadmapHtml.MilestoneUrl(Number, MilestoneId);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync([FromServices] UpdateMilestone update, CancellationToken ct) =>
        RunAsync(MilestoneForm, async () =>
            {
                await update.HandleAsync(MilestoneId, MilestoneInputFromForm(""), FormInt("version"), CurrentUser, ct);
                return Here;
            }, "Milepælen er lagret.", () => LoadAsync(ct));

    public async Task<IActionResult> OnPostRemoveAsync([FromServices] RemoveMilestone remove, CancellationToken ct)
    {
        var confirmed = Form("confirmRemove") == "true";
        var result = await RunAsync(RemoveForm, async () =>
            {
                if (!confirmed) throw ValidationFailedException.For("confirmRemove", "Kryss av for å bekrefte at milepælen skal fjernes.");
                await remove.HandleAsync(MilestoneId, FormInt("version"), CurrentUser, ct);
                return RoadmapHtml.EditUrl(Number) + "#milepaler";
            }, "Milepælen er fjernet fra versjonen.", () => LoadAsync(ct));
        MoveErrors("status", "");
        return result;
    }

    public Task<IActionResult> OnPostAddPrerequisiteAsync([FromServices] AddPrerequisite add, CancellationToken ct) =>
        PartAsync(NewPrerequisiteForm, _ => add.HandleAsync(MilestoneId, PrerequisiteInputFromForm(NewPrerequisiteForm), CurrentUser, ct),
            "Forutsetningen er lagt til.", "#forutsetninger", ct);

    public Task<IActionResult> OnPostUpdatePrerequisiteAsync(int prerequisiteId, [FromServices] UpdatePrerequisite update, CancellationToken ct) =>
        PartAsync(PrerequisiteForm(prerequisiteId), v => update.HandleAsync(prerequisiteId, PrerequisiteInputFromForm(PrerequisiteForm(prerequisiteId)), v, CurrentUser, ct),
            "Forutsetningen er lagret.", "#" + PrerequisiteForm(prerequisiteId), ct);

    public Task<IActionResult> OnPostRemovePrerequisiteAsync(int prerequisiteId, [FromServices] RemovePrerequisite remove, CancellationToken ct) =>
        PartAsync(PrerequisiteForm(prerequisiteId), v => remove.HandleAsync(prerequisiteId, v, CurrentUser, ct),
            "Forutsetningen er fjernet.", "#forutsetninger", ct);

    public Task<IActionResult> OnPostAddPhaseAsync([FromServices] AddMilestonePhase add, CancellationToken ct) =>
        PartAsync(NewPhaseForm, _ => add.HandleAsync(MilestoneId, PhaseInputFromForm(NewPhaseForm), CurrentUser, ct), "Fasen er lagt til.", "#faseplan", ct);

    public Task<IActionResult> OnPostUpdatePhaseAsync(int phaseId, [FromServices] UpdateMilestonePhase update, CancellationToken ct) =>
        PartAsync(PhaseForm(phaseId), v => update.HandleAsync(phaseId, PhaseInputFromForm(PhaseForm(phaseId)), v, CurrentUser, ct),
            "Fasen er lagret.", "#" + PhaseForm(phaseId), ct);

    public Task<IActionResult> OnPostRemovePhaseAsync(int phaseId, [FromServices] RemoveMilestonePhase remove, CancellationToken ct) =>
        PartAsync(PhaseForm(phaseId), v => remove.HandleAsync(phaseId, v, CurrentUser, ct), "Fasen er fjernet.", "#faseplan", ct);

    /// <summary>
    /// A change from the form of a prerequisite or phase (or a new one), whose fields are named after the form and which
    /// carries the milestone's version; back to <paramref name="anchor"/> on this page.
    /// </summary>
    private Task<IActionResult> PartAsync(string form, Func<int, Task> change, string flash, string anchor, CancellationToken ct) =>
        RunAsync(form, async () =>
            {
                await change(FormInt($"{form}.version"));
                return Here + anchor;
            }, flash, () => LoadAsync(ct), prefix: form);

    private PrerequisiteInput PrerequisiteInputFromForm(string form) =>
        new(Form($"{form}.text") ?? "", Form($"{form}.status"), Form($"{form}.assessment"), Form($"{form}.assessedOn"));

    private PhaseInput PhaseInputFromForm(string form) => new(Form($"{form}.phase"), Form($"{form}.written"));

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await queries.GetVersionAsync(Number, CurrentUser, ct);
        Milestone = View.Milestones.FirstOrDefault(m => m.Id == MilestoneId)
                    ?? throw new NotFoundException($"Fant ikke milepæl {MilestoneId} i veikartversjon {View.Number}.");
    }
}
