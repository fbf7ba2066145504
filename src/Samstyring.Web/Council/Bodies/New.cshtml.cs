using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;

namespace Samstyring.Web.Council.Bodies;

/// <summary>The secretariat adds a body: its address, first name and settings, and optionally the first mandate.</summary>
[Authorize(Policy = "office")]
public sealed class NewModel(CreateBody createBody, CouncilQueries queries, GetSolutionOptions solutions, TimeProvider clock) : BodySettingsPage(queries, solutions, clock)
{
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ShortName { get; set; }
    [BindProperty] public string? EstablishedOn { get; set; }
    [BindProperty] public string? Mandate { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOptionsAsync(ct);
        Kind = BodyKind.Other.Code();
        QuorumRule = Core.Council.QuorumRule.Majority.Code();
        EstablishedOn = DateValue(Clock.Today());
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var parsed = TryReadSettings(null, out var settings);
        var input = new BodyInput(Slug, Name, ShortName, EstablishedOn, settings.Kind, settings.Description, settings.QuorumRule,
            settings.QuorumCount, settings.NationalSolutionId, Mandate);
        if (parsed && await TryAsync(() => createBody.HandleAsync(input, CurrentUser, ct)))
        {
            Flash = $"Organet «{Name?.Trim()}» er opprettet.";
            return Redirect($"/sekretariat/organer/{Slug!.Trim()}");
        }
        await LoadOptionsAsync(ct);
        return Page();
    }
}
