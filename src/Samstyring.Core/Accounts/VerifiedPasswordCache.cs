using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

/// <summary>
/// The user names and passwords this node has recently let in over HTTP Basic, so that an API client costs one PBKDF2
/// hash per <see cref="Lifetime"/> rather than one per request (<see cref="AuthenticatePassword"/>). An entry is found by
/// an HMAC-SHA256 of the user name, the password and the address under a key made at start-up and never stored, so
/// neither the password nor anything that could be checked against it offline is kept. Only passwords that worked are
/// kept: a wrong one always takes the slow, throttled way through <see cref="CheckPassword"/>.
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

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <param name="UserName">As stored (lower case), to forget the entry when the user changes.</param>
    public sealed record Entry(string UserName, string? Address, CurrentUser User, DateTime LoadedAt);

    /// <summary>Changes with every forgetting; a check that began before one is not kept (it may have seen the old password).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public string Key(string userName, string password, string? address)
    {
        // Lengths first, so that no two triples run together into the same text.
        var text = $"{userName.Length}:{userName}|{address?.Length ?? -1}:{address}|{password}";
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }

    public Entry? Find(string key, DateTime now)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (now - entry.LoadedAt < Lifetime && now >= entry.LoadedAt) return entry;
        _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        return null;
    }

    /// <summary>Keeps a password that worked, unless something was forgotten since <paramref name="generation"/> was read.</summary>
    public void Add(string key, Entry entry, long generation)
    {
        // Bounded: a node with more API clients than this at once hashes some of their passwords again.
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = entry;
        // Checked after adding: a forgetting that began before this line either changed the generation or sees the entry.
        if (Generation != generation) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    /// <summary>Forgets a user's entries: their password, role, organisation or name changed here.</summary>
    public void ForgetUser(string userName) => Forget(e => string.Equals(e.UserName, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>After a refused try: the user name's entries and the address's, so the throttle decides their next try.</summary>
    public void ForgetTry(string userName, string? address)
    {
        var name = userName.Trim();
        Forget(e => string.Equals(e.UserName, name, StringComparison.OrdinalIgnoreCase) || e.Address == address);
    }

    private void Forget(Func<Entry, bool> which)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
            if (which(entry)) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }
}
