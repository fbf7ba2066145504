using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Strategy;

namespace Samstyring.Web.Strategy;

/// <summary>The strategies, newest first (drafts for the office and council members), and the office's form for a new one.</summary>
public sealed class IndexModel(StrategyQueries queries) : StrategyPage
{
    public IReadOnlyList<StrategySummary> Strategies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Strategies = await queries.ListAsync(CurrentUser, ct);

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateStrategy create, CancellationToken ct)
    {
        ModelState.Clear();
        var from = FormNumber("fromYear", "Første år");
        var to = FormNumber("toYear", "Siste år");
        Core.Strategy.Strategy? created = null;
        if (ModelState.IsValid && await TryAsync(async () => created = await create.HandleAsync(
                new StrategyInput(Form("title"), from, to, Form("vision"), Form("plan"), Form("source")), CurrentUser, ct)))
        {
            Flash = $"{created!.Title} er registrert som utkast.";
            return Redirect($"/strategi/{created.Id}");
        }
        PostedForm = "create";
        Strategies = await queries.ListAsync(CurrentUser, ct);
        return Page();
    }
}
