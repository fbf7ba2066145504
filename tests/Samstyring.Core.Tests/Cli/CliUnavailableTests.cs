using Microsoft.Data.Sqlite;
using Samstyring.Cli;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// The command cannot use its data directory or database: it says in Norwegian what is wrong and what to do, without a
/// stack trace, and exits with 3. Runs as root in CI, so the directory that cannot be created lies under a regular file.
/// </summary>
public sealed class CliUnavailableTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samstyring-cli-tests", Guid.NewGuid().ToString("N"));

    public CliUnavailableTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(Dictionary<string, string?> configuration, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, new StringReader(""), configuration));
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string?> Sqlite(string? busyTimeout = null) => new()
    {
        ["ConnectionStrings:Samstyring"] = "", ["Samstyring:BusyTimeoutSeconds"] = busyTimeout,
    };

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_is_named_with_what_to_do_and_exit_code_3()
    {
        var file = Path.Combine(_root, "fil");
        await File.WriteAllTextAsync(file, "en vanlig fil");
        var dataDir = Path.Combine(file, "data");

        var run = await RunAsync(Sqlite(), "migrate", "--data-dir", dataDir);

        Assert.Equal(CliApp.Unavailable, run.ExitCode);
        Assert.Contains(dataDir, run.Error);
        Assert.Contains("Datamappen", run.Error);
        Assert.Contains("--data-dir", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.False(File.Exists(Path.Combine(file, "data")));
    }

    [Fact]
    public async Task A_new_empty_data_directory_says_to_migrate_or_point_at_the_database_and_exits_with_3()
    {
        // As a new user running a README example from the repository root, where the tool's data directory is new.
        var dataDir = Path.Combine(_root, "ny");

        var run = await RunAsync(Sqlite(), "archive", "export", "--body", "nasjonalt-e-helserad", "--from", "2021-01-01", "--to", "2021-12-31",
            "--out", Path.Combine(_root, "uttrekk"), "--data-dir", dataDir);

        Assert.Equal(CliApp.Unavailable, run.ExitCode);
        Assert.Contains("har ikke tabellene til Samstyring", run.Error);
        Assert.Contains("samstyring migrate", run.Error);
        Assert.Contains("--data-dir", run.Error);
        Assert.DoesNotContain("Uventet feil", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_root, "uttrekk")));
    }

    [Fact]
    public async Task A_database_locked_by_another_program_is_said_plainly_with_exit_code_3()
    {
        var dataDir = Path.Combine(_root, "laast");
        Assert.Equal(0, (await RunAsync(Sqlite(), "migrate", "--data-dir", dataDir)).ExitCode);
        await using var holder = new SqliteConnection($"Data Source={Path.Combine(dataDir, "samstyring.db")};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var run = await RunAsync(Sqlite(busyTimeout: "1"), "seed", "--data-dir", dataDir);

        Assert.Equal(CliApp.Unavailable, run.ExitCode);
        Assert.Contains("låst", run.Error);
        Assert.Contains(Path.Combine(dataDir, "samstyring.db"), run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_is_said_plainly_with_exit_code_3()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "migrate", "--data-dir", Path.Combine(_root, "pg"),
            "--connection-string", "Host=127.0.0.1;Port=1;Username=samstyring;Password=x;Database=samstyring;Timeout=3");

        Assert.Equal(CliApp.Unavailable, run.ExitCode);
        Assert.Contains("PostgreSQL", run.Error);
        Assert.Contains("127.0.0.1", run.Error);
        Assert.Contains("ConnectionStrings:Samstyring", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
