using System.Data;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>The user when the password was right; else how long to wait when the try was refused without being checked.</summary>
public sealed record PasswordCheck(CurrentUser? User, TimeSpan? RetryAfter)
{
    public bool Throttled => RetryAfter is not null;
}

/// <summary>
/// Checks a user name and password for every way in (the login form, HTTP Basic), slowed down so passwords cannot be
/// guessed as fast as the server answers. A try is counted before the password is checked, in one short transaction per
/// try, so that a burst of parallel tries is counted as it comes, and a try that must wait is refused without a check:
/// <list type="bullet">
/// <item>a user name at one address: free for <see cref="LoginOptions.FreeAttempts"/> wrong tries, then a wait that doubles
/// (1 s, 2 s, 4 s …), and locked for <see cref="LoginOptions.LockoutMinutes"/> after <see cref="LoginOptions.LockoutAttempts"/>;</item>
/// <item>an address: locked after <see cref="LoginOptions.AddressAttempts"/> wrong tries within the lockout period, whatever
/// the user names;</item>
/// <item>a user name from all addresses: after <see cref="LoginOptions.UserFreeAttempts"/> wrong tries, a wait that doubles up
/// to <see cref="LoginOptions.UserDelayCapSeconds"/>, never a lockout, and not at an address where the user has signed in
/// before. So someone else can lock a user name out only at their own address; the right user is held up by them for
/// at most that short wait, and only at a new address.</item>
/// </list>
/// A right password resets the count of its user name at its address and of the user name; every wrong one is audited.
/// </summary>
[UseCase]
public sealed class CheckPassword(SamstyringDb db, AccountQueries accounts, LoginOptions options)
{
    public async Task<PasswordCheck> HandleAsync(string userName, string password, string? address, CancellationToken ct = default)
    {
        // Local accounts switched off: only the break-glass administrators may use a password (nothing to count: no
        // password is checked, so nothing can be guessed).
        if (!options.AllowsPassword(userName)) return new PasswordCheck(null, null);
        var name = Key(userName.Trim().ToLowerInvariant());
        var from = Key(string.IsNullOrWhiteSpace(address) ? "ukjent" : address);
        var pair = Key($"{name}|{from}");
        var now = db.UtcNow;
        var state = await db.LoginThrottles.AsNoTracking()
            .Where(t => ((t.Kind == ThrottleKind.Trusted || t.Kind == ThrottleKind.Pair) && t.Key == pair) || (t.Kind == ThrottleKind.Address && t.Key == from))
            .ToListAsync(ct);
        var trust = state.FirstOrDefault(t => t.Kind == ThrottleKind.Trusted);
        var trusted = trust?.LockedUntil > now;
        if (trusted && state.All(t => t.Kind == ThrottleKind.Trusted || (Later(t.LockedUntil, t.NextAllowedAt) <= now && (t.Kind != ThrottleKind.Pair || t.Attempts == 0))))
            return await CheckAtKnownAddressAsync(userName, password, name, from, pair, trust!, now, ct);

        TimeSpan? wait;
        var counted = true;
        try { wait = await CountTryAsync(now, pair, from, trusted ? null : name, ct); }
        catch (Exception e) when (CannotWrite(e))
        {
            // A read-only or full database still serves reads to signed-in users: the limits already reached still hold,
            // but this try cannot be counted (nor anything else be changed until the database is writable again).
            db.ChangeTracker.Clear();
            counted = false;
            wait = await CurrentWaitAsync(now, pair, from, trusted ? null : name, ct);
        }
        if (wait is { } w) return new PasswordCheck(null, w);

        var user = await accounts.VerifyPasswordAsync(userName, password, ct);
        if (user is null)
        {
            if (!counted) return new PasswordCheck(null, null);
            await AuditFailureAsync(name, from, now, ct);
            return new PasswordCheck(null, null);
        }
        if (!counted) return new PasswordCheck(user, null);
        // The right password: this address is known for the user, and the tries of the name (here and overall) start over.
        await db.LoginThrottles.Where(t => (t.Kind == ThrottleKind.Pair && t.Key == pair) || (t.Kind == ThrottleKind.User && t.Key == name))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, 0).SetProperty(t => t.NextAllowedAt, (DateTime?)null)
                .SetProperty(t => t.LockedUntil, (DateTime?)null).SetProperty(t => t.WindowStart, now), ct);
        await db.LoginThrottles.Where(t => t.Kind == ThrottleKind.Address && t.Key == from && t.Attempts > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, t => t.Attempts - 1), ct);
        await TouchAsync(ThrottleKind.Trusted, pair, now, ct);
        await db.LoginThrottles.Where(t => t.Kind == ThrottleKind.Trusted && t.Key == pair)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, now.AddDays(options.TrustDays)), ct);
        return new PasswordCheck(user, null);
    }

    /// <summary>
    /// The everyday case, an API client or a user at an address where they have signed in and with no wrong password since:
    /// the password is checked first and nothing is written unless it is wrong, so many requests at once do not queue on
    /// the counts. A wrong one is counted (and audited) after the check; a burst of wrong passwords from such an address is
    /// thus counted as the checks finish, and the address is on the ordinary path from the first one.
    /// </summary>
    private async Task<PasswordCheck> CheckAtKnownAddressAsync(string userName, string password, string name, string from, string pair,
        LoginThrottle trust, DateTime now, CancellationToken ct)
    {
        var user = await accounts.VerifyPasswordAsync(userName, password, ct);
        try
        {
            if (user is not null)
            {
                if (trust.LockedUntil < now.AddDays(options.TrustDays / 2))
                    await db.LoginThrottles.Where(t => t.Id == trust.Id).ExecuteUpdateAsync(x => x.SetProperty(t => t.LockedUntil, now.AddDays(options.TrustDays)), ct);
                return new PasswordCheck(user, null);
            }
            await CountTryAsync(now, pair, from, null, ct);
            await AuditFailureAsync(name, from, now, ct);
        }
        catch (Exception e) when (CannotWrite(e))
        {
            db.ChangeTracker.Clear();
        }
        return new PasswordCheck(user, null);
    }

    private async Task AuditFailureAsync(string name, string from, DateTime now, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = now, UserName = Cut(db.ActingUser, 80), Action = "SignInFailed", EntityType = "User", EntityId = Cut(name, 80),
            After = System.Text.Json.JsonSerializer.Serialize(new { address = from }),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Counts the try on each key, or refuses it with the longest wait among them (nothing counted then).</summary>
    private async Task<TimeSpan?> CountTryAsync(DateTime now, string pair, string from, string? name, CancellationToken ct)
    {
        try { return await CountOnceAsync(now, pair, from, name, ct); }
        catch (Exception e) when (IsLockConflict(e))
        {
            // Two bursts met in a deadlock: this try waits a second rather than fail.
            db.ChangeTracker.Clear();
            return TimeSpan.FromSeconds(1);
        }
    }

    private async Task<TimeSpan?> CountOnceAsync(DateTime now, string pair, string from, string? name, CancellationToken ct)
    {
        var keys = new List<(ThrottleKind Kind, string Key)> { (ThrottleKind.Pair, pair), (ThrottleKind.Address, from) };
        if (name is not null) keys.Add((ThrottleKind.User, name));
        foreach (var (kind, key) in keys) await TouchAsync(kind, key, now, ct);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var windowStart = now - options.Lockout;
            var wanted = keys.Select(k => k.Key).ToList();
            // A write that changes nothing takes the lock (the rows on PostgreSQL, the database on SQLite) until the commit,
            // so parallel tries on the same keys are counted one after the other.
            await db.LoginThrottles.Where(t => wanted.Contains(t.Key) && t.Kind != ThrottleKind.Trusted)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, t => t.Attempts), ct);
            await db.LoginThrottles.Where(t => wanted.Contains(t.Key) && t.Kind != ThrottleKind.Trusted && t.WindowStart < windowStart
                                               && (t.LockedUntil == null || t.LockedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Attempts, 0).SetProperty(t => t.WindowStart, now), ct);
            var rows = (await db.LoginThrottles.Where(t => wanted.Contains(t.Key)).ToListAsync(ct))
                .Where(r => keys.Contains((r.Kind, r.Key))).ToList();
            var waits = rows.Select(r => Later(r.LockedUntil, r.NextAllowedAt)).Where(t => t > now).ToList();
            if (waits.Count > 0)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return waits.Max() - now;
            }
            foreach (var r in rows)
            {
                r.Attempts++;
                switch (r.Kind)
                {
                    case ThrottleKind.Pair when r.Attempts >= options.LockoutAttempts:
                        r.LockedUntil = now + options.Lockout;
                        break;
                    case ThrottleKind.Pair when r.Attempts >= options.FreeAttempts:
                        r.NextAllowedAt = now + Doubling(r.Attempts - options.FreeAttempts, options.Lockout);
                        break;
                    case ThrottleKind.Address when r.Attempts >= options.AddressAttempts:
                        r.LockedUntil = now + options.Lockout;
                        break;
                    case ThrottleKind.User when r.Attempts >= options.UserFreeAttempts:
                        r.NextAllowedAt = now + Doubling(r.Attempts - options.UserFreeAttempts, TimeSpan.FromSeconds(options.UserDelayCapSeconds));
                        break;
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return (TimeSpan?)null;
        });
    }

    /// <summary>The longest wait among the keys as they stand, read only.</summary>
    private async Task<TimeSpan?> CurrentWaitAsync(DateTime now, string pair, string from, string? name, CancellationToken ct)
    {
        var keys = new List<(ThrottleKind Kind, string Key)> { (ThrottleKind.Pair, pair), (ThrottleKind.Address, from) };
        if (name is not null) keys.Add((ThrottleKind.User, name));
        var wanted = keys.Select(k => k.Key).ToList();
        var waits = (await db.LoginThrottles.AsNoTracking().Where(t => wanted.Contains(t.Key)).ToListAsync(ct))
            .Where(r => keys.Contains((r.Kind, r.Key))).Select(r => Later(r.LockedUntil, r.NextAllowedAt)).Where(t => t > now).ToList();
        return waits.Count > 0 ? waits.Max() - now : null;
    }

    /// <summary>A deadlock, serialization failure or a count changed under us between two bursts, however deep in the exception.</summary>
    private static bool IsLockConflict(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is Npgsql.PostgresException { SqlState: "40P01" or "40001" or "55P03" } or ConcurrencyConflictException or DbUpdateConcurrencyException) return true;
        return false;
    }

    private static bool CannotWrite(Exception e) => DatabaseFailure.Classify(e) is DatabaseTrouble.ReadOnly or DatabaseTrouble.Full;

    /// <summary>
    /// Makes sure the key has a row. Two first tries at once both insert; the database keeps one and ignores the other
    /// (the same statement on SQLite and PostgreSQL), so a burst of first sign-ins logs no failed insert.
    /// </summary>
    private async Task TouchAsync(ThrottleKind kind, string key, DateTime now, CancellationToken ct)
    {
        if (await db.LoginThrottles.AnyAsync(t => t.Kind == kind && t.Key == key, ct)) return;
        var code = kind.Code();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "login_throttles" ("Kind", "Key", "Attempts", "WindowStart") VALUES ({code}, {key}, 0, {now}) ON CONFLICT ("Kind", "Key") DO NOTHING""", ct);
    }

    private static TimeSpan Doubling(int step, TimeSpan cap) =>
        TimeSpan.FromSeconds(Math.Min(cap.TotalSeconds, Math.Pow(2, Math.Clamp(step, 0, 30))));

    private static DateTime Later(DateTime? a, DateTime? b) => (a ?? DateTime.MinValue) > (b ?? DateTime.MinValue) ? a!.Value : b ?? DateTime.MinValue;

    /// <summary>A key as stored: control characters (NUL cannot be stored at all) become «?», and it is cut to size.</summary>
    private static string Key(string s) => Cut(new string(s.Select(c => char.IsControl(c) ? '?' : c).ToArray()), LoginThrottle.KeyMax);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
