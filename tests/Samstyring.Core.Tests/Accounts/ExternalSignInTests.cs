using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Accounts;

/// <summary>
/// Identities from identity providers: found by the identifiers the office registered and linked once, held for the
/// office otherwise; the office grants, refuses and edits, with every check a Norwegian field error and nothing half saved.
/// </summary>
public abstract class ExternalSignInTests(TestDatabase db)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Nine digits, unique per call, for HPR numbers.</summary>
    private static string Hpr() => Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<User> CreateAsync(string userName, string role = "member", string? email = null, string? hpr = null, string? pid = null, string? password = null) =>
        db.SendAsync((CreateUser u) => u.HandleAsync(new CreateUserInput(userName, "Test Testesen", role, null, password, email, hpr, pid), db.Office));

    private Task<ExternalSignInResult> SignInAsync(string subject, string? email = null, string? hpr = null, string? pid = null, string? orgNumber = null, string provider = "helseid") =>
        db.SendAsync((SignInExternal u) => u.HandleAsync(new ExternalIdentity(provider, subject, "Ekstern Person", email, hpr, pid, orgNumber)));

    [Fact]
    public async Task A_registered_HPR_number_finds_the_user_and_links_the_identity_for_good()
    {
        if (!db.Available) return;
        var hpr = Hpr();
        var user = await CreateAsync(Unique("lege"), hpr: hpr);
        Assert.False(user.HasPassword);
        var subject = Unique("sub");

        var first = await SignInAsync(subject, hpr: hpr);
        Assert.Equal(user.UserName, first.User?.UserName);
        Assert.Equal(1, await db.QueryAsync(x => x.ExternalLogins.CountAsync(l => l.Subject == subject && l.UserId == user.Id)));

        // The link stands by itself: no identifier needed the next time, and no second link is made.
        var second = await SignInAsync(subject);
        Assert.Equal(user.UserName, second.User?.UserName);
        Assert.Equal(1, await db.QueryAsync(x => x.ExternalLogins.CountAsync(l => l.Subject == subject)));
        // The same subject at another provider is another identity.
        Assert.Null((await SignInAsync(subject, provider: "idporten")).User);
    }

    [Fact]
    public async Task A_national_identity_number_or_an_e_mail_address_finds_the_user_too()
    {
        if (!db.Available) return;
        var byPid = await CreateAsync(Unique("pid"), pid: PersonalIdFor(Random.Shared.Next(1, 28)));
        var email = $"{Unique("epost")}@example.org";
        var byEmail = await CreateAsync(Unique("epost"), email: email);
        Assert.Equal(byPid.UserName, (await SignInAsync(Unique("s"), pid: byPid.PersonalId, provider: "idporten")).User?.UserName);
        // E-mail addresses are matched without regard to case.
        Assert.Equal(byEmail.UserName, (await SignInAsync(Unique("s"), email: email.ToUpperInvariant(), provider: "entra")).User?.UserName);
    }

    [Fact]
    public async Task An_unknown_person_waits_with_the_organisation_of_their_organisation_number_and_is_not_listed_twice()
    {
        if (!db.Available) return;
        var orgNumber = await db.QueryAsync(async x =>
        {
            var org = await x.Organizations.OrderBy(o => o.Id).FirstAsync(o => o.OrgNumber == null);
            org.OrgNumber = "983658725";
            await x.SaveChangesAsync();
            return org.OrgNumber;
        });
        var subject = Unique("ny");
        var result = await SignInAsync(subject, email: "ny.person@example.org", hpr: "1234", orgNumber: orgNumber);
        Assert.Null(result.User);
        var again = await SignInAsync(subject, email: "ny.person@example.org", orgNumber: orgNumber);
        Assert.Equal(result.AccessRequestId, again.AccessRequestId);

        var waiting = (await db.SendAsync((AccountQueries q) => q.AccessRequestsAsync(db.Office, default))).Single(r => r.Id == result.AccessRequestId);
        Assert.Equal(("helseid", "Ekstern Person", "ny.person@example.org", orgNumber), (waiting.Provider, waiting.DisplayName, waiting.Email, waiting.OrgNumber));
        Assert.NotNull(waiting.OrganizationId);
        Assert.True(waiting.LastSeenAt >= waiting.FirstSeenAt);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AccountQueries q) => q.AccessRequestsAsync(null, default)));
    }

    [Fact]
    public async Task Identifiers_that_name_two_users_match_nobody()
    {
        if (!db.Available) return;
        var hpr = Hpr();
        var email = $"{Unique("to")}@example.org";
        await CreateAsync(Unique("a"), hpr: hpr);
        await CreateAsync(Unique("b"), email: email);
        Assert.Null((await SignInAsync(Unique("s"), email: email, hpr: hpr)).User);
    }

    [Fact]
    public async Task Malformed_identifiers_from_a_provider_match_nobody_and_a_missing_subject_is_refused()
    {
        if (!db.Available) return;
        var hpr = Hpr();
        await CreateAsync(Unique("c"), hpr: hpr);
        Assert.Null((await SignInAsync(Unique("s"), hpr: hpr + "\u0000")).User);
        Assert.Null((await SignInAsync(Unique("s"), hpr: " " + hpr + "x")).User);
        await AssertInvalidAsync(() => SignInAsync("  "), "subject");
        await AssertInvalidAsync(() => SignInAsync(new string('s', 201)), "subject");
    }

    [Fact]
    public async Task The_office_grants_access_as_a_new_user_or_links_an_existing_one_and_refuses_with_the_version()
    {
        if (!db.Available) return;
        var newcomer = await SignInAsync(Unique("ny"), email: $"{Unique("ny")}@example.org");
        var id = newcomer.AccessRequestId!.Value;
        var version = await db.QueryAsync(x => x.AccessRequests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());
        var countsBefore = await db.QueryAsync(x => x.Users.CountAsync());

        // Every error at once; nothing saved.
        var errors = await AssertInvalidAsync(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version, "Ugyldig Navn", "ukjent-rolle", null), db.Office)),
            "userName", "role");
        Assert.Contains("små bokstaver", errors["userName"][0]);
        await AssertInvalidAsync(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version, Unique("eier"), "initiative-owner", null), db.Office)),
            "organization");
        await AssertInvalidAsync(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version, Unique("x"), null, null, "finnes-ikke"), db.Office)),
            "existingUserName");
        await Assert.ThrowsAsync<VersionRequiredException>(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(null, Unique("x"), "member", null), db.Office)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version + 5, Unique("x"), "member", null), db.Office)));
        var owner = new CurrentUser("eier-hso", "Eier", Role.InitiativeOwner, await db.OrganizationIdAsync("helse-sor-ost"));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version, Unique("x"), "portfolio-office", null), owner)));
        Assert.Equal(countsBefore, await db.QueryAsync(x => x.Users.CountAsync()));

        var name = Unique("ny");
        var granted = await db.SendAsync((GrantAccess u) => u.HandleAsync(id, new GrantAccessInput(version, name, "initiative-owner", "helse-sor-ost"), db.Office));
        Assert.Equal((name, Role.InitiativeOwner, false), (granted.UserName, granted.Role, granted.HasPassword));
        Assert.False(await db.QueryAsync(x => x.AccessRequests.AnyAsync(r => r.Id == id)));
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.EntityType == "User" && a.Action == "Added" && a.After!.Contains(name))));

        // A second identity of a known person goes to their existing account.
        var other = await SignInAsync(Unique("annen"), provider: "entra");
        var otherVersion = await db.QueryAsync(x => x.AccessRequests.Where(r => r.Id == other.AccessRequestId).Select(r => r.Version).SingleAsync());
        var linked = await db.SendAsync((GrantAccess u) => u.HandleAsync(other.AccessRequestId!.Value, new GrantAccessInput(otherVersion, null, null, null, name), db.Office));
        Assert.Equal(granted.Id, linked.Id);
        Assert.Equal(2, await db.QueryAsync(x => x.ExternalLogins.CountAsync(l => l.UserId == granted.Id)));

        var refused = await SignInAsync(Unique("avvist"));
        await db.SendAsync((RefuseAccess u) => u.HandleAsync(refused.AccessRequestId!.Value, 1, db.Office));
        Assert.False(await db.QueryAsync(x => x.AccessRequests.AnyAsync(r => r.Id == refused.AccessRequestId)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((RefuseAccess u) => u.HandleAsync(refused.AccessRequestId!.Value, 1, db.Office)));
    }

    [Fact]
    public async Task The_office_edits_identifiers_and_access_a_new_role_ends_sessions_and_nobody_demotes_themselves()
    {
        if (!db.Available) return;
        var hpr = Hpr();
        var taken = await CreateAsync(Unique("opptatt"), hpr: hpr);
        var user = await CreateAsync(Unique("endres"), password: "et-langt-passord");
        var session = await db.SendAsync((StartSession u) => u.HandleAsync(user.ToCurrentUser()));

        var errors = await AssertInvalidAsync(() => db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id,
                new UpdateUserInput(user.Version, "", "member", null, "ikke-epost", hpr, "12345678901"), db.Office)),
            "displayName", "email", "personalId");
        Assert.Contains("kontrollsifre", errors["personalId"][0]);
        await AssertInvalidAsync(() => db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id,
            new UpdateUserInput(user.Version, "Navn", "member", null, null, hpr, null), db.Office)), "hprNumber");
        Assert.Equal(taken.HprNumber, hpr);

        // Identifiers only: the session stands. The national identity number is kept when left out and removed with "".
        var pid = PersonalIdFor(Random.Shared.Next(1, 28));
        var edited = await db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id,
            new UpdateUserInput(user.Version, "Ny Navnesen", "member", null, "ny@EXAMPLE.org", null, pid), db.Office));
        Assert.Equal(("Ny Navnesen", "ny@example.org", pid), (edited.DisplayName, edited.Email, edited.PersonalId));
        Assert.True(await db.SendAsync((AccountQueries q) => q.IsSessionActiveAsync(session.User.UserName, session.SessionId, session.SecurityStamp, default)));
        edited = await db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id, new UpdateUserInput(edited.Version, "Ny Navnesen", "member", null, null, null, null), db.Office));
        Assert.Equal(pid, edited.PersonalId);
        // The number never reaches the audit trail.
        Assert.False(await db.QueryAsync(x => x.AuditLog.AnyAsync(a => a.After!.Contains(pid) || a.Before!.Contains(pid))));

        edited = await db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id, new UpdateUserInput(edited.Version, "Ny Navnesen", "ks-coordinator", "ks", null, null, ""), db.Office));
        Assert.Null(edited.PersonalId);
        Assert.Equal(Role.KsCoordinator, edited.Role);
        Assert.False(await db.SendAsync((AccountQueries q) => q.IsSessionActiveAsync(session.User.UserName, session.SessionId, session.SecurityStamp, default)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateUser u) => u.HandleAsync(user.Id,
            new UpdateUserInput(user.Version, "Gammel", "member", null, null, null, null), db.Office)));

        var office = await CreateAsync(Unique("kontor"), role: "portfolio-office", password: "et-langt-passord");
        await AssertInvalidAsync(() => db.SendAsync((UpdateUser u) => u.HandleAsync(office.Id,
            new UpdateUserInput(office.Version, "Kontor", "member", null, null, null, null), office.ToCurrentUser())), "role");
    }

    [Fact]
    public async Task A_user_without_a_password_needs_an_identifier_and_cannot_sign_in_with_an_empty_password()
    {
        if (!db.Available) return;
        await AssertInvalidAsync(() => CreateAsync(Unique("ingen")), "password");
        var user = await CreateAsync(Unique("ekstern"), email: $"{Unique("e")}@example.org");
        Assert.Null(await db.SendAsync((AccountQueries q) => q.VerifyPasswordAsync(user.UserName, "", default)));
        Assert.Null(await db.SendAsync((AccountQueries q) => q.VerifyPasswordAsync(user.UserName, "et-langt-passord", default)));
    }

    [Fact]
    public async Task National_identity_numbers_are_checked_with_both_check_digits()
    {
        if (!db.Available) return;
        Assert.True(UserRules.IsValidPersonalId("01017010170"));
        Assert.True(UserRules.IsValidPersonalId("15058510170"));
        Assert.False(UserRules.IsValidPersonalId("01017012345"));
        Assert.False(UserRules.IsValidPersonalId("0101701017"));
        await AssertInvalidAsync(() => CreateAsync(Unique("feil"), pid: "01017012345"), "personalId");
    }

    /// <summary>A valid national identity number for a day in January 1970, different per day.</summary>
    private static string PersonalIdFor(int day)
    {
        for (var n = 100; n < 1000; n++)
            for (var k = 0; k < 100; k++)
            {
                var candidate = $"{day:00}0170{n}{k:00}";
                if (UserRules.IsValidPersonalId(candidate)) return candidate;
            }
        throw new InvalidOperationException();
    }
}

public sealed class ExternalSignInTestsSqlite(SqliteDatabase db) : ExternalSignInTests(db), IClassFixture<SqliteDatabase>;

public sealed class ExternalSignInTestsPostgres(PostgresDatabase db) : ExternalSignInTests(db), IClassFixture<PostgresDatabase>;
