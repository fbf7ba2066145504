using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;
using Samstyring.Core.Common;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Accounts;

/// <summary>
/// API tokens: a user makes one for themselves, the office also for an integration; the token lets its holder in as the
/// user with the token's role and organisation until it expires, is revoked or its user's access changes; only its hash
/// is stored, and neither it nor the hash reaches the audit trail. On a database whose clock the test moves.
/// </summary>
public abstract class ApiTokenTests(TestDatabase db)
{
    private static readonly DateTimeOffset Noon = new(SqliteDatabaseOnDemoDay.Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    [Fact]
    public async Task A_user_makes_a_token_for_themselves_and_it_lets_them_in_with_their_role_and_organisation()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var before = await db.QueryAsync(x => x.AuditLog.MaxAsync(a => (long?)a.Id)) ?? 0;

        var created = await db.SendAsync((CreateApiToken u) => u.HandleAsync(new CreateApiTokenInput("  Rapportering  ", null), db.OwnerHelseSorOst), db.OwnerHelseSorOst);

        Assert.Matches("^sst_[A-Za-z0-9_-]{43}$", created.Secret);
        var t = created.Token;
        Assert.Equal(("Rapportering", ApiTokenKind.Personal, "eier-hso", Role.InitiativeOwner, db.OwnerHelseSorOst.OrganizationId, ApiTokenStatus.Active, 1),
            (t.Name, t.Kind, t.UserName, t.Role, t.OrganizationId, t.Status, t.Version));
        Assert.Equal(created.Secret[..12], t.Prefix);
        // 90 days by default: it works to the end of that day.
        Assert.Equal(SqliteDatabaseOnDemoDay.Day.AddDays(90), t.LastDay);
        Assert.Equal(SqliteDatabaseOnDemoDay.Day.AddDays(91).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), t.ExpiresAt);

        var check = await AuthenticateAsync(created.Secret);
        Assert.Null(check.Problem);
        Assert.Equal(db.OwnerHelseSorOst with { ApiTokenId = t.Id }, check.User);

