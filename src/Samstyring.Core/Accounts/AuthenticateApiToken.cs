using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>Who an API token lets in, or why it does not (a Norwegian sentence for the problem details).</summary>
public sealed record ApiTokenCheck(CurrentUser? User, string? Problem);

/// <summary>
/// Checks an API token on each request. A malformed token is refused without a lookup; a well-formed one is found by its
/// SHA-256 under a unique index (no comparison of secrets, so nothing to time), and one that worked is kept in
/// <see cref="ApiTokenCache"/> for a while. «Last used» is written at most once a minute per token and node, outside the
/// audit trail and without a new version, so a client's requests are reads.
/// </summary>
[UseCase]
public sealed class AuthenticateApiToken(SamstyringDb db, ApiTokenCache cache)
{
    public const string Malformed = "API-tokenet har feil form. Et token begynner med «sst_» og har 43 tegn etter det.";
    public const string Unknown = "API-tokenet finnes ikke. Kontroller at hele tokenet er med.";

    public async Task<ApiTokenCheck> HandleAsync(string? token, CancellationToken ct = default)
    {
        if (!ApiToken.IsWellFormed(token)) return new ApiTokenCheck(null, Malformed);
        var hash = ApiToken.Hash(token!);
        var now = db.UtcNow;
        if (cache.Find(hash, now) is { } cached)
        {
            if (cached.ExpiresAt <= now) return new ApiTokenCheck(null, Expired(cached.ExpiresAt));
            await TouchAsync(cached, now, ct);
            return new ApiTokenCheck(cached.User, null);
        }

        var row = await db.ApiTokens.AsNoTracking().Where(t => t.SecretHash == hash)
            .Select(t => new
            {
                t.Id, t.Name, t.Kind, t.Role, t.OrganizationId, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.UserId,
                t.User.UserName, t.User.DisplayName, UserRole = t.User.Role, UserOrganizationId = t.User.OrganizationId,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null) return new ApiTokenCheck(null, Unknown);
        if (row.RevokedAt is { } revoked)
            return new ApiTokenCheck(null, $"API-tokenet ble trukket tilbake {Norwegian.DateTime(revoked)}. Lag et nytt.");
        if (row.ExpiresAt <= now) return new ApiTokenCheck(null, Expired(row.ExpiresAt));
        if (!ApiTokenRules.StillBacked(row.Kind, row.Role, row.OrganizationId, row.UserRole, row.UserOrganizationId))
            return new ApiTokenCheck(null, row.Kind == ApiTokenKind.Personal
                ? "API-tokenet virker ikke lenger: brukeren har fått en annen rolle eller organisasjon siden det ble laget. Lag et nytt."
                : "API-tokenet virker ikke lenger: brukeren som laget det, er ikke lenger i porteføljekontoret. Porteføljekontoret må lage et nytt.");

        // An integration shows by its token's name where the product records who acted by name (such as the submission
        // history); the user name, and so the audit trail, stays its maker's, who answers for it.
        var display = row.Kind == ApiTokenKind.Integration ? $"{row.Name} (integrasjon)" : row.DisplayName;
        var user = new CurrentUser(row.UserName, display, row.Role, row.OrganizationId) { ApiTokenId = row.Id };
        var entry = new ApiTokenCache.Entry(row.Id, row.UserId, user, row.ExpiresAt, now, row.LastUsedAt);
        cache.Add(hash, entry);
        await TouchAsync(entry, now, ct);
        return new ApiTokenCheck(user, null);
    }

    private static string Expired(DateTime expiresAt) =>
        $"API-tokenet gjaldt til og med {Norwegian.Date(ApiTokenRules.LastDay(expiresAt))} og har utløpt. Lag et nytt.";

    /// <summary>
    /// «Last used», once a minute: a plain update of the one column, outside a transaction, so it neither bumps the version
    /// (a client's If-Match stays valid) nor counts as a change of data. It waits briefly for SQLite's writers, and is
    /// skipped when the database cannot take it (and tried again a minute later): a read-only database still lets tokens in.
    /// </summary>
    private async Task TouchAsync(ApiTokenCache.Entry entry, DateTime now, CancellationToken ct)
    {
        if (!ApiTokenCache.ClaimLastUsed(entry, now)) return;
        try
        {
            using var turn = await db.WaitForWriteTurnAsync(TimeSpan.FromMilliseconds(500), ct);
            await db.ApiTokens.Where(t => t.Id == entry.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        catch (Exception e) when (e is ServiceUnavailableException || DatabaseFailure.Classify(e) is not null)
        {
            // Left for the next minute: trying on every request would only queue them on a database that says no.
        }
    }
}
