using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>A user as the office sees it. The national identity number is never shown, only whether one is registered.</summary>
public sealed record UserRow(int Id, string UserName, string DisplayName, Role Role, int? OrganizationId, string? OrganizationKey,
    string? OrganizationName, string? Email, string? HprNumber, bool PersonalIdRegistered, bool HasPassword,
    IReadOnlyList<string> Providers, DateTime CreatedAt, int Version);

/// <summary>Someone who signed in through an identity provider and waits for the office to grant access.</summary>
public sealed record AccessRequestRow(int Id, string Provider, string DisplayName, string? Email, string? HprNumber, string? OrgNumber,
    int? OrganizationId, string? OrganizationKey, string? OrganizationName, DateTime FirstSeenAt, DateTime LastSeenAt, int Version);

/// <summary>
/// An API token as its lists show it: never the token or its hash, only the start of it (<see cref="Prefix"/>).
/// <see cref="UserName"/> made it (and owns it when it is personal).
/// </summary>
public sealed record ApiTokenRow(int Id, string Name, ApiTokenKind Kind, string Prefix, int UserId, string UserName, string UserDisplayName,
    Role Role, int? OrganizationId, string? OrganizationKey, string? OrganizationName, DateTime CreatedAt, DateTime ExpiresAt,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy, ApiTokenStatus Status, int Version)
{
    /// <summary>The last day the token works.</summary>
    public DateOnly LastDay => ApiTokenRules.LastDay(ExpiresAt);
}

/// <summary>Reads of accounts and sign-in sessions, for the sign-in and for checking a login cookie on each request.</summary>
[UseCase]
public sealed class AccountQueries(SamstyringDb db, PasswordChecks checks)
{
    private static readonly string DummyHash = PasswordHasher.Hash("dummy-password");

    /// <summary>The user when the password is right; null otherwise (an unknown name costs the same time as a known one).</summary>
    public async Task<CurrentUser?> VerifyPasswordAsync(string userName, string password, CancellationToken ct)
    {
        checks.Add();
        // Names and passwords with control characters cannot exist (and PostgreSQL refuses NUL): no lookup for them.
        if (HasControl(userName) || HasControl(password) || userName.Length > 80 || password.Length > 200)
        {
            PasswordHasher.Verify(password.Length > 200 ? "" : password, DummyHash);
            return null;
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
        if (user is null)
        {
            PasswordHasher.Verify(password, DummyHash); // same work either way, so timing does not reveal user names
            return null;
        }
        return PasswordHasher.Verify(password, user.PasswordHash) ? user.ToCurrentUser() : null;
    }

    /// <summary>
    /// Whether a login cookie still stands: its session has not ended or grown too old, and the user's security stamp is
    /// the one the cookie was issued under (no new password, role or organisation since).
    /// </summary>
    public Task<bool> IsSessionActiveAsync(string userName, string sessionId, string stamp, CancellationToken ct)
    {
        if (HasControl(userName) || HasControl(sessionId) || HasControl(stamp)) return Task.FromResult(false);
        var oldest = db.UtcNow - UserSession.MaxAge;
        return db.UserSessions.AnyAsync(s => s.Id == sessionId && s.EndedAt == null && s.CreatedAt > oldest
                                             && s.User.UserName == userName && s.User.SecurityStamp == stamp, ct);
    }

    /// <summary>Every user, by name (the office's list; a few hundred at most).</summary>
    public async Task<IReadOnlyList<UserRow>> UsersAsync(CurrentUser? user, CancellationToken ct)
    {
        Portfolio.PortfolioAccess.RequireOffice(user);
        return await UserRows(db.Users.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)).ToListAsync(ct);
    }

