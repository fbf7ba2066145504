using System.Collections.Concurrent;

namespace Samstyring.Core.Data;

/// <summary>
/// One write transaction at a time per SQLite database file in this process, queued in turn and without holding a thread.
/// SQLite lets one connection write at a time, and Microsoft.Data.Sqlite waits for the write lock by polling: it puts the
/// thread to sleep for 150 ms and tries again, until the busy timeout. Under load (many simultaneous saves, a busy CPU)
/// the sleepers starve one another and the thread pool, and one that has not won within the timeout fails with
/// «database is locked». Writers in this process queue here instead, so SQLite's own wait is left for other processes
/// (the command-line tool).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<IDisposable> EnterAsync(string databaseFile, TimeSpan timeout, CancellationToken ct)
    {
        var gate = Gates.GetOrAdd(databaseFile, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, ct)) throw DatabaseFailure.Unavailable(DatabaseTrouble.Busy);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
