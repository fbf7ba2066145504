using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>The office imports existing initiatives from a CSV or XLSX file: all rows or none.</summary>
[Authorize(Policy = "office")]
[UploadSizeGuard(ReportsApi.MaxImportRequestBytes, (int)(ImportLimits.MaxBytes / 1024 / 1024))]
[RequestSizeLimit(ReportsApi.MaxImportRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportsApi.MaxImportRequestBytes)]
public sealed class ImportModel(ImportInitiatives import) : SamstyringPage
{
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    /// <summary>Every problem in the last upload; empty when there was none.</summary>
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public void OnGet()
    {
        if (TempData[UploadSizeGuardAttribute.TempDataKey] is string tooLarge)
            ModelState.AddModelError("file", tooLarge);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("file", Upload is null ? "Velg en fil å importere." : "Filen er tom.");
            return Page();
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            var result = await import.HandleAsync(stream, Upload.FileName, CurrentUser, ct);
            Flash = result.Count == 1 ? "1 tiltak er importert." : $"{result.Count} tiltak er importert.";
            return Redirect("/");
        }
        catch (ImportFailedException e)
        {
            Errors = e.Errors;
            var fileLevel = e.Errors.Where(x => x.Row == 0).Select(x => x.Message).ToList();
            ModelState.AddModelError("file", fileLevel.Count > 0
                ? string.Join(" ", fileLevel)
                : $"Filen har {e.Errors.Count} feil. Ingenting er importert.");
            return Page();
        }
    }
}
