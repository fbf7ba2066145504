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
        var valid = await OrganizationRules.ValidateAsync(db, v, id, input, ct);
        v.ThrowIfInvalid();
        valid.ApplyTo(o);
        if (ReplaceOwners(o, valid.Owners))
            db.Entry(o).Property(x => x.Version).IsModified = true; // owners are part of the actor: a change to them is a new version of it
        await db.SaveChangesAsync(ct);
        return o;
    }

    /// <summary>Makes the owners what was asked: removes, adds and changes shares row by row (each an audit entry). True when anything changed.</summary>
    private bool ReplaceOwners(Organization o, IReadOnlyList<(int OwnerId, decimal? Share)> wanted)
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