        // Only the hash is stored; the audit entry shows the prefix and hides the hash.
        var row = await db.QueryAsync(x => x.ApiTokens.AsNoTracking().SingleAsync(r => r.Id == t.Id));
        Assert.Equal(ApiToken.Hash(created.Secret), row.SecretHash);
        Assert.DoesNotContain(created.Secret, string.Join("|", row.Name, row.Prefix, row.SecretHash, row.RevokedBy));
        var audit = await db.QueryAsync(x => x.AuditLog.Where(a => a.Id > before).ToListAsync());
        var entry = Assert.Single(audit, a => a.EntityType == nameof(ApiToken));
        Assert.Equal(("eier-hso", "Added"), (entry.UserName, entry.Action));
        Assert.Contains(t.Prefix, entry.After);
        Assert.Contains("\"SecretHash\":\"(skjult)\"", entry.After);
        Assert.All(audit, a => Assert.DoesNotContain(created.Secret[4..], (a.Before ?? "") + (a.After ?? "")));
        Assert.All(audit, a => Assert.DoesNotContain(row.SecretHash, (a.Before ?? "") + (a.After ?? "")));
    }

    [Fact]
    public async Task Malformed_unknown_expired_and_revoked_tokens_are_refused_in_Norwegian()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (id, secret) = await MakeAsync(db.Member, lastDay: SqliteDatabaseOnDemoDay.Day.AddDays(1));

        foreach (var malformed in new[] { "", "sst_", "sst_kort", "Basic abc", "sst_" + new string('a', 42) + "=", "SST_" + secret[4..], secret + "x", "sst_" + new string('å', 43) })
            Assert.Equal(AuthenticateApiToken.Malformed, (await AuthenticateAsync(malformed)).Problem);
        var unknown = ApiToken.NewSecret().Token;
        Assert.Equal(AuthenticateApiToken.Unknown, (await AuthenticateAsync(unknown)).Problem);
        Assert.NotNull((await AuthenticateAsync(secret)).User);

        // The last day still works to its end; at midnight it has expired, cached or not.
        db.Clock.Now = Noon.AddDays(1).AddHours(11).AddMinutes(59);
        Assert.NotNull((await AuthenticateAsync(secret)).User);
        db.Clock.Now = Noon.AddDays(1).AddHours(12);
        var expired = await AuthenticateAsync(secret);
        Assert.Null(expired.User);
        Assert.Equal("API-tokenet gjaldt til og med 2. desember 2026 og har utløpt. Lag et nytt.", expired.Problem);

        db.Clock.Now = Noon;
        await RevokeAsync(id, db.Member);
        var revoked = await AuthenticateAsync(secret);
        Assert.Null(revoked.User);
        Assert.StartsWith("API-tokenet ble trukket tilbake 1. desember 2026 kl.", revoked.Problem);
    }

    [Fact]
    public async Task Revoking_takes_effect_at_once_here_and_within_the_cache_lifetime_elsewhere()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (id, secret) = await MakeAsync(db.Member);
        Assert.NotNull((await AuthenticateAsync(secret)).User); // now cached on this node

        // Another node revokes it (straight in the database, past this node's cache): this node still lets it in for a while.
        await db.QueryAsync(x => x.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, Noon.UtcDateTime)));
        db.Clock.Now = Noon + ApiTokenCache.Lifetime - TimeSpan.FromSeconds(1);
        Assert.NotNull((await AuthenticateAsync(secret)).User);
        db.Clock.Now = Noon + ApiTokenCache.Lifetime;
        Assert.Null((await AuthenticateAsync(secret)).User);

        // Revoked through the use case on this node: refused on the very next request, though it was cached a moment ago.
        db.Clock.Now = Noon;
        var (other, otherSecret) = await MakeAsync(db.Member);
        Assert.NotNull((await AuthenticateAsync(otherSecret)).User);
        await RevokeAsync(other, db.Member);
        Assert.Null((await AuthenticateAsync(otherSecret)).User);
    }

    [Fact]
    public async Task Revoking_needs_the_current_version_and_is_for_the_maker_and_the_office()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (id, secret) = await MakeAsync(db.Member);

        await Assert.ThrowsAsync<VersionRequiredException>(() => db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, null, db.Member)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, 7, db.Member)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, 1, db.OwnerOslo)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((AccountQueries q) => q.ApiTokenAsync(id, db.OwnerOslo, default)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, 1, null)));
        Assert.NotNull((await AuthenticateAsync(secret)).User);

        var revoked = await db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, 1, db.Office), db.Office);
        Assert.Equal((ApiTokenStatus.Revoked, "kontor", 2), (revoked.Status, revoked.RevokedBy, revoked.Version));
        // Once more with the new version: nothing changes.
        Assert.Equal(2, (await db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, 2, db.Member), db.Member)).Version);
    }

    [Fact]
    public async Task Nobody_but_the_office_makes_a_token_for_another_user_role_or_organisation()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var count = await db.QueryAsync(x => x.ApiTokens.CountAsync());
        // Refused before the input is looked at: even with a bad name and date.
        foreach (var input in new CreateApiTokenInput[]
                 {
                     new("x", null, Role: "portfolio-office"), new("x", null, Role: "member"), new("", "i går", OrganizationKey: "kommune:0301"),
                     new("x", null, Role: "initiative-owner", OrganizationKey: "helse-vest"), new("x", null, UserName: "kontor"), new("x", null, Role: "finnes-ikke"),
                 })
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(input, db.OwnerHelseSorOst)));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("x", null), null)));
        // The office makes no personal token for someone else either (the command line does, naming the user).
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("x", null, UserName: "medlem"), db.Office)));
        Assert.Equal(count, await db.QueryAsync(x => x.ApiTokens.CountAsync()));

        // Asking for one's own role and organisation is fine: it is the personal token.
        var own = await db.SendAsync((CreateApiToken u) => u.HandleAsync(
            new CreateApiTokenInput("Eget", null, Role: "initiative-owner", OrganizationKey: "helse-sor-ost", UserName: "eier-hso"), db.OwnerHelseSorOst));
        Assert.Equal((ApiTokenKind.Personal, Role.InitiativeOwner), (own.Token.Kind, own.Token.Role));

        // The office makes an integration token for Oslo kommune: it acts as an initiative owner of Oslo, made by «kontor».
        var integration = await db.SendAsync((CreateApiToken u) => u.HandleAsync(
            new CreateApiTokenInput("Oslo: rapportering", "2027-06-30", "initiative-owner", "kommune:0301"), db.Office), db.Office);
        var oslo = await db.OrganizationIdAsync("kommune:0301");
        Assert.Equal((ApiTokenKind.Integration, "kontor", Role.InitiativeOwner, (int?)oslo, new DateOnly(2027, 6, 30)),
            (integration.Token.Kind, integration.Token.UserName, integration.Token.Role, integration.Token.OrganizationId, integration.Token.LastDay));
        var user = (await AuthenticateAsync(integration.Secret)).User!;
        Assert.Equal(new CurrentUser("kontor", "Oslo: rapportering (integrasjon)", Role.InitiativeOwner, oslo) { ApiTokenId = integration.Token.Id }, user);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_field_error_at_once_and_nothing_saved()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var count = await db.QueryAsync(x => x.ApiTokens.CountAsync());

        var errors = await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new(new string('n', 101), "2026-11-30"), db.Member)),
            "name", "expiresOn");
        Assert.Equal("Navn kan ikke være lengre enn 100 tegn (er 101).", errors["name"][0]);
        Assert.Equal("Utløpsdatoen kan ikke være tilbake i tid.", errors["expiresOn"][0]);
        errors = await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("  ", "2027-12-02"), db.Member)), "name", "expiresOn");
        Assert.Equal("Navn må fylles ut.", errors["name"][0]);
        Assert.Equal("Et API-token kan gjelde i høyst ett år: velg en utløpsdato til og med 1. desember 2027.", errors["expiresOn"][0]);
        await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Navn\u202Eteks", "2027-02-30"), db.Member)), "name", "expiresOn");
        await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Nul\0", "i morgen"), db.Member)), "name", "expiresOn");
        // Integration tokens: a role the office must choose, and an organisation where the role needs one.
        await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Integrasjon", null, Integration: true), db.Office)), "role");
        await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Integrasjon", null, "initiative-owner"), db.Office)), "organization");
        await AssertInvalidAsync(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Integrasjon", null, "keiser", "finnes-ikke"), db.Office)),
            "role", "organization");
        Assert.Equal(count, await db.QueryAsync(x => x.ApiTokens.CountAsync()));

        // The last day may be today (it works until midnight) or a year ahead.
        Assert.Equal(SqliteDatabaseOnDemoDay.Day, (await MakeTokenAsync(db.Member, SqliteDatabaseOnDemoDay.Day)).Token.LastDay);
        Assert.Equal(SqliteDatabaseOnDemoDay.Day.AddDays(365), (await MakeTokenAsync(db.Member, SqliteDatabaseOnDemoDay.Day.AddDays(365))).Token.LastDay);
    }

    [Fact]
    public async Task A_token_cannot_make_another_token()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (_, secret) = await MakeAsync(db.Office);
        var asToken = (await AuthenticateAsync(secret)).User!;
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Nytt", null), asToken)));
        Assert.StartsWith("Et API-token kan ikke lage nye tokener.", e.Message);
    }

    [Fact]
    public async Task A_new_role_for_its_user_stops_a_personal_token_and_an_integration_token_needs_its_maker_in_the_office()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var name = "token-" + Guid.NewGuid().ToString("N")[..10];
        await db.SendAsync((CreateUser u) => u.HandleAsync(new CreateUserInput(name, "Token Testesen", "portfolio-office", null, "et-langt-passord"), db.Office));
        var maker = await db.QueryAsync(x => x.Users.AsNoTracking().SingleAsync(u => u.UserName == name));
        var (personal, personalSecret) = await MakeAsync(maker.ToCurrentUser());
        var integration = await db.SendAsync((CreateApiToken u) => u.HandleAsync(new("Integrasjon", null, "member"), maker.ToCurrentUser()));
        Assert.NotNull((await AuthenticateAsync(personalSecret)).User);
        Assert.NotNull((await AuthenticateAsync(integration.Secret)).User);

        await db.SendAsync((ChangeUserAccess u) => u.HandleAsync(name, "member", null, db.Office));

        Assert.StartsWith("API-tokenet virker ikke lenger: brukeren har fått en annen rolle", (await AuthenticateAsync(personalSecret)).Problem);
        Assert.StartsWith("API-tokenet virker ikke lenger: brukeren som laget det, er ikke lenger i porteføljekontoret",
            (await AuthenticateAsync(integration.Secret)).Problem);
        var listed = await db.SendAsync((AccountQueries q) => q.ApiTokensAsync(db.Office, ownOnly: false, default));
        Assert.Equal(ApiTokenStatus.Void, listed.Single(t => t.Id == personal).Status);
        Assert.Equal(ApiTokenStatus.Void, listed.Single(t => t.Id == integration.Token.Id).Status);
    }

    [Fact]
    public async Task Last_used_is_written_at_most_once_a_minute_without_a_new_version_or_an_audit_entry()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (id, secret) = await MakeAsync(db.Member);
        var before = await db.QueryAsync(x => x.AuditLog.MaxAsync(a => (long?)a.Id)) ?? 0;
        Task<ApiToken> Row() => db.QueryAsync(x => x.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));

        await AuthenticateAsync(secret);
        Assert.Equal(Noon.UtcDateTime, (await Row()).LastUsedAt);
        db.Clock.Now = Noon.AddSeconds(59);
        await AuthenticateAsync(secret);
        Assert.Equal(Noon.UtcDateTime, (await Row()).LastUsedAt);
        db.Clock.Now = Noon.AddMinutes(1);
        await AuthenticateAsync(secret);
        var row = await Row();
        Assert.Equal((Noon.AddMinutes(1).UtcDateTime, 1), (row.LastUsedAt, row.Version));
        Assert.Equal(0, await db.QueryAsync(x => x.AuditLog.CountAsync(a => a.Id > before)));
    }

    [Fact]
    public async Task The_office_lists_every_token_and_others_their_own_without_the_secret()
    {
        if (!db.Available) return;
        db.Clock!.Now = Noon;
        var (mine, _) = await MakeAsync(db.KsCoordinator);
        var (theirs, _) = await MakeAsync(db.OperatorNhn);
        var own = await db.SendAsync((AccountQueries q) => q.ApiTokensAsync(db.KsCoordinator, ownOnly: false, default));
        Assert.Contains(own, t => t.Id == mine);
        Assert.DoesNotContain(own, t => t.Id == theirs);
        Assert.All(own, t => Assert.Equal("ks", t.UserName));
        var all = await db.SendAsync((AccountQueries q) => q.ApiTokensAsync(db.Office, ownOnly: false, default));
        Assert.Contains(all, t => t.Id == mine);
        Assert.Contains(all, t => t.Id == theirs);
        Assert.DoesNotContain(await db.SendAsync((AccountQueries q) => q.ApiTokensAsync(db.Office, ownOnly: true, default)), t => t.Id == mine);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((AccountQueries q) => q.ApiTokensAsync(null, ownOnly: true, default)));
    }

    private Task<ApiTokenCheck> AuthenticateAsync(string token) => db.SendAsync((AuthenticateApiToken u) => u.HandleAsync(token));

    private Task<CreatedApiToken> MakeTokenAsync(CurrentUser user, DateOnly? lastDay = null) =>
        db.SendAsync((CreateApiToken u) => u.HandleAsync(new CreateApiTokenInput(UniqueName("Token"), lastDay?.ToString("yyyy-MM-dd")), user), user);

    private async Task<(int Id, string Secret)> MakeAsync(CurrentUser user, DateOnly? lastDay = null)
    {
        var created = await MakeTokenAsync(user, lastDay);
        return (created.Token.Id, created.Secret);
    }

    private async Task RevokeAsync(int id, CurrentUser user)
    {
        var version = (await db.SendAsync((AccountQueries q) => q.ApiTokenAsync(id, user, default))).Version;
        await db.SendAsync((RevokeApiToken u) => u.HandleAsync(id, version, user), user);
    }
}

public sealed class ApiTokenSqliteTests(SqliteDatabaseOnDemoDay db) : ApiTokenTests(db), IClassFixture<SqliteDatabaseOnDemoDay>;

public sealed class ApiTokenPostgresTests(PostgresDatabaseOnDemoDay db) : ApiTokenTests(db), IClassFixture<PostgresDatabaseOnDemoDay>;
