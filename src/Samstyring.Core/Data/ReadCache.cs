using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samstyring.Core.Data;

/// <summary>
/// A number that changes whenever committed data changes. This process's own commits change it at once. Commits by other
/// instances (several web servers on one PostgreSQL) are seen at once through PostgreSQL's <c>NOTIFY</c> (see
/// <see cref="ChangeNotifications"/>), and, should a notification be lost, within <see cref="RemoteCheckInterval"/> through
/// the audit log, which every change writes to.
/// <para>
/// One commit changes the number once. The first read after a commit (or a notification) reads the audit log's newest row
/// at the same time as it counts the commit. Otherwise the next timed check would find that commit's audit row and change
/// the number a second time, up to a second later: an ETag handed out in between would go stale with nothing changed.
/// One narrow window remains: a timed check that runs between a commit and its count (<see cref="Changed"/> is called just
/// after the commit), or that finds another instance's audit row before its notification arrives, sees the row first and
/// the count a moment later, and so changes the number twice for that one commit.
/// </para>
/// </summary>
public sealed class DataVersion
{
    public static readonly TimeSpan RemoteCheckInterval = TimeSpan.FromSeconds(1);

    private long _local;
    private long _notified;
    private Seen _seen = new(0, -1, -1, 0); // counts no commit has: the first read checks

    /// <summary>
    /// What the last check of the audit log found, and the commits it had counted by then: one object, replaced whole, so
    /// two checks that overlap cannot mix their halves.
    /// </summary>
    private sealed record Seen(long Remote, long Local, long Notified, long NextCheckAt)
    {
        public override string ToString() => $"{Remote}.{Local}.{Notified}";
    }

    public void Changed() => Interlocked.Increment(ref _local);

    /// <summary>Another instance committed a change (or notifications may have been missed): the next read is fresh.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref _notified);

    public async ValueTask<string> CurrentAsync(SamstyringDb db, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        // Counted before the audit log is read: a commit counted after this is checked again on the next read.
        var local = Interlocked.Read(ref _local);
        var notified = Interlocked.Read(ref _notified);
        var seen = Volatile.Read(ref _seen);
        if (now < seen.NextCheckAt && local == seen.Local && notified == seen.Notified) return seen.ToString();

        var fresh = new Seen(await db.AuditLog.MaxAsync(a => (long?)a.Id, ct) ?? 0, local, notified, now + (long)RemoteCheckInterval.TotalMilliseconds);
        while (true)
        {
            var current = Volatile.Read(ref _seen);
            // A check that counted more commits than this one finished first: it is the newer, keep it.
            if (current.Local > local || current.Notified > notified) return current.ToString();
            if (Interlocked.CompareExchange(ref _seen, fresh, current) == current) return fresh.ToString();
        }
    }
}

