using Npgsql;

namespace Samstyring.Core.Data;

/// <summary>
/// Committed changes, told between the instances that share one PostgreSQL through <c>LISTEN/NOTIFY</c> on
/// <see cref="Channel"/>. Every write transaction sends a notification carrying its instance's <see cref="InstanceId"/>
/// (see <see cref="DataVersionInterceptor"/>); each instance listens on a connection of its own and moves its
/// <see cref="DataVersion"/> on when another instance's notification arrives, so its read cache is fresh on the next read.
/// On SQLite there is one instance and nothing to tell.
/// </summary>
public sealed class ChangeNotifications(SamstyringOptions options, DataVersion version)
{
    public const string Channel = "samstyring_changes";

    /// <summary>This instance, in its own notifications, so it does not empty its cache twice for its own commits.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public bool Enabled => options.UsesPostgres;

    internal NpgsqlCommand NotifyCommand(NpgsqlTransaction transaction) =>
        new($"SELECT pg_notify('{Channel}', @instance)", transaction.Connection, transaction) { Parameters = { new("instance", InstanceId) } };

    /// <summary>
    /// Listens until <paramref name="ct"/> is cancelled or the connection fails (then it throws, and the caller connects
    /// again). When listening starts the version moves on too, since whatever was sent while this instance was not listening
    /// is lost.
    /// </summary>
    public async Task ListenAsync(CancellationToken ct)
    {
        if (!Enabled) return;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            // A connection of its own, outside the pool, that notices a dead server without a query of its own.
            Pooling = false, KeepAlive = 15, ApplicationName = "samstyring-changes",
        };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == Channel && e.Payload != InstanceId) version.ChangedElsewhere();
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
            await listen.ExecuteNonQueryAsync(ct);
        version.ChangedElsewhere();
        while (true) await conn.WaitAsync(ct);
    }
}
