using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

public sealed record OrganizationFilter(string? Search = null, OrganizationType? Type = null, ActorGroup? ActorGroup = null, HealthRegion? Region = null);

public sealed record OrganizationRow(
    int Id, string Key, string Name, string? ShortName, string? OrgNumber, OrganizationType Type, ActorGroup ActorGroup,
    HealthRegion? Region, string? OwnerName, string? MunicipalityNumber, string? County, int? Population);

public sealed record OrganizationDetails(Organization Organization, IReadOnlyList<Organization> Owns, IReadOnlyList<InitiativeRow> Initiatives);

/// <summary>Reads of the actor registry (aktørregisteret), for every area that shows or picks an organisation.</summary>
[UseCase]
public sealed class OrganizationQueries(SamstyringDb db, GetPortfolioOverview portfolio)
{
    /// <summary>Search the actor registry.</summary>
    public IQueryable<OrganizationRow> Query(OrganizationFilter f)
    {
        var q = db.Organizations.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim().ToLower();
            q = q.Where(o => o.Name.ToLower().Contains(term) || (o.ShortName != null && o.ShortName.ToLower().Contains(term))
                             || o.OrgNumber == term || o.MunicipalityNumber == term);
        }
        if (f.Type is { } t) q = q.Where(o => o.Type == t);
        if (f.ActorGroup is { } g) q = q.Where(o => o.ActorGroup == g);
        if (f.Region is { } r) q = q.Where(o => o.Region == r);
        return q.OrderBy(o => o.Type == OrganizationType.Kommune).ThenBy(o => o.Name).ThenBy(o => o.Id).Select(o => new OrganizationRow(
            o.Id, o.Key, o.Name, o.ShortName, o.OrgNumber, o.Type, o.ActorGroup, o.Region, o.Owner != null ? o.Owner.Name : null,
            o.MunicipalityNumber, o.County, o.Population));
    }

    /// <summary>One actor: who owns it, what it owns, and its initiatives.</summary>
    public async Task<OrganizationDetails> GetAsync(int id, CancellationToken ct = default)
    {
        var o = await db.Organizations.AsNoTracking().Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke aktør {id}.");
        var owns = await db.Organizations.AsNoTracking().Where(x => x.OwnerId == id).OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync(ct);
        var initiatives = await portfolio.QueryRows(new OverviewFilter(OwnerId: id)).ToListAsync(ct);
        return new OrganizationDetails(o, owns, initiatives);
    }

    /// <summary>Every organisation by name as (id, name) for a select, leaving out <paramref name="except"/> (an actor cannot own itself).</summary>
    public async Task<List<(string Value, string Text)>> OptionsAsync(int? except = null, CancellationToken ct = default)
    {
        var q = db.Organizations.AsNoTracking();
        if (except is { } id) q = q.Where(o => o.Id != id);
        return (await q.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList();
    }
}
