using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>The user an identity was linked to, or the access request it waits in.</summary>
public sealed record ExternalSignInResult(CurrentUser? User, int? AccessRequestId);

/// <summary>
/// Someone has signed in through an identity provider. A linked identity is its user. Otherwise a user the office has
/// registered with one of the identity's verified identifiers (HPR number, national identity number, e-mail) is linked
/// to it, once and for all. Anyone else waits for access: the office sees them, with the organisation their
/// organisation number names pre-selected. Identifiers that name different users match no one.
/// </summary>
[UseCase]
public sealed class SignInExternal(SamstyringDb db)
{
    public async Task<ExternalSignInResult> HandleAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        if (!identity.IsWellFormed)
            throw ValidationFailedException.For("subject", "Identitetsleverandøren sendte ingen gyldig identitet (sub).");
        try
        {
            return await SignInAsync(identity, ct);
        }
        catch (DbUpdateException)
        {
            // Two first sign-ins of the same person at once: the other one linked or registered it; read what it did.
            db.ChangeTracker.Clear();
            return await SignInAsync(identity, ct);
        }
    }

    private async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, CancellationToken ct)
    {
        var linked = await db.ExternalLogins.Where(l => l.Provider == identity.Provider && l.Subject == identity.Subject)
            .Select(l => l.User).SingleOrDefaultAsync(ct);
        if (linked is not null) return new ExternalSignInResult(linked.ToCurrentUser(), null);

        var matches = await db.Users
            .Where(u => (identity.HprNumber != null && u.HprNumber == identity.HprNumber)
                        || (identity.PersonalId != null && u.PersonalId == identity.PersonalId)
                        || (identity.Email != null && u.Email == identity.Email))
            .Take(2).ToListAsync(ct);
        var now = db.UtcNow;
        if (matches.Count == 1)
        {
            var user = matches[0];
            db.ExternalLogins.Add(new ExternalLogin { UserId = user.Id, Provider = identity.Provider, Subject = identity.Subject, CreatedAt = now });
            await db.AccessRequests.Where(r => r.Provider == identity.Provider && r.Subject == identity.Subject).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            return new ExternalSignInResult(user.ToCurrentUser(), null);
        }

        var organizationId = identity.OrgNumber is { } number
            ? await db.Organizations.Where(o => o.OrgNumber == number).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct)
            : null;
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Provider == identity.Provider && r.Subject == identity.Subject, ct);
        if (request is null)
        {
            request = new AccessRequest { Provider = identity.Provider, Subject = identity.Subject, DisplayName = identity.DisplayName, FirstSeenAt = now };
            db.AccessRequests.Add(request);
        }
        request.DisplayName = identity.DisplayName;
        request.Email = identity.Email;
        request.HprNumber = identity.HprNumber;
        request.OrgNumber = identity.OrgNumber;
        request.OrganizationId ??= organizationId;
        request.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        return new ExternalSignInResult(null, request.Id);
    }
}
