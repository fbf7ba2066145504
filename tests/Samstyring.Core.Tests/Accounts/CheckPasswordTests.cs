using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Accounts;

namespace Samstyring.Core.Tests.Accounts;

/// <summary>
/// Login throttling with the default limits, on a clock the test moves: 200 wrong passwords cannot be tried in a minute
/// (from one address, or for one user name from many); a burst in parallel is counted as it comes; the right user is not
/// kept out by someone else for longer than the lockout period (at a known address not at all); a lockout ends; a right
/// password starts the count over; and every wrong password is in the audit trail.
/// </summary>
public abstract class CheckPasswordTests(TestDatabase db)
{
    private const string Right = "samstyring";

    private Task<PasswordCheck> TryAsync(string user, string password, string address) =>
        db.SendAsync((CheckPassword u) => u.HandleAsync(user, password, address));

    private void Wait(TimeSpan t) => db.Clock!.Now += t;

    private static string Address() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task Two_hundred_wrong_passwords_in_a_minute_from_one_address_are_mostly_refused_unchecked()
    {
        if (!db.Available) return;
        var attacker = Address();
        var results = new List<PasswordCheck>();
        for (var i = 0; i < 200; i++)
        {
            results.Add(await TryAsync("kontor", $"gjetning-{i}", attacker));
            Wait(TimeSpan.FromMilliseconds(300)); // 200 tries in 60 s
        }
        var checkedTries = results.Count(r => !r.Throttled);
        Assert.True(checkedTries <= 10, $"{checkedTries} av 200 passord ble prøvd");
        Assert.True(checkedTries >= 3, "the first tries are free");
        Assert.All(results.Where(r => r.Throttled), r => Assert.True(r.RetryAfter > TimeSpan.Zero));
        // Even the right password is not checked from there now.
        Assert.True((await TryAsync("kontor", Right, attacker)).Throttled);
        // The audit trail has each wrong password that was checked.
        Assert.Equal(checkedTries, await db.QueryAsync(x => x.AuditLog.CountAsync(a => a.Action == "SignInFailed" && a.After!.Contains(attacker))));

        // After the lockout period the address may try again.
        Wait(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal("kontor", (await TryAsync("kontor", Right, attacker)).User?.UserName);
    }

    [Fact]
    public async Task Many_user_names_from_one_address_lock_the_address()
    {
        if (!db.Available) return;
        var attacker = Address();
        var results = new List<PasswordCheck>();
        for (var i = 0; i < 200; i++)
        {
            results.Add(await TryAsync($"bruker{i}", "feil", attacker));
            Wait(TimeSpan.FromMilliseconds(300));
        }
        Assert.Equal(30, results.Count(r => !r.Throttled));
        Assert.True((await TryAsync("medlem", Right, attacker)).Throttled);
    }

    [Fact]
    public async Task One_user_name_from_many_addresses_slows_down_and_the_right_user_is_kept_out_briefly_at_most()
    {
        if (!db.Available) return;
        // The user has signed in from home before.
        var home = Address();
        Assert.NotNull((await TryAsync("ks", Right, home)).User);

        var results = new List<PasswordCheck>();
        for (var i = 0; i < 200; i++)
        {
            results.Add(await TryAsync("ks", "feil", Address()));
            Wait(TimeSpan.FromMilliseconds(300));
        }
        var checkedTries = results.Count(r => !r.Throttled);
        Assert.True(checkedTries <= 20, $"{checkedTries} av 200 passord ble prøvd");
        Assert.All(results.Where(r => r.Throttled), r => Assert.True(r.RetryAfter <= TimeSpan.FromSeconds(30)));

        // At home the attack does not touch the user at all.
        Assert.Equal("ks", (await TryAsync("ks", Right, home)).User?.UserName);
        // At a new address the user waits at most the user name's short wait, far less than the lockout period.
        var fresh = Address();
        var first = await TryAsync("ks", Right, fresh);
        if (first.Throttled)
        {
            Assert.True(first.RetryAfter <= TimeSpan.FromSeconds(30));
            Wait(first.RetryAfter!.Value);
            first = await TryAsync("ks", Right, fresh);
        }
        Assert.Equal("ks", first.User?.UserName);
    }

    [Fact]
    public async Task A_burst_in_parallel_is_counted_as_it_comes()
    {
        if (!db.Available) return;
        var attacker = Address();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => TryAsync("eier-oslo", $"feil-{i}", attacker)));
        var checkedTries = results.Count(r => !r.Throttled);
        Assert.True(checkedTries <= 4, $"{checkedTries} av 40 samtidige forsøk ble prøvd");
    }

    [Fact]
    public async Task The_right_password_starts_the_count_over()
    {
        if (!db.Available) return;
        var office = Address();
        for (var i = 0; i < 2; i++) Assert.False((await TryAsync("eier-hso", "feil", office)).Throttled);
        Assert.NotNull((await TryAsync("eier-hso", Right, office)).User);
        for (var i = 0; i < 2; i++) Assert.False((await TryAsync("eier-hso", "feil", office)).Throttled);
        Assert.NotNull((await TryAsync("eier-hso", Right, office)).User);
        // Unknown names and names with control characters are wrong passwords like any other, counted the same way.
        Assert.Null((await TryAsync("finnes-ikke", Right, office)).User);
        Assert.Null((await TryAsync("kon\u0000tor", Right, office)).User);
    }
}

public sealed class CheckPasswordTestsSqlite(SqliteDatabaseOnDemoDay db) : CheckPasswordTests(db), IClassFixture<SqliteDatabaseOnDemoDay>;

public sealed class CheckPasswordTestsPostgres(PostgresDatabaseOnDemoDay db) : CheckPasswordTests(db), IClassFixture<PostgresDatabaseOnDemoDay>;
