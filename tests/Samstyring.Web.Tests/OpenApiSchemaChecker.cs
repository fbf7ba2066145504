using System.Text.Json;
using System.Text.Json.Nodes;

namespace Samstyring.Web.Tests;

/// <summary>
/// Checks a JSON value against a schema of the OpenAPI document, for the subset the document uses: type (one or a list, with
/// "null"), properties and required, items, enum, oneOf/anyOf/allOf, pattern on strings, and $ref into components. Stricter
/// than JSON Schema in one way on purpose: a property the schema does not list is an error, so that a response cannot carry
/// fields the document does not describe.
/// </summary>
public sealed class OpenApiSchemaChecker(JsonNode document)
{
    private const int MaxErrors = 20;

    public List<string> Check(JsonNode? value, JsonNode schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors, depth: 0);
        return errors;
    }

    private JsonNode Resolve(JsonNode schema)
    {
        var seen = 0;
        while (schema is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException($"external $ref {reference}");
            JsonNode? target = document;
            foreach (var part in reference[2..].Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            schema = target ?? throw new InvalidOperationException($"$ref {reference} points nowhere");
            if (++seen > 50) throw new InvalidOperationException($"$ref loop at {reference}");
        }
        return schema;
    }

    private void Check(JsonNode? value, JsonNode schemaNode, string path, List<string> errors, int depth)
    {
        if (errors.Count >= MaxErrors) return;
        if (depth > 64) { errors.Add($"{path}: nested too deep"); return; }
        var schema = Resolve(schemaNode).AsObject();

        foreach (var part in schema["allOf"]?.AsArray() ?? new JsonArray())
            Check(value, part!, path, errors, depth + 1);
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray alternatives) continue;
            var matching = alternatives.Count(a => Check(value, a!, path).Count == 0);
            if (keyword == "oneOf" ? matching != 1 : matching == 0)
                errors.Add($"{path}: {Show(value)} matches {matching} of the {keyword} alternatives");
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {Show(value)} is not one of {values.ToJsonString()}");

        var types = schema["type"] switch
        {
            JsonValue single => [single.GetValue<string>()],
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToArray(),
            _ => null,
        };
        var kind = KindOf(value);
        if (types is not null && !types.Any(t => t == kind || (t == "number" && kind == "integer")))
        {
            errors.Add($"{path}: {Show(value)} is {kind}, the schema says {string.Join(" or ", types)}");
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"]?.AsObject();
                foreach (var name in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                    if (!obj.ContainsKey(name)) errors.Add($"{path}: required property «{name}» is missing");
                if (properties is null)
                {
                    // A dictionary (additionalProperties) or a free-form object.
                    if (schema["additionalProperties"] is JsonObject extra)
                        foreach (var (name, item) in obj) Check(item, extra, $"{path}.{name}", errors, depth + 1);
                    else if (types is not null && schema["allOf"] is null && schema["oneOf"] is null && schema["anyOf"] is null)
                        errors.Add($"{path}: the schema describes no properties for {Show(value)}");
                    break;
                }
                foreach (var (name, item) in obj)
                {
                    if (properties[name] is { } propertySchema) Check(item, propertySchema, $"{path}.{name}", errors, depth + 1);
                    else if (schema["additionalProperties"] is JsonObject extra) Check(item, extra, $"{path}.{name}", errors, depth + 1);
                    else errors.Add($"{path}: property «{name}» is not in the schema");
                }
                break;
            case JsonArray array when schema["items"] is { } items:
                for (var i = 0; i < array.Count && errors.Count < MaxErrors; i++) Check(array[i], items, $"{path}[{i}]", errors, depth + 1);
                break;
            case JsonValue when kind == "string" && schema["pattern"]?.GetValue<string>() is { } pattern:
                if (!System.Text.RegularExpressions.Regex.IsMatch(value.GetValue<string>(), pattern))
                    errors.Add($"{path}: {Show(value)} does not match {pattern}");
                break;
        }
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().Contains('.') || v.ToJsonString().Contains('e') || v.ToJsonString().Contains('E') ? "number" : "integer",
            _ => "null",
        },
        _ => "unknown",
    };

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
