using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

/// <summary>
/// The user names and passwords this node has recently let in over HTTP Basic, so that an API client costs one PBKDF2
/// hash per <see cref="Lifetime"/> rather than one per request (<see cref="AuthenticatePassword"/>). An entry is found by
/// an HMAC-SHA256 of the user name, the password and the address under a random key made at start-up and kept only in
/// memory: the password itself is not kept, and what is kept cannot be tested against guesses without that key. Only
/// passwords that worked are kept: a wrong one always takes the slow, throttled way through <see cref="CheckPassword"/>.
/// <para>
/// Every refused try (wrong or throttled) forgets the user name's and the address's entries on this node, so that the next
/// right password goes through the throttle again and waits, or is locked out, just as it would without the cache. A new
/// password, role or organisation, or any other change of the user made here forgets the user's entries at once. Other
/// nodes keep letting the old password in until their entry is <see cref="Lifetime"/> old: the documented delay, as for
/// API tokens.
/// </para>
/// </summary>
public sealed class VerifiedPasswordCache
{
    /// <summary>The same delay as for API tokens, so the README can name one.</summary>
    public static readonly TimeSpan Lifetime = ApiTokenCache.Lifetime;

    private const int MaxEntries = 10_000;
    private const int Stripes = 256;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Counts of forgettings, by user name and by address, each spread over a few stripes: an entry stands only while the
    // counts of its stripes are those it was checked under. Forgetting is thus one increment, whatever an attacker sends.
    private readonly long[] _names = new long[Stripes];
    private readonly long[] _addresses = new long[Stripes];

    /// <param name="UserName">As stored (lower case).</param>
    /// <param name="Mark">Where forgetting stood for the user name and address when the password was checked.</param>
    public sealed record Entry(string UserName, string? Address, CurrentUser User, DateTime LoadedAt, long Mark);

    public string Key(string userName, string password, string? address)
    {
        // Lengths first, so that no two triples run together into the same text.
        var text = $"{userName.Length}:{userName}|{address?.Length ?? -1}:{address}|{password}";
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Where forgetting stands for a user name and address. Taken before a password is checked, so that a check that a
    /// forgetting overtook (it may have seen the old password, or come before a lockout) is never used.
    /// </summary>
    public long Mark(string userName, string? address) =>
        Interlocked.Read(ref _names[Stripe(userName)]) + Interlocked.Read(ref _addresses[Stripe(address)]);

    public Entry? Find(string key, DateTime now)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (now - entry.LoadedAt < Lifetime && now >= entry.LoadedAt && entry.Mark == Mark(entry.UserName, entry.Address)) return entry;
        _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        return null;
    }

    public void Add(string key, Entry entry)
    {
        // Bounded: a node with more API clients than this at once hashes some of their passwords again.
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = entry;
    }

    /// <summary>Forgets a user's passwords: their password, role, organisation or name changed here.</summary>
    public void ForgetUser(string userName) => Interlocked.Increment(ref _names[Stripe(userName)]);

    /// <summary>After a refused try: the user name's passwords and the address's, so the throttle decides their next try.</summary>
    public void ForgetTry(string userName, string? address)
    {
        Interlocked.Increment(ref _names[Stripe(userName)]);
        Interlocked.Increment(ref _addresses[Stripe(address)]);
    }

    /// <summary>
    /// The stripe of a user name (as the throttle counts it: trimmed, lower case) or an address. Others on the same stripe
    /// are forgotten too, and hash their password once more.
    /// </summary>
    private static int Stripe(string? s) => (int)((uint)StringComparer.Ordinal.GetHashCode((s ?? "").Trim().ToLowerInvariant()) % Stripes);
}
