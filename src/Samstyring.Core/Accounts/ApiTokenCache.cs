using System.Collections.Concurrent;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

/// <summary>
/// The tokens this node has recently let in, by hash, so that a busy API client costs one database lookup per
/// <see cref="Lifetime"/> rather than one per request. Only tokens that worked are kept (an unknown token is looked up each
/// time: it costs one indexed read, and nothing an attacker sends can fill the memory).
/// <para>
/// A token revoked on this node is evicted at once (<see cref="Evict"/>), as are a user's tokens when the office changes
/// their role or organisation here. Other nodes keep letting it in until their entry is <see cref="Lifetime"/> old:
/// that is the documented delay. Expiry is checked on every request, cached or not.
/// </para>
/// </summary>
public sealed class ApiTokenCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>How often a token's «last used» is written, at most, per node.</summary>
    public static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A token that worked when it was loaded. <see cref="LastUsedTicks"/> is shared by the requests that use it.</summary>
    public sealed class Entry(int tokenId, int userId, CurrentUser user, DateTime expiresAt, DateTime loadedAt, DateTime? lastUsedAt)
    {
        public int TokenId { get; } = tokenId;
        public int UserId { get; } = userId;
        public CurrentUser User { get; } = user;
        public DateTime ExpiresAt { get; } = expiresAt;
        public DateTime LoadedAt { get; } = loadedAt;
        internal long LastUsedTicks = lastUsedAt?.Ticks ?? 0;
    }

    public Entry? Find(string hash, DateTime now)
    {
        if (!_entries.TryGetValue(hash, out var entry)) return null;
        if (now - entry.LoadedAt < Lifetime && now >= entry.LoadedAt) return entry;
        _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
        return null;
    }

    public void Add(string hash, Entry entry)
    {
        // Bounded: a node serving more tokens than this at once looks a few of them up again.
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[hash] = entry;
    }

    public void Evict(int tokenId)
    {
        foreach (var (hash, entry) in _entries)
            if (entry.TokenId == tokenId) _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
    }

    public void EvictUser(int userId)
    {
        foreach (var (hash, entry) in _entries)
            if (entry.UserId == userId) _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
    }

    /// <summary>True for exactly one caller once a minute per entry: that one writes «last used», the others leave it.</summary>
    internal static bool ClaimLastUsed(Entry entry, DateTime now)
    {
        var seen = Interlocked.Read(ref entry.LastUsedTicks);
        if (now.Ticks - seen < LastUsedInterval.Ticks) return false;
        return Interlocked.CompareExchange(ref entry.LastUsedTicks, now.Ticks, seen) == seen;
    }
}
