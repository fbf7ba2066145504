using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Evaluation;

namespace Samstyring.Web.Evaluation;

/// <summary>
/// One round: principles and weights, ranking with chart and sensitivity, candidates with proposers and the panel's
/// spread. Signed-in actor users and council members propose while the round is open; the office merges duplicates,
/// moves the round on and publishes it, names the panel and records the board's weights.
/// </summary>
public sealed class DetailsModel(EvaluationQueries queries) : EvaluationPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "topp")] public int? TopN { get; set; }
    [BindProperty(SupportsGet = true, Name = "trekninger")] public int? Draws { get; set; }

    public EvaluationDetails Round { get; private set; } = null!;
    public IReadOnlyList<(string UserName, string DisplayName)> Users { get; private set; } = [];
    /// <summary>Which form failed: it shows what was typed and where the errors are.</summary>
    public string? PostedForm { get; private set; }

    public bool CanManage => EvaluationAccess.CanManage(CurrentUser);
    public bool CanPropose => EvaluationAccess.CanPropose(CurrentUser) && Round.Summary.Status == EvaluationStatus.OpenForProposals;
    public bool CanScore { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostProposeAsync([FromServices] ProposeCandidate propose, CancellationToken ct) =>
        RunAsync("propose", () => propose.HandleAsync(Id, new ProposalInput(Form("title"), Form("description"), FormInt("initiativeId")), CurrentUser, ct),
            "Forslaget er registrert.", ct, needsSignIn: true);

    public Task<IActionResult> OnPostMergeAsync([FromServices] MergeCandidates merge, CancellationToken ct) =>
        RunAsync("merge", async () =>
        {
            var v = new Validator();
            if (FormInt("keepId") is null) v.Add("keepId", "Velg forslaget som skal beholdes.");
            if (FormInt("duplicateId") is null) v.Add("duplicateId", "Velg dublettforslaget.");
            v.ThrowIfInvalid();
            var duplicate = Round.Candidates.SingleOrDefault(c => c.Id == FormInt("duplicateId"));
            await merge.HandleAsync(Id, FormInt("keepId")!.Value, FormInt("duplicateId")!.Value, duplicate?.Version ?? 0, CurrentUser, ct);
        }, "Forslagene er slått sammen; forslagsstillerne er beholdt.", ct, office: true);

    public Task<IActionResult> OnPostStageAsync([FromServices] ChangeEvaluationStage stage, CancellationToken ct) =>
        RunAsync("stage", () => stage.HandleAsync(Id, Form("status"), Form("published") is { } p ? p == "true" : null, FormInt("version"), CurrentUser, ct),
            "Vurderingen er oppdatert.", ct, office: true);

    public Task<IActionResult> OnPostPanelAsync([FromServices] SetEvaluationPanel panel, CancellationToken ct) =>
        RunAsync("panel", () => panel.HandleAsync(Id, Request.Form["userNames"].ToList(), FormInt("version"), CurrentUser, ct),
            "Panelet er oppnevnt.", ct, office: true);

    public Task<IActionResult> OnPostWeightsAsync([FromServices] SetEvaluationWeights weights, CancellationToken ct) =>
        RunAsync("weights", () => weights.HandleAsync(Id,
                Round.PrincipleSet.Principles.Select(p => new WeightInput(p.Number, WeightFromForm(p.Number))).ToList(),
                FormInt("caseId"), Form("decidedOn"), FormInt("version"), CurrentUser, ct),
            "Styrets vekter er registrert.", ct, office: true);

    private int? WeightFromForm(int principle)
    {
        var field = SetEvaluationWeights.Field(principle);
        var text = Form(field);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw ValidationFailedException.For(field, $"Vekten for prinsipp {principle} må være et heltall fra 0 til {EvaluationWeight.Max}, ikke «{Validator.Truncate(text)}».");
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task> action, string done, CancellationToken ct, bool office = false, bool needsSignIn = false)
    {
        if (CurrentUser is null) return Challenge();
        if (office && !CanManage) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        PostedForm = form;
        if (await TryAsync(action))
        {
            Flash = done;
            return Redirect(PageUrl(Id));
        }
        if (ConflictMessage is not null) PostedForm = null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            var options = new SensitivityOptions(Math.Clamp(TopN ?? SensitivityOptions.DefaultTopN, 1, SensitivityOptions.MaxTopN),
                Math.Clamp(Draws ?? SensitivityOptions.DefaultDraws, 0, SensitivityOptions.MaxDraws));
            Round = await queries.DetailsAsync(Id, CurrentUser, options, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        CanScore = CurrentUser is { } u && (CanManage || Round.Panel.Count > 0 && await IsPanelMemberAsync(u, ct));
        if (CanManage) Users = await queries.UsersAsync(ct);
        return true;
    }

    private async Task<bool> IsPanelMemberAsync(CurrentUser user, CancellationToken ct) =>
        (await queries.PanelUserNamesAsync(Id, ct)).Contains(user.UserName, StringComparer.OrdinalIgnoreCase);

    public string Principle(int number) => Round.PrincipleSet.Principles.Single(p => p.Number == number).Text;

    public static string Sd(double sd) => sd.ToString("0.00", Norwegian.Culture);
}
