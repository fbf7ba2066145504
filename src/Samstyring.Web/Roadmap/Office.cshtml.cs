using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Roadmap;

namespace Samstyring.Web.Roadmap;

/// <summary>The office's roadmap start page: every version with its status, and a new draft copied from an earlier version.</summary>
[Authorize(Policy = "office")]
public sealed class OfficeModel(RoadmapQueries queries) : RoadmapPage
{
    public const string DraftForm = "draft";

    public IReadOnlyList<RoadmapVersionSummary> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync([FromServices] CreateRoadmapDraft create, CancellationToken ct)
    {
        var input = new DraftInput(Form("number"), Form("basedOn"), Form("kind"), Form("title"), Form("summary"));
        return RunAsync(DraftForm, async () =>
            {
                var created = await create.HandleAsync(input, CurrentUser, ct);
                return RoadmapHtml.EditUrl(created.Number);
            },
            $"Utkastet til versjon {input.Number?.Trim()} er laget{(string.IsNullOrWhiteSpace(input.BasedOn) ? "" : $" som en kopi av versjon {input.BasedOn.Trim()}")}.",
            () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) => Versions = await queries.ListVersionsAsync(CurrentUser, ct);
}
