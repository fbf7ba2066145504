using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Actors;

/// <summary>An actor's facts once they have passed <see cref="OrganizationRules"/>: trimmed, parsed and ready to store.</summary>
internal sealed record ValidOrganization(
    string Name, string? ShortName, string? OrgNumber, OrganizationType Type, ActorGroup ActorGroup, HealthRegion? Region,
    IReadOnlyList<(int OwnerId, decimal? Share)> Owners, int? Population)
{
    /// <summary>Sets everything but the owners, which a new actor adds and a changed one replaces row by row.</summary>
    public void ApplyTo(Organization o)
    {
        o.Name = Name;
        o.ShortName = ShortName;
        o.OrgNumber = OrgNumber;
        o.Type = Type;
        o.ActorGroup = ActorGroup;
        o.Region = Region;
        if (Population is not null) o.Population = Population;
    }
}

/// <summary>The checks an actor's facts must pass, the same whether the office registers a new actor or corrects one.</summary>
internal static class OrganizationRules
{
    /// <summary>
    /// Adds every error in <paramref name="input"/> to <paramref name="v"/> (the caller throws them together with its own).
    /// <paramref name="id"/> is the actor being changed, null for a new one: it may keep its own organisation number, and
    /// it cannot own itself or anything that already owns it.
    /// </summary>
    public static async Task<ValidOrganization> ValidateAsync(SamstyringDb db, Validator v, int? id, OrganizationInput input, CancellationToken ct)
    {
        v.Name("name", input.Name, "Navn", Organization.NameMax);
        v.Name("shortName", input.ShortName, "Kortnavn", 40, required: false);
        var orgNumber = OrgNumber(input.OrgNumber);
        if (!string.IsNullOrEmpty(orgNumber))
        {
            if (!Organization.IsValidOrgNumber(orgNumber))
                v.Add("orgNumber", "Organisasjonsnummeret er ikke gyldig (ni siffer med riktig kontrollsiffer, MOD11).");
            else if (await db.Organizations.Where(o => o.OrgNumber == orgNumber && o.Id != id).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } other)
                v.Add("orgNumber", $"Organisasjonsnummeret {orgNumber} er allerede registrert på {other}.");
        }
        v.Enum<OrganizationType>("type", input.Type, "Type", true, out var type);
        v.Enum<ActorGroup>("actorGroup", input.ActorGroup, "Aktørgruppe", true, out var group);
        v.Enum<HealthRegion>("region", input.Region, "Helseregion", false, out var region);
        if (input.Population is < 0) v.Add("population", "Folketall kan ikke være negativt.");
        var owners = await ValidateOwnersAsync(db, id, input.Owners ?? [], v, ct);
        return new ValidOrganization(
            input.Name?.Trim() ?? "", string.IsNullOrWhiteSpace(input.ShortName) ? null : input.ShortName.Trim(),
            string.IsNullOrEmpty(orgNumber) ? null : orgNumber, type.GetValueOrDefault(), group.GetValueOrDefault(), region, owners, input.Population);
    }

    /// <summary>The number as Enhetsregisteret writes it: spaces (also non-breaking, as in «974 760 673» copied from a page) left out.</summary>
    private static string? OrgNumber(string? raw) => raw?.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "").Trim();

    /// <summary>Every error in the owner list at once, per row (<c>owners[i].id</c>, <c>owners[i].share</c>) and for the whole (<c>owners</c>).</summary>
    private static async Task<List<(int OwnerId, decimal? Share)>> ValidateOwnersAsync(SamstyringDb db, int? id, IReadOnlyList<OwnerInput> input, Validator v,
        CancellationToken ct)
    {
        var result = new List<(int, decimal?)>();
        if (input.Count == 0) return result;
        var ids = input.Where(x => x.OwnerId is not null).Select(x => x.OwnerId!.Value).Distinct().ToList();
        var names = await db.Organizations.Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        // The ownership graph is small (tens of rows): walk it in memory to find rings. A new actor owns nothing yet, so it has none.
        var ownersOf = id is null ? null : (await db.OrganizationOwners.Select(x => new { x.OrganizationId, x.OwnerId }).ToListAsync(ct))
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
            else if (id is { } self && OwnsTransitively(self, oid, ownersOf!))
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
}
