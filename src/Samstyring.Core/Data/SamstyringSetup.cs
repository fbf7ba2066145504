using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;

namespace Samstyring.Core.Data;

/// <summary>Bound from the "Samstyring" configuration section and ConnectionStrings:Samstyring.</summary>
public sealed class SamstyringOptions
{
    public string DataDirectory { get; set; } = "./data";
    /// <summary>PostgreSQL connection string; when empty, SQLite under <see cref="DataDirectory"/> is used.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Fill an empty database with demo data and demo accounts.</summary>
    public bool DemoData { get; set; } = true;
    /// <summary>Keep public reads in memory until the data changes. Off only to measure or debug the uncached path.</summary>
    public bool ReadCache { get; set; } = true;
    /// <summary>How long a change waits for a database that is busy with other changes before it gives up (HTTP 503).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
    /// <summary>Outgoing e-mail (<c>Samstyring:Mail</c>); off until a host is set.</summary>
    public Notifications.MailOptions Mail { get; set; } = new();
    /// <summary>Where the public reaches the site (<c>Samstyring:PublicUrl</c>), for links in mail the command line queues.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>When reminders of deadlines go out (<c>Samstyring:Reminders</c>).</summary>
    public Notifications.ReminderOptions Reminders { get; set; } = new();
    /// <summary>Limits on password sign-in (<c>Samstyring:Login</c>).</summary>
    public Accounts.LoginOptions Login { get; set; } = new();
    /// <summary>Publication of meeting records to eInnsyn (<c>Samstyring:EInnsyn</c>); off until configured.</summary>
    public EInnsyn.EInnsynOptions EInnsyn { get; set; } = new();

    /// <summary>
    /// Where attachment files live (<c>Samstyring:AttachmentDirectory</c>), for several app nodes a directory they all mount.
    /// Empty: {DataDirectory}/attachments, and with PostgreSQL the files go into the database instead
    /// (<see cref="AttachmentsInDatabase"/>).
    /// </summary>
    public string? AttachmentDirectory { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, "samstyring.db"));

    /// <summary>
    /// New attachment files are written to the database (attachment_contents): with PostgreSQL unless an attachment
    /// directory is set. Every node then reads them without a shared file system, and backups of the database hold them.
    /// </summary>
    public bool AttachmentsInDatabase => UsesPostgres && string.IsNullOrWhiteSpace(AttachmentDirectory);

    /// <summary>The directory of attachment files: <see cref="AttachmentDirectory"/>, or {DataDirectory}/attachments.</summary>
    public string AttachmentRoot => Path.GetFullPath(string.IsNullOrWhiteSpace(AttachmentDirectory)
        ? Path.Combine(DataDirectory, Council.AttachmentStore.FolderName)
        : AttachmentDirectory);
}

public static class SamstyringSetup
{
    public static IServiceCollection AddSamstyringCore(this IServiceCollection services, SamstyringOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options.Mail);
        services.AddSingleton(options.Reminders);
        services.AddSingleton(options.Login);
        services.AddSingleton(options.EInnsyn);
        services.AddSingleton<EInnsyn.EInnsynHttp>();
        services.AddSingleton<Notifications.IMailTransport, Notifications.SmtpMailTransport>();
        // From Samstyring:PublicUrl (the web host checks it and registers its own); without one, links in mail are paths only.
        services.AddSingleton(Notifications.SiteAddress.From(options.PublicUrl));
        services.AddScoped<AuditContext>();
        services.AddSingleton<DataVersion>();
        services.AddSingleton<ChangeNotifications>();
        services.AddSingleton<ReadCache>();
        services.AddScoped<ScopedReadCache>();
        services.AddSingleton<Accounts.ApiTokenCache>();
        services.AddSingleton<Accounts.VerifiedPasswordCache>();
        services.AddSingleton<Accounts.PasswordChecks>();
        services.AddSingleton<DataVersionInterceptor>();
        // Options are built once (singleton); a context per request stays cheap.
        services.AddDbContext<SamstyringDb>((sp, o) => Configure(o, options).AddInterceptors(sp.GetRequiredService<DataVersionInterceptor>()),
            ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        foreach (var type in typeof(SamstyringSetup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttributes(typeof(UseCaseAttribute), false).Length > 0))
            services.AddScoped(type);
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, SamstyringOptions options)
    {
        if (options.UsesPostgres)
        {
            o.UseNpgsql(options.ConnectionString);
        }
        else
        {
            o.UseSqlite($"Data Source={options.SqlitePath};Default Timeout={Math.Max(1, options.BusyTimeoutSeconds)};Pooling=True");
            o.AddInterceptors(SqliteUnicodeLower.Instance);
        }
        // Migrations are hand-written without a model snapshot; MigrationSchemaTests guards the schema instead.
        return o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Checks the data directory, creates or upgrades the schema, then fills reference (and optionally demo) data into an
    /// empty database, or tops up an existing one with reference data that arrived since (<see cref="Seeder.TopUpReferenceDataAsync"/>).
    /// A data directory or database that cannot be used is a <see cref="SetupFailedException"/> saying what to do.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool? demo = null, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<SamstyringOptions>();
        PrepareDataDirectory(options);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SamstyringDb>();
        try
        {
            await MigrateAsync(db, ct);
            await new Seeder(db).SeedAsync(demo ?? options.DemoData, ct);
            // A new or upgraded database (the Search migration creates the index empty; stemming is done in C#).
            await Search.SearchIndex.BuildIfEmptyAsync(db, ct);
            await OptimizeAsync(db, ct);
        }
        catch (Exception e) when (AsSetupFailure(e, options) is { } failure)
        {
            throw failure;
        }
    }

