using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Evaluation;

namespace Samstyring.Web.Evaluation;

/// <summary>
/// One round: principles and weights, ranking with chart and sensitivity, candidates with proposers and the panel's
/// spread. Signed-in actor users and council members propose while the round is open; the office merges duplicates,
/// moves the round on and publishes it, names the panel and records the board's weights.
/// </summary>
public sealed class DetailsModel(EvaluationQueries queries, CouncilQueries council) : EvaluationPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "topp")] public int? TopN { get; set; }
    [BindProperty(SupportsGet = true, Name = "trekninger")] public int? Draws { get; set; }

    public EvaluationDetails Round { get; private set; } = null!;
    public IReadOnlyList<(string UserName, string DisplayName)> Users { get; private set; } = [];
    /// <summary>The council's cases from five years before the round to the year after, to record which case set the weights (the office only).</summary>
    public IReadOnlyList<(string, string)> Cases { get; private set; } = [];
    /// <summary>The initiatives that may be proposed, in a round on initiatives open for proposals.</summary>
    public IReadOnlyList<(string, string)> Initiatives { get; private set; } = [];
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
            // The duplicate's version as the page showed it: a duplicate changed since (merged by someone else) is a conflict.
            var duplicateId = FormInt("duplicateId")!.Value;
            await merge.HandleAsync(Id, FormInt("keepId")!.Value, duplicateId, ShownVersion(duplicateId), CurrentUser, ct);
        }, "Forslagene er slått sammen; forslagsstillerne er beholdt.", ct, office: true);

    public Task<IActionResult> OnPostTargetAreaAsync([FromServices] AddTargetAreaFromCandidate take, CancellationToken ct) =>
        RunAsync("target-area", async () =>
        {
            if (FormInt("candidateId") is not { } candidateId) throw ValidationFailedException.For("candidateId", "Velg forslaget som skal bli målområde.");
            var area = await take.HandleAsync(Id, candidateId, CurrentUser, ct);
            Flash = $"«{area.Title}» er lagt til som målområde {area.Number.ToString(CultureInfo.InvariantCulture)} i strategien.";
        }, null, ct, office: true);

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

    /// <summary>The candidates' versions as the page showed them, posted as «id:version id:version …».</summary>
    public static string CandidateVersions(IEnumerable<CandidateView> candidates) =>
        string.Join(' ', candidates.Select(c => $"{c.Id.ToString(CultureInfo.InvariantCulture)}:{c.Version.ToString(CultureInfo.InvariantCulture)}"));

    private int? ShownVersion(int candidateId)
    {
        foreach (var pair in (Form("candidateVersions") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(1000))
        {
            var parts = pair.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == candidateId
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return version;
        }
        return null;
    }

    private int? WeightFromForm(int principle)
    {
        var field = SetEvaluationWeights.Field(principle);
        var text = Form(field);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw ValidationFailedException.For(field, $"Vekten for prinsipp {principle} må være et heltall fra 0 til {EvaluationWeight.Max}, ikke «{Validator.Truncate(text)}».");
    }

    private async Task<IActionResult> RunAsync(string form, Func<Task> action, string? done, CancellationToken ct, bool office = false, bool needsSignIn = false)
    {
        if (CurrentUser is null) return Challenge();
        if (office && !CanManage) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Clear();
        PostedForm = form;
        if (await TryAsync(action))
        {
            if (done is not null) Flash = done;
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
        if (CanManage)
        {
            Users = await queries.UsersAsync(ct);
            // A strategy period back (the round may rank areas for a strategy whose work began years before) and the year after.
            var year = Round.CreatedAt.Year;
            Cases = await council.CaseOptionsAsync(year - 5, year + 1, CurrentUser, ct);
        }
        if (CanPropose && Round.Summary.Purpose == EvaluationPurpose.Initiatives) Initiatives = await queries.InitiativeOptionsAsync(ct);
        return true;
    }

    private async Task<bool> IsPanelMemberAsync(CurrentUser user, CancellationToken ct) =>
        (await queries.PanelUserNamesAsync(Id, ct)).Contains(user.UserName, StringComparer.OrdinalIgnoreCase);

    public string Principle(int number) => Round.PrincipleSet.Principles.Single(p => p.Number == number).Text;

    public static string Sd(double sd) => sd.ToString("0.00", Norwegian.Culture);
}
