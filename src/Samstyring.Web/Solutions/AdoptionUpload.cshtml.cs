using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Core.Solutions;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>
/// The operator's list of municipalities and their stages, uploaded as CSV or XLSX: all rows or none. When the list moves
/// municipalities back a stage, nothing is saved; the page lists them and asks for the same file again with the
/// confirmation ticked. The file is not kept on the server between the two posts: the confirmation carries the file's
/// SHA-256, so a different file chosen the second time is checked afresh instead of being saved unseen.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice) + "," + nameof(Role.Operator))]
[UploadSizeGuard(ReportsApi.MaxImportRequestBytes, (int)(ImportLimits.MaxBytes / 1024 / 1024))]
[RequestSizeLimit(ReportsApi.MaxImportRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportsApi.MaxImportRequestBytes)]
public sealed class AdoptionUploadModel(SolutionQueries solutions, ImportAdoption import) : SamstyringPage
{
    [BindProperty(SupportsGet = true, Name = "key")] public string Key { get; set; } = "";
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }
    [BindProperty(Name = "date")] public string? Date { get; set; }
    [BindProperty(Name = "confirmBackwards")] public bool ConfirmBackwards { get; set; }
    /// <summary>The SHA-256 of the file whose steps back were shown, posted back with the confirmation.</summary>
    [BindProperty(Name = "confirmedFile")] public string? ConfirmedFile { get; set; }

    public NationalSolution Solution { get; private set; } = null!;
    /// <summary>Every problem in the last upload; empty when there was none.</summary>
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    /// <summary>The upload that waits for confirmation (steps back), or null.</summary>
    public AdoptionImportResult? Pending { get; private set; }
    public string? PendingFile { get; private set; }
    public string? PendingFileName { get; private set; }

    public string AdoptionUrl => $"/losninger/{Uri.EscapeDataString(Solution.Key)}/innforing";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (TempData[UploadSizeGuardAttribute.TempDataKey] is string tooLarge)
            ModelState.AddModelError("file", tooLarge);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ModelState.Clear();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("file", Upload is null ? "Velg en fil å laste opp." : "Filen er tom.");
            return Page();
        }
        try
        {
            var bytes = new MemoryStream();
            await using (var stream = Upload.OpenReadStream()) await stream.CopyToAsync(bytes, ct);
            var hash = Convert.ToHexString(SHA256.HashData(bytes.ToArray()));
            bytes.Position = 0;
            var confirmed = ConfirmBackwards && string.Equals(ConfirmedFile, hash, StringComparison.OrdinalIgnoreCase);
            AdoptionImportResult? result = null;
            if (!await TryAsync(async () => result = await import.HandleAsync(Key, bytes, Upload.FileName, new AdoptionImportInput(Date, confirmed), CurrentUser, ct)))
                return Page();
            if (result!.NeedsConfirmation)
            {
                (Pending, PendingFile, PendingFileName) = (result, hash, Path.GetFileName(Upload.FileName));
                if (ConfirmBackwards && !confirmed)
                    ModelState.AddModelError("file", "Filen er ikke den samme som du bekreftet for. Se over listen for denne filen, og bekreft på nytt.");
                return Page();
            }
            Flash = $"Registrerte {Changes(result.Changed)}, {result.Unchanged} uendret"
                    + (result.Backwards > 0 ? $" ({result.Backwards} av endringene går et steg tilbake)." : ".");
            return Redirect(AdoptionUrl);
        }
        catch (ImportFailedException e)
        {
            Errors = e.Errors;
            var fileLevel = e.Errors.Where(x => x.Row == 0).Select(x => x.Message).ToList();
            ModelState.AddModelError("file", fileLevel.Count > 0
                ? string.Join(" ", fileLevel)
                : $"Filen har {e.Errors.Count} feil. Ingenting er lagret.");
            return Page();
        }
    }

    private static string Changes(int n) => n == 1 ? "1 endring" : $"{n} endringer";

    private async Task LoadAsync(CancellationToken ct)
    {
        Solution = await solutions.FindAsync(Key, ct);
        SolutionAccess.RequireAdoptionRecorder(CurrentUser, Solution);
    }
}