    public static async Task MigrateAsync(SamstyringDb db, CancellationToken ct = default)
    {
        // Callers that skip PrepareDataDirectory (tests, the benchmark) still get the SQLite file's folder.
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource)!);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// Gives SQLite's planner row statistics for the tables that never had them or have grown tenfold since (a no-op
    /// otherwise, and bounded in work): without them it reads the overview through the lifecycle index and sorts every
    /// initiative by name, instead of walking the name index and stopping after a page. PostgreSQL keeps its own
    /// statistics (autovacuum).
    /// </summary>
    public static async Task OptimizeAsync(SamstyringDb db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    /// <summary>
    /// Creates the data directory when it is missing and checks that it can be written, before anything else uses it: the
    /// SQLite database lives there, and uploaded files with either database. Otherwise a <see cref="SetupFailedException"/>
    /// naming the directory and what to do.
    /// </summary>
    public static void PrepareDataDirectory(SamstyringOptions options)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SetupFailedException(
                $"Datamappen {directory} finnes ikke og kan ikke opprettes. Kontroller stien i Samstyring:DataDirectory (kommandolinjeverktøyet: --data-dir), " +
                $"og at brukeren som kjører Samstyring, kan opprette mappen. (Fra systemet: {e.Message})", e);
        }
        var probe = Path.Combine(directory, $".skriveprove-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SetupFailedException(
                $"Datamappen {directory} kan ikke skrives i. Gi brukeren som kjører Samstyring, skrivetilgang til mappen og filene i den, " +
                $"eller velg en annen mappe med Samstyring:DataDirectory (kommandolinjeverktøyet: --data-dir). (Fra systemet: {e.Message})", e);
        }
        if (!string.IsNullOrWhiteSpace(options.AttachmentDirectory)) PrepareAttachmentDirectory(options.AttachmentRoot);
    }

    /// <summary>
    /// An attachment directory of its own (a mount all nodes share) is checked the same way at start-up, so a share that is
    /// not mounted or not writable stops the node instead of failing the first upload.
    /// </summary>
    private static void PrepareAttachmentDirectory(string directory)
    {
        var probe = Path.Combine(directory, $".skriveprove-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SetupFailedException(
                $"Vedleggsmappen {directory} (Samstyring:AttachmentDirectory) kan ikke opprettes eller skrives i. Kontroller at mappen finnes " +
                $"(er den delte disken montert?) og at brukeren som kjører Samstyring, kan skrive i den. (Fra systemet: {e.Message})", e);
        }
    }

    /// <summary>
    /// A database that cannot be used, said for the operator: which file or server, and what to do. Null for other errors.
    /// </summary>
    public static SetupFailedException? AsSetupFailure(Exception e, SamstyringOptions options)
    {
        if (e is SetupFailedException setup) return setup;
        if (options.UsesPostgres)
        {
            var cs = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            var where = $"PostgreSQL-databasen {cs.Database} på {cs.Host}:{cs.Port}";
            var sqlState = (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState;
            var message = DatabaseFailure.Classify(e) switch
            {
                DatabaseTrouble.Unreachable => $"Får ikke kontakt med {where}. Kontroller ConnectionStrings:Samstyring (kommandolinjeverktøyet: --connection-string) og at databasen kjører og tar imot tilkoblinger.",
                DatabaseTrouble.ReadOnly => $"{where} tar bare imot lesing (skrivebeskyttet, eller en standby). Pek ConnectionStrings:Samstyring til en database Samstyring kan skrive i.",
                DatabaseTrouble.Busy => $"{where} er låst av en annen tilkobling. Vent til den er ferdig, og prøv igjen.",
                DatabaseTrouble.Full => $"{where} har ikke plass til mer. Frigjør plass på databasetjeneren, og prøv igjen.",
                _ when sqlState is not null && sqlState.StartsWith("28", StringComparison.Ordinal) =>
                    $"{where} avviste innloggingen for {cs.Username}. Kontroller brukernavn og passord i ConnectionStrings:Samstyring.",
                _ when sqlState == PostgresErrorCodes.InvalidCatalogName =>
                    $"{where} finnes ikke. Opprett databasen, eller rett navnet i ConnectionStrings:Samstyring.",
                _ when sqlState == PostgresErrorCodes.UndefinedTable => NotMigrated(where),
                _ when sqlState == PostgresErrorCodes.InsufficientPrivilege =>
                    $"{cs.Username} har ikke rettigheter nok i {where} til å lage og endre tabellene. Gi brukeren rettigheter, eller bruk en annen bruker.",
                _ => null,
            };
            return message is null ? null : new SetupFailedException(message, e);
        }
        var file = options.SqlitePath;
        var sqliteMessage = DatabaseFailure.Classify(e) switch
        {
            DatabaseTrouble.ReadOnly => $"Databasefilen {file} kan bare leses. Gi brukeren som kjører Samstyring, skrivetilgang til filen (og til -wal- og -shm-filene ved siden av) og til mappen.",
            DatabaseTrouble.CannotOpen => $"Databasefilen {file} kan ikke åpnes. Kontroller at den er en fil som brukeren som kjører Samstyring, kan lese og skrive, i en mappe den kan skrive i.",
            DatabaseTrouble.Busy => $"Databasen {file} er låst av et annet program (en annen Samstyring eller kommandolinjeverktøyet). Vent til det er ferdig, og prøv igjen.",
            DatabaseTrouble.Full => $"Disken med databasen {file} er full. Frigjør plass, og prøv igjen.",
            DatabaseTrouble.Io => $"Databasefilen {file} kan ikke leses eller skrives (I/O-feil). Kontroller at det er en vanlig fil som brukeren som kjører Samstyring, kan lese og skrive, og at disken er i orden.",
            _ when (e as SqliteException ?? e.InnerException as SqliteException) is { SqliteErrorCode: 1 } x
                   && x.Message.Contains("no such table", StringComparison.Ordinal) => NotMigrated($"Databasen {file}"),
            // SQLITE_CORRUPT 11, SQLITE_NOTADB 26
            _ when (e as SqliteException ?? e.InnerException as SqliteException)?.SqliteErrorCode is 11 or 26 =>
                $"Databasefilen {file} er skadet eller ikke en SQLite-database. Flytt den bort og gjenopprett fra en sikkerhetskopi (samstyring restore).",
            _ => null,
        };
        return sqliteMessage is null ? null : new SetupFailedException(sqliteMessage, e);
    }

    /// <summary>A database without Samstyring's tables: typically the command-line tool pointed at a new, empty data directory.</summary>
    private static string NotMigrated(string where) =>
        $"{where} har ikke tabellene til Samstyring. Kjør «samstyring migrate» (og «samstyring seed --demo» for demodata) for å lage dem, "
        + "eller pek på databasen du mener med --data-dir (webappens database er src/Samstyring.Web/data når den er startet med dotnet run) eller --connection-string.";
}

/// <summary>
/// SQLite's built-in lower() folds ASCII only, so "sør-øst" would not find "Helse Sør-Øst RHF".
/// Replacing it per connection makes case-insensitive search behave as on PostgreSQL.
/// </summary>
internal sealed class SqliteUnicodeLower : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqliteUnicodeLower Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(System.Data.Common.DbConnection connection) =>
        ((Microsoft.Data.Sqlite.SqliteConnection)connection).CreateFunction("lower", (string? s) => s?.ToLowerInvariant(), isDeterministic: true);
}

/// <summary>Marks a use-case handler; registered as scoped by <see cref="SamstyringSetup.AddSamstyringCore"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UseCaseAttribute : Attribute;
