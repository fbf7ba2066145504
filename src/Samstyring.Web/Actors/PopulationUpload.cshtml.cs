using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>
/// The office imports every municipality's population on a date from SSB's CSV or XLSX: all rows or none, each problem
/// listed with its line. A date that has figures is replaced only with the box ticked.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
[UploadSizeGuard(ReportsApi.MaxImportRequestBytes, (int)(ImportLimits.MaxBytes / 1024 / 1024))]
[RequestSizeLimit(ReportsApi.MaxImportRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportsApi.MaxImportRequestBytes)]
public sealed class PopulationUploadModel(ImportPopulationFigures import) : SamstyringPage
{
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "on")] public string? On { get; set; }
    [BindProperty(Name = "source")] public string? Source { get; set; }
    [BindProperty(Name = "replace")] public bool Replace { get; set; }

    /// <summary>Every problem in the file of the last upload; empty when there was none.</summary>
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public void OnGet()
    {
        if (TempData[UploadSizeGuardAttribute.TempDataKey] is string tooLarge) ModelState.AddModelError("file", tooLarge);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("file", Upload is null ? "Velg en fil å laste opp." : "Filen er tom.");
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            PopulationImportResult? result = null;
            if (!await TryAsync(async () => result = await import.HandleAsync(stream, Upload.FileName, new PopulationImportInput(On, Source, Replace), CurrentUser, ct)))
                return Page();
            Flash = $"Registrerte folketall per {Norwegian.Date(result!.On)} for {Norwegian.Number(result.Count)} kommuner, til sammen {Norwegian.Number(result.Total)} innbyggere"
                    + (result.Replaced > 0 ? $". {Norwegian.Number(result.Replaced)} tall er erstattet." : ".");
            return Redirect("/aktorer/folketall");
        }
        catch (ImportFailedException e)
        {
            Errors = e.Errors;
            var fileLevel = e.Errors.Where(x => x.Row == 0).Select(x => x.Message).ToList();
            var rows = e.Errors.Count(x => x.Row > 0);
            ModelState.AddModelError("file", string.Join(" ", fileLevel.Prepend(rows > 0 ? $"Filen har {rows} feil i radene. Ingenting er lagret." : "Ingenting er lagret.")));
            return Page();
        }
    }
}
