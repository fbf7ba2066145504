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
    public async Task<SessionTicket> HandleAsync(CurrentUser user, CancellationToken ct = default)
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
        await db.SaveChangesAsync(ct);
        return new SessionTicket(account.ToCurrentUser(), session.Id, account.SecurityStamp);
    }
}

/// <summary>Signing out: the session ends, so the cookie (or any copy of it) no longer signs anyone in.</summary>
[UseCase]
public sealed class EndSession(SamstyringDb db)
{
    public Task HandleAsync(string sessionId, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, db.UtcNow), ct);
}
