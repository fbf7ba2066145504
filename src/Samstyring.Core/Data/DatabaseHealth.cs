using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;

namespace Samstyring.Core.Data;

/// <summary>Whether the database can take a change, for /healthz.</summary>
public static class DatabaseHealth
{
    /// <summary>How long the probe waits for a busy database before it reports it busy.</summary>
    public static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A write that changes nothing, rolled back: it takes the write lock like a real change (SQLite: BEGIN IMMEDIATE; both:
    /// an UPDATE matching no row, which a read-only database refuses), so it fails exactly when a change would. Cheap enough
    /// for every health check: nothing is written. Null when the database can take a change.
    /// </summary>
    public static async Task<ServiceUnavailableException?> ProbeWriteAsync(SamstyringDb db, CancellationToken ct = default)
    {
        const string update = "UPDATE \"organizations\" SET \"Id\" = \"Id\" WHERE FALSE";
        try
        {
            // Through the context, so that the connection is set up as for any request.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                if (connection is SqliteConnection)
                {
                    using var turn = await db.WaitForWriteTurnAsync(ProbeLimit, ct);
                    await ExecuteAsync(connection, null, "BEGIN IMMEDIATE", ct);
                    try
                    {
                        await ExecuteAsync(connection, null, update, ct);
                    }
                    finally
                    {
                        await ExecuteAsync(connection, null, "ROLLBACK", ct);
                    }
                }
                else
                {
                    await using var tx = await connection.BeginTransactionAsync(ct);
                    await ExecuteAsync(connection, tx, $"SET LOCAL lock_timeout = '{ProbeLimit.TotalMilliseconds:0}ms'", ct);
                    await ExecuteAsync(connection, tx, update, ct);
                    await tx.RollbackAsync(ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return null;
        }
        catch (Exception e) when (DatabaseFailure.AsUnavailable(e) is { } unavailable)
        {
            return unavailable;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.CommandTimeout = (int)ProbeLimit.TotalSeconds;
        await command.ExecuteNonQueryAsync(ct);
    }
}
