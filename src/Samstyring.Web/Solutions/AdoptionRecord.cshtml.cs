using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>
/// The office or the solution's operator records one municipality's new stage of adoption. A step back is shown again with
/// a box to tick that confirms it; the use case checks everything, this page only carries the form.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice) + "," + nameof(Role.Operator))]
public sealed class AdoptionRecordModel(SolutionQueries solutions, RecordAdoptionChange record, TimeProvider clock) : SamstyringPage
{
    [BindProperty(SupportsGet = true, Name = "key")] public string Key { get; set; } = "";
    /// <summary>The chosen municipality's organisation id.</summary>
    [BindProperty(Name = "municipality")] public string? Municipality { get; set; }
    [BindProperty(Name = "municipalityNumber")] public string? MunicipalityNumber { get; set; }
    [BindProperty(Name = "stage")] public string? Stage { get; set; }
    [BindProperty(Name = "date")] public string? Date { get; set; }
    [BindProperty(Name = "source")] public string? Source { get; set; }
    [BindProperty(Name = "confirmBackwards")] public bool ConfirmBackwards { get; set; }

    public NationalSolution Solution { get; private set; } = null!;
    public IReadOnlyList<(string Value, string Text)> Municipalities { get; private set; } = [];
    /// <summary>The step back that needs confirming, after a post that would make one.</summary>
    public BackwardsMove? Backwards { get; private set; }

    public string AdoptionUrl => $"/losninger/{Uri.EscapeDataString(Solution.Key)}/innforing";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Date = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var input = new AdoptionChangeInput(int.TryParse(Municipality, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null,
            MunicipalityNumber, Stage, Date, Source, ConfirmBackwards);
        RecordedAdoptionChange? saved = null;
        try
        {
            if (await TryAsync(async () => saved = await record.HandleAsync(Key, input, CurrentUser, ct)))
            {
                Flash = $"Registrert: {saved!.Municipality} har status «{saved.Stage.Label()}» fra {Norwegian.Date(saved.On)}.";
                return Redirect(AdoptionUrl);
            }
        }
        catch (AdoptionBackwardsException e)
        {
            Backwards = e.Move;
            ModelState.AddModelError(AdoptionBackwardsException.Field, e.Message);
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Solution = await solutions.FindAsync(Key, ct);
        // The use case checks again when saving; an operator of another solution should not be shown the form at all.
        SolutionAccess.RequireAdoptionRecorder(CurrentUser, Solution);
        var today = clock.Today();
        Municipalities = (await solutions.MunicipalitiesAsync(ct)).Where(m => m.ExistedOn(today))
            .OrderBy(m => m.Name, StringComparer.Create(Norwegian.Culture, true))
            .Select(m => (m.Id.ToString(CultureInfo.InvariantCulture), $"{m.Name} ({m.Number})")).ToList();
    }
}
