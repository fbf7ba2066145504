using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Samstyring.Web.Tests.EInnsyn;

/// <summary>A request the stand-in accepted and stored.</summary>
public sealed record StoredRequest(string Method, string Path, string Template, JsonObject Body, string Id);

/// <summary>
/// A local stand-in for the eInnsyn API: Kestrel on 127.0.0.1 and a free port. It checks the <c>API-KEY</c> header and every
/// request body against eInnsyn's OpenAPI document (<see cref="OpenApiRequestValidator"/>), stores what it accepts with an id
/// of its own (<c>mm_…</c>, <c>ms_…</c>, <c>mdok_…</c>, <c>ved_…</c>), answers the list endpoints by <c>externalIds</c>, and can be
/// scripted: busy (503) the next times a path is called, a refusal (400) for an externalId, or an answer lost after storing.
/// </summary>
public sealed class EInnsynStandIn : IAsyncDisposable
{
    public const string ApiKey = "stand-in-key-15";
    public const string Arkivdel = "arkd_01standin";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string PathPart, HttpStatusCode Status)> _busy = new();
    private readonly ConcurrentDictionary<string, string> _refuse = new();
    private readonly ConcurrentQueue<string> _loseAnswer = new();
    private readonly ConcurrentDictionary<string, JsonObject> _byExternalId = new();
    private int _next;

    public List<StoredRequest> Stored { get; } = [];
    /// <summary>Every call, refused ones too: «POST /arkivdel/…/moetemappe 503».</summary>
    public ConcurrentQueue<string> Calls { get; } = new();
    /// <summary>Bodies refused for not matching the schema, with the reasons.</summary>
    public ConcurrentQueue<(string Path, List<string> Errors)> Invalid { get; } = new();

    private EInnsynStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<EInnsynStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new EInnsynStandIn(app);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>The next <paramref name="times"/> calls whose path contains <paramref name="pathPart"/> are answered busy.</summary>
    public void Busy(string pathPart, int times = 1, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        for (var i = 0; i < times; i++) _busy.Enqueue((pathPart, status));
    }

    /// <summary>A create of the object with this externalId is refused with 400 and the message.</summary>
    public void Refuse(string externalId, string message) => _refuse[externalId] = message;

    /// <summary>The next create whose path contains <paramref name="pathPart"/> is stored, but its answer is a 504, as if lost on the way.</summary>
    public void LoseAnswer(string pathPart) => _loseAnswer.Enqueue(pathPart);

    private async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "";
        async Task Answer(HttpStatusCode status, JsonNode? body = null)
        {
            Calls.Enqueue($"{method} {path} {(int)status}");
            http.Response.StatusCode = (int)status;
            if (body is not null)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(body.ToJsonString());
            }
        }

        if (http.Request.Headers["API-KEY"].ToString() != ApiKey)
        {
            await Answer(HttpStatusCode.Forbidden, new JsonObject { ["title"] = "Forbidden", ["detail"] = "Wrong or missing API-KEY" });
            return;
        }
        lock (_busy)
        {
            if (_busy.TryPeek(out var b) && path.Contains(b.PathPart, StringComparison.Ordinal))
            {
                _busy.TryDequeue(out _);
                Calls.Enqueue($"{method} {path} {(int)b.Status}");
                http.Response.StatusCode = (int)b.Status;
                return;
            }
        }
        if (method == "GET")
        {
            // The list endpoints by externalIds (the sender asks before creating again).
            var wanted = http.Request.Query["externalIds"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var items = new JsonArray(wanted.Where(_byExternalId.ContainsKey).Select(w => (JsonNode)_byExternalId[w].DeepClone()).ToArray());
            await Answer(HttpStatusCode.OK, new JsonObject { ["items"] = items });
            return;
        }
        JsonObject? body;
        try { body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject; }
        catch (System.Text.Json.JsonException) { body = null; }
        var errors = OpenApiRequestValidator.EInnsyn.Validate(method, path, body);
        if (errors.Count > 0)
        {
            Invalid.Enqueue((path, errors));
            await Answer(HttpStatusCode.BadRequest, new JsonObject { ["title"] = "Bad request", ["detail"] = string.Join("; ", errors.Take(5)) });
            return;
        }
        var external = body!["externalId"]?.GetValue<string>();
        if (external is not null && _refuse.TryGetValue(external, out var reason))
        {
            await Answer(HttpStatusCode.BadRequest, new JsonObject { ["title"] = "Bad request", ["detail"] = reason });
            return;
        }
        var template = OpenApiRequestValidator.EInnsyn.Template(path)!;
        var prefix = template switch
        {
            "/arkivdel/{id}/moetemappe" => "mm",
            "/moetemappe/{id}/moetedokument" => "mdok",
            "/moetesak/{id}/vedtak" => "ved",
            "/moetesak/{id}" => "ms",
            _ => "obj",
        };
        var id = method == "PATCH" ? path.Split('/').Last() : $"{prefix}_{Interlocked.Increment(ref _next):D4}";
        var answer = new JsonObject { ["id"] = id };
        if (external is not null) answer["externalId"] = external;
        // Children created with the meeting get ids of their own, matched by externalId.
        foreach (var (list, childPrefix) in new[] { ("moetesak", "ms"), ("moetedokument", "mdok") })
            if (body[list] is JsonArray children)
                answer[list] = new JsonArray(children.Select(c =>
                {
                    var child = new JsonObject { ["id"] = $"{childPrefix}_{Interlocked.Increment(ref _next):D4}" };
                    if (c?["externalId"]?.GetValue<string>() is { } ce)
                    {
                        child["externalId"] = ce;
                        _byExternalId[ce] = (JsonObject)child.DeepClone();
                    }
                    return (JsonNode)child;
                }).ToArray());
        lock (Stored) Stored.Add(new StoredRequest(method, path, template, body, id));
        if (external is not null) _byExternalId[external] = (JsonObject)answer.DeepClone();
        lock (_loseAnswer)
        {
            if (_loseAnswer.TryPeek(out var lose) && path.Contains(lose, StringComparison.Ordinal))
            {
                _loseAnswer.TryDequeue(out _);
                Calls.Enqueue($"{method} {path} 504 (lagret)");
                http.Response.StatusCode = (int)HttpStatusCode.GatewayTimeout;
                return;
            }
        }
        await Answer(method == "PATCH" ? HttpStatusCode.OK : HttpStatusCode.Created, answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
