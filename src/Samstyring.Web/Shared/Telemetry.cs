using System.Diagnostics;
using System.Net;
using System.Reflection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// What operators see of the running app (README "Observability"): logs whose every line from a request carries the
/// request's trace and span id; with an OTLP endpoint, traces, metrics and logs sent to it; with
/// <c>Samstyring:Telemetry:Metrics</c>, the same metrics as Prometheus text on <c>/metrics</c> for loopback and the listed
/// networks. With neither configured no OpenTelemetry provider is built: nothing listens, nothing is buffered.
/// </summary>
public static class Telemetry
{
    public const string Section = "Samstyring:Telemetry";
    public const string OtlpEndpointKey = Section + ":OtlpEndpoint";
    public const string MetricsKey = Section + ":Metrics";
    public const string MetricsAllowedNetworksKey = Section + ":MetricsAllowedNetworks";
    public const string JsonLogsKey = Section + ":JsonLogs";
    public const string ServiceName = "samstyring";
    public const string MetricsPath = "/metrics";

    /// <summary>EF Core's own meter (queries, saves, contexts); its spans come from the provider's instrumentation.</summary>
    private const string EntityFrameworkMeter = "Microsoft.EntityFrameworkCore";

    private const string EntityFrameworkSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    public static IHostApplicationBuilder AddSamstyringTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = OtlpTarget.FromConfiguration(configuration);
        var metrics = Switch(configuration, MetricsKey);
        var allowed = metrics ? AllowedNetworks(configuration[MetricsAllowedNetworksKey]) : [];
        var postgres = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Samstyring"));

        // The trace and span id go into the log scope (the console prints scopes; the OTLP log records carry them anyway).
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (Switch(configuration, JsonLogsKey))
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);

        if (otlp is null && !metrics) return builder;

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(
            // OTEL_SERVICE_NAME wins, as the OpenTelemetry specification says, so that two sites in one collector can be told apart.
            serviceName: configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName,
            serviceVersion: typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            autoGenerateServiceInstanceId: false,
            serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"));
        otel.WithMetrics(m =>
        {
            m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(EntityFrameworkMeter);
            if (postgres) m.AddNpgsqlInstrumentation();
            if (metrics) m.AddPrometheusExporter();
        });
        if (otlp is not null)
        {
            otel.WithTracing(t =>
            {
                // Probes and scrapes come every few seconds and say nothing about users: counted in the metrics, not traced.
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsProbe(ctx.Request.Path))
                    .AddHttpClientInstrumentation();
                // PostgreSQL: Npgsql's own spans. SQLite has no spans of its own: EF Core's diagnostics give them.
                if (postgres) t.AddNpgsql();
                else t.AddEntityFrameworkCoreInstrumentation();
                t.AddProcessor(new BackgroundDatabaseSpans());
            });
            // The message as written as well as its template and values, so that a log viewer shows the line as the console does.
            otel.WithLogging(configureBuilder: null, configureOptions: o => o.IncludeFormattedMessage = true);
            if (otlp.Endpoint is { } endpoint) otel.UseOtlpExporter(otlp.Protocol, endpoint);
            else otel.UseOtlpExporter();
        }
        if (metrics) builder.Services.AddSingleton<IStartupFilter>(new MetricsEndpoint(new MetricsAccess(allowed)));
        return builder;
    }

    private static bool Switch(IConfiguration configuration, string key) => configuration[key] switch
    {
        null or "" => false,
        var text when bool.TryParse(text.Trim(), out var on) => on,
        var text => throw new SetupFailedException($"{key} skal være true eller false (fikk «{text}»)."),
    };

    private static bool IsProbe(PathString path) =>
        path.Equals("/livez") || path.Equals("/healthz") || path.Equals(MetricsPath);

    private static IPNetwork[] AllowedNetworks(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var networks = new List<IPNetwork>();
        foreach (var part in value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(part, out var network))
                throw new SetupFailedException(
                    $"{MetricsAllowedNetworksKey} skal være nettverk i CIDR-form skilt med komma, for eksempel 10.0.0.0/8, fd00::/8 " +
                    $"(fikk «{part}»).");
            networks.Add(network);
        }
        return [.. networks];
    }

    /// <summary>Where OTLP goes: <c>Samstyring:Telemetry:OtlpEndpoint</c>, else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    private sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol Protocol)
    {
        public static OtlpTarget? FromConfiguration(IConfiguration configuration)
        {
            var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.Trim() switch
            {
                null or "" or "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new SetupFailedException(
                    $"OTEL_EXPORTER_OTLP_PROTOCOL skal være grpc eller http/protobuf (fikk «{other}»)."),
            };
            if (configuration[OtlpEndpointKey] is { } text && !string.IsNullOrWhiteSpace(text))
            {
                if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    throw new SetupFailedException(
                        $"{OtlpEndpointKey} skal være en http- eller https-adresse til en OpenTelemetry-mottaker, for eksempel " +
                        $"http://localhost:4317 (grpc) eller http://localhost:4318 med OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf (fikk «{text.Trim()}»).");
                return new OtlpTarget(url, protocol);
            }
            // The exporter reads the standard variables itself (endpoint, protocol, headers, timeout).
            return string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? null : new OtlpTarget(null, protocol);
        }
    }

    /// <summary>
    /// Database spans without a parent come from background work (the scheduler's polling of its tables on PostgreSQL every few
    /// seconds, the mail sender): one trace per query would bury the requests. They are still counted in the metrics.
    /// </summary>
    private sealed class BackgroundDatabaseSpans : BaseProcessor<Activity>
    {
        public override void OnStart(Activity data)
        {
            if (data.Parent is null && data.ParentSpanId == default && data.Source.Name is "Npgsql" or EntityFrameworkSource)
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    /// <summary>
    /// /metrics, first in the pipeline: a scrape skips the page middleware (security headers, error pages, sign-in), and as
    /// middleware rather than an endpoint it stays out of the OpenAPI document. Anyone not allowed falls through to the
    /// ordinary 404, so the endpoint is not seen to exist.
    /// </summary>
    private sealed class MetricsEndpoint(MetricsAccess access) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(access.Allows);
            next(app);
        };
    }
}

/// <summary>
/// Who may read /metrics: loopback and the configured networks. A request that came through a proxy (it carries forwarding
/// headers) is refused even from loopback, since the proxy's address says nothing about the client behind it.
/// </summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> allowed)
{
    public bool Allows(HttpContext ctx)
    {
        if (!ctx.Request.Path.Equals(Telemetry.MetricsPath) || !HttpMethods.IsGet(ctx.Request.Method)) return false;
        var headers = ctx.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP")) return false;
        if (ctx.Connection.RemoteIpAddress is not { } address) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address) || allowed.Any(n => n.Contains(address));
    }
}
