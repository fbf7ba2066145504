using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>
/// A solution's adoption on a date: the share in use against its targets over time, the map of the municipalities by stage
/// (with the same figures as a table), counts per county and health region, the groups counted as totals, and who is behind.
/// </summary>
public sealed class AdoptionModel(SolutionQueries queries) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "dato")] public string? Date { get; set; }

    public SolutionSummary Solution { get; private set; } = null!;
    public AdoptionSummary Summary { get; private set; } = null!;
    public IReadOnlyList<ActorStage> Municipalities { get; private set; } = [];
    public DateOnly? AskedFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            AskedFor = SolutionQueries.ParseDate(Date, "dato");
        }
        catch (ValidationFailedException e)
        {
            foreach (var (k, messages) in e.Errors) ModelState.AddModelError(k, messages[0]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        try
        {
            Solution = (await queries.ListAsync(null, ct)).SingleOrDefault(s => s.Key == Key) ?? throw new NotFoundException(Key);
            Summary = await queries.SummaryAsync(Key, AskedFor, ct);
            Municipalities = await queries.AdoptionOnAsync(Key, Summary.On, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public bool CanRecord => SolutionAccess.CanRecordAdoption(CurrentUser, Solution.Operator?.Id);

    /// <summary>"?date=…" for the image and download links when a date was asked for.</summary>
    public string DateQuery => AskedFor is { } d ? "?date=" + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string Percent(double p) => p.ToString("0.#", Norwegian.Culture) + " %";
}
