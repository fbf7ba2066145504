using System.Globalization;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// An amount a user types on a page, in kroner the Norwegian way: «1 234 567» or «1 234 567,50», with spaces or no-break
/// spaces between the thousands and an optional «kr». The use cases take øre; this turns the one into the other.
/// </summary>
public static class KronerInput
{
    /// <summary>Øre as kroner for a form field: «1 234 567» or «1 234 567,50», without «kr».</summary>
    public static string Format(long? ore) => ore is { } o
        ? (o % 100 == 0 ? (o / 100).ToString("N0", Norwegian.Culture) : (o / 100m).ToString("N2", Norwegian.Culture)).Replace('\u00A0', ' ')
        : "";

    /// <summary>
    /// Reads <paramref name="text"/>: empty gives null (no amount); a readable amount gives its øre (a negative one too,
    /// which the use case refuses with its own message); anything else gives a Norwegian <paramref name="error"/> naming the field.
    /// </summary>
    public static bool TryParse(string? text, string label, out long? ore, out string? error)
    {
        ore = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = text.Trim();
        if (t.EndsWith("kr", StringComparison.OrdinalIgnoreCase)) t = t[..^2];
        if (t.EndsWith(",-", StringComparison.Ordinal)) t = t[..^2];
        t = string.Concat(t.Where(c => c is not (' ' or '\u00A0' or '\u202F' or '\u2009')));
        var negative = t.StartsWith('-') || t.StartsWith('\u2212');
        if (negative) t = t[1..];
        var parts = t.Split(',');
        if (t.Length == 0 || parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit))
            || (parts.Length == 2 && parts[1].Length is 0 or > 2))
        {
            error = $"{label} må være et beløp i kroner, for eksempel «1 234 567» eller «1 234 567,50», ikke «{Validator.Truncate(text.Trim())}».";
            return false;
        }
        // More than 15 digits of kroner is beyond any limit the use cases take, and beyond what a long holds in øre.
        if (parts[0].TrimStart('0').Length > 15)
        {
            error = $"{label} er et for stort beløp.";
            return false;
        }
        var kroner = long.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var orepart = parts.Length == 2 ? int.Parse(parts[1].PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        ore = (negative ? -1 : 1) * (kroner * 100 + orepart);
        return true;
    }
}
