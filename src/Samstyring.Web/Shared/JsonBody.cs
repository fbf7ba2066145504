using System.Text.Json;
using Microsoft.Extensions.Options;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Reads a JSON body so that a value of the wrong type (text or a fraction where a whole number of øre belongs, a number
/// too large to hold) is a field error like any other (400 with <c>errors.{field}</c>), not the bare 400 that binding
/// gives. JSON that does not parse at all is still a bare 400.
/// </summary>
public static class JsonBody
{
    private const string Unreadable = "Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig JSON med riktige felttyper.";

    /// <param name="typeErrors">The Norwegian message for a field whose value has the wrong type; other fields get a general one.</param>
    public static async Task<T> ReadAsync<T>(HttpRequest request, IReadOnlyDictionary<string, string> typeErrors, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Innholdet må være JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { AllowDuplicateProperties = false }, ct);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException(Unreadable, StatusCodes.Status400BadRequest, e);
        }
        using (document)
        {
            try
            {
                return document.Deserialize<T>(options) ?? throw new BadHttpRequestException(Unreadable, StatusCodes.Status400BadRequest);
            }
            catch (JsonException e) when (FieldOf(e.Path) is { } field)
            {
                throw ValidationFailedException.For(field, typeErrors.GetValueOrDefault(field) ?? $"«{field}» har feil type.");
            }
            catch (JsonException e)
            {
                throw new BadHttpRequestException(Unreadable, StatusCodes.Status400BadRequest, e);
            }
        }
    }

    /// <summary>"$.budgetOre" → "budgetOre" (the API's camelCase, whatever case the client sent); null for the body itself.</summary>
    internal static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        if (end >= 0) name = name[..end];
        return name.Length == 0 ? null : JsonNamingPolicy.CamelCase.ConvertName(name);
    }
}
