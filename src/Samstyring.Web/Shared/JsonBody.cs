using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Reads a JSON body by hand, for endpoints that want every unreadable body to be a Norwegian field error rather than the
/// bare 400 that binding gives, and that read it after their door (binding, or Accepts, would answer 415 before
/// authorisation). Broken JSON (cut off, a stray character, an array where an object belongs) is <c>errors.body</c>; a
/// value of the wrong type, out of range or given twice is the field's (<c>errors.shares[0].percent</c>). Not JSON at
/// all is 415, and a body over <see cref="MaxBytes"/> is 413 before it is read.
/// </summary>
public static class JsonBody
{
    /// <summary>Far above any form's data (a key with all 357 municipalities is some 20 kB), far below the server's 30 MB.</summary>
    public const long MaxBytes = 1024 * 1024;

    private const string Unreadable = "Innholdet er ikke gyldig JSON, eller det er ikke et JSON-objekt.";

    /// <param name="typeErrors">A Norwegian message for a field whose value cannot be read; other fields get a general one.</param>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct, IReadOnlyDictionary<string, string>? typeErrors = null) where T : class
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Innholdet må være JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        if (!RequestBody.Limit(request.HttpContext, MaxBytes))
            throw new BadHttpRequestException("Forespørselen er for stor.", StatusCodes.Status413PayloadTooLarge);
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            // Parsed first, so that broken JSON is the body's fault wherever the reader stopped; what is left are the fields'.
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw ValidationFailedException.For("body", Unreadable);
        }
        using (document)
        {
            // {"version": 1, "version": 9} is ambiguous (which one counts?): named as such, not as a value of the wrong type.
            if (DuplicateIn(document.RootElement, "$") is { } duplicate)
                throw ValidationFailedException.For(Field(duplicate), $"«{Field(duplicate)}» er oppgitt mer enn én gang.");
            try
            {
                return document.Deserialize<T>(options) ?? throw ValidationFailedException.For("body", "Innholdet mangler: send et JSON-objekt.");
            }
            catch (JsonException e)
            {
                var field = Field(e.Path);
                throw ValidationFailedException.For(field, field == "body" ? Unreadable
                    : typeErrors?.GetValueOrDefault(field)
                      ?? $"«{field}» har feil type eller en verdi utenfor det som kan leses (tall må være hele tall innenfor grensene, tekst i anførselstegn, koder som tekst).");
            }
        }
    }

    /// <summary>
    /// Describes the body an endpoint reads with <see cref="ReadAsync{T}"/> in the OpenAPI document (binding would describe it
    /// itself, but would also answer before the access check).
    /// </summary>
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
                },
            };
        });

    /// <summary>The path of the first property given twice in an object (in any case, as the serializer reads names), or null.</summary>
    private static string? DuplicateIn(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var at = $"{path}.{property.Name}";
                if (!names.Add(property.Name)) return at;
                if (DuplicateIn(property.Value, at) is { } inner) return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
                if (DuplicateIn(item, $"{path}[{i++}]") is { } inner) return inner;
        }
        return null;
    }

    /// <summary>
    /// "$.shares[0].Percent" → "shares[0].percent": the API's camelCase whatever case the client sent; the root (or no
    /// path) is the body as a whole.
    /// </summary>
    internal static string Field(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal) || path.Length == 2) return "body";
        var field = string.Join('.', path[2..].Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
        return field.Length > 100 ? field[..100] : field;
    }
}

/// <summary>How much of a request body an endpoint reads.</summary>
public static class RequestBody
{
    /// <summary>
    /// Caps the body at <paramref name="maxBytes"/>: false when its declared length is already over (refuse before reading a
    /// byte); a body without a length is cut off at the cap by the server (413 while reading).
    /// </summary>
    public static bool Limit(HttpContext ctx, long maxBytes)
    {
        if (ctx.Request.ContentLength > maxBytes) return false;
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        return true;
    }
}
