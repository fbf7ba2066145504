using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Search;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Search;

/// <summary>
/// Search across everything, for everyone: what a visitor may not see is not found (<see cref="SearchQueries"/>). A plain
/// GET form, so it works without JavaScript and a search can be linked to.
/// </summary>
public sealed class IndexModel(SearchQueries queries) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Body { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    /// <summary>The page of hits, as «side» ("page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "side")] public string? PageText { get; set; }

    public SearchResult? Result { get; private set; }
    public IReadOnlyList<(string, string)> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Bodies = (await queries.BodiesAsync(ct)).Select(b => (b.Slug, b.Name)).ToList();
        // The page alone is not a search: the empty form, without errors.
        if (Q is null && Type is null && Body is null && From is null && To is null) return;
        int? page = null;
        if (!string.IsNullOrEmpty(PageText))
        {
            if (int.TryParse(PageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)) page = p;
            else page = 0; // refused with the use case's message
        }
        await TryAsync(async () => Result = await queries.SearchAsync(new SearchRequest(Q, Type, Body, From, To, page), CurrentUser, ct));
        if (!ModelState.IsValid) MoveErrors("page", "q", "Side: ");
        if (!ModelState.IsValid) MoveErrors("pageSize", "q");
    }

    public string PageLink(int page) => "/sok?" + string.Join('&', new[] { ("q", Q), ("type", Type), ("body", Body), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}")
        .Append($"side={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>The same search in the API.</summary>
    public string ApiLink(int page) => "/api/v1/search?" + string.Join('&', new[] { ("q", Q), ("type", Type), ("body", Body), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}")
        .Append($"page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    public string TypeLink(SearchKind? kind) => "/sok?" + string.Join('&', new[] { ("q", Q), ("type", kind?.Code()), ("body", Body), ("from", From), ("to", To) }
        .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public static string Hits(int n) => $"{Norwegian.Number(n)} treff";
}
