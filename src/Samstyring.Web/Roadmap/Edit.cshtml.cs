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
/// The office's page for one version: title and summary, the next step of the treatment (NUIT, the board, publication),
/// deleting a draft, the services and the milestones, each with a form for a new one (a milestone's prerequisites and
/// phases are kept on its own page).
/// Endorsed and published versions are frozen: the page then shows the treatment only.
/// </summary>
[Authorize(Policy = "office")]
public sealed class EditModel(RoadmapQueries queries, GetSolutionOptions solutions, GetInitiativeOptions initiatives) : RoadmapPage
{
    public const string VersionForm = "version";
    public const string StepForm = "step";
    public const string DeleteForm = "delete";
    public const string ServiceForm = "service";
    public const string MilestoneForm = "ms";

    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";

    public RoadmapView View { get; private set; } = null!;
    /// <summary>The step after the current status, or null when published.</summary>
    public RoadmapStatus? NextStep { get; private set; }
    public IReadOnlyList<CaseChoice> Cases { get; private set; } = [];
    public IReadOnlyList<(string, string)> Solutions { get; private set; } = [];
    public IReadOnlyList<(string, string)> Initiatives { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync([FromServices] UpdateRoadmapVersion update, CancellationToken ct) =>
        RunAsync(VersionForm, async () =>
            {
                await update.HandleAsync(Number, new VersionInput(Form("title"), Form("summary")), FormInt("version"), CurrentUser, ct);
                return RoadmapHtml.EditUrl(Number);
            }, "Tittel og sammendrag er lagret.", () => LoadAsync(ct));

    public async Task<IActionResult> OnPostAdvanceAsync([FromServices] AdvanceRoadmapVersion advance, CancellationToken ct)
    {
        var step = Form("step");
        int? caseId = int.TryParse(Form("caseId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
        var label = EnumText.TryParse<RoadmapStatus>(step, out var s) ? s.Label() : "";
        var result = await RunAsync(StepForm, async () =>
            {
                await advance.HandleAsync(Number, new StepInput(step, caseId, Form("on")), FormInt("version"), CurrentUser, ct);
                return RoadmapHtml.EditUrl(Number);
            },
            s == RoadmapStatus.Published ? $"Versjon {Number} er publisert og er nå offentlig." : $"Versjon {Number} har fått status «{label}».",
            () => LoadAsync(ct));
        MoveErrors("step", "");
        return result;
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromServices] DeleteRoadmapDraft delete, CancellationToken ct)
    {
        var confirmed = Form("confirmDelete") == "true";
        var result = await RunAsync(DeleteForm, async () =>
            {
                if (!confirmed) throw ValidationFailedException.For("confirmDelete", "Kryss av for å bekrefte at utkastet skal slettes.");
                await delete.HandleAsync(Number, FormInt("version"), CurrentUser, ct);
                return "/veikart/kontor";
            }, $"Utkastet til versjon {Number} er slettet.", () => LoadAsync(ct));
        MoveErrors("number", "");
        MoveErrors("status", "");
        return result;
    }

    public Task<IActionResult> OnPostAddServiceAsync([FromServices] AddRoadmapService add, CancellationToken ct)
    {
        var input = new ServiceInput(Form("key"), Form("area"), Form("goal"), Form("description"), FormList("solutions"),
            FormList("initiatives").Select(i => int.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList());
        return RunAsync(ServiceForm, async () =>
            {
                var service = await add.HandleAsync(Number, input, CurrentUser, ct);
                return RoadmapHtml.ServiceUrl(Number, service.Id);
            }, "Tjenesten er lagt til. Legg inn planene for den nedenfor.", () => LoadAsync(ct));
    }

    public Task<IActionResult> OnPostAddMilestoneAsync([FromServices] AddMilestone add, CancellationToken ct) =>
        RunAsync(MilestoneForm, async () =>
            {
                var milestone = await add.HandleAsync(Number, MilestoneInputFromForm(MilestoneForm + "."), CurrentUser, ct);
                return RoadmapHtml.MilestoneUrl(Number, milestone.Id);
            }, "Milepælen er lagt til. Legg inn forutsetningene og faseplanen nedenfor.", () => LoadAsync(ct), prefix: MilestoneForm);

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await queries.GetVersionAsync(Number, CurrentUser, ct);
        NextStep = View.Status switch
        {
            RoadmapStatus.Draft => RoadmapStatus.Recommended,
            RoadmapStatus.Recommended => View.Kind == RoadmapVersionKind.ChangeList ? RoadmapStatus.Published : RoadmapStatus.Endorsed,
            RoadmapStatus.Endorsed => RoadmapStatus.Published,
            _ => null,
        };
        if (NextStep is RoadmapStatus.Recommended or RoadmapStatus.Endorsed)
            Cases = await queries.CaseChoicesAsync(NextStep.Value, CurrentUser, ct);
        if (!View.IsFrozen)
        {
            Solutions = await SolutionOptionsAsync(solutions, ct);
            Initiatives = await InitiativeOptionsAsync(initiatives, ct);
        }
    }
}
