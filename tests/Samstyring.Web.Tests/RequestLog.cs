using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Samstyring.Web.Tests;

/// <summary>
/// Everything the app under test logged at information level or above, by the W3C trace id of the request that logged it,
/// so that a test can send its own <c>traceparent</c> and read what its requests wrote to the log. Each entry keeps the
/// trace id its log scope carried (what the console and JSON output print), to see that the log line itself names the request.
/// </summary>
public sealed class RequestLog : ILoggerProvider, ILogger, ISupportExternalScope
{
    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception, string? ScopeTraceId);

    private IExternalScopeProvider? _scopes;

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Entry>> ByTrace = new();

    public static IReadOnlyList<Entry> For(ActivityTraceId traceId) =>
        ByTrace.TryGetValue(traceId.ToHexString(), out var entries) ? entries.ToArray() : [];

    /// <summary>A fresh trace for one request: send it as the <c>traceparent</c> header.</summary>
    public static (ActivityTraceId TraceId, string Header) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    public ILogger CreateLogger(string categoryName) => new Categorised(categoryName, this);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    public void Dispose() { }

    private sealed class Categorised(string category, RequestLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || Activity.Current is not { } activity) return;
            ByTrace.GetOrAdd(activity.TraceId.ToHexString(), _ => new ConcurrentQueue<Entry>())
                .Enqueue(new Entry(logLevel, category, formatter(state, exception), exception, ScopeTraceId()));
        }

        private string? ScopeTraceId()
        {
            string? traceId = null;
            owner._scopes?.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values)
                        if (key == "TraceId") traceId ??= value?.ToString();
            }, (object?)null);
            return traceId;
        }
    }
}
