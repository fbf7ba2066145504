using System.Diagnostics;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// The web app cannot use its data directory or database at start-up: it says in Norwegian what is wrong and what to do,
/// without a stack trace, and exits non-zero (3). The real process, as a service manager would start it.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "samstyring-startup-tests", Guid.NewGuid().ToString("N"));

    public StartupFailureTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* the OS cleans temp */ }
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created()
    {
        // Root can create and write anything, except a directory under a regular file.
        var file = Path.Combine(_root, "fil");
        await File.WriteAllTextAsync(file, "en vanlig fil");
        var dataDir = Path.Combine(file, "data");

        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={dataDir}", "--ConnectionStrings:Samstyring=");

        Assert.Equal(3, code);
        Assert.Contains("Samstyring kan ikke starte", output);
        Assert.Contains($"Datamappen {dataDir}", output);
        Assert.Contains("Samstyring:DataDirectory", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_attachment_directory_that_cannot_be_created_or_a_proxy_that_is_not_an_address()
    {
        var file = Path.Combine(_root, "ikke-montert");
        await File.WriteAllTextAsync(file, "en vanlig fil");
        var attachments = Path.Combine(file, "vedlegg");
        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={Path.Combine(_root, "data")}", "--ConnectionStrings:Samstyring=",
            $"--Samstyring:AttachmentDirectory={attachments}");
        Assert.Equal(3, code);
        Assert.Contains($"Vedleggsmappen {attachments} (Samstyring:AttachmentDirectory)", output);
        Assert.DoesNotContain("   at ", output);

        (code, output) = await StartAsync($"--Samstyring:DataDirectory={Path.Combine(_root, "data")}", "--ConnectionStrings:Samstyring=",
            "--Samstyring:ForwardedHeaders:KnownProxies=192.0.2.5,lastbalanserer");
        Assert.Equal(3, code);
        Assert.Contains("Samstyring:ForwardedHeaders:KnownProxies har verdien «lastbalanserer»", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_database_file_that_cannot_be_opened()
    {
        // samstyring.db is a directory: SQLite cannot open it (SQLITE_CANTOPEN), as for a file the user may not read.
        Directory.CreateDirectory(Path.Combine(_root, "samstyring.db"));

        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={_root}", "--ConnectionStrings:Samstyring=");

        Assert.Equal(3, code);
        Assert.Contains($"Databasefilen {Path.Combine(_root, "samstyring.db")}", output);
        Assert.DoesNotContain("SQLite Error", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task EInnsyn_switched_on_without_a_public_url()
    {
        // eInnsyn fetches the documents from the links in the records, so they must be absolute.
        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={Path.Combine(_root, "data")}", "--ConnectionStrings:Samstyring=",
            "--Samstyring:EInnsyn:BaseUrl=https://api.einnsyn.test", "--Samstyring:EInnsyn:ApiKey=nokkel", "--Samstyring:EInnsyn:Arkivdel=arkd_1");
        Assert.Equal(3, code);
        Assert.Contains("eInnsyn er slått på (Samstyring:EInnsyn), men Samstyring:PublicUrl mangler", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL()
    {
        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={_root}",
            "--ConnectionStrings:Samstyring=Host=127.0.0.1;Port=1;Username=samstyring;Password=x;Database=samstyring;Timeout=3");

        Assert.Equal(3, code);
        Assert.Contains("PostgreSQL", output);
        Assert.Contains("ConnectionStrings:Samstyring", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [InlineData("--Samstyring:Telemetry:OtlpEndpoint=localhost:4317", "Samstyring:Telemetry:OtlpEndpoint")]
    [InlineData("--OTEL_EXPORTER_OTLP_PROTOCOL=http", "OTEL_EXPORTER_OTLP_PROTOCOL")]
    [InlineData("--Samstyring:Telemetry:MetricsAllowedNetworks=10.0.0.0/33", "Samstyring:Telemetry:MetricsAllowedNetworks")]
    [InlineData("--Samstyring:Telemetry:JsonLogs=ja", "Samstyring:Telemetry:JsonLogs")]
    public async Task A_mistyped_telemetry_setting(string setting, string key)
    {
        var (code, output) = await StartAsync($"--Samstyring:DataDirectory={_root}", "--ConnectionStrings:Samstyring=",
            "--Samstyring:Telemetry:Metrics=true", setting);

        Assert.Equal(3, code);
        Assert.Contains("Samstyring kan ikke starte", output);
        Assert.Contains(key, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static async Task<(int ExitCode, string Output)> StartAsync(params string[] args)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Samstyring.Web.dll");
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "Samstyring.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { web, "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot }.Concat(args)) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("Samstyring.Web startet (eller hang) i stedet for å avslutte.\n" + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Samstyring.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Fant ikke Samstyring.slnx over {AppContext.BaseDirectory}.");
    }
}
