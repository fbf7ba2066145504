using System.Globalization;

namespace Samstyring.Core.Common;

/// <summary>Dates and numbers as Norwegians write them: "9. desember 2021", "1 234 567".</summary>
public static class Norwegian
{
    public static readonly CultureInfo Culture = CreateCulture();

    private static CultureInfo CreateCulture()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("nb-NO").Clone();
        c.NumberFormat.NumberGroupSeparator = "\u00A0";
        c.NumberFormat.CurrencyGroupSeparator = "\u00A0";
        return CultureInfo.ReadOnly(c);
    }

    public static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Culture);
    public static string Date(DateOnly? d) => d is { } v ? Date(v) : "";
    public static string MonthYear(DateOnly d) => d.ToString("MMMM yyyy", Culture);
    public static string ShortDate(DateOnly d) => d.ToString("dd.MM.yyyy", Culture);
    public static string DateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Oslo).ToString("d. MMMM yyyy 'kl.' HH.mm", Culture);
    public static string Number(long n) => n.ToString("N0", Culture);
    /// <summary>"25 %", "33,33 %" (a no-break space before the sign, as Norwegian typesetting wants).</summary>
    /// <summary>An amount in øre as Norwegians read it: "1 234 567 kr", or "1 234 567,89 kr" when there are øre.</summary>
    public static string Kroner(long ore) =>
        (ore % 100 == 0 ? (ore / 100).ToString("N0", Culture) : (ore / 100m).ToString("N2", Culture)) + "\u00A0kr";
    public static string Percent(decimal p) => p.ToString("0.##", Culture) + "\u00A0%";

    /// <summary>"31,2 MB", "812 kB".</summary>
    public static string FileSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", Culture) + " MB"
        : Math.Max(1, (int)Math.Ceiling(bytes / 1024d)).ToString(Culture) + " kB";

    /// <summary>"A", "A og B", "A, B og C"; beyond <paramref name="max"/> items "A, B, C og 4 til".</summary>
    public static string List(IReadOnlyList<string> items, int max = int.MaxValue)
    {
        if (items.Count > max) return string.Join(", ", items.Take(max)) + $" og {items.Count - max} til";
        return items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " og " + items[^1];
    }

    private static readonly TimeZoneInfo Oslo = FindOslo();
    private static TimeZoneInfo FindOslo()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
