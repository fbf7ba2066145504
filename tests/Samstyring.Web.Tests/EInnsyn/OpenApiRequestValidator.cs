using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Samstyring.Web.Tests.EInnsyn;

/// <summary>
/// Checks a request body against the request schema of the matching operation in eInnsyn's OpenAPI document
/// (<c>../shared/schemas/einnsyn/einnsyn.openapi.yml</c>), with OpenAPI 3 semantics: <c>$ref</c>, <c>allOf</c> merged with the
/// schema's own properties, <c>anyOf</c>/<c>oneOf</c>, <c>required</c> except <c>readOnly</c> properties (required in answers
/// only, and refused in a request), types, enums, formats (date, date-time, uri, email), pattern, minimum, maxLength. Stricter
/// than eInnsyn in one way: a property the schema does not name is refused, so a misspelt field cannot pass unnoticed.
/// </summary>
public sealed class OpenApiRequestValidator
{
    private readonly JsonObject _document;
    private readonly List<(string Template, Regex Pattern)> _paths;

    public OpenApiRequestValidator(JsonObject document)
    {
        _document = document;
        _paths = document["paths"]!.AsObject().Select(p => (p.Key,
            new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant))).ToList();
    }

    private static readonly Lazy<OpenApiRequestValidator> Shared = new(() => new OpenApiRequestValidator(Load(SpecPath())));

    /// <summary>The validator of the shared eInnsyn document, parsed once.</summary>
    public static OpenApiRequestValidator EInnsyn => Shared.Value;

    /// <summary>
    /// The schemas sit beside the repository (CI copies shared/ next to the clone); <c>SAMSTYRING_SCHEMAS</c> points elsewhere.
    /// Missing schemas fail loudly rather than letting the stand-in accept anything.
    /// </summary>
    public static string SpecPath()
    {
        var root = Environment.GetEnvironmentVariable("SAMSTYRING_SCHEMAS");
        if (string.IsNullOrWhiteSpace(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samstyring.slnx"))) dir = dir.Parent;
            if (dir?.Parent is null) throw new InvalidOperationException("Fant ikke Samstyring.slnx over testene, og SAMSTYRING_SCHEMAS er ikke satt.");
            root = Path.Combine(dir.Parent.FullName, "shared", "schemas");
        }
        var path = Path.Combine(root, "einnsyn", "einnsyn.openapi.yml");
        if (!File.Exists(path)) throw new InvalidOperationException($"Fant ikke eInnsyns OpenAPI-dokument: {path} (sett SAMSTYRING_SCHEMAS).");
        return path;
    }

    public static JsonObject Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        return (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? v) =>
        v is null or "~" or "null" ? null
        : v is "true" or "false" ? JsonValue.Create(v == "true")
        : long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l)
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit) && !v.Contains(':') ? JsonValue.Create(d)
        : JsonValue.Create(v);

    /// <summary>The operation's template path, e.g. <c>/arkivdel/{id}/moetemappe</c>, or null when the document has none.</summary>
    public string? Template(string path) => _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;

    /// <summary>Every problem with the body of <paramref name="method"/> <paramref name="path"/>; empty when it is valid.</summary>
    public List<string> Validate(string method, string path, JsonNode? body)
    {
        var template = Template(path);
        if (template is null) return [$"{method} {path}: ingen slik sti i API-et"];
        var operation = _document["paths"]![template]![method.ToLowerInvariant()];
        if (operation is null) return [$"{method} {template}: metoden finnes ikke"];
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema is null) return body is null ? [] : [$"{method} {template}: tar ingen body"];
        if (body is null) return [$"{method} {template}: body mangler"];
        var errors = new List<string>();
        Check(body, schema, "$", errors);
        return errors;
    }

    /// <summary>The schema a <c>$ref</c> points at (followed to the end).</summary>
    private JsonNode Resolve(JsonNode schema)
    {
        for (var i = 0; i < 20 && schema["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException("Bare lokale $ref støttes: " + reference);
            JsonNode? target = _document;
            foreach (var part in reference[2..].Split('/')) target = target?[part.Replace("~1", "/").Replace("~0", "~")];
            schema = target ?? throw new InvalidOperationException("Fant ikke " + reference);
        }
        return schema;
    }

    /// <summary>The properties and required names of an object schema, with those of its allOf parents merged in.</summary>
    private void Flatten(JsonNode schema, Dictionary<string, JsonNode> properties, HashSet<string> required, List<JsonNode> constraints, ref bool isObject)
    {
        schema = Resolve(schema);
        if (schema["type"]?.GetValue<string>() == "object") isObject = true;
        if (schema["properties"] is JsonObject own)
        {
            isObject = true;
            foreach (var (name, s) in own) properties.TryAdd(name, s!);
        }
        foreach (var r in schema["required"]?.AsArray() ?? []) required.Add(r!.GetValue<string>());
        foreach (var parent in schema["allOf"]?.AsArray() ?? [])
        {
            var p = Resolve(parent!);
            if (p["properties"] is null && p["allOf"] is null && p["type"]?.GetValue<string>() != "object") constraints.Add(p);
            else Flatten(p, properties, required, constraints, ref isObject);
        }
        foreach (var keyword in new[] { "anyOf", "oneOf" })
            if (schema[keyword] is not null) constraints.Add(new JsonObject { [keyword] = schema[keyword]!.DeepClone() });
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors, int depth = 0)
    {
        if (depth > 40) { errors.Add($"{path}: for dypt nøstet"); return; }
        schema = Resolve(schema);
        var properties = new Dictionary<string, JsonNode>();
        var required = new HashSet<string>();
        var constraints = new List<JsonNode>();
        var isObject = false;
        Flatten(schema, properties, required, constraints, ref isObject);

        foreach (var c in constraints)
        {
            foreach (var keyword in new[] { "anyOf", "oneOf" })
            {
                if (c[keyword] is not JsonArray alternatives) continue;
                var matching = alternatives.Count(a => { var e = new List<string>(); Check(value, a!, path, e, depth + 1); return e.Count == 0; });
                if (keyword == "oneOf" ? matching != 1 : matching == 0)
                {
                    var first = new List<string>();
                    // Say why the closest alternative (the object one, when the value is an object) failed.
                    var closest = alternatives.FirstOrDefault(a => value is JsonObject == (Resolve(a!)["type"]?.GetValue<string>() != "string")) ?? alternatives[0];
                    Check(value, closest!, path, first, depth + 1);
                    errors.Add($"{path}: passer ikke {keyword} ({string.Join("; ", first.Take(3))})");
                }
            }
            if (c["anyOf"] is null && c["oneOf"] is null) Check(value, c, path, errors, depth + 1);
        }

        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true) errors.Add($"{path}: null er ikke tillatt");
            return;
        }

        var type = schema["type"]?.GetValue<string>() ?? (isObject ? "object" : null);
        var kind = value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            System.Text.Json.JsonValueKind.Number => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) is var d && d == Math.Floor(d) ? "integer" : "number",
            _ => "unknown",
        };
        if (type is not null && type != kind && !(type == "number" && kind == "integer"))
        {
            errors.Add($"{path}: er {kind}, skal være {type}");
            return;
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: «{value.ToJsonString()}» er ikke en av {values.ToJsonString()}");

        switch (value)
        {
            case JsonObject obj when isObject:
                foreach (var name in required)
                {
                    var ps = properties.TryGetValue(name, out var s) ? Resolve(s) : null;
                    if (ps?["readOnly"]?.GetValue<bool>() == true) continue;
                    if (!obj.ContainsKey(name)) errors.Add($"{path}: påkrevd felt «{name}» mangler");
                }
                foreach (var (name, item) in obj)
                {
                    if (!properties.TryGetValue(name, out var ps)) { errors.Add($"{path}: ukjent felt «{name}»"); continue; }
                    if (Resolve(ps)["readOnly"]?.GetValue<bool>() == true) { errors.Add($"{path}.{name}: er skrivebeskyttet og kan ikke sendes"); continue; }
                    Check(item, ps, $"{path}.{name}", errors, depth + 1);
                }
                break;
            case JsonArray array when schema["items"] is { } items:
                for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{path}[{i}]", errors, depth + 1);
                break;
            case JsonValue v when kind == "string":
                var text = v.GetValue<string>();
                if (schema["maxLength"] is { } max && text.Length > Num(max)) errors.Add($"{path}: lengre enn {max} tegn");
                if (schema["minLength"] is { } min && text.Length < Num(min)) errors.Add($"{path}: kortere enn {min} tegn");
                if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern)) errors.Add($"{path}: «{text}» passer ikke {pattern}");
                if (schema["format"]?.GetValue<string>() is { } format && !FormatOk(format, text)) errors.Add($"{path}: «{text}» er ikke {format}");
                break;
            case JsonValue v when kind is "integer" or "number":
                var n = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
                if (schema["minimum"] is { } lo && n < Num(lo)) errors.Add($"{path}: {n} er under {lo}");
                if (schema["maximum"] is { } hi && n > Num(hi)) errors.Add($"{path}: {n} er over {hi}");
                break;
        }
    }

    private static double Num(JsonNode n) => double.Parse(n.ToJsonString(), CultureInfo.InvariantCulture);

    private static bool FormatOk(string format, string text) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
                       && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
        "email" => text.Count(c => c == '@') == 1 && !text.StartsWith('@') && !text.EndsWith('@'),
        // eInnsyn ids are "Base32 encoded UUID with a prefix": any non-empty string here.
        "id" => text.Length > 0,
        _ => true,
    };
}
