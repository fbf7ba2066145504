using Samstyring.Cli;
using Samstyring.Core.Tests.Archive;

namespace Samstyring.Core.Tests.Cli;

/// <summary>
/// `samstyring archive export` writes the demo body's Noark 5 extract (meetings 4, 5 and 6/2021) into a new folder, valid
/// against the schemas; refused input (exit 1) and a folder in use (exit 2) leave nothing behind.
/// </summary>
public abstract class ArchiveCommandTests(Provider provider)
{
    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(ScratchDatabase scratch, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(""), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Samstyring"] = scratch.Options.ConnectionString ?? "",
        });
        var code = await CliApp.RunAsync([.. args, "--data-dir", scratch.Options.DataDirectory], console);
        return new Run(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Archive_export_writes_a_valid_extract_of_the_demo_meetings_or_says_why_not()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider);
        if (scratch is null) return;
        Assert.Equal(0, (await RunAsync(scratch, "seed", "--demo")).ExitCode);
        var parent = Path.Combine(Path.GetTempPath(), "samstyring-noark-tests", Guid.NewGuid().ToString("N"));
        var dir = Path.Combine(parent, "uttrekk");
        try
        {
            var run = await RunAsync(scratch, "archive", "export", "--body", "nasjonalt-e-helserad", "--from", "2021-01-01", "--to", "2021-12-31", "--out", dir);
            Assert.True(run.ExitCode == CliApp.Ok, run.Error);
            Assert.StartsWith("Noark 5-uttrekket for Nasjonalt e-helsestyre 1. januar 2021–31. desember 2021 (3 møter,", run.Out);
            foreach (var file in NoarkSchemas.Files) NoarkSchemas.Validate(Path.Combine(dir, file));
            Assert.Equal(["4/2021", "5/2021", "6/2021"], ExtractRead.From(dir).Meetings.Select(m => m.Number));

            var inUse = await RunAsync(scratch, "archive", "export", "--body", "nasjonalt-e-helserad", "--from", "2021-01-01", "--to", "2021-12-31", "--out", dir);
            Assert.Equal(CliApp.Usage, inUse.ExitCode);
            Assert.Contains("er ikke tom", inUse.Error);

            var other = Path.Combine(parent, "annet");
            var refused = await RunAsync(scratch, "archive", "export", "--body", "nasjonalt-e-helserad", "--from", "2021-12-31", "--to", "2021-01-01", "--out", other);
            Assert.Equal(CliApp.Refused, refused.ExitCode);
            Assert.Equal("Til-datoen kan ikke være før fra-datoen.", refused.Error.Trim());
            var empty = await RunAsync(scratch, "archive", "export", "--body", "nasjonalt-e-helserad", "--from", "2030-01-01", "--to", "2030-12-31", "--out", other);
            Assert.Equal(CliApp.Refused, empty.ExitCode);
            Assert.Contains("Ingen offentlige saker", empty.Error);
            Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
        }
    }
}

public sealed class ArchiveCommandTestsSqlite() : ArchiveCommandTests(Provider.Sqlite);

public sealed class ArchiveCommandTestsPostgres() : ArchiveCommandTests(Provider.Postgres);
