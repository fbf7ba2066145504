using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Portfolio;

/// <summary>The public portfolio overview.</summary>
public sealed class IndexModel(GetPortfolioOverview overview, SamstyringDb db) : SamstyringPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? Owner { get; set; }
    [BindProperty(SupportsGet = true)] public string? Segment { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActorGroup { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lifecycle { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;

    public PortfolioOverview Overview { get; private set; } = null!;
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
        Overview = await overview.HandleAsync(new OverviewFilter(), ct);
        var rows = overview.QueryRows(filter);
        TotalRows = await rows.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (TotalRows + PageSize - 1) / PageSize));
        Rows = await rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Owners = (await db.Initiatives.AsNoTracking().Select(i => new { i.OwnerId, i.Owner.Name }).Distinct().OrderBy(o => o.Name).ToListAsync(ct))
            .Select(o => (o.OwnerId.ToString(), o.Name)).ToList();
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
