using System.Globalization;
using Samstyring.Core.Benefits;
using Samstyring.Core.Common;

namespace Samstyring.Web.Benefits;

/// <summary>How the benefit pages write numbers and read them from forms.</summary>
public static class BenefitText
{
    public static string Number(decimal? v) => v is { } x ? BenefitChart.Num(x) : "";

    public static string Percent(decimal? share) => share is { } s ? Norwegian.Percent(decimal.Round(s * 100, 0)) : "";

    /// <summary>The colour of a track's tag (Designsystemet data-color).</summary>
    public static string Colour(BenefitTrack t) => t switch
    {
        BenefitTrack.OnTrack => "success",
        BenefitTrack.AtRisk => "warning",
        BenefitTrack.Late => "danger",
        _ => "neutral",
    };

    /// <summary>
    /// A number as typed in a Norwegian form («1 234,5» or «1234.5»): empty gives null; anything else unreadable gives a
    /// Norwegian error naming the field.
    /// </summary>
    public static bool TryParse(string? text, string label, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var t = string.Concat(text.Trim().Where(c => c is not (' ' or '\u00A0' or '\u202F' or '\u2009'))).Replace('\u2212', '-').Replace(',', '.');
        if (t.Length <= 30 && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            value = d;
            return true;
        }
        error = $"{label} må være et tall, for eksempel «120» eller «12,5», ikke «{Validator.Truncate(text.Trim())}».";
        return false;
    }

    public static string Format(decimal? v) => v is { } x ? x.ToString("0.####", Norwegian.Culture) : "";
}
