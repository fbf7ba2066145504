using System.Globalization;
using System.Text;

namespace Samstyring.Core.Documents;

/// <summary>
/// A grouped bar chart as self-contained, accessible SVG: role="img" with title and desc, visible text
/// labels and counts, no scripts, no external references.
/// </summary>
public static class SvgBarChart
{
    public const int DefaultWidth = 720;
    public const int DefaultHeight = 400;

    public static string Render(BarChart chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        var layout = new BarChartLayout(chart, width, height, charWidth: 7.5);
        var sb = new StringBuilder();
        var id = "chart-" + Math.Abs(StableHash(chart.Title)).ToString(CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Esc(chart.Title)}</title>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Esc(chart.Description)}</desc>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        sb.Append("<g font-family=\"Arial, Helvetica, sans-serif\" fill=\"").Append(BarChart.Text).Append("\">\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{width / 2}\" y=\"32\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">{Esc(chart.Title)}</text>\n");

        // Grid and axis are decoration: the numbers are in the labels and the description.
        sb.Append("<g aria-hidden=\"true\">\n");
        foreach (var t in layout.Ticks)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{layout.PlotLeft}\" y1=\"{t.Y}\" x2=\"{layout.PlotRight}\" y2=\"{t.Y}\" stroke=\"{(t.Value == 0 ? BarChart.Outline : BarChart.Grid)}\" stroke-width=\"1\"/>\n");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{layout.PlotLeft - 8}\" y=\"{t.Y + 4}\" text-anchor=\"end\" font-size=\"12\">{t.Value}</text>\n");
        }
        sb.Append("</g>\n");

        foreach (var bar in layout.Bars)
        {
            var series = chart.Series[bar.Series];
            var label = $"{chart.Groups[bar.Group].Label}, {series.Label}: {bar.Value}";
            sb.Append("<g>");
            sb.Append(CultureInfo.InvariantCulture, $"<title>{Esc(label)}</title>");
            if (bar.Height > 0)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{bar.X}\" y=\"{bar.Y}\" width=\"{bar.Width}\" height=\"{bar.Height}\" fill=\"{Colour(series.Fill)}\" stroke=\"{BarChart.Outline}\" stroke-width=\"1\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{bar.X + bar.Width / 2}\" y=\"{bar.Y - 6}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{bar.Value}</text>");
            sb.Append("</g>\n");
        }
        foreach (var l in layout.GroupLabels)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{l.X}\" y=\"{l.Y}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Esc(l.Text)}</text>\n");
        foreach (var item in layout.Legend)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{item.X}\" y=\"{item.Y}\" width=\"{item.Box}\" height=\"{item.Box}\" fill=\"{Colour(chart.Series[item.Series].Fill)}\" stroke=\"{BarChart.Outline}\" stroke-width=\"1\"/>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{item.Text.X}\" y=\"{item.Text.Y + 5}\" font-size=\"13\">{Esc(item.Text.Text)}</text>\n");
        }
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    /// <summary>Escapes text for element content and attribute values, dropping characters XML cannot hold.</summary>
    public static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in XmlText.Clean(s))
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Only #rgb/#rrggbb reach the output, so a colour can never break out of its attribute.</summary>
    internal static string Colour(string fill) =>
        fill.Length is 4 or 7 && fill[0] == '#' && fill[1..].All(Uri.IsHexDigit) ? fill : "#6b7280";

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = h * 31 + c;
            return h == int.MinValue ? 0 : h;
        }
    }
}

internal static class XmlText
{
    /// <summary>Removes characters that are not allowed in XML 1.0 (control characters, lone surrogates).</summary>
    public static string Clean(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }
            if (ok) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(s, 0, i, s.Length);
        }
        return sb?.ToString() ?? s;
    }
}