    public async Task<UserRow> UserAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        Portfolio.PortfolioAccess.RequireOffice(user);
        return await UserRows(db.Users.Where(u => u.Id == id)).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Fant ingen bruker med denne id-en.");
    }

    /// <summary>Who waits for access, the longest waiting first.</summary>
    public async Task<IReadOnlyList<AccessRequestRow>> AccessRequestsAsync(CurrentUser? user, CancellationToken ct)
    {
        Portfolio.PortfolioAccess.RequireOffice(user);
        return await db.AccessRequests.AsNoTracking().OrderBy(r => r.FirstSeenAt).ThenBy(r => r.Id)
            .Select(r => new AccessRequestRow(r.Id, r.Provider, r.DisplayName, r.Email, r.HprNumber, r.OrgNumber, r.OrganizationId,
                r.Organization!.Key, r.Organization.Name, r.FirstSeenAt, r.LastSeenAt, r.Version))
            .ToListAsync(ct);
    }

    public async Task<AccessRequestRow> AccessRequestAsync(int id, CurrentUser? user, CancellationToken ct) =>
        (await AccessRequestsAsync(user, ct)).SingleOrDefault(r => r.Id == id)
        ?? throw new NotFoundException("Fant ingen forespørsel om tilgang med denne id-en. Kanskje en annen i kontoret har behandlet den.");

    /// <summary>
    /// API tokens, newest first: for the office every token when <paramref name="ownOnly"/> is false, else (and for everyone
    /// else) those the user made. Anonymous callers are refused.
    /// </summary>
    public async Task<IReadOnlyList<ApiTokenRow>> ApiTokensAsync(CurrentUser? user, bool ownOnly, CancellationToken ct)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        var tokens = db.ApiTokens.AsNoTracking();
        if (ownOnly || !user.IsOffice) tokens = tokens.Where(t => t.User.UserName == user.UserName);
        return await ApiTokenRows(tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id), ct);
    }

    /// <summary>One token: the office any, others their own; someone else's is «not found», as it is missing from their list.</summary>
    public async Task<ApiTokenRow> ApiTokenAsync(int id, CurrentUser? user, CancellationToken ct)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        var tokens = db.ApiTokens.AsNoTracking().Where(t => t.Id == id);
        if (!user.IsOffice) tokens = tokens.Where(t => t.User.UserName == user.UserName);
        return (await ApiTokenRows(tokens, ct)).SingleOrDefault() ?? throw new NotFoundException(ApiTokenNotFound);
    }

    internal const string ApiTokenNotFound = "Fant ikke API-tokenet. Du ser bare tokener du har laget selv.";

    private async Task<IReadOnlyList<ApiTokenRow>> ApiTokenRows(IQueryable<ApiToken> tokens, CancellationToken ct)
    {
        var now = db.UtcNow;
        var rows = await tokens.Select(t => new
        {
            t.Id, t.Name, t.Kind, t.Prefix, t.UserId, t.User.UserName, t.User.DisplayName, t.Role, t.OrganizationId,
            OrganizationKey = t.Organization!.Key, OrganizationName = t.Organization.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt,
            t.RevokedAt, t.RevokedBy, t.Version, UserRole = t.User.Role, UserOrganizationId = t.User.OrganizationId,
        }).ToListAsync(ct);
        return rows.Select(t => new ApiTokenRow(t.Id, t.Name, t.Kind, t.Prefix, t.UserId, t.UserName, t.DisplayName, t.Role, t.OrganizationId,
                t.OrganizationKey, t.OrganizationName, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy,
                ApiTokenRules.Status(t.RevokedAt, t.ExpiresAt, ApiTokenRules.StillBacked(t.Kind, t.Role, t.OrganizationId, t.UserRole, t.UserOrganizationId), now),
                t.Version))
            .ToList();
    }

    private IQueryable<UserRow> UserRows(IQueryable<User> users) =>
        users.AsNoTracking().Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Role, u.OrganizationId, u.Organization!.Key,
            u.Organization.Name, u.Email, u.HprNumber, u.PersonalId != null, u.PasswordHash != "",
            db.ExternalLogins.Where(l => l.UserId == u.Id).OrderBy(l => l.Provider).Select(l => l.Provider).ToList(), u.CreatedAt, u.Version));

    private static bool HasControl(string s) => s.Any(char.IsControl);
}