/// <summary>
/// Tells <see cref="DataVersion"/> about every committed transaction, whichever use case ran it, and on PostgreSQL tells the
/// other instances too: a <c>NOTIFY</c> sent inside the transaction, which PostgreSQL delivers only if it commits.
/// </summary>
internal sealed class DataVersionInterceptor(DataVersion version, ChangeNotifications changes) : DbTransactionInterceptor
{
    public override InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (transaction is Npgsql.NpgsqlTransaction pg)
        {
            using var notify = changes.NotifyCommand(pg);
            notify.ExecuteNonQuery();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (transaction is Npgsql.NpgsqlTransaction pg)
        {
            await using var notify = changes.NotifyCommand(pg);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        return result;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => version.Changed();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        version.Changed();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Keeps the results of public reads (the portfolio overview, its JSON) until the data changes.
/// Keys are normalised by the caller (filter values, not raw query strings) and the cache is bounded,
/// so odd query strings cannot fill the memory.
/// <para>
/// In reporting season the data changes many times a minute, and every change makes each key's answer old. So: readers
/// that miss at the same time share one computation (the first reader of a key after a change reads the database, and
/// waits for it, so a reader on its own always gets the newest data); and while that computation runs, the others get the
/// key's previous answer, if it was made at most <see cref="MaxStaleness"/> ago, instead of waiting. Such an answer carries
/// its own (older) version, and an answer built from one is never kept as the newest (see <see cref="Observe"/>).
/// </para>
/// </summary>
public sealed class ReadCache(DataVersion version, SamstyringOptions options, TimeProvider clock)
{
    /// <summary>How old a previous answer given while the next is being made may be.</summary>
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, Previous> _previous = new();
    private string _version = "";
    private static readonly AsyncLocal<StaleAnswers?> Observing = new();

    private sealed record Entry(string Version, Task<(object Value, string Version)> Answer);

    private sealed record Previous(string Version, object Value, long MadeAt);

    /// <summary>
    /// From here on in this flow (a request), notes whether any answer given was older than the data (<see
    /// cref="StaleAnswers.Any"/>): a page built from one must not be kept as the newest.
    /// </summary>
    public static StaleAnswers Observe() => Observing.Value = new StaleAnswers();

    public async Task<(T Value, string Version)> GetOrAddAsync<T>(string key, SamstyringDb db, Func<Task<T>> factory, CancellationToken ct) where T : notnull
    {
        // Read the version before the data: data read afterwards is at least that new.
        var current = await version.CurrentAsync(db, ct);
        if (!options.ReadCache) return (await factory(), current);
        if (current != Volatile.Read(ref _version))
        {
            Volatile.Write(ref _version, current);
            _entries.Clear();
        }
        var computing = new TaskCompletionSource<(object, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new Entry(current, computing.Task);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        if (_previous.Count >= MaxEntries) _previous.Clear();
        var entry = _entries.AddOrUpdate(key, mine, (_, old) => old.Version == current ? old : mine);
        if (entry != mine)
        {
            if (!entry.Answer.IsCompleted && _previous.TryGetValue(key, out var previous) && previous.Value is T older
                && clock.GetElapsedTime(previous.MadeAt) <= MaxStaleness)
            {
                Observing.Value?.Saw(previous.Version);
                return (older, previous.Version);
            }
            try
            {
                var (answer, made) = await entry.Answer.WaitAsync(ct);
                if (answer is T shared)
                {
                    if (made != current) Observing.Value?.Saw(made);
                    return (shared, made);
                }
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The reader that computed it failed or went away: this one reads for itself (and meets the same error, if any).
            }
            return (await factory(), current);
        }
        // This reader computes. Answers it builds on are watched: one older than the data makes this one old too.
        var outer = Observing.Value;
        var watch = Observing.Value = new StaleAnswers();
        try
        {
            var value = await factory();
            computing.SetResult((value, watch.Oldest ?? current));
            if (watch.Oldest is { } behind)
            {
                // Built on an older answer: given to this reader and those waiting, but not kept as the newest.
                _entries.TryRemove(KeyValuePair.Create(key, mine));
                outer?.Saw(behind);
                return (value, behind);
            }
            _previous[key] = new Previous(current, value, clock.GetTimestamp());
            return (value, current);
        }
        catch (Exception e)
        {
            _entries.TryRemove(KeyValuePair.Create(key, mine));
            computing.SetException(e);
            _ = computing.Task.Exception; // observed: the waiters read for themselves
            throw;
        }
        finally
        {
            Observing.Value = outer;
        }
    }
}

/// <summary>Whether a flow was given an answer older than the data, and the oldest such version.</summary>
public sealed class StaleAnswers
{
    private string? _oldest;

    public bool Any => Volatile.Read(ref _oldest) is not null;

    public string? Oldest => Volatile.Read(ref _oldest);

    internal void Saw(string version) => Interlocked.CompareExchange(ref _oldest, version, null);
}

/// <summary>
/// <see cref="ReadCache"/> as one scope (a request, a command) uses it: the cache is shared, but the check for commits by
/// other instances reads through this scope's context. Callers outside Core need no context of their own.
/// </summary>
public sealed class ScopedReadCache(ReadCache cache, DataVersion version, SamstyringOptions options, SamstyringDb db)
{
    /// <summary>Whether public reads are kept (<see cref="SamstyringOptions.ReadCache"/>).</summary>
    public bool Enabled => options.ReadCache;

    /// <summary>The data version now: what a cached public answer was made from, and its ETag.</summary>
    public ValueTask<string> VersionAsync(CancellationToken ct) => version.CurrentAsync(db, ct);

    public Task<(T Value, string Version)> GetOrAddAsync<T>(string key, Func<Task<T>> factory, CancellationToken ct) where T : notnull =>
        cache.GetOrAddAsync(key, db, factory, ct);
}
