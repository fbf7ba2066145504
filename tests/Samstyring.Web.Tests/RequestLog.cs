using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Samstyring.Web.Tests;

/// <summary>
/// Everything the app under test logged at information level or above, by the W3C trace id of the request that logged it,
/// so that a test can send its own <c>traceparent</c> and read what its requests wrote to the log.
/// </summary>
public sealed class RequestLog : ILoggerProvider, ILogger
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Entry>> ByTrace = new();

    public static IReadOnlyList<Entry> For(ActivityTraceId traceId) =>
        ByTrace.TryGetValue(traceId.ToHexString(), out var entries) ? entries.ToArray() : [];

    /// <summary>A fresh trace for one request: send it as the <c>traceparent</c> header.</summary>
    public static (ActivityTraceId TraceId, string Header) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    public ILogger CreateLogger(string categoryName) => new Categorised(categoryName);
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    public void Dispose() { }

    private sealed class Categorised(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || Activity.Current is not { } activity) return;
            ByTrace.GetOrAdd(activity.TraceId.ToHexString(), _ => new ConcurrentQueue<Entry>())
                .Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
        }
    }
}
