using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Solutions;

/// <summary>The public solutions catalogue with filters.</summary>
public sealed class IndexModel(SolutionQueries queries) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lifecycle { get; set; }
    [BindProperty(SupportsGet = true)] public string? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grunnmur { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public IReadOnlyList<SolutionSummary> Rows { get; private set; } = [];
    public IReadOnlyList<(string, string)> Owners { get; private set; } = [];
    public IReadOnlyList<(string, string)> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        SolutionFilter filter;
        try
        {
            filter = SolutionsApi.Filter(Kind, Lifecycle, Owner, null, Grunnmur, Search);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (k, messages) in e.Errors) ModelState.AddModelError(k == "q" ? "q" : k, messages[0]);
            filter = new SolutionFilter();
        }
        var all = await queries.ListAsync(null, ct);
        Rows = await queries.ListAsync(filter, ct);
        Owners = all.Where(s => s.Owner is not null).Select(s => s.Owner!).DistinctBy(o => o.Id)
            .OrderBy(o => o.Name, StringComparer.Create(Norwegian.Culture, true)).Select(o => (o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name)).ToList();
        Areas = [.. (await queries.GrunnmurOptionsAsync(ct)), ("none", "Utenfor grunnmuren")];
    }

    public string Query => string.Join('&', new[] { ("kind", Kind), ("lifecycle", Lifecycle), ("owner", Owner), ("grunnmur", Grunnmur), ("q", Search) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
}
