using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>Reads of accounts and sign-in sessions, for the sign-in and for checking a login cookie on each request.</summary>
[UseCase]
public sealed class AccountQueries(SamstyringDb db)
{
    private static readonly string DummyHash = PasswordHasher.Hash("dummy-password");

    /// <summary>The user when the password is right; null otherwise (an unknown name costs the same time as a known one).</summary>
    public async Task<CurrentUser?> VerifyPasswordAsync(string userName, string password, CancellationToken ct)
    {
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

    private static bool HasControl(string s) => s.Any(char.IsControl);
}
