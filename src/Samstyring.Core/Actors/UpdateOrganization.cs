using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

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
