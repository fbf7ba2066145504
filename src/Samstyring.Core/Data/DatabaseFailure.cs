using Microsoft.Data.Sqlite;
using Npgsql;
using Samstyring.Core.Common;

namespace Samstyring.Core.Data;

/// <summary>Why the database cannot serve a request just now.</summary>
public enum DatabaseTrouble { Busy, ReadOnly, Full, Io, CannotOpen, Unreachable }

/// <summary>
/// Tells a database that cannot serve the request just now — busy or locked, read-only, full, unreadable disk,
/// unreachable — from a real error, on both providers, in Norwegian. The web (ProblemResults, /healthz), the CLI and
/// start-up map errors through this one place.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>The trouble behind an exception (anywhere in its inner exceptions), or null for anything else.</summary>
    public static DatabaseTrouble? Classify(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            var trouble = x switch
            {
                SqliteException s => Sqlite(s.SqliteErrorCode),
                PostgresException p => Postgres(p.SqlState),
                // Sockets, timeouts, a pool that could not open a connection in time.
                NpgsqlException { IsTransient: true } => DatabaseTrouble.Unreachable,
                _ => null,
            };
            if (trouble is not null) return trouble;
        }
        return null;
    }

    /// <summary>
    /// PostgreSQL refused a text it cannot store (22021 character_not_in_repertoire: a NUL byte; 22P05
    /// untranslatable_character). The guards and Validator refuse these before they get there; this is the last resort, so
    /// that such input is the client's 400, never a 500.
    /// </summary>
    public static bool IsUnstorableText(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
                return true;
        return false;
    }

    /// <summary>
    /// The exception to answer with (HTTP 503): <paramref name="e"/> itself when Core threw it already, a translation when
    /// the database refused, or null when this is not a database that is unavailable.
    /// </summary>
    public static ServiceUnavailableException? AsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is ServiceUnavailableException u) return u;
        return Classify(e) is { } trouble ? Unavailable(trouble, e) : null;
    }

    public static ServiceUnavailableException Unavailable(DatabaseTrouble trouble, Exception? inner = null) => trouble switch
    {
        DatabaseTrouble.Busy => new(
            "Databasen er opptatt med andre endringer. Ingenting ble lagret. Prøv igjen om litt.", TimeSpan.FromSeconds(5), inner),
        DatabaseTrouble.ReadOnly => new(
            "Databasen tar bare imot lesing akkurat nå, så ingenting ble lagret. Prøv igjen senere.",
            TimeSpan.FromSeconds(30), inner),
        DatabaseTrouble.Full => new(
            "Det er ikke plass til mer i databasen akkurat nå, så ingenting ble lagret. Prøv igjen senere.", TimeSpan.FromSeconds(30), inner),
        DatabaseTrouble.Io or DatabaseTrouble.CannotOpen => new(
            "Databasen kan ikke leses eller skrives akkurat nå. Prøv igjen senere.", TimeSpan.FromSeconds(30), inner),
        _ => new("Databasen svarer ikke akkurat nå. Prøv igjen senere.", TimeSpan.FromSeconds(30), inner),
    };

    // Primary result codes: SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_FULL 13, SQLITE_CANTOPEN 14.
    private static DatabaseTrouble? Sqlite(int code) => code switch
    {
        5 or 6 => DatabaseTrouble.Busy,
        8 => DatabaseTrouble.ReadOnly,
        10 => DatabaseTrouble.Io,
        13 => DatabaseTrouble.Full,
        14 => DatabaseTrouble.CannotOpen,
        _ => null,
    };

    private static DatabaseTrouble? Postgres(string state) => state switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => DatabaseTrouble.ReadOnly,                      // 25006, also a hot standby
        PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected                   // 55P03 (lock_timeout), 40P01
            or PostgresErrorCodes.SerializationFailure => DatabaseTrouble.Busy,                       // 40001
        PostgresErrorCodes.DiskFull => DatabaseTrouble.Full,                                         // 53100
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InsufficientResources            // 53300, 53000
            or PostgresErrorCodes.OutOfMemory                                                          // 53200
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown                   // 57P01, 57P02
            or PostgresErrorCodes.CannotConnectNow => DatabaseTrouble.Unreachable,                    // 57P03
        _ when state.StartsWith("08", StringComparison.Ordinal) => DatabaseTrouble.Unreachable,      // connection exceptions
        _ => null,
    };
}
