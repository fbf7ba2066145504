using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests;

/// <summary>Small JSON-over-HTTP helpers; the API speaks camelCase JSON with enum codes ("red", "rollout-project").</summary>
public static class ApiHelpers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonArray> GetArrayAsync(this HttpClient client, string url) =>
        (await client.GetJsonAsync(url)).AsArray();

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = body as HttpContent ?? new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body) =>
        client.SendJsonAsync(HttpMethod.Post, url, body);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object? body, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Put, url, body, ifMatch);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Asserts the status, showing the body when it differs (problem details explain why).</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected, string? what = null)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync();
        var server = (int)response.StatusCode >= 500 ? ServerErrors.For(TraceId(body)) : null;
        Assert.Fail($"{what ?? response.RequestMessage?.Method + " " + response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}. Body: {body}"
                    + (server is null ? "" : Environment.NewLine + "Server logged: " + server));
    }

    private static string? TraceId(string body)
    {
        try { return JsonNode.Parse(body)?["traceId"]?.GetValue<string>(); }
        catch (JsonException) { return null; }
    }

    /// <summary>An RFC 9457 validation problem: 400, application/problem+json, a message under errors[field].</summary>
    public static async Task<string> AssertValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null && errors.ContainsKey(field), $"expected an error for «{field}», got {problem.ToJsonString()}");
        var message = errors![field]!.AsArray()[0]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    /// <summary>A change sent without the version it starts from: 428 Precondition Required with a Norwegian problem.</summary>
    public static async Task<string> AssertVersionRequiredAsync(this HttpResponseMessage response)
    {
        await response.AssertStatusAsync((HttpStatusCode)428);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.ReadJsonAsync()).Str("detail");
        Assert.Contains("Versjonen", detail);
        return detail;
    }

    public static string Str(this JsonNode? node, string property) => node?[property]?.GetValue<string>()
        ?? throw new Xunit.Sdk.XunitException($"missing string «{property}» in {node?.ToJsonString()}");

    public static int Int(this JsonNode? node, string property) => node?[property]?.GetValue<int>()
        ?? throw new Xunit.Sdk.XunitException($"missing number «{property}» in {node?.ToJsonString()}");

    /// <summary>Looks like Norwegian text to a user: has one of the common words or letters we write in.</summary>
    public static bool LooksNorwegian(string text) =>
        text.IndexOfAny(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '«']) >= 0 ||
        new[] { " må ", " ikke ", " er ", " kan ", "ersjon", "gyldig", "oppgis", "endringer" }.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
