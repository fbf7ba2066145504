using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Data;
using Samstyring.Core.Portfolio;

namespace Samstyring.Core.Tests.Documents;

/// <summary>
/// One SQLite demo database for the report tests, and the report for the current period (2021-T3).
/// Set SAMSTYRING_DOCS_OUT to a folder to keep the generated files for a look.
/// </summary>
public sealed class PortfolioReportFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "samstyring-report-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("Ikke startet.");
    public PortfolioReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _services = new ServiceCollection().AddSamstyringCore(new SamstyringOptions { DataDirectory = _directory }).BuildServiceProvider();
        await _services.InitializeDatabaseAsync(demo: true);
        Report = await ReportAsync(null);
    }

    public async Task<PortfolioReport> ReportAsync(string? period)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetPortfolioReport>().HandleAsync(period);
    }

    public async Task<T> SendAsync<TUseCase, T>(Func<TUseCase, Task<T>> call) where TUseCase : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>Keeps a generated file when SAMSTYRING_DOCS_OUT is set.</summary>
    public static void Keep(string fileName, byte[] content)
    {
        var dir = Environment.GetEnvironmentVariable("SAMSTYRING_DOCS_OUT");
        if (string.IsNullOrWhiteSpace(dir)) return;
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, fileName), content);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still open on a slow runner; the temp folder is cleaned by the OS */ }
    }
}
