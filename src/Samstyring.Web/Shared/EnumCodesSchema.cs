using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Enums travel as their codes (<see cref="EnumCodeJsonConverter"/>), so the OpenAPI document lists those codes
/// ("godkjenning", "rollout-project") and their Norwegian labels, instead of an empty schema.
/// </summary>
public static class EnumCodesSchema
{
    public static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum) return Task.CompletedTask;
        var values = Enum.GetValues(type).Cast<Enum>().ToList();
        schema.Type = JsonSchemaType.String;
        schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v.Code())!).ToList();
        schema.Description = string.Join(", ", values.Select(v => $"{v.Code()}: {v.Label()}"));
        return Task.CompletedTask;
    }
}
