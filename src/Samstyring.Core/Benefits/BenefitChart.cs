using System.Globalization;
using System.Security;
using System.Text;
using Samstyring.Core.Common;

namespace Samstyring.Core.Benefits;

/// <summary>
/// A benefit's indicator over time as self-contained SVG: the plan (a dashed line from the baseline to the target on its
/// due date) and the realised values at the end of their periods (a solid line with dots, starting at the baseline).
/// role="img" with title and desc, presentation attributes only, every text XML-escaped. The page shows the same
/// figures in a table beside it.
/// </summary>
public static class BenefitChart
{
    private const double Width = 640, Height = 320, Left = 72, Right = Width - 24, Top = 56, Bottom = Height - 40;
    private const string Ink = "#1f2937", Grid = "#d1d5db", PlanColour = "#8a4600", RealisedColour = "#31688e";

    public static string RenderSvg(Benefit b, IReadOnlyList<BenefitValue> values)
    {
        var points = values.Where(v => v.Period is not null).OrderBy(v => v.Period.End).Select(v => (Date: v.Period.End, v.Value)).ToList();
        var first = b.BaselineOn;
        var last = new[] { b.TargetDue }.Concat(points.Select(p => p.Date)).Max();
        var all = new[] { b.Baseline, b.Target }.Concat(points.Select(p => p.Value)).ToList();
        decimal lo = all.Min(), hi = all.Max();
        if (lo == hi) { lo -= 1; hi += 1; }
        var pad = (hi - lo) * 0.1m;
        lo -= pad;
        hi += pad;
        if (lo < 0 && all.Min() >= 0) lo = 0;
        double X(DateOnly d) => Left + (d.DayNumber - first.DayNumber) * (Right - Left) / Math.Max(1, last.DayNumber - first.DayNumber);
        double Y(decimal v) => Bottom - (double)((v - lo) / (hi - lo)) * (Bottom - Top);

        var title = $"{b.Title}: {b.Indicator} ({b.Unit})";
        var desc = $"Utgangsverdi {Num(b.Baseline)} {b.Unit} per {Norwegian.Date(b.BaselineOn)}, mål {Num(b.Target)} {b.Unit} innen {Norwegian.Date(b.TargetDue)}. "
                   + (points.Count == 0 ? "Ingen realiserte verdier er rapportert ennå."
                       : "Realisert: " + string.Join("; ", points.Select(p => $"{Num(p.Value)} per {Norwegian.Date(p.Date)}")) + ".");
        var sb = new StringBuilder(4096);
        var id = "gevinst-" + b.Id.ToString(CultureInfo.InvariantCulture);
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n"));
        sb.Append(Inv($"<title id=\"{id}-title\">{Esc(title)}</title>\n<desc id=\"{id}-desc\">{Esc(desc)}</desc>\n"));
        sb.Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n"));
        // Legend: the two lines differ in dash and marker as well as colour.
        sb.Append(Inv($"<line x1=\"{Left}\" y1=\"24\" x2=\"{Left + 28}\" y2=\"24\" stroke=\"{PlanColour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"));
        sb.Append(Inv($"<text x=\"{Left + 34}\" y=\"28\" font-size=\"12\" fill=\"{Ink}\">Plan (utgangsverdi til mål)</text>\n"));
        sb.Append(Inv($"<line x1=\"{Left + 220}\" y1=\"24\" x2=\"{Left + 248}\" y2=\"24\" stroke=\"{RealisedColour}\" stroke-width=\"2\"/><circle cx=\"{Left + 234}\" cy=\"24\" r=\"3.5\" fill=\"{RealisedColour}\"/>"));
        sb.Append(Inv($"<text x=\"{Left + 254}\" y=\"28\" font-size=\"12\" fill=\"{Ink}\">Realisert</text>\n"));
        for (var k = 0; k <= 4; k++)
        {
            var v = lo + (hi - lo) * k / 4;
            var y = Y(v);
            sb.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Right}\" y2=\"{y:0.#}\" stroke=\"{Grid}\"/>"));
            sb.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"{Ink}\">{Esc(Num(decimal.Round(v, 1)))}</text>\n"));
        }
        for (var year = first.Year + (first.DayOfYear == 1 ? 0 : 1); year <= last.Year; year++)
        {
            var x = X(new DateOnly(year, 1, 1));
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{Bottom}\" x2=\"{x:0.#}\" y2=\"{Bottom + 4}\" stroke=\"{Ink}\"/>"));
            sb.Append(Inv($"<text x=\"{x:0.#}\" y=\"{Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\" fill=\"{Ink}\">{year}</text>\n"));
        }
        sb.Append(Inv($"<line x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Right}\" y2=\"{Bottom}\" stroke=\"{Ink}\"/>\n"));
        sb.Append(Inv($"<line x1=\"{X(b.BaselineOn):0.#}\" y1=\"{Y(b.Baseline):0.#}\" x2=\"{X(b.TargetDue):0.#}\" y2=\"{Y(b.Target):0.#}\" stroke=\"{PlanColour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"));
        sb.Append(Inv($"<rect x=\"{X(b.TargetDue) - 5:0.#}\" y=\"{Y(b.Target) - 5:0.#}\" width=\"10\" height=\"10\" fill=\"{PlanColour}\"/>\n"));
        if (points.Count > 0)
        {
            var line = string.Join(" ", new[] { (Date: b.BaselineOn, Value: b.Baseline) }.Concat(points).Select(p => Inv($"{X(p.Date):0.#},{Y(p.Value):0.#}")));
            sb.Append(Inv($"<polyline points=\"{line}\" fill=\"none\" stroke=\"{RealisedColour}\" stroke-width=\"2.5\"/>\n"));
            foreach (var p in points) sb.Append(Inv($"<circle cx=\"{X(p.Date):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"4\" fill=\"{RealisedColour}\"/>"));
        }
        return sb.Append("\n</svg>\n").ToString();
    }

    public static string Num(decimal v) => v.ToString("#,0.####", Norwegian.Culture);

    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
