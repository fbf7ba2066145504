using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Samstyring.Core.EInnsyn;

/// <summary>The connection to the eInnsyn API: its base URL, the <c>API-KEY</c> header and a timeout per request. One per process.</summary>
public sealed class EInnsynHttp(EInnsynOptions options) : IDisposable
{
    public const string ApiKeyHeader = "API-KEY";

    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds, 1, 600)),
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, options.BaseUrl!.Trim().TrimEnd('/') + path);
        request.Headers.Add(ApiKeyHeader, options.ApiKey!.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _client.SendAsync(request, ct);
    }

    public void Dispose() => _client.Dispose();
}
