using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samstyring.Core.Common;

/// <summary>
/// Enums in JSON as their codes: "red", "rollout-project", "samstyring" (the API, the data export). Reads a code or a
/// Norwegian label.
/// </summary>
public sealed class EnumCodeJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type t) => t.IsEnum;

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions o) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(t))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EnumText.TryParse<T>(reader.GetString(), out var v) ? v : throw new JsonException($"Ugyldig verdi «{reader.GetString()}».");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
    }
}
