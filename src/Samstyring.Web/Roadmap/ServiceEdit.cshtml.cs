using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Roadmap;
using Samstyring.Core.Solutions;
// Portfolio has its own DependencyInput; only the initiative choices are needed from it.
using GetInitiativeOptions = Samstyring.Core.Portfolio.GetInitiativeOptions;

namespace Samstyring.Web.Roadmap;

/// <summary>
/// The office edits one service of a version: its goal, area and links, its plans per actor group (one small form each)
/// and what it depends on. In a frozen version the page only shows them.
/// </summary>
[Authorize(Policy = "office")]
public sealed class ServiceEditModel(RoadmapQueries queries, GetSolutionOptions solutions, GetInitiativeOptions initiatives) : RoadmapPage
{
    public const string ServiceForm = "service";
    public const string RemoveForm = "remove";
    public const string NewPlanForm = "newPlan";
    public const string DependencyForm = "dep";

    /// <summary>Shown under every date field: the forms the parser understands.</summary>
    public const string WrittenHelp = "Slik planleggerne skriver det, f.eks. «Q4 2021», «medio 2022», «2021/2022», «tidligst H2 2023», «utsatt på ubestemt tid».";

    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int ServiceId { get; set; }

    public RoadmapView View { get; private set; } = null!;
    public ServiceView Service { get; private set; } = null!;
    public IReadOnlyList<string> ActorGroups { get; private set; } = [];
    public IReadOnlyList<(string, string)> Solutions { get; private set; } = [];
    public IReadOnlyList<(string, string)> Initiatives { get; private set; } = [];

    public static string PlanForm(int planId) => "plan" + planId.ToString(CultureInfo.InvariantCulture);

    private string Here => RoadmapHtml.ServiceUrl(Number, ServiceId);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync([FromServices] UpdateRoadmapService update, CancellationToken ct) =>
        RunAsync(ServiceForm, async () =>
            {
                await update.HandleAsync(ServiceId, ServiceInputFromForm(), FormInt("version"), CurrentUser, ct);
                return Here;
            }, "Tjenesten er lagret.", () => LoadAsync(ct));

    public async Task<IActionResult> OnPostRemoveServiceAsync([FromServices] RemoveRoadmapService remove, CancellationToken ct)
    {
        var confirmed = Form("confirmRemove") == "true";
        var result = await RunAsync(RemoveForm, async () =>
            {
                if (!confirmed) throw ValidationFailedException.For("confirmRemove", "Kryss av for å bekrefte at tjenesten skal fjernes.");
                await remove.HandleAsync(ServiceId, FormInt("version"), CurrentUser, ct);
                return RoadmapHtml.EditUrl(Number) + "#tjenester";
            }, "Tjenesten er fjernet fra versjonen.", () => LoadAsync(ct));
        MoveErrors("status", "");
        return result;
    }

    public Task<IActionResult> OnPostUpdatePlanAsync(int planId, [FromServices] UpdateRoadmapPlan update, CancellationToken ct)
    {
        var form = PlanForm(planId);
        return RunAsync(form, async () =>
            {
                await update.HandleAsync(planId, PlanInputFromForm(form), FormInt($"{form}.version"), CurrentUser, ct);
                return Here + "#" + form;
            }, "Planen er lagret.", () => LoadAsync(ct), prefix: form);
    }

    public Task<IActionResult> OnPostRemovePlanAsync(int planId, [FromServices] RemoveRoadmapPlan remove, CancellationToken ct)
    {
        var form = PlanForm(planId);
        return RunAsync(form, async () =>
            {
                await remove.HandleAsync(planId, FormInt($"{form}.version"), CurrentUser, ct);
                return Here + "#planer";
            }, "Planen er fjernet.", () => LoadAsync(ct), prefix: form);
    }

    public Task<IActionResult> OnPostAddPlanAsync([FromServices] AddRoadmapPlan add, CancellationToken ct) =>
        RunAsync(NewPlanForm, async () =>
            {
                await add.HandleAsync(ServiceId, PlanInputFromForm(NewPlanForm), CurrentUser, ct);
                return Here + "#planer";
            }, "Planen er lagt til.", () => LoadAsync(ct), prefix: NewPlanForm);

    public async Task<IActionResult> OnPostAddDependencyAsync([FromServices] AddRoadmapDependency add, CancellationToken ct)
    {
        const string f = DependencyForm;
        // One select holds both the kind of target and its key ("service:…", "initiative:…", "solution:…"), so the form works without script.
        var parts = (Form($"{f}.dependsOn") ?? "").Split(':', 2);
        var input = new DependencyInput(parts[0].Length == 0 ? null : parts[0], parts.Length > 1 ? parts[1] : null, Form($"{f}.description"));
        var result = await RunAsync(f, async () =>
            {
                await add.HandleAsync(ServiceId, input, CurrentUser, ct);
                return Here + "#avhengigheter";
            }, "Avhengigheten er lagt til.", () => LoadAsync(ct), prefix: f);
        MoveErrors($"{f}.target", $"{f}.dependsOn");
        MoveErrors($"{f}.key", $"{f}.dependsOn");
        return result;
    }

    public Task<IActionResult> OnPostRemoveDependencyAsync(int dependencyId, [FromServices] RemoveRoadmapDependency remove, CancellationToken ct) =>
        RunAsync("removeDependency", async () =>
            {
                await remove.HandleAsync(dependencyId, CurrentUser, ct);
                return Here + "#avhengigheter";
            }, "Avhengigheten er fjernet.", () => LoadAsync(ct));

    private ServiceInput ServiceInputFromForm() =>
        new(Form("key"), Form("area"), Form("goal"), Form("description"), FormList("solutions"),
            FormList("initiatives").Select(i => int.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList());

    private PlanInput PlanInputFromForm(string form) =>
        new(Form($"{form}.actorGroup"), Form($"{form}.kind"), Form($"{form}.written"), Form($"{form}.note"));

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await queries.GetVersionAsync(Number, CurrentUser, ct);
        Service = View.Services.FirstOrDefault(s => s.Id == ServiceId)
                  ?? throw new NotFoundException($"Fant ikke tjeneste {ServiceId} i veikartversjon {View.Number}.");
        if (View.IsFrozen) return;
        ActorGroups = await queries.KnownActorGroupsAsync(ct);
        Solutions = await SolutionOptionsAsync(solutions, ct);
        Initiatives = await InitiativeOptionsAsync(initiatives, ct);
    }

    /// <summary>What the service can depend on, grouped: the other services of the version, initiatives and national solutions.</summary>
    public IEnumerable<(string Group, IReadOnlyList<(string Value, string Text)> Options)> DependencyOptions() =>
    [
        ("Tjenester i veikartet", View.Services.Where(s => s.Id != Service.Id).Select(s => ("service:" + s.Key, s.Goal)).ToList()),
        ("Tiltak i porteføljen", Initiatives.Select(i => ("initiative:" + i.Item1, i.Item2)).ToList()),
        ("Nasjonale løsninger", Solutions.Select(s => ("solution:" + s.Item1, s.Item2)).ToList()),
    ];
}
