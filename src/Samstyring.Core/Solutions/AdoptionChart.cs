using System.Globalization;
using System.Text;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Solutions;

/// <summary>A measured share in use (0–100) on a date.</summary>
public sealed record ChartPoint(DateOnly Date, double Percent);

/// <summary>A target: <paramref name="Percent"/> by <paramref name="Due"/>, e.g. (2022-12-31, 75, "75 % innen utgangen av 2022").</summary>
public sealed record ChartTarget(DateOnly Due, double Percent, string Label);

/// <summary>What <see cref="AdoptionChart.RenderSvg"/> draws. <paramref name="Forecast"/> is usually a target's percent at <see cref="AdoptionChart.Forecast"/>.</summary>
public sealed record AdoptionChartData(string Title, string Description, IReadOnlyList<ChartPoint> Share, IReadOnlyList<ChartTarget> Targets, ChartPoint? Forecast);

/// <summary>
/// The share of actors that have taken a solution into use over time, against its targets and with a forecast, as
/// self-contained SVG: role="img" with title and desc, presentation attributes only (no style attributes, no
/// scripts, no external references), every text XML-escaped.
/// </summary>
public static class AdoptionChart
{
    private const double Width = 720, Height = 420;
    private const double PlotLeft = 64, PlotRight = Width - 28, PlotTop = 84, PlotBottom = Height - 44;
    private const double LabelSize = 12, CharWidth = 0.56 * LabelSize;

    // Text and lines all have at least 4.5:1 against white; the share, targets and forecast differ in shape (solid
    // line with dots, diamonds on a dashed line, a grey dashed line) as well as in colour.
    private const string Ink = "#1f2937", Muted = "#4b5563", Grid = "#d1d5db", Axis = "#6b7280";
    private const string ShareColour = "#31688e", TargetColour = "#8a4600", ForecastColour = "#4b5563";

    // A forecast decades away would squeeze the measured years into a corner; beyond this it is drawn to the edge.
    private const int ForecastYearsShown = 15;

