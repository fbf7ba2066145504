using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Accounts;

/// <summary>
/// A user as the office edits it. <see cref="PersonalId"/> is never shown back: null keeps the registered one, an empty
/// text removes it.
/// </summary>
public sealed record UpdateUserInput(int? Version, string? DisplayName, string? Role, string? OrganizationKey,
    string? Email, string? HprNumber, string? PersonalId);

/// <summary>
/// The office changes someone's name, role, organisation or the identifiers a sign-in finds them by. A new role or
/// organisation ends their sessions and stops their API tokens: what they may do has changed. Nobody takes the office role from themselves.
/// </summary>
[UseCase]
public sealed class UpdateUser(SamstyringDb db, ApiTokenCache tokens, VerifiedPasswordCache passwords)
{
    public async Task<User> HandleAsync(int userId, UpdateUserInput input, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
                      ?? throw new NotFoundException("Fant ingen bruker med denne id-en.");
        db.ExpectVersion(account, input.Version);
        var v = new Validator();
        v.Name("displayName", input.DisplayName, "Navn", 200);
        var (role, organizationId) = await UserRules.AccessAsync(db, v, input.Role, input.OrganizationKey, ct);
        if (account.UserName == user!.UserName && account.Role == Role.PortfolioOffice && role is not null and not Role.PortfolioOffice)
            v.Add("role", "Du kan ikke ta fra deg selv rollen porteføljekontor. Be en annen i kontoret gjøre det.");
        var (email, hpr, personalId) = await UserRules.IdentifiersAsync(db, v, input.Email, input.HprNumber,
            input.PersonalId is null ? null : input.PersonalId, account.Id, ct);
        v.ThrowIfInvalid();

        var accessChanged = account.Role != role || account.OrganizationId != organizationId;
        account.DisplayName = input.DisplayName!.Trim();
        account.Role = role!.Value;
        account.OrganizationId = organizationId;
        account.Email = email;
        account.HprNumber = hpr;
        if (input.PersonalId is not null) account.PersonalId = personalId;
        if (accessChanged) await Sessions.EndAccessAsync(db, tokens, passwords, account, ct);
        else
        {
            await db.SaveChangesAsync(ct);
            // A new name shows at once on this node for API clients with a password too (it is in the principal they get).
            passwords.ForgetUser(account.UserName);
        }
        return account;
    }
}
