using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Actors;

/// <summary>The public actor registry (aktørregisteret): search, filter, 50 per page.</summary>
public sealed class IndexModel(OrganizationQueries organizations) : SamstyringPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActorGroup { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrganizationRow> Rows { get; private set; } = [];
    public int TotalRows { get; private set; }
    public int Pages => Math.Max(1, (TotalRows + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var v = new Validator();
        v.MaxLength("search", Search, "Søk", 200);
        v.Enum<OrganizationType>("type", Type, "Type", false, out var type);
        v.Enum<ActorGroup>("actorGroup", ActorGroup, "Aktørgruppe", false, out var group);
        v.Enum<HealthRegion>("region", Region, "Helseregion", false, out var region);
        var filter = new OrganizationFilter(Search, type, group, region);
        try
        {
            v.ThrowIfInvalid();
        }
        catch (ValidationFailedException e)
        {
            foreach (var (k, messages) in e.Errors) ModelState.AddModelError(k, messages[0]);
            filter = new OrganizationFilter();
        }
        var rows = organizations.Query(filter);
        TotalRows = await rows.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public string PageLink(int page)
    {
        var q = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) q.Add($"{k}={Uri.EscapeDataString(v)}"); }
        Add("search", Search); Add("type", Type); Add("actorGroup", ActorGroup); Add("region", Region);
        q.Add($"side={page}");
        return "/aktorer?" + string.Join('&', q);
    }
}