    public static string RenderSvg(AdoptionChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var share = data.Share.Where(p => double.IsFinite(p.Percent)).OrderBy(p => p.Date).ToList();
        var targets = data.Targets.Where(t => double.IsFinite(t.Percent)).OrderBy(t => t.Due).ToList();
        var forecast = data.Forecast is { } f && double.IsFinite(f.Percent) && share.Count > 0 ? f : null;

        var sb = new StringBuilder(8192);
        var id = "innforing-" + StableHash(data.Title + "\n" + data.Description).ToString("x8", CultureInfo.InvariantCulture);
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" "));
        sb.Append(Inv($"role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"adoption-chart\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n"));
        sb.Append(Inv($"<title id=\"{id}-title\">{Esc(data.Title)}</title>\n"));
        sb.Append(Inv($"<desc id=\"{id}-desc\">{Esc(data.Description)}</desc>\n"));
        sb.Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n"));
        sb.Append(Inv($"<text x=\"{PlotLeft - 40}\" y=\"30\" font-size=\"17\" font-weight=\"bold\" fill=\"{Ink}\">{Esc(data.Title)}</text>\n"));

        if (share.Count == 0)
        {
            sb.Append(Inv($"<rect x=\"{PlotLeft}\" y=\"{PlotTop}\" width=\"{PlotRight - PlotLeft}\" height=\"{PlotBottom - PlotTop}\" fill=\"#f9fafb\" stroke=\"{Grid}\"/>\n"));
            sb.Append(Inv($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{(PlotTop + PlotBottom) / 2}\" text-anchor=\"middle\" font-size=\"16\" fill=\"{Muted}\">Ingen data</text>\n"));
            return sb.Append("</svg>\n").ToString();
        }

        var first = share[0].Date;
        var last = share[^1].Date;
        foreach (var t in targets)
        {
            if (t.Due < first) first = t.Due;
            if (t.Due > last) last = t.Due;
        }
        if (forecast is not null)
        {
            var shown = forecast.Date < share[^1].Date.AddYears(ForecastYearsShown) ? forecast.Date : share[^1].Date.AddYears(ForecastYearsShown);
            if (shown > last) last = shown;
        }
        var x0 = new DateOnly(first.Year, 1, 1).DayNumber;
        var x1 = new DateOnly(last.Year + 1, 1, 1).DayNumber;
        double X(DateOnly d) => PlotLeft + (Math.Clamp(d.DayNumber, x0, x1) - x0) * (PlotRight - PlotLeft) / (x1 - x0);
        static double Y(double percent) => PlotBottom - Math.Clamp(percent, 0, 100) * (PlotBottom - PlotTop) / 100;

        AppendLegend(sb, targets.Count > 0, forecast is not null);
        AppendAxes(sb, first.Year, last.Year, X);

        foreach (var t in targets)
        {
            double x = X(t.Due), y = Y(t.Percent);
            sb.Append(Inv($"<g class=\"target\"><title>{Esc(t.Label)}</title>"));
            sb.Append(Inv($"<line x1=\"{PlotLeft}\" y1=\"{R(y)}\" x2=\"{R(x)}\" y2=\"{R(y)}\" stroke=\"{TargetColour}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"));
            sb.Append(Inv($"<line x1=\"{R(x)}\" y1=\"{R(y)}\" x2=\"{R(x)}\" y2=\"{PlotBottom}\" stroke=\"{TargetColour}\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/></g>\n"));
        }

        sb.Append(Inv($"<g class=\"share\"><path d=\""));
        for (var i = 0; i < share.Count; i++) sb.Append(Inv($"{(i == 0 ? "M" : "L")}{R(X(share[i].Date))} {R(Y(share[i].Percent))}"));
        sb.Append(Inv($"\" fill=\"none\" stroke=\"{ShareColour}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n"));
        foreach (var p in share)
            sb.Append(Inv($"<circle cx=\"{R(X(p.Date))}\" cy=\"{R(Y(p.Percent))}\" r=\"3.5\" fill=\"{ShareColour}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Esc(Norwegian.Date(p.Date))}: {Esc(Percent(p.Percent))}</title></circle>\n"));
        sb.Append("</g>\n");

        // Labels keep clear of the target markers and of each other; the targets' labels are placed first.
        var labels = targets.Select(t => (X(t.Due) - 8, Y(t.Percent) - 8, X(t.Due) + 8, Y(t.Percent) + 8)).ToList();
        foreach (var t in targets)
        {
            sb.Append("<g class=\"target-label\">");
            AppendLabel(sb, labels, t.Label, X(t.Due), Y(t.Percent), TargetColour, forecast: false);
            sb.Append("</g>\n");
        }
        if (forecast is not null)
        {
            var from = share[^1];
            double fx = X(from.Date), fy = Y(from.Percent), tx = X(forecast.Date), ty = Y(forecast.Percent);
            var clipped = forecast.Date.DayNumber > x1;
            if (clipped)
                // Drawn to the right edge on the same slope, without an end point; the label still gives the date.
                ty = fy + (ty - fy) * (x1 - from.Date.DayNumber) / (forecast.Date.DayNumber - from.Date.DayNumber);
            var text = "Prognose: " + Norwegian.Date(forecast.Date);
            sb.Append(Inv($"<g class=\"forecast\"><title>{Esc(text)}</title>"));
            sb.Append(Inv($"<line x1=\"{R(fx)}\" y1=\"{R(fy)}\" x2=\"{R(tx)}\" y2=\"{R(ty)}\" stroke=\"{ForecastColour}\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>"));
            if (!clipped) sb.Append(Inv($"<circle cx=\"{R(tx)}\" cy=\"{R(ty)}\" r=\"4\" fill=\"#ffffff\" stroke=\"{ForecastColour}\" stroke-width=\"2\"/>"));
            AppendLabel(sb, labels, text, tx, ty, ForecastColour, forecast: true);
            sb.Append("</g>\n");
        }
        // The markers last, so no label of a neighbouring target covers them.
        foreach (var t in targets)
            sb.Append(Inv($"<path class=\"target-marker\" d=\"M{R(X(t.Due))} {R(Y(t.Percent) - 7)}l7 7 -7 7 -7 -7z\" fill=\"{TargetColour}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Esc(t.Label)}</title></path>\n"));
        return sb.Append("</svg>\n").ToString();
    }

    /// <summary>
    /// The date the share reaches <paramref name="percent"/> if the pace of the last <paramref name="window"/> continues:
    /// the pace is the slope of the least-squares line through the points no older than <paramref name="window"/>
    /// before the latest point, carried on from the latest point (so the forecast never starts before what was
    /// measured). Null with fewer than 2 points (in all, or inside the window), or a pace of zero or less. A share
    /// already at or above <paramref name="percent"/> gives the date it got there and stayed.
    /// </summary>
    public static DateOnly? Forecast(IReadOnlyList<ChartPoint> share, double percent, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(share);
        var points = share.Where(p => double.IsFinite(p.Percent)).OrderBy(p => p.Date).ToArray();
        if (points.Length < 2 || !double.IsFinite(percent)) return null;
        var latest = points[^1];
        if (latest.Percent >= percent)
        {
            var i = points.Length - 1;
            while (i > 0 && points[i - 1].Percent >= percent) i--;
            return points[i].Date;
        }

        var oldest = latest.Date.DayNumber - window.TotalDays;
        var inWindow = points.Where(p => p.Date.DayNumber >= oldest).ToArray();
        if (inWindow.Length < 2) return null;
        // Days counted from the latest point keep the sums small and exact enough.
        double n = inWindow.Length, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var p in inWindow)
        {
            double x = p.Date.DayNumber - latest.Date.DayNumber, y = p.Percent;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var denominator = n * sxx - sx * sx;
        if (denominator <= 0) return null;
        var slope = (n * sxy - sx * sy) / denominator;
        if (!(slope > 0)) return null;
        var day = latest.Date.DayNumber + Math.Round((percent - latest.Percent) / slope);
        return day <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber((int)day) : null;
    }

    private static void AppendLegend(StringBuilder sb, bool targets, bool forecast)
    {
        var x = PlotLeft - 40;
        const double y = 56;
        sb.Append(Inv($"<g class=\"legend\" font-size=\"{LabelSize}\" fill=\"{Ink}\">"));
        sb.Append(Inv($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{ShareColour}\" stroke-width=\"2.5\"/><circle cx=\"{x + 12}\" cy=\"{y - 4}\" r=\"3.5\" fill=\"{ShareColour}\"/>"));
        sb.Append(Inv($"<text x=\"{x + 30}\" y=\"{y}\">Andel i bruk</text>"));
        x += 30 + 12 * CharWidth + 24;
        if (targets)
        {
            sb.Append(Inv($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{TargetColour}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/><path d=\"M{x + 12} {y - 11}l7 7 -7 7 -7 -7z\" fill=\"{TargetColour}\"/>"));
            sb.Append(Inv($"<text x=\"{x + 30}\" y=\"{y}\">Mål</text>"));
            x += 30 + 3 * CharWidth + 24;
        }
        if (forecast)
        {
            sb.Append(Inv($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{ForecastColour}\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>"));
            sb.Append(Inv($"<text x=\"{x + 30}\" y=\"{y}\">Prognose med takten siste periode</text>"));
        }
        sb.Append("</g>\n");
    }

    private static void AppendAxes(StringBuilder sb, int firstYear, int lastYear, Func<DateOnly, double> x)
    {
        // Decoration only: the values are in the dots' titles, the labels and the description.
        sb.Append(Inv($"<g class=\"axes\" aria-hidden=\"true\" font-size=\"{LabelSize}\" fill=\"{Ink}\">\n"));
        for (var p = 0; p <= 100; p += 20)
        {
            var y = PlotBottom - p * (PlotBottom - PlotTop) / 100;
            sb.Append(Inv($"<line x1=\"{PlotLeft}\" y1=\"{R(y)}\" x2=\"{PlotRight}\" y2=\"{R(y)}\" stroke=\"{(p == 0 ? Axis : Grid)}\" stroke-width=\"1\"/>"));
            sb.Append(Inv($"<text x=\"{PlotLeft - 8}\" y=\"{R(y + 4)}\" text-anchor=\"end\">{Percent(p)}</text>\n"));
        }
        // Years are labelled in the middle of their span; with many years every second or fifth.
        var years = lastYear - firstYear + 1;
        var step = years <= 12 ? 1 : years <= 24 ? 2 : 5;
        for (var year = firstYear; year <= lastYear + 1; year++)
        {
            var left = x(new DateOnly(year, 1, 1));
            sb.Append(Inv($"<line x1=\"{R(left)}\" y1=\"{PlotBottom}\" x2=\"{R(left)}\" y2=\"{PlotBottom + 6}\" stroke=\"{Axis}\" stroke-width=\"1\"/>"));
            if (year <= lastYear && (year - firstYear) % step == 0)
            {
                var middle = (left + x(new DateOnly(year + 1, 1, 1))) / 2;
                sb.Append(Inv($"<text x=\"{R(middle)}\" y=\"{PlotBottom + 22}\" text-anchor=\"middle\">{year}</text>"));
            }
            sb.Append('\n');
        }
        sb.Append("</g>\n");
    }

    /// <summary>
    /// A label beside a point, at the first of a few places that stays inside the chart and clear of the markers
    /// and labels already placed: for a target first above its dashed line to the left, for the forecast first to
    /// the right of its end; then beside, below and above on either side. If every place is taken, the first that
    /// fits the chart.
    /// </summary>
    private static void AppendLabel(StringBuilder sb, List<(double X0, double Y0, double X1, double Y1)> placed, string text, double x, double y, string colour, bool forecast)
    {
        var width = text.Length * CharWidth;
        (bool End, double Dx, double Dy)[] candidates = forecast
            ? [(false, 10, 4), (true, -10, 20), (true, -10, -10), (false, 10, 20), (false, 10, -10)]
            : [(true, -10, -10), (false, 12, 4), (true, -10, 20), (false, 10, -10), (false, 10, 20)];
        (double Left, double Baseline, bool End)? chosen = null, fallback = null;
        foreach (var (end, dx, dy) in candidates)
        {
            var left = end ? x + dx - width : x + dx;
            var baseline = y + dy;
            if (left < PlotLeft - 40 || left + width > Width - 8 || baseline - LabelSize < PlotTop - 12 || baseline > PlotBottom - 2) continue;
            fallback ??= (left, baseline, end);
            if (placed.Any(r => left < r.X1 && left + width > r.X0 && baseline - LabelSize < r.Y1 && baseline + 2 > r.Y0)) continue;
            chosen = (left, baseline, end);
            break;
        }
        var (l, b, e) = chosen ?? fallback ?? (x + 10, Math.Clamp(y + 4, PlotTop, PlotBottom - 2), false);
        placed.Add((l, b - LabelSize, l + width, b + 2));
        sb.Append(Inv($"<text x=\"{R(e ? l + width : l)}\" y=\"{R(b)}\"{(e ? " text-anchor=\"end\"" : "")} font-size=\"{LabelSize}\" font-weight=\"bold\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{Esc(text)}</text>"));
    }

    /// <summary>"75 %", "42,5 %".</summary>
    private static string Percent(double p) => p.ToString("0.#", Norwegian.Culture) + "\u00A0%";

    private static string Esc(string? s) => SvgBarChart.Esc(s ?? "");

    private static double R(double v) => Math.Round(v, 1);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static uint StableHash(string s)
    {
        unchecked
        {
            var h = 2166136261u;
            foreach (var c in s) h = (h ^ c) * 16777619u;
            return h;
        }
    }
}
