using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>
/// A new API token. <see cref="ExpiresOn"/> is the last day it works (yyyy-mm-dd; default 90 days from today, at most a
/// year). With a <see cref="Role"/> (and, where the role needs one, an <see cref="OrganizationKey"/>) the office makes an
/// integration token (as does <see cref="Integration"/>, for a form that must have a role); without, the token is the
/// user's own. <see cref="UserName"/> is for the command line, which is no user itself and names the one the token belongs to.
/// </summary>
public sealed record CreateApiTokenInput(string? Name, string? ExpiresOn, string? Role = null, string? OrganizationKey = null, string? UserName = null,
    bool Integration = false);

/// <summary>The token as stored, and the token itself: shown this once and never again (only its hash is kept).</summary>
public sealed record CreatedApiToken(ApiTokenRow Token, string Secret);

/// <summary>
/// Makes an API token. A user makes one for themselves, with their own role and organisation (roles are not ordered, so
/// there is nothing narrower to choose); the office also makes integration tokens with any role and organisation. A
/// token never gives more than its maker could: asking for another user, role or organisation without being the office
/// is refused (403) before anything is checked. A request that came with a token cannot make another.
/// </summary>
[UseCase]
public sealed class CreateApiToken(SamstyringDb db, AccountQueries queries)
{
    public async Task<CreatedApiToken> HandleAsync(CreateApiTokenInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        if (user.ApiTokenId is not null)
            throw new ForbiddenException("Et API-token kan ikke lage nye tokener. Lag det i nettleseren på /konto/tokener, eller med brukernavn og passord.");
        var acting = await db.Users.SingleOrDefaultAsync(u => u.UserName == user.UserName, ct);
        // The command line acts as the office without being an account (its user name, «cli:…», cannot be one).
        var commandLine = acting is null && user.IsOffice;
        if (acting is null && !commandLine) throw new ForbiddenException("Brukeren din finnes ikke lenger.");
        var integration = input.Integration || !string.IsNullOrWhiteSpace(input.Role) || !string.IsNullOrWhiteSpace(input.OrganizationKey);
        if (!user.IsOffice) await RequireOwnAccessAsync(input, acting!, ct);
        else if (!commandLine && !string.IsNullOrWhiteSpace(input.UserName) && !string.Equals(input.UserName.Trim(), acting!.UserName, StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException("Et personlig API-token lages av brukeren selv. Porteføljekontoret lager et integrasjonstoken med rolle og organisasjon i stedet.");

        var v = new Validator();
        v.Name("name", input.Name, "Navn", ApiToken.NameMax);

        var owner = acting;
        if (commandLine)
        {
            if (string.IsNullOrWhiteSpace(input.UserName)) v.Add("userName", "Oppgi brukeren tokenet lages for (--user).");
            else
            {
                var name = input.UserName.Trim().ToLowerInvariant();
                owner = name.Length <= 80 && !name.Any(char.IsControl) ? await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct) : null;
                if (owner is null) v.Add("userName", $"Fant ikke brukeren «{Validator.Truncate(name)}».");
            }
        }

        Role role;
        int? organizationId;
        var kind = ApiTokenKind.Personal;
        if (integration && user.IsOffice)
        {
            kind = ApiTokenKind.Integration;
            var (r, o) = await UserRules.AccessAsync(db, v, input.Role, input.OrganizationKey, ct);
            role = r ?? default;
            organizationId = o;
            if (owner is not null && owner.Role != Common.Role.PortfolioOffice)
                v.Add("userName", $"Integrasjonstokener lages av en bruker i porteføljekontoret; «{owner.UserName}» er {owner.Role.Label().ToLowerInvariant()}.");
        }
        else
        {
            role = owner?.Role ?? default;
            organizationId = owner?.OrganizationId;
        }
        // In the order of the forms: name, role and organisation, then the last day.
        var today = db.Today;
        v.Date("expiresOn", input.ExpiresOn, "Utløpsdato", false, out var lastDay);
        if (string.IsNullOrWhiteSpace(input.ExpiresOn)) lastDay = ApiTokenRules.DefaultLastDay(today);
        if (lastDay < today) v.Add("expiresOn", "Utløpsdatoen kan ikke være tilbake i tid.");
        else if (lastDay > ApiTokenRules.MaxLastDay(today))
            v.Add("expiresOn", $"Et API-token kan gjelde i høyst ett år: velg en utløpsdato til og med {Norwegian.Date(ApiTokenRules.MaxLastDay(today))}.");
        v.ThrowIfInvalid();

        var (secret, hash, shown) = ApiToken.NewSecret();
        var token = new ApiToken
        {
            Name = input.Name!.Trim(), Kind = kind, SecretHash = hash, Prefix = shown, UserId = owner!.Id, Role = role,
            OrganizationId = organizationId, CreatedAt = db.UtcNow, ExpiresAt = ApiTokenRules.ExpiresAt(lastDay!.Value),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(await queries.ApiTokenAsync(token.Id, CurrentUser.System, ct), secret);
    }

    /// <summary>
    /// Someone outside the office gets a token for themselves only: a role, organisation or user other than their own is
    /// refused as a matter of access, not of input.
    /// </summary>
    private async Task RequireOwnAccessAsync(CreateApiTokenInput input, User acting, CancellationToken ct)
    {
        const string own = "Du kan bare lage API-tokener for deg selv, med din egen rolle og organisasjon. Porteføljekontoret lager tokener for integrasjoner.";
        if (!string.IsNullOrWhiteSpace(input.UserName) && !string.Equals(input.UserName.Trim(), acting.UserName, StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException(own);
        if (!string.IsNullOrWhiteSpace(input.Role) && !(EnumText.TryParse<Role>(input.Role, out var r) && r == acting.Role))
            throw new ForbiddenException(own);
        if (!string.IsNullOrWhiteSpace(input.OrganizationKey))
        {
            var key = acting.OrganizationId is { } id ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Key).SingleAsync(ct) : null;
            if (!string.Equals(input.OrganizationKey.Trim(), key, StringComparison.Ordinal)) throw new ForbiddenException(own);
        }
    }
}
