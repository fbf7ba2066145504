using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Financing;

namespace Samstyring.Web.Financing;

/// <summary>
/// A model compared with another (by default the adopted model of its year): per group and per actor, sorted by the change,
/// with a search so one municipality can be found among 357, and a chart of who pays more and who pays less.
/// </summary>
public sealed class CompareModel(FinancingQueries queries) : FinancingPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "med")] public int? With { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public ModelComparison Comparison { get; private set; } = null!;
    public IReadOnlyList<ActorChange> Actors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Actors = YearModel.Filter(Comparison.Actors, Search)
            .OrderByDescending(a => a.ChangeOre).ThenBy(a => a.Name, StringComparer.Create(Norwegian.Culture, true)).ToList();
        return Page();
    }

    /// <summary>The chart, served as an image so the page needs no script or inline style; the table says the same in words.</summary>
    public async Task<IActionResult> OnGetSvgAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Content(FinancingDocuments.ComparisonSvg(Comparison), "image/svg+xml; charset=utf-8") : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Comparison = await queries.CompareAsync(Id, With, CurrentUser, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public string Query(string? search = null) =>
        string.Join('&', new[] { ("med", With?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("q", search) }
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}
