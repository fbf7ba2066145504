using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

public sealed record OrganizationFilter(string? Search = null, OrganizationType? Type = null, ActorGroup? ActorGroup = null, HealthRegion? Region = null);

public sealed record OrganizationRow(
    int Id, string Key, string Name, string? ShortName, string? OrgNumber, OrganizationType Type, ActorGroup ActorGroup,
    HealthRegion? Region, string? OwnerName, string? MunicipalityNumber, string? County, int? Population);

/// <summary>Search the actor registry.</summary>
[UseCase]
public sealed class ListOrganizations(SamstyringDb db)
{
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
}

public sealed record OrganizationDetails(Organization Organization, IReadOnlyList<Organization> Owns, IReadOnlyList<InitiativeRow> Initiatives);

[UseCase]
public sealed class GetOrganization(SamstyringDb db, GetPortfolioOverview portfolio)
{
    public async Task<OrganizationDetails> HandleAsync(int id, CancellationToken ct = default)
    {
        var o = await db.Organizations.AsNoTracking().Include(x => x.Owner).SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke aktør {id}.");
        var owns = await db.Organizations.AsNoTracking().Where(x => x.OwnerId == id).OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync(ct);
        var initiatives = await portfolio.QueryRows(new OverviewFilter(OwnerId: id)).ToListAsync(ct);
        return new OrganizationDetails(o, owns, initiatives);
    }
}

public sealed record OrganizationInput(
    string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, int? OwnerId, int? Population);

/// <summary>The office corrects an actor (e.g. a border municipality served by a neighbouring health region).</summary>
[UseCase]
public sealed class UpdateOrganization(SamstyringDb db)
{
    public async Task<Organization> HandleAsync(int id, OrganizationInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var o = await db.Organizations.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke aktør {id}.");
        db.ExpectVersion(o, expectedVersion);
        var v = new Validator();
        v.Name("name", input.Name, "Navn", Organization.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        var orgNumber = input.OrgNumber?.Replace(" ", "").Trim();
        if (!string.IsNullOrEmpty(orgNumber) && !Organization.IsValidOrgNumber(orgNumber))
            v.Add("orgNumber", "Organisasjonsnummeret er ikke gyldig (ni siffer med riktig kontrollsiffer, MOD11).");
        v.Enum<OrganizationType>("type", input.Type, "Type", true, out var type);
        v.Enum<ActorGroup>("actorGroup", input.ActorGroup, "Aktørgruppe", true, out var group);
        v.Enum<HealthRegion>("region", input.Region, "Helseregion", false, out var region);
        if (input.Population is < 0) v.Add("population", "Folketall kan ikke være negativt.");
        if (input.OwnerId is { } ownerId)
        {
            if (ownerId == id) v.Add("ownerId", "En aktør kan ikke eie seg selv.");
            else if (!await db.Organizations.AnyAsync(x => x.Id == ownerId, ct)) v.Add("ownerId", "Eieren finnes ikke.");
            else if (await OwnsTransitivelyAsync(id, ownerId, ct)) v.Add("ownerId", "Eierskapet ville blitt sirkulært.");
        }
        v.ThrowIfInvalid();
        o.Name = input.Name!.Trim();
        o.ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName.Trim();
        o.OrgNumber = string.IsNullOrEmpty(orgNumber) ? null : orgNumber;
        o.Type = type!.Value;
        o.ActorGroup = group!.Value;
        o.Region = region;
        o.OwnerId = input.OwnerId;
        if (input.Population is not null) o.Population = input.Population;
        await db.SaveChangesAsync(ct);
        return o;
    }

    private async Task<bool> OwnsTransitivelyAsync(int id, int candidateOwner, CancellationToken ct)
    {
        int? current = candidateOwner;
        for (var depth = 0; current is not null && depth < 20; depth++)
        {
            if (current == id) return true;
            current = await db.Organizations.Where(x => x.Id == current).Select(x => x.OwnerId).SingleAsync(ct);
        }
        return false;
    }
}
