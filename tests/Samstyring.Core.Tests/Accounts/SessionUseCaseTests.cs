using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Accounts;

/// <summary>Sessions end on sign-out, and every session of a user ends with a new password, role or organisation.</summary>
public abstract class SessionUseCaseTests(TestDatabase db)
{
    private const string Password = "et-langt-passord";

    [Fact]
    public async Task A_session_stands_until_it_is_ended()
    {
        if (!db.Available) return;
        var user = await NewUserAsync();
        var ticket = await db.SendAsync((StartSession u) => u.HandleAsync(user));
        Assert.True(await ActiveAsync(ticket));

        await db.SendAsync((EndSession u) => u.HandleAsync(ticket.SessionId));
        Assert.False(await ActiveAsync(ticket));
        Assert.False(await ActiveAsync(ticket with { SessionId = "not-a-session" }));
    }

    [Fact]
    public async Task A_new_password_ends_every_session_and_needs_the_old_one()
    {
        if (!db.Available) return;
        var user = await NewUserAsync();
        var first = await db.SendAsync((StartSession u) => u.HandleAsync(user));
        var second = await db.SendAsync((StartSession u) => u.HandleAsync(user));

        await AssertInvalidAsync(() => db.SendAsync((ChangePassword u) => u.HandleAsync(new("feil-passord", "nytt-passord-1", "nytt-passord-1"), user)),
            "currentPassword");
        await AssertInvalidAsync(() => db.SendAsync((ChangePassword u) => u.HandleAsync(new(Password, "kort", "kort"), user)), "newPassword");
        await AssertInvalidAsync(() => db.SendAsync((ChangePassword u) => u.HandleAsync(new(Password, "nytt-passord-1", "nytt-passord-2"), user)),
            "repeatPassword");
        Assert.True(await ActiveAsync(first)); // refused changes end nothing

        await db.SendAsync((ChangePassword u) => u.HandleAsync(new(Password, "nytt-passord-1", "nytt-passord-1"), user));
        Assert.False(await ActiveAsync(first));
        Assert.False(await ActiveAsync(second));
        Assert.Null(await db.SendAsync((AccountQueries q) => q.VerifyPasswordAsync(user.UserName, Password, default)));
        Assert.NotNull(await db.SendAsync((AccountQueries q) => q.VerifyPasswordAsync(user.UserName, "nytt-passord-1", default)));
    }

    [Fact]
    public async Task A_new_role_or_password_set_by_the_office_ends_every_session()
    {
        if (!db.Available) return;
        var user = await NewUserAsync();
        var ticket = await db.SendAsync((StartSession u) => u.HandleAsync(user));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ChangeUserAccess u) => u.HandleAsync(user.UserName, "portfolio-office", null, db.Member)));
        Assert.True(await ActiveAsync(ticket));

        await db.SendAsync((ChangeUserAccess u) => u.HandleAsync(user.UserName, "initiative-owner", "helse-sor-ost", db.Office));
        Assert.False(await ActiveAsync(ticket));
        var changed = await db.QueryAsync(x => x.Users.AsNoTracking().SingleAsync(u => u.UserName == user.UserName));
        Assert.Equal(Role.InitiativeOwner, changed.Role);

        var again = await db.SendAsync((StartSession u) => u.HandleAsync(changed.ToCurrentUser()));
        await db.SendAsync((ResetPassword u) => u.HandleAsync(user.UserName, "tilbakestilt-1", db.Office));
        Assert.False(await ActiveAsync(again));
    }

    [Fact]
    public async Task Signing_in_and_out_is_audited_but_the_sessions_are_neither_audited_nor_backed_up()
    {
        if (!db.Available) return;
        var user = await NewUserAsync();
        var before = await db.QueryAsync(x => x.AuditLog.MaxAsync(a => (long?)a.Id)) ?? 0;
        var ticket = await db.SendAsync((StartSession u) => u.HandleAsync(user, default, "helseid"));
        await db.SendAsync((EndSession u) => u.HandleAsync(ticket.SessionId));
        await db.SendAsync((EndSession u) => u.HandleAsync(ticket.SessionId)); // already ended: nothing more
        var entries = await db.QueryAsync(x => x.AuditLog.Where(a => a.Id > before).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["SignIn", "SignOut"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((user.UserName, "User", user.UserName), (e.UserName, e.EntityType, e.EntityId)));
        Assert.Contains("helseid", entries[0].After);
        Assert.DoesNotContain(await db.QueryAsync(x => Task.FromResult(Samstyring.Core.Data.BackupFormat.Tables(x))), t => t.Name == "user_sessions");
    }

    private Task<bool> ActiveAsync(SessionTicket t) =>
        db.SendAsync((AccountQueries q) => q.IsSessionActiveAsync(t.User.UserName, t.SessionId, t.SecurityStamp, default));

    private async Task<CurrentUser> NewUserAsync()
    {
        var name = "okt-" + Guid.NewGuid().ToString("N")[..10];
        var user = await db.SendAsync((CreateUser u) => u.HandleAsync(new CreateUserInput(name, "Økt Testesen", "member", null, Password), db.Office));
        return user.ToCurrentUser();
    }
}

public sealed class SessionUseCaseTestsSqlite(SqliteDatabase db) : SessionUseCaseTests(db), IClassFixture<SqliteDatabase>;

public sealed class SessionUseCaseTestsPostgres(PostgresDatabase db) : SessionUseCaseTests(db), IClassFixture<PostgresDatabase>;
