using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Actors;

/// <summary>One owner of the actor being edited: who, and the share in percent (null when not known).</summary>
public sealed record OwnerInput(int? OwnerId, decimal? Share);

/// <summary>An actor's facts as the office edits them; <c>Owners</c> replaces the owners (null or empty: none).</summary>
public sealed record OrganizationInput(
    string? Name, string? ShortName, string? OrgNumber, string? Type, string? ActorGroup, string? Region, IReadOnlyList<OwnerInput>? Owners, int? Population);

/// <summary>The office corrects an actor (e.g. a border municipality served by a neighbouring health region, or who owns it).</summary>
[UseCase]
public sealed class UpdateOrganization(SamstyringDb db)
{
    public async Task<Organization> HandleAsync(int id, OrganizationInput input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var o = await db.Organizations.Include(x => x.Owners).SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Fant ikke aktør {id}.");
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
        var owners = await ValidateOwnersAsync(id, input.Owners ?? [], v, ct);
        v.ThrowIfInvalid();
        o.Name = input.Name!.Trim();
        o.ShortName = string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName.Trim();
        o.OrgNumber = string.IsNullOrEmpty(orgNumber) ? null : orgNumber;
        o.Type = type!.Value;
        o.ActorGroup = group!.Value;
        o.Region = region;
        if (ReplaceOwners(o, owners))
            db.Entry(o).Property(x => x.Version).IsModified = true; // owners are part of the actor: a change to them is a new version of it
        if (input.Population is not null) o.Population = input.Population;
        await db.SaveChangesAsync(ct);
        return o;
    }

    /// <summary>Every error in the owner list at once, per row (<c>owners[i].id</c>, <c>owners[i].share</c>) and for the whole (<c>owners</c>).</summary>
    private async Task<List<(int OwnerId, decimal? Share)>> ValidateOwnersAsync(int id, IReadOnlyList<OwnerInput> input, Validator v, CancellationToken ct)
    {
        var result = new List<(int, decimal?)>();
        if (input.Count == 0) return result;
        var ids = input.Where(x => x.OwnerId is not null).Select(x => x.OwnerId!.Value).Distinct().ToList();
        var names = await db.Organizations.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        // The ownership graph is small (tens of rows): walk it in memory to find rings.
        var ownersOf = (await db.OrganizationOwners.Select(x => new { x.OrganizationId, x.OwnerId }).ToListAsync(ct))
            .ToLookup(x => x.OrganizationId, x => x.OwnerId);
        var seen = new HashSet<int>();
        for (var i = 0; i < input.Count; i++)
        {
            var (ownerId, share) = (input[i].OwnerId, input[i].Share);
            var field = $"owners[{i}]";
            if (ownerId is not { } oid) v.Add($"{field}.id", $"Velg en eier i rad {i + 1}.");
            else if (oid == id) v.Add($"{field}.id", "En aktør kan ikke eie seg selv.");
            else if (!names.TryGetValue(oid, out var name)) v.Add($"{field}.id", "Eieren finnes ikke.");
            else if (!seen.Add(oid)) v.Add($"{field}.id", $"{name} står som eier mer enn én gang.");
            else if (OwnsTransitively(id, oid, ownersOf))
                v.Add($"{field}.id", $"Eierskapet ville blitt sirkulært: {name} eies allerede, direkte eller gjennom andre, av aktøren du endrer.");
            if (share is { } s)
            {
                if (s is < 0 or > OrganizationOwner.ShareMax) v.Add($"{field}.share", $"Eierandelen i rad {i + 1} må være mellom 0 og 100 %.");
                else if (decimal.Round(s, 2) != s) v.Add($"{field}.share", $"Eierandelen i rad {i + 1} kan ha høyst to desimaler.");
            }
            if (ownerId is { } valid) result.Add((valid, share));
        }
        var given = input.Where(x => x.Share is >= 0 and <= OrganizationOwner.ShareMax).Sum(x => x.Share!.Value);
        if (given > OrganizationOwner.ShareMax)
            v.Add("owners", $"Eierandelene er til sammen {Norwegian.Percent(given)}. De kan ikke være mer enn 100 % til sammen.");
        return result;
    }

    /// <summary>Whether <paramref name="id"/> already owns <paramref name="candidateOwner"/>, directly or through others.</summary>
    private static bool OwnsTransitively(int id, int candidateOwner, ILookup<int, int> ownersOf)
    {
        var visited = new HashSet<int>();
        var queue = new Queue<int>([candidateOwner]);
        while (queue.TryDequeue(out var current))
        {
            if (current == id) return true;
            if (!visited.Add(current)) continue;
            foreach (var owner in ownersOf[current]) queue.Enqueue(owner);
        }
        return false;
    }

    /// <summary>Makes the owners what was asked: removes, adds and changes shares row by row (each an audit entry). True when anything changed.</summary>
    private bool ReplaceOwners(Organization o, List<(int OwnerId, decimal? Share)> wanted)
    {
        var changed = false;
        foreach (var gone in o.Owners.Where(x => wanted.All(w => w.OwnerId != x.OwnerId)).ToList())
        {
            o.Owners.Remove(gone);
            db.OrganizationOwners.Remove(gone);
            changed = true;
        }
        foreach (var (ownerId, share) in wanted)
        {
            if (o.Owners.SingleOrDefault(x => x.OwnerId == ownerId) is { } existing)
            {
                if (existing.Share == share) continue;
                existing.Share = share;
            }
            else o.Owners.Add(new OrganizationOwner { OrganizationId = o.Id, OwnerId = ownerId, Share = share });
            changed = true;
        }
        return changed;
    }
}
