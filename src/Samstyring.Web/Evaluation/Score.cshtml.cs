using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Evaluation;

namespace Samstyring.Web.Evaluation;

/// <summary>The signed-in scorer's scores of one candidate: 0–4 and a short reason per principle.</summary>
public sealed class ScoreModel(EvaluationQueries queries) : EvaluationPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public int CandidateId { get; set; }

    public EvaluationDetails Round { get; private set; } = null!;
    public CandidateView Candidate { get; private set; } = null!;
    public SheetView? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser is null) return Challenge();
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ScoreCandidate score, CancellationToken ct)
    {
        if (CurrentUser is null) return Challenge();
        if (await LoadAsync(ct) is { } problem) return problem;
        var inputs = Round.PrincipleSet.Principles.Select(p =>
        {
            var text = Form(ScoreCandidate.ScoreField(p.Number));
            int? value = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
            return (p.Number, Text: text, Input: new ScoreInput(p.Number, value, Form(ScoreCandidate.ReasonField(p.Number))));
        }).ToList();
        foreach (var bad in inputs.Where(i => !string.IsNullOrWhiteSpace(i.Text) && i.Input.Value is null))
            ModelState.AddModelError(ScoreCandidate.ScoreField(bad.Number), $"Poeng for prinsipp {bad.Number} må være et heltall fra 0 til 4, ikke «{Validator.Truncate(bad.Text!)}».");
        if (ModelState.IsValid && await TryAsync(() => score.HandleAsync(Id, CandidateId, inputs.Select(i => i.Input).ToList(), FormInt("version"), CurrentUser, ct)))
        {
            Flash = $"Poengene for «{Candidate.Title}» er lagret.";
            return Redirect(PageUrl(Id) + "#forslag-" + CandidateId.ToString(CultureInfo.InvariantCulture));
        }
        if (ConflictMessage is not null) ModelState.Clear();
        if (ConflictMessage is not null) ModelState.AddModelError("", ConflictMessage);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        try
        {
            Round = await queries.DetailsAsync(Id, CurrentUser, new SensitivityOptions(Draws: 0), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var panel = await queries.PanelUserNamesAsync(Id, ct);
        if (!EvaluationAccess.CanScore(CurrentUser, panel)) return Forbid();
        if (Round.Candidates.SingleOrDefault(c => c.Id == CandidateId) is not { } candidate) return NotFound();
        Candidate = candidate;
        Mine = candidate.Sheets.SingleOrDefault(s => string.Equals(s.ScorerUserName, CurrentUser!.UserName, StringComparison.OrdinalIgnoreCase));
        return null;
    }

    public string? Stored(int principle, bool reason)
    {
        var s = Mine?.Scores.SingleOrDefault(x => x.Principle == principle);
        var stored = s is null ? null : reason ? s.Reason : s.Value.ToString(CultureInfo.InvariantCulture);
        return Value(reason ? ScoreCandidate.ReasonField(principle) : ScoreCandidate.ScoreField(principle), stored);
    }
}
