using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// Out of the box: no /metrics, and every log line from a request names the request's trace (in its scope, which the
/// console prints, and in the problem details the client gets).
/// </summary>
public abstract class TelemetryDefaultTests(SamstyringFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Metrics_are_off_by_default_even_from_loopback()
    {
        if (!Factory.Ready()) return;
        var scrape = await TelemetryRequests.SendAsync(Factory, "/metrics", IPAddress.Loopback);
        Assert.Equal(404, scrape.Status);
        using var response = await Anonymous.GetAsync("/metrics");
        await response.AssertStatusAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_log_line_written_during_a_request_carries_the_request_s_trace_id()
    {
        if (!Factory.Ready()) return;
        var (traceId, traceparent) = RequestLog.NewTrace();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/moter/999999");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("traceparent", traceparent);
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);

        var line = Assert.Single(RequestLog.For(traceId), e => e.Message.Contains("/moter/999999 svarte 404"));
        Assert.Equal(traceId.ToHexString(), line.ScopeTraceId);
    }

    [Fact]
    public async Task A_problem_names_the_trace_an_operator_finds_in_the_log()
    {
        if (!Factory.Ready()) return;
        var (traceId, traceparent) = RequestLog.NewTrace();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives/999999");
        request.Headers.Add("traceparent", traceparent);
        using var response = await Anonymous.SendAsync(request);
        await response.AssertStatusAsync(HttpStatusCode.NotFound);

        // W3C form, 00-{trace id}-{span id}-{flags}: the trace id is the one the client sent.
        Assert.Equal(traceId.ToHexString(), (await response.ReadJsonAsync()).Str("traceId").Split('-')[1]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TelemetryDefaultSqliteTests(SqliteFactory factory) : TelemetryDefaultTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class TelemetryDefaultPostgresTests(PostgresFactory factory) : TelemetryDefaultTests(factory);

/// <summary>
/// With /metrics on and an OTLP endpoint: Prometheus text for loopback and the listed networks only, and traces and logs
/// sent to the endpoint. The OTLP receiver is a loopback listener that keeps what it is sent.
/// </summary>
public abstract class TelemetryTests<TFactory>(TFactory factory) : WebTest(factory) where TFactory : SamstyringFactory, ITelemetryFactory
{
    private TFactory App => (TFactory)Factory;

    [Fact]
    public async Task Metrics_from_loopback_are_Prometheus_text_with_request_and_runtime_metrics()
    {
        if (!Factory.Ready()) return;
        using (var response = await Anonymous.GetAsync("/api/v1/initiatives"))
            await response.AssertStatusAsync(HttpStatusCode.OK);

        static bool Counted(string body) => body.Split('\n').Any(line =>
            line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("http_route=\"/api/v1/initiatives\"", StringComparison.Ordinal));
        // The exporter caches a scrape for a moment: ask again until the request is counted (at most 10 s).
        var watch = Stopwatch.StartNew();
        TelemetryRequests.Answer scrape;
        do
        {
            scrape = await TelemetryRequests.SendAsync(Factory, "/metrics", IPAddress.Loopback);
            Assert.Equal(200, scrape.Status);
            if (Counted(scrape.Body)) break;
            await Task.Delay(200);
        } while (watch.Elapsed < TimeSpan.FromSeconds(10));

        Assert.StartsWith("text/plain", scrape.ContentType);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", scrape.Body);
        Assert.True(Counted(scrape.Body), "the request to /api/v1/initiatives in http_server_request_duration_seconds");
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", scrape.Body);
        Assert.Contains("microsoft_entityframeworkcore_queries_total", scrape.Body);
        if (App.DatabaseMetric is { } database) Assert.Contains(database, scrape.Body);
        // Not a page: none of the page middleware's headers.
        Assert.False(scrape.Headers.ContainsKey("Content-Security-Policy"));
    }

    [Fact]
    public async Task Metrics_from_an_allowed_network_are_served()
    {
        if (!Factory.Ready()) return;
        var scrape = await TelemetryRequests.SendAsync(Factory, "/metrics", IPAddress.Parse("192.0.2.77"));
        Assert.Equal(200, scrape.Status);
        // An IPv4 client on a dual-stack socket arrives as ::ffff:192.0.2.77.
        Assert.Equal(200, (await TelemetryRequests.SendAsync(Factory, "/metrics", IPAddress.Parse("192.0.2.77").MapToIPv6())).Status);
    }

    [Theory]
    [InlineData("203.0.113.9", null, "GET")]
    [InlineData("192.0.3.1", null, "GET")]
    [InlineData("2001:db8::1", null, "GET")]
    [InlineData(null, null, "GET")]
    [InlineData("127.0.0.1", "X-Forwarded-For", "GET")]
    [InlineData("127.0.0.1", "Forwarded", "GET")]
    [InlineData("127.0.0.1", null, "POST")]
    public async Task Metrics_for_anyone_else_are_not_found(string? address, string? forwardingHeader, string method)
    {
        if (!Factory.Ready()) return;
        var scrape = await TelemetryRequests.SendAsync(Factory, "/metrics", address is null ? null : IPAddress.Parse(address), method,
            forwardingHeader is null ? null : (forwardingHeader, "203.0.113.9"));
        Assert.True(scrape.Status is 404 or 405, $"{method} /metrics from {address} ({forwardingHeader}) answered {scrape.Status}");
        Assert.DoesNotContain("http_server_request_duration", scrape.Body);
    }

    [Fact]
    public async Task Metrics_are_not_in_the_OpenAPI_document()
    {
        if (!Factory.Ready()) return;
        using var response = await Anonymous.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("/metrics", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_is_sent_over_OTLP_as_a_trace_with_its_database_spans_and_its_log_lines()
    {
        if (!Factory.Ready()) return;
        var (traceId, traceparent) = RequestLog.NewTrace();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/moter/999999"))
        {
            request.Headers.Accept.ParseAdd("text/html");
            request.Headers.Add("traceparent", traceparent);
            using var response = await Anonymous.SendAsync(request);
            await response.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        // Trace and span ids travel as raw bytes in OTLP's protobuf; names and attribute values as UTF-8.
        var id = Convert.FromHexString(traceId.ToHexString());
        var trace = await App.Receiver.WaitForAsync("/v1/traces", id);
        Assert.Equal("application/x-protobuf", trace.ContentType);
        Assert.True(trace.Contains(Encoding.UTF8.GetBytes("samstyring")), "service.name");
        Assert.True(trace.Contains(Encoding.UTF8.GetBytes(App.DatabaseSpanSource)), $"spans from {App.DatabaseSpanSource}");

        var log = await App.Receiver.WaitForAsync("/v1/logs", id);
        Assert.True(log.Contains(Encoding.UTF8.GetBytes("Fant ikke møte 999999")), "the request's log line");
    }

    [Fact]
    public async Task What_a_user_searched_for_is_not_in_the_trace()
    {
        if (!Factory.Ready()) return;
        // The search term travels in the query string (redacted in the request's span) and as a database parameter
        // (database spans carry the SQL text, not the values).
        var term = "Hemmelig" + Guid.NewGuid().ToString("N")[..8];
        var (traceId, traceparent) = RequestLog.NewTrace();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives?search=" + term))
        {
            request.Headers.Add("traceparent", traceparent);
            using var response = await Anonymous.SendAsync(request);
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        // The request's own span ends last, after its database spans: once it is in, the whole trace is.
        await App.Receiver.WaitForAsync("/v1/traces", Convert.FromHexString(traceId.ToHexString()), Encoding.UTF8.GetBytes("search=Redacted"));
        Assert.False(App.Receiver.Received("/v1/traces", Encoding.UTF8.GetBytes(term)));
    }

    [Fact]
    public async Task Health_probes_are_counted_but_not_traced()
    {
        if (!Factory.Ready()) return;
        var (traceId, traceparent) = RequestLog.NewTrace();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/livez"))
        {
            request.Headers.Add("traceparent", traceparent);
            using var response = await Anonymous.SendAsync(request);
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        // A request after it, to know that everything up to it has been sent.
        var (laterId, laterParent) = RequestLog.NewTrace();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/initiatives"))
        {
            request.Headers.Add("traceparent", laterParent);
            using var response = await Anonymous.SendAsync(request);
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        await App.Receiver.WaitForAsync("/v1/traces", Convert.FromHexString(laterId.ToHexString()));
        Assert.False(App.Receiver.Received("/v1/traces", Convert.FromHexString(traceId.ToHexString())));
    }

    [Fact]
    public void Logs_can_be_JSON_with_the_trace_in_their_scope()
    {
        if (!Factory.Ready()) return;
        Assert.Equal(ConsoleFormatterNames.Json, Factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.True(Factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetrySqliteTests(TelemetrySqliteFactory factory) : TelemetryTests<TelemetrySqliteFactory>(factory), IClassFixture<TelemetrySqliteFactory>;

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryPostgresTests(TelemetryPostgresFactory factory) : TelemetryTests<TelemetryPostgresFactory>(factory), IClassFixture<TelemetryPostgresFactory>;

/// <summary>
/// The telemetry apps run alone, after the others. A meter provider hears every app in the test process, and merges their
/// instruments of one name (http.server.request.duration of each app) into one stream, which ends when the app that
/// published it first is disposed: with other apps coming and going, this app's requests could go uncounted. In production
/// there is one app per process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry apps, alone";
}

public interface ITelemetryFactory
{
    OtlpReceiver Receiver { get; }

    /// <summary>The instrumentation scope whose spans show the database work: EF Core's on SQLite, Npgsql's on PostgreSQL.</summary>
    string DatabaseSpanSource { get; }

    /// <summary>The database driver's own metric, where it has one (Npgsql; Microsoft.Data.Sqlite has none).</summary>
    string? DatabaseMetric { get; }
}

/// <summary>The settings the telemetry apps run with: /metrics on for one test network, OTLP/HTTP to the receiver, short batches.</summary>
internal static class TelemetrySettings
{
    public static void Apply(IWebHostBuilder builder, OtlpReceiver receiver)
    {
        builder.UseSetting("Samstyring:Telemetry:Metrics", "true");
        builder.UseSetting("Samstyring:Telemetry:MetricsAllowedNetworks", "192.0.2.0/24, 2001:db8:1::/48");
        builder.UseSetting("Samstyring:Telemetry:OtlpEndpoint", receiver.Url);
        builder.UseSetting("Samstyring:Telemetry:JsonLogs", "true");
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        builder.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "100");
    }
}

public sealed class TelemetrySqliteFactory : SqliteFactory, ITelemetryFactory
{
    public OtlpReceiver Receiver { get; } = new();
    public string DatabaseSpanSource => "OpenTelemetry.Instrumentation.EntityFrameworkCore";
    public string? DatabaseMetric => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TelemetrySettings.Apply(builder, Receiver);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Receiver.Dispose();
    }
}

public sealed class TelemetryPostgresFactory : PostgresFactory, ITelemetryFactory
{
    public OtlpReceiver Receiver { get; } = new();
    public string DatabaseSpanSource => "Npgsql";
    public string? DatabaseMetric => "db_client_operation_duration_seconds_count{";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TelemetrySettings.Apply(builder, Receiver);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Receiver.Dispose();
    }
}

/// <summary>A request with a client address of the test's choosing (TestServer's HttpClient has none).</summary>
internal static class TelemetryRequests
{
    public sealed record Answer(int Status, string? ContentType, IHeaderDictionary Headers, string Body);

    public static async Task<Answer> SendAsync(SamstyringFactory factory, string path, IPAddress? from, string method = "GET",
        (string Name, string Value)? header = null)
    {
        var ctx = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
            if (header is { } h) c.Request.Headers[h.Name] = h.Value;
        });
        using var reader = new StreamReader(ctx.Response.Body);
        return new Answer(ctx.Response.StatusCode, ctx.Response.ContentType, ctx.Response.Headers, await reader.ReadToEndAsync());
    }
}

/// <summary>
/// A loopback OTLP/HTTP receiver: keeps every POST (path, content type, body) and answers 200. It does not decode the
/// protobuf; tests look for the raw bytes of a trace id or a name in it.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    public sealed record Post(string Path, string? ContentType, byte[] Body)
    {
        public bool Contains(byte[] bytes) => Body.AsSpan().IndexOf(bytes) >= 0;
    }

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Post> _posts = new();

    public OtlpReceiver()
    {
        // HttpListener cannot take port 0: borrow a free port from the OS first.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public bool Received(string path, byte[] bytes) => _posts.Any(p => p.Path == path && p.Contains(bytes));

    /// <summary>The first POST to <paramref name="path"/> holding all of <paramref name="bytes"/>, waited for at most 10 s.</summary>
    public async Task<Post> WaitForAsync(string path, params byte[][] bytes)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_posts.FirstOrDefault(p => p.Path == path && bytes.All(p.Contains)) is { } post) return post;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException(
            $"nothing for {path} with the expected bytes in 10 s; received: {string.Join(", ", _posts.Select(p => $"{p.Path} ({p.Body.Length} bytes)"))}");
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            if (ctx.Request.HttpMethod == "POST" && body.Length > 0)
                _posts.Enqueue(new Post(ctx.Request.Url!.AbsolutePath, ctx.Request.ContentType, body.ToArray()));
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
