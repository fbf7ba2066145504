using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Accounts;

/// <summary>
/// The office's answer to someone waiting for access: a new user (user name, role, organisation) or, when the person
/// already has one (a local account, another provider), that user. Either way the identity is linked, so they are
/// signed in straight away next time.
/// </summary>
public sealed record GrantAccessInput(int? Version, string? UserName, string? Role, string? OrganizationKey, string? ExistingUserName = null);

[UseCase]
public sealed class GrantAccess(SamstyringDb db)
{
    public async Task<User> HandleAsync(int requestId, GrantAccessInput input, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
                      ?? throw new NotFoundException("Fant ingen forespørsel om tilgang med denne id-en. Kanskje en annen i kontoret har behandlet den.");
        db.ExpectVersion(request, input.Version);
        var v = new Validator();
        User account;
        if (!string.IsNullOrWhiteSpace(input.ExistingUserName))
        {
            var name = input.ExistingUserName.Trim().ToLowerInvariant();
            account = await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct)
                      ?? throw ValidationFailedException.For("existingUserName", $"Fant ikke brukeren «{Validator.Truncate(name)}».");
        }
        else
        {
            var userName = (input.UserName ?? "").Trim().ToLowerInvariant();
            v.Required("userName", userName, "Brukernavn", 80);
            if (userName.Length > 0 && !CreateUser.IsUserName(userName))
                v.Add("userName", "Brukernavn kan bare inneholde små bokstaver a–z, tall, punktum, bindestrek og understrek, og må begynne med en bokstav eller et tall.");
            else if (userName.Length > 0 && await db.Users.AnyAsync(u => u.UserName == userName, ct))
                v.Add("userName", $"Brukernavnet «{userName}» er allerede i bruk.");
            var (role, organizationId) = await UserRules.AccessAsync(db, v, input.Role, input.OrganizationKey, ct);
            // The provider's verified identifiers go with the user, unless someone else has them.
            var email = request.Email is { } e && !await db.Users.AnyAsync(u => u.Email == e, ct) ? e : null;
            var hpr = request.HprNumber is { } h && !await db.Users.AnyAsync(u => u.HprNumber == h, ct) ? h : null;
            v.ThrowIfInvalid();
            account = new User
            {
                UserName = userName, DisplayName = request.DisplayName, PasswordHash = "", Role = role!.Value,
                OrganizationId = organizationId, CreatedAt = db.UtcNow, Email = email, HprNumber = hpr,
            };
            db.Users.Add(account);
        }
        db.ExternalLogins.Add(new ExternalLogin { User = account, Provider = request.Provider, Subject = request.Subject, CreatedAt = db.UtcNow });
        db.AccessRequests.Remove(request);
        await db.SaveChangesAsync(ct);
        return account;
    }
}

/// <summary>The office turns a request for access down: it goes from the list (the person may sign in and ask again).</summary>
[UseCase]
public sealed class RefuseAccess(SamstyringDb db)
{
    public async Task HandleAsync(int requestId, int? version, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct)
                      ?? throw new NotFoundException("Fant ingen forespørsel om tilgang med denne id-en. Kanskje en annen i kontoret har behandlet den.");
        db.ExpectVersion(request, version);
        db.AccessRequests.Remove(request);
        await db.SaveChangesAsync(ct);
    }
}
