using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Actors;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Accounts;

/// <summary>A new account. Role as a code ("portfolio-office"); organisation by its key ("helse-sor-ost").</summary>
public sealed record CreateUserInput(string? UserName, string? DisplayName, string? Role, string? OrganizationKey, string? Password,
    string? Email = null, string? HprNumber = null, string? PersonalId = null);

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
        var (email, hpr, personalId) = await UserRules.IdentifiersAsync(db, v, input.Email, input.HprNumber, input.PersonalId, null, ct);
        // Someone who signs in through an identity provider needs no password: the identifier finds them.
        if (!string.IsNullOrEmpty(input.Password))
            PasswordHasher.Validate(v, "password", input.Password);
        else if ((email ?? hpr ?? personalId) is null)
            v.Add("password", "Oppgi et passord for en lokal konto, eller e-post, HPR-nummer eller fødselsnummer som brukeren kjennes igjen på " +
                              "ved innlogging med HelseID, ID-porten eller Entra ID.");
        var (role, organizationId) = await UserRules.AccessAsync(db, v, input.Role, input.OrganizationKey, ct);
        if (userName is { Length: > 0 } && await db.Users.AnyAsync(u => u.UserName == userName, ct))
            v.Add("userName", $"Brukernavnet «{userName}» er allerede i bruk.");
        v.ThrowIfInvalid();

        var account = new User
        {
            UserName = userName!, DisplayName = input.DisplayName!.Trim(),
            PasswordHash = string.IsNullOrEmpty(input.Password) ? "" : PasswordHasher.Hash(input.Password),
            Role = role!.Value, OrganizationId = organizationId, CreatedAt = db.UtcNow, Email = email, HprNumber = hpr, PersonalId = personalId,
        };
        db.Users.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    public static bool IsUserName(string value) => UserNamePattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex UserNamePattern();
}
