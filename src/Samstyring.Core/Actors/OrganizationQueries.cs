using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

public sealed record OrganizationFilter(string? Search = null, OrganizationType? Type = null, ActorGroup? ActorGroup = null, HealthRegion? Region = null);

/// <summary>An actor in the registry list; <c>OwnerNames</c> are its owners by name (shared ownership lists several).</summary>
public sealed record OrganizationRow(
    int Id, string Key, string Name, string? ShortName, string? OrgNumber, OrganizationType Type, ActorGroup ActorGroup,
    HealthRegion? Region, IReadOnlyList<string> OwnerNames, string? MunicipalityNumber, string? County, int? Population);

/// <summary>One owner of an actor: who, and the share in percent (null when not known).</summary>
public sealed record OwnerShare(int Id, string Name, decimal? Share);

public sealed record OrganizationDetails(
    Organization Organization, IReadOnlyList<OwnerShare> Owners, IReadOnlyList<Organization> Owns, IReadOnlyList<InitiativeRow> Initiatives);

/// <summary>
/// The population figures of one reference date: how many municipalities have a figure, of how many that existed on the
/// date (<c>Missing</c> the difference), their total, where the figures come from, and whether any are demo data.
/// </summary>
public sealed record PopulationDate(DateOnly On, int Count, int Municipalities, long Total, IReadOnlyList<string> Sources, bool IsDemo)
{
    public int Missing => Math.Max(0, Municipalities - Count);
}

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
            o.Id, o.Key, o.Name, o.ShortName, o.OrgNumber, o.Type, o.ActorGroup, o.Region,
            o.Owners.OrderBy(x => x.Owner!.Name).ThenBy(x => x.OwnerId).Select(x => x.Owner!.Name).ToList(),
            o.MunicipalityNumber, o.County, o.Population));
    }

    /// <summary>One actor: who owns it (with shares), what it owns (alone or with others), and its initiatives.</summary>
    public async Task<OrganizationDetails> GetAsync(int id, CancellationToken ct = default)
    {
        var o = await db.Organizations.AsNoTracking().Include(x => x.Owners).ThenInclude(x => x.Owner).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke aktør {id}.");
        var owners = o.Owners.Select(x => new OwnerShare(x.OwnerId, x.Owner!.Name, x.Share))
            .OrderBy(x => x.Name, StringComparer.Create(Norwegian.Culture, false)).ThenBy(x => x.Id).ToList();
        var owns = await db.Organizations.AsNoTracking().Where(x => x.Owners.Any(w => w.OwnerId == id))
            .OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync(ct);
        var initiatives = await portfolio.QueryRows(new OverviewFilter(OwnerId: id)).ToListAsync(ct);
        return new OrganizationDetails(o, owners, owns, initiatives);
    }

    /// <summary>Every date with population figures, newest first (public: SSB's figures, and the keys of adopted price models).</summary>
    public async Task<IReadOnlyList<PopulationDate>> PopulationDatesAsync(CancellationToken ct = default)
    {
        var groups = await db.PopulationFigures.AsNoTracking()
            .GroupBy(p => new { p.On, p.Source, p.IsDemo })
            .Select(g => new { g.Key.On, g.Key.Source, g.Key.IsDemo, Count = g.Count(), Total = g.Sum(p => (long)p.Population) })
            .ToListAsync(ct);
        var municipalities = await db.Organizations.AsNoTracking().Where(o => o.Type == OrganizationType.Kommune)
            .Select(o => new { o.ExistsFrom, o.ExistsTo }).ToListAsync(ct);
        return groups.GroupBy(g => g.On).OrderByDescending(g => g.Key).Select(g => new PopulationDate(
                g.Key, g.Sum(x => x.Count),
                municipalities.Count(m => (m.ExistsFrom is null || m.ExistsFrom <= g.Key) && (m.ExistsTo is null || g.Key <= m.ExistsTo)),
                g.Sum(x => x.Total), g.Select(x => x.Source).Distinct().Order(StringComparer.Ordinal).ToList(), g.Any(x => x.IsDemo)))
            .ToList();
    }

    /// <summary>The ids of the actors with these keys (as files and the command line name them); keys not found are left out.</summary>
    public async Task<Dictionary<string, int>> IdsByKeyAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        await db.Organizations.AsNoTracking().Where(o => keys.Contains(o.Key)).ToDictionaryAsync(o => o.Key, o => o.Id, StringComparer.Ordinal, ct);

    /// <summary>Every organisation by name as (id, name) for a select, leaving out <paramref name="except"/> (an actor cannot own itself).</summary>
    public async Task<List<(string Value, string Text)>> OptionsAsync(int? except = null, CancellationToken ct = default)
    {
        var q = db.Organizations.AsNoTracking();
        if (except is { } id) q = q.Where(o => o.Id != id);
        return (await q.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList();
    }

    /// <summary>Every actor as (key, name), by name: for choosing a user's organisation, where the key is what is sent.</summary>
    public async Task<List<(string Value, string Text)>> KeyOptionsAsync(CancellationToken ct = default) =>
        (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Key, o.Name }).ToListAsync(ct))
        .Select(o => (o.Key, o.Name)).ToList();
}
