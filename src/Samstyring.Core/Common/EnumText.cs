using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Samstyring.Core.Common;

/// <summary>The Norwegian label shown for an enum value.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class LabelAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>
/// Enum values travel as kebab-case codes in the API, CLI, files and database ("rollout-project"),
/// and are shown with their Norwegian label.
/// </summary>
public static partial class EnumText
{
    private static readonly ConcurrentDictionary<Enum, string> CodeCache = new();
    private static readonly ConcurrentDictionary<Enum, string> LabelCache = new();

    public static string Code(this Enum value) =>
        CodeCache.GetOrAdd(value, v => Kebab().Replace(v.ToString(), "$1-$2").ToLowerInvariant());

    public static string Label(this Enum value) =>
        LabelCache.GetOrAdd(value, v =>
            v.GetType().GetField(v.ToString())?.GetCustomAttribute<LabelAttribute>()?.Text ?? v.ToString());

    public static IEnumerable<string> Codes<T>() where T : struct, Enum => System.Enum.GetValues<T>().Select(v => v.Code());

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        foreach (var v in System.Enum.GetValues<T>())
        {
            if (string.Equals(v.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(v.Label(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var v) ? v : throw new FormatException($"Ukjent verdi «{code}» for {typeof(T).Name}.");

    /// <summary>The value with exactly this code, as the database stores it (no labels, no other case).</summary>
    public static T FromCode<T>(string code) where T : struct, Enum =>
        ByCode<T>.Values.TryGetValue(code, out var v) ? v : throw new FormatException($"Ukjent kode «{code}» for {typeof(T).Name}.");

    private static class ByCode<T> where T : struct, Enum
    {
        // ToDictionary refuses two values with one code: each code must name one value.
        public static readonly Dictionary<string, T> Values = System.Enum.GetValues<T>().ToDictionary(v => v.Code(), StringComparer.Ordinal);
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Kebab();
}
