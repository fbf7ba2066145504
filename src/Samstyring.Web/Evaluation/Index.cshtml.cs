using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Evaluation;

namespace Samstyring.Web.Evaluation;

/// <summary>The evaluation rounds; the office opens a new one.</summary>
public sealed class IndexModel(EvaluationQueries queries) : EvaluationPage
{
    public IReadOnlyList<EvaluationSummary> Rounds { get; private set; } = [];
    public bool CanManage => EvaluationAccess.CanManage(CurrentUser);

    public async Task OnGetAsync(CancellationToken ct) => Rounds = await queries.ListAsync(CurrentUser, ct);

    public async Task<IActionResult> OnPostAsync([FromServices] CreateEvaluation create, CancellationToken ct)
    {
        if (!CanManage) return CurrentUser is null ? Challenge() : Forbid();
        EvaluationRound? round = null;
        if (await TryAsync(async () => round = await create.HandleAsync(new CreateEvaluationInput(Form("title"), Form("description"), Form("purpose"), null, null), CurrentUser, ct)))
        {
            Flash = $"Vurderingen «{round!.Title}» er åpnet for forslag.";
            return Redirect(PageUrl(round.Id));
        }
        await OnGetAsync(ct);
        return Page();
    }
}
