using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Samstyring.BrowserTests;

/// <summary>
/// The real web app on Kestrel, as a child process on a free loopback port (a browser cannot reach TestServer).
/// SQLite in a temp directory unless a PostgreSQL connection string is given. Killed with its process tree on dispose.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    // A wait, not a speed test: on a loaded 2-core machine the first start (migrate, seed) took over 60 s once.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly StringBuilder _log = new();

    private AppServer(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the server wrote to stdout and stderr (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <param name="settings">Extra configuration as <c>key=value</c> (passed as <c>--key=value</c>).</param>
    /// <param name="port">The loopback port, when the caller had to know it first (a redirect URI); default any free one.</param>
    public static async Task<AppServer> StartAsync(string? postgresConnectionString = null, IEnumerable<string>? settings = null, int? port = null)
    {
        var webDll = Path.Combine(AppContext.BaseDirectory, "Samstyring.Web.dll");
        if (!File.Exists(webDll)) throw new InvalidOperationException($"Fant ikke {webDll}; bygg løsningen først.");
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "Samstyring.Web");
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     webDll, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot,
                     $"--Samstyring:DataDirectory={dataDirectory}", "--Samstyring:DemoData=true",
                 })
            start.ArgumentList.Add(arg);
        if (postgresConnectionString is not null) start.ArgumentList.Add($"--ConnectionStrings:Samstyring={postgresConnectionString}");
        foreach (var setting in settings ?? []) start.ArgumentList.Add("--" + setting);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Kunne ikke starte dotnet.");
        var server = new AppServer(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        string last = "ingen svar";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Samstyring.Web stoppet med kode {_process.ExitCode} under oppstart.\n{Log}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"/healthz svarte ikke 200 innen {StartTimeout.TotalSeconds} s (siste: {last}).\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 200_000) _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { /* already gone */ }
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { /* the OS cleans the temp directory */ }
    }

    /// <summary>The directory holding Samstyring.slnx, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Samstyring.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Fant ikke Samstyring.slnx over {AppContext.BaseDirectory}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
