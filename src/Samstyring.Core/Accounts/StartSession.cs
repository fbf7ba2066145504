using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>What a login cookie carries besides the user: its session and the security stamp it was issued under.</summary>
public sealed record SessionTicket(CurrentUser User, string SessionId, string SecurityStamp);

/// <summary>Starts a session for a user who has just proved who they are (password checked by the caller).</summary>
[UseCase]
public sealed class StartSession(SamstyringDb db)
{
    /// <param name="method">How they proved it, for the audit trail: "passord" or the identity provider's name.</param>
    public async Task<SessionTicket> HandleAsync(CurrentUser user, CancellationToken ct = default, string method = "passord")
    {
        var account = await db.Users.SingleOrDefaultAsync(u => u.UserName == user.UserName, ct)
                      ?? throw new NotFoundException($"Fant ikke brukeren «{user.UserName}».");
        var now = db.UtcNow;
        // Ended and expired sessions are of no further use; clearing them here keeps the table small without a job.
        var expired = now - UserSession.MaxAge;
        await db.UserSessions.Where(s => s.EndedAt != null || s.CreatedAt < expired).ExecuteDeleteAsync(ct);
        if (account.SecurityStamp.Length == 0) account.SecurityStamp = User.NewStamp(); // an account from before stamps
        var session = new UserSession { Id = UserSession.NewId(), UserId = account.Id, CreatedAt = now };
        db.UserSessions.Add(session);
        db.AuditLog.Add(SignInAudit.Entry(db, account.UserName, "SignIn", method));
        await db.SaveChangesAsync(ct);
        return new SessionTicket(account.ToCurrentUser(), session.Id, account.SecurityStamp);
    }
}

/// <summary>Signing out: the session ends, so the cookie (or any copy of it) no longer signs anyone in.</summary>
[UseCase]
public sealed class EndSession(SamstyringDb db)
{
    public async Task HandleAsync(string sessionId, CancellationToken ct = default)
    {
        var userName = await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null).Select(s => s.User.UserName).FirstOrDefaultAsync(ct);
        if (userName is null) return;
        await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, db.UtcNow), ct);
        db.AuditLog.Add(SignInAudit.Entry(db, userName, "SignOut", null));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Sign-ins and sign-outs in the audit trail, beside the failed tries <see cref="CheckPassword"/> writes.</summary>
internal static class SignInAudit
{
    public static Audit.AuditEntry Entry(SamstyringDb db, string userName, string action, string? method) => new()
    {
        At = db.UtcNow, UserName = userName, Action = action, EntityType = nameof(User), EntityId = userName,
        After = method is null ? null : System.Text.Json.JsonSerializer.Serialize(new { method }),
    };
}
