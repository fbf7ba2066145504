using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Accounts;

/// <summary>A new account. Role as a code ("portfolio-office"); organisation by its key ("helse-sor-ost").</summary>
public sealed record CreateUserInput(string? UserName, string? DisplayName, string? Role, string? OrganizationKey, string? Password);

/// <summary>
/// The office creates an account. Without demo data this is how the first administrator comes to
/// be (from the command line, which acts as the system user).
/// </summary>
[UseCase]
public sealed partial class CreateUser(SamstyringDb db)
{
    public const int MinPasswordLength = PasswordHasher.MinLength;

    public async Task<User> HandleAsync(CreateUserInput input, CurrentUser? user, CancellationToken ct = default)
    {
        PortfolioAccess.RequireOffice(user);
        var v = new Validator();
        var userName = input.UserName?.Trim().ToLowerInvariant();
        v.Required("userName", userName, "Brukernavn", 80);
        if (userName is { Length: > 0 } && !UserNamePattern().IsMatch(userName))
            v.Add("userName", "Brukernavn kan bare inneholde små bokstaver a–z, tall, punktum, bindestrek og understrek, og må begynne med en bokstav eller et tall.");
        v.Name("displayName", input.DisplayName, "Navn", 200);
        v.Enum<Role>("role", input.Role, "Rolle", true, out var role);
        PasswordHasher.Validate(v, "password", input.Password);

        Organization? org = null;
        if (!string.IsNullOrWhiteSpace(input.OrganizationKey))
        {
            var key = input.OrganizationKey.Trim();
            org = await db.Organizations.SingleOrDefaultAsync(o => o.Key == key, ct);
            if (org is null) v.Add("organization", $"Fant ingen aktør med nøkkelen «{key}».");
        }
        else if (role is Role.InitiativeOwner or Role.KsCoordinator or Role.Operator)
            v.Add("organization", $"Rollen «{role.Value.Label()}» krever en organisasjon (--org NØKKEL).");
        if (userName is { Length: > 0 } && await db.Users.AnyAsync(u => u.UserName == userName, ct))
            v.Add("userName", $"Brukernavnet «{userName}» er allerede i bruk.");
        v.ThrowIfInvalid();

        var account = new User
        {
            UserName = userName!, DisplayName = input.DisplayName!.Trim(), PasswordHash = PasswordHasher.Hash(input.Password!),
            Role = role!.Value, OrganizationId = org?.Id, CreatedAt = db.UtcNow,
        };
        db.Users.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex UserNamePattern();
}
