using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Archive;
using Samstyring.Core.Common;
using Samstyring.Core.Council;

namespace Samstyring.Web.Council.Bodies;

/// <summary>
/// The secretariat downloads a body's Noark 5 extract for a period as a ZIP. A GET form (it changes nothing), so it works
/// without JavaScript: with from and to filled in, the answer is the ZIP; with errors, this page with the errors.
/// </summary>
[Authorize(Policy = "office")]
public sealed class ArchiveModel(ExportArchive export, CouncilQueries queries, TimeProvider clock) : CouncilOfficePage
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public Body Body { get; private set; } = null!;
    public string Name => Body.Names.Count > 0 ? Body.NameOn(clock.Today()).Name : Body.Slug;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Body = await queries.GetBodyWithHistoryAsync(slug, ct);
        ModelState.Clear();
        if (From is null && To is null)
        {
            // Last calendar year: what is usually handed over.
            var year = clock.Today().Year - 1;
            From = DateValue(new DateOnly(year, 1, 1));
            To = DateValue(new DateOnly(year, 12, 31));
            return Page();
        }
        FileStream? file = null;
        ArchiveRequest? request = null;
        if (await TryAsync(async () => (file, request) = await ArchiveApi.ZipAsync(export, slug, From, To, CurrentUser, ct)))
        {
            Response.Headers.CacheControl = "private, no-store";
            return File(file!, ArchiveApi.Zip, request!.FileName + ".zip");
        }
        ModelState.Remove("body");
        return Page();
    }
}
