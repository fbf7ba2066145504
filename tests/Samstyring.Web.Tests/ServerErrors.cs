using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Samstyring.Web.Tests;

/// <summary>
/// Errors the app under test logged, keyed by the request's trace id, so that a test seeing a 500 can say what the
/// server threw (the problem details only carry the trace id).
/// </summary>
public sealed class ServerErrors : ILoggerProvider, ILogger
{
    private static readonly ConcurrentDictionary<string, string> ByTrace = new();

    public static string? For(string? traceId) => traceId is not null && ByTrace.TryGetValue(traceId, out var e) ? e : null;

    public ILogger CreateLogger(string categoryName) => this;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel) || Activity.Current?.Id is not { } id) return;
        ByTrace.AddOrUpdate(id, formatter(state, exception) + Environment.NewLine + exception, (_, old) => old + Environment.NewLine + exception);
    }

    public void Dispose() { }
}
