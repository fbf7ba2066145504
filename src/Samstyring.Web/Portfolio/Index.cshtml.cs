using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>The public portfolio overview.</summary>
public sealed class IndexModel(GetPortfolioOverview overview) : SamstyringPage
{
    public const int PageSize = 50;
    /// <summary>The overview shows this many red flags and red dependencies; the portfolio report lists them all.</summary>
    public const int MaxListed = 25;

    [BindProperty(SupportsGet = true)] public int? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Segment { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActorGroup { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lifecycle { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;

    public PortfolioSummary Overview { get; private set; } = null!;
    public IReadOnlyList<InitiativeRow> Rows { get; private set; } = [];
    public int TotalRows { get; private set; }
    public List<(string, string)> Owners { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        OverviewFilter filter;
        try
        {
            filter = PortfolioApi.ParseFilter(Owner, Segment, ActorGroup, Status, Lifecycle, Search);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (k, v) in e.Errors) ModelState.AddModelError(k, v[0]);
            filter = new OverviewFilter();
        }
        Overview = await overview.SummaryAsync(MaxListed, ct);
        var page = await overview.PageAsync(filter, Math.Max(1, PageNumber), PageSize, ct);
        if (page.Rows.Count == 0 && page.Total > 0)
        {
            // Past the last page: show the last one.
            PageNumber = (page.Total + PageSize - 1) / PageSize;
            page = await overview.PageAsync(filter, PageNumber, PageSize, ct);
        }
        PageNumber = Math.Max(1, PageNumber);
        (TotalRows, Rows) = (page.Total, page.Rows);
        Owners = (await overview.OwnersAsync(ct)).Select(o => (o.Id.ToString(), o.Name)).ToList();
    }

    public string PageLink(int page)
    {
        var q = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) q.Add($"{k}={Uri.EscapeDataString(v)}"); }
        Add("owner", Owner?.ToString());
        Add("segment", Segment); Add("actorGroup", ActorGroup); Add("status", Status); Add("lifecycle", Lifecycle); Add("search", Search);
        q.Add($"side={page}");
        return "/?" + string.Join('&', q);
    }
}
