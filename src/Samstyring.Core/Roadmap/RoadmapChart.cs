using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;
using static Samstyring.Core.Roadmap.RoadmapChartLayout;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// The roadmap as a time chart: services down (grouped by area), years and quarters across, one bar per actor-group
/// plan, plans postponed indefinitely in a column on the right, first and last actor group in use marked, dependencies
/// drawn as arrows between rows (late ones in red), today's date as a vertical line. One layout
/// (<see cref="RoadmapChartLayout"/>) drawn as SVG or as a paginated PDF.
/// </summary>
/// <remarks>
/// The SVG works both as a file and inline in a page under a strict content security policy: presentation attributes
/// only (no style attributes, no CSS, no script), every text XML-escaped. Trial and rollout differ in colour and in
/// pattern (hatched versus solid), so the chart reads in greyscale and for colour-blind readers.
/// </remarks>
public static class RoadmapChart
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ================================================================== SVG

    public static string ToSvg(RoadmapView view, DateOnly today) => Svg(Build(view, today));

    private static string Svg(RoadmapChartLayout l)
    {
        var view = l.View;
        using var sb = new SvgBuffer(16_384 + l.PlanCount * 420);
        var id = "veikart-" + IdPart(view.Number);
        var hatch = $"url(#{id}-utproving)";
        sb.Write($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {P(l.Width)} {P(l.Height)}\" width=\"{P(l.Width)}\" height=\"{P(l.Height)}\" ");
        sb.Write($"role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"roadmap-chart\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n");
        sb.Write($"<title id=\"{id}-title\">");
        Esc(sb, l.Title);
        sb.Write($"</title>\n<desc id=\"{id}-desc\">");
        Esc(sb, l.Description);
        sb.Append("</desc>\n");
        sb.Write($"<defs><pattern id=\"{id}-utproving\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">");
        sb.Write($"<rect width=\"6\" height=\"6\" fill=\"{TrialFill}\"/><rect width=\"2.2\" height=\"6\" fill=\"{TrialHatch}\"/></pattern></defs>\n");
        sb.Write($"<rect width=\"{P(l.Width)}\" height=\"{P(l.Height)}\" fill=\"{White}\"/>\n");

        SvgText(sb, new ChartText(Margin, Margin + 20, l.Title, TitleSize, true, Ink));
        SvgText(sb, new ChartText(Margin, Margin + 40, l.Subtitle, SubtitleSize, false, Muted));
        SvgLegend(sb, l, hatch);
        SvgAxis(sb, l);

        // Connectors under the bars: they disappear behind bars they cross and their arrowheads sit in the gaps.
        // The rows' most common text size and colour are set once here; SvgText(inRows: true) leaves them out.
        sb.Write($"<g font-size=\"{P(SmallSize)}\" fill=\"{Ink}\">\n");
        foreach (var c in l.Connectors) SvgConnector(sb, l, c);
        foreach (var row in l.Rows) SvgRow(sb, l, row, hatch);
        sb.Append("</g>\n");

        sb.Append("<g class=\"today\">");
        sb.Write($"<line x1=\"{P(l.TodayX)}\" y1=\"{P(l.AxisTop + 16)}\" x2=\"{P(l.TodayX)}\" y2=\"{P(l.RowsBottom)}\" stroke=\"{Today}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        SvgText(sb, new ChartText(l.TodayLabelX, l.AxisTop + 12, l.TodayLabel, SmallSize, true, Today, l.TodayLabelAnchor));
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    private static RoadmapChartLayout Build(RoadmapView view, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        return RoadmapChartLayout.Build(view, today);
    }

    private static void SvgLegend(SvgBuffer sb, RoadmapChartLayout l, string hatch)
    {
        sb.Append("<g class=\"legend\">");
        foreach (var item in l.Legend)
        {
            double x = item.X, y = item.Y, w = item.Swatch;
            switch (item.Kind)
            {
                case LegendKind.Rollout:
                    sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y - 6.5)}\" width=\"{P(w)}\" height=\"13\" fill=\"{Rollout}\" stroke=\"{RolloutEdge}\"/>");
                    break;
                case LegendKind.Trial:
                    sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y - 6.5)}\" width=\"{P(w)}\" height=\"13\" fill=\"{hatch}\" stroke=\"{TrialEdge}\"/>");
                    break;
                case LegendKind.Approximately:
                    sb.Write($"<rect x=\"{P(x + 3)}\" y=\"{P(y - 4)}\" width=\"{P(w - 6)}\" height=\"8\" fill=\"{Rollout}\"/>");
                    sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y - 7)}\" width=\"{P(w)}\" height=\"14\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>");
                    break;
                case LegendKind.Earliest:
                    sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y - 6.5)}\" width=\"{P(w - 12)}\" height=\"13\" fill=\"{Rollout}\"/>");
                    SvgArrowRight(sb, x + w - 12, y, RolloutEdge);
                    break;
                case LegendKind.Latest:
                    sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y - 6.5)}\" width=\"{P(w - 2)}\" height=\"13\" fill=\"{Rollout}\" stroke=\"{RolloutEdge}\"/>");
                    sb.Write($"<line x1=\"{P(x + w - 2)}\" y1=\"{P(y - 9.5)}\" x2=\"{P(x + w - 2)}\" y2=\"{P(y + 9.5)}\" stroke=\"{Ink}\" stroke-width=\"2.5\"/>");
                    break;
                case LegendKind.First: SvgIcon(sb, new ChartIconAt(ChartIcon.First, x + w / 2, y), 0); break;
                case LegendKind.Last: SvgIcon(sb, new ChartIconAt(ChartIcon.Last, x + w / 2, y), 0); break;
                case LegendKind.Dependency:
                    sb.Write($"<path d=\"M{P(x)} {P(y)}H{P(x + w - 7)}\" stroke=\"{Connector}\" stroke-width=\"1.5\" fill=\"none\"/>");
                    sb.Write($"<path d=\"M{P(x + w)} {P(y)}l-7 -4v8z\" fill=\"{Connector}\"/>");
                    break;
                case LegendKind.LateDependency:
                    SvgIcon(sb, new ChartIconAt(ChartIcon.Warning, x + 6, y), 0);
                    sb.Write($"<path d=\"M{P(x + 14)} {P(y)}H{P(x + w - 7)}\" stroke=\"{Warning}\" stroke-width=\"2\" stroke-dasharray=\"4 2\" fill=\"none\"/>");
                    sb.Write($"<path d=\"M{P(x + w)} {P(y)}l-7 -4v8z\" fill=\"{Warning}\"/>");
                    break;
                case LegendKind.Today:
                    sb.Write($"<line x1=\"{P(x + w / 2)}\" y1=\"{P(y - 9)}\" x2=\"{P(x + w / 2)}\" y2=\"{P(y + 9)}\" stroke=\"{Today}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
                    break;
            }
            SvgText(sb, new ChartText(x + w + 6, y + 4.2, item.Text, LegendSize, false, Ink));
        }
        sb.Append("</g>\n");
    }

    private static void SvgAxis(SvgBuffer sb, RoadmapChartLayout l)
    {
        var top = l.AxisTop + 18;
        var yearBaseline = top + YearSize;
        var quarterBaseline = yearBaseline + 6 + QuarterSize;
        sb.Append("<g class=\"axis\" aria-hidden=\"true\">");
        foreach (var (year, x0, x1) in l.Years)
        {
            if ((year - l.FirstYear) % 2 == 1)
                sb.Write($"<rect x=\"{P(x0)}\" y=\"{P(top)}\" width=\"{P(x1 - x0)}\" height=\"{P(l.RowsBottom - top)}\" fill=\"{YearBand}\"/>");
        }
        if (l.HasPostponed)
            sb.Write($"<rect x=\"{P(l.PostponedLeft - 8)}\" y=\"{P(top)}\" width=\"{P(l.PostponedWidth + 8)}\" height=\"{P(l.RowsBottom - top)}\" fill=\"{PostponedBand}\" stroke=\"{Grid}\"/>");
        // Area header bands belong to the background, so connectors stay visible across them.
        foreach (var row in l.Rows)
            if (row.Kind == ChartRowKind.Area)
                sb.Write($"<rect x=\"{P(Margin)}\" y=\"{P(row.Y)}\" width=\"{P(l.Width - 2 * Margin)}\" height=\"{P(row.Height)}\" fill=\"{AreaBand}\"/>");
        var quarterWidth = l.Quarters.Count > 0 ? l.Quarters[0].X1 - l.Quarters[0].X0 : 0;
        foreach (var (x0, x1, q) in l.Quarters)
        {
            if (q > 1) sb.Write($"<line x1=\"{P(x0)}\" y1=\"{P(quarterBaseline - QuarterSize - 1)}\" x2=\"{P(x0)}\" y2=\"{P(l.RowsTop)}\" stroke=\"{YearLine}\"/>");
            if (quarterWidth >= 18) SvgText(sb, new ChartText((x0 + x1) / 2, quarterBaseline, QuarterLabel(q), QuarterSize, false, Muted, ChartAnchor.Middle));
        }
        foreach (var (year, x0, x1) in l.Years)
        {
            sb.Write($"<line x1=\"{P(x0)}\" y1=\"{P(top)}\" x2=\"{P(x0)}\" y2=\"{P(l.RowsBottom)}\" stroke=\"{YearLine}\"/>");
            var label = year.ToString(Inv);
            SvgText(sb, new ChartText((x0 + x1) / 2, yearBaseline, label, YearSize, true, Ink, ChartAnchor.Middle));
            SvgText(sb, new ChartText((x0 + x1) / 2, l.RowsBottom + 8 + YearSize, label, YearSize, true, Ink, ChartAnchor.Middle));
        }
        sb.Write($"<line x1=\"{P(l.TimelineRight)}\" y1=\"{P(top)}\" x2=\"{P(l.TimelineRight)}\" y2=\"{P(l.RowsBottom)}\" stroke=\"{YearLine}\"/>");
        sb.Write($"<line x1=\"{P(Margin)}\" y1=\"{P(l.RowsTop)}\" x2=\"{P(l.Width - Margin)}\" y2=\"{P(l.RowsTop)}\" stroke=\"{YearLine}\"/>");
        sb.Write($"<line x1=\"{P(Margin)}\" y1=\"{P(l.RowsBottom)}\" x2=\"{P(l.Width - Margin)}\" y2=\"{P(l.RowsBottom)}\" stroke=\"{YearLine}\"/>");
        sb.Append("</g>\n");
        if (l.HasPostponed)
        {
            for (var i = 0; i < l.PostponedHeader.Count; i++)
                SvgText(sb, new ChartText(l.PostponedLeft, yearBaseline - (l.PostponedHeader.Count - 1 - i) * 13 + (l.PostponedHeader.Count > 1 ? 6 : 0),
                    l.PostponedHeader[i], SmallSize, true, Ink));
        }
        SvgText(sb, new ChartText(LabelLeft, yearBaseline, "Tjeneste (mål)", SmallSize, true, Ink));
    }

    private static void SvgRow(SvgBuffer sb, RoadmapChartLayout l, ChartRow row, string hatch)
    {
        var dy = row.Y;
        if (row.Kind == ChartRowKind.Area)
        {
            sb.Append("<g class=\"area\">");
            foreach (var t in row.Texts) SvgText(sb, t, dy, inRows: true);
            sb.Append("</g>\n");
            return;
        }
        var service = row.Service!;
        sb.Append("<g class=\"service").Append(service.HasLateDependency ? " late-dependency" : "").Append("\" data-key=\"");
        Esc(sb, service.Key);
        sb.Append("\"><title>");
        Esc(sb, service.Goal);
        sb.Append("</title>");
        sb.Write($"<line x1=\"{P(Margin)}\" y1=\"{P(dy + row.Height)}\" x2=\"{P(l.Width - Margin)}\" y2=\"{P(dy + row.Height)}\" stroke=\"{Grid}\"/>");
        foreach (var icon in row.Icons) SvgIcon(sb, icon, dy);
        foreach (var t in row.Texts) SvgText(sb, t, dy, inRows: true);
        foreach (var label in row.Labels)
        {
            sb.Append("<g class=\"").Append(label.Class).Append('"');
            sb.Append(label.Class.StartsWith("dependency", StringComparison.Ordinal) ? " data-target=\"" : " data-actor-group=\"");
            Esc(sb, label.Data);
            sb.Append("\">");
            if (label.Tooltip is not null)
            {
                sb.Append("<title>");
                Esc(sb, label.Tooltip);
                sb.Append("</title>");
            }
            foreach (var t in label.Lines) SvgText(sb, t, dy, inRows: true);
            sb.Append("</g>");
        }
        sb.Append('\n');
        foreach (var bar in row.Bars) SvgBar(sb, bar, dy, hatch);
        foreach (var p in row.Postponed)
        {
            var kind = p.Plan.Kind == PlanKind.Trial ? "trial" : "rollout";
            sb.Append("<g class=\"postponed ").Append(kind).Append("\" data-actor-group=\"");
            Esc(sb, p.Plan.ActorGroup);
            sb.Append("\"><title>");
            Esc(sb, p.Plan.ActorGroup);
            sb.Append(" – ").Append(p.Plan.Kind == PlanKind.Trial ? "utprøving" : "innføring").Append(": ");
            Esc(sb, p.Plan.Date.Written);
            sb.Append("</title>");
            var y = dy + p.Y;
            sb.Write($"<rect x=\"{P(l.PostponedLeft)}\" y=\"{P(y + 3)}\" width=\"16\" height=\"11\" fill=\"{(p.Plan.Kind == PlanKind.Trial ? hatch : Rollout)}\" stroke=\"{(p.Plan.Kind == PlanKind.Trial ? TrialEdge : RolloutEdge)}\"/>");
            SvgText(sb, new ChartText(l.PostponedLeft + 22, y + 12.5, p.Label, BarLabelSize, false, Ink), inRows: true);
            sb.Append("</g>\n");
        }
        sb.Append("</g>\n");
    }

    private static void SvgBar(SvgBuffer sb, ChartBar bar, double dy, string hatch)
    {
        var p = bar.Plan;
        var trial = p.Kind == PlanKind.Trial;
        double x = bar.X, y = dy + bar.Y, w = bar.Width, h = BarHeight, cy = y + h / 2, x1 = x + w;
        var edge = trial ? TrialEdge : RolloutEdge;
        sb.Append("<g class=\"plan ").Append(trial ? "trial" : "rollout").Append("\" data-actor-group=\"");
        Esc(sb, p.ActorGroup);
        sb.Append("\"><title>");
        Esc(sb, p.ActorGroup);
        sb.Append(trial ? " – utprøving: " : " – innføring: ");
        Esc(sb, p.Date.Written);
        if (bar.First) sb.Append(" (først i bruk)");
        if (bar.Last) sb.Append(" (sist i bruk)");
        if (!string.IsNullOrWhiteSpace(p.Note))
        {
            sb.Append(". ");
            Esc(sb, p.Note);
        }
        sb.Append("</title>");
        var fill = trial ? hatch : Rollout;
        switch (p.Date.Qualifier)
        {
            case PlannedDateQualifier.Earliest:
                // Open right edge and an arrow: it may come later.
                sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y)}\" width=\"{P(w)}\" height=\"{P(h)}\" fill=\"{fill}\"/>");
                sb.Write($"<path d=\"M{P(x1)} {P(y)}H{P(x)}V{P(y + h)}H{P(x1)}\" fill=\"none\" stroke=\"{edge}\"/>");
                SvgArrowRight(sb, x1, cy, edge);
                break;
            case PlannedDateQualifier.Approximately:
                sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y)}\" width=\"{P(w)}\" height=\"{P(h)}\" fill=\"{fill}\" stroke=\"{edge}\"/>");
                sb.Write($"<rect x=\"{P(x - 3)}\" y=\"{P(y - 3)}\" width=\"{P(w + 6)}\" height=\"{P(h + 6)}\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>");
                break;
            default:
                sb.Write($"<rect x=\"{P(x)}\" y=\"{P(y)}\" width=\"{P(w)}\" height=\"{P(h)}\" fill=\"{fill}\" stroke=\"{edge}\"/>");
                if (p.Date.Qualifier == PlannedDateQualifier.Latest)
                    sb.Write($"<line x1=\"{P(x1)}\" y1=\"{P(y - 3)}\" x2=\"{P(x1)}\" y2=\"{P(y + h + 3)}\" stroke=\"{Ink}\" stroke-width=\"2.5\"/>");
                break;
        }
        if (bar.First) SvgIcon(sb, new ChartIconAt(ChartIcon.First, x - 6, cy), 0);
        if (bar.Last) SvgIcon(sb, new ChartIconAt(ChartIcon.Last, bar.LastMarkerX, cy), 0);
        var colour = Ink;
        if (bar.LabelInside)
        {
            if (trial)
                sb.Write($"<rect x=\"{P(bar.LabelX - 2)}\" y=\"{P(y + 1.5)}\" width=\"{P(bar.LabelWidth + 4)}\" height=\"{P(h - 3)}\" fill=\"{White}\"/>");
            else colour = White;
        }
        SvgText(sb, new ChartText(bar.LabelX, y + 10, bar.Label, BarLabelSize, false, colour, bar.LabelAnchor), halo: !bar.LabelInside, inRows: true);
        sb.Append("</g>\n");
    }

    private static void SvgConnector(SvgBuffer sb, RoadmapChartLayout l, ChartConnector c)
    {
        var from = l.Rows[c.FromRow];
        var to = l.Rows[c.ToRow];
        var late = c.Dependency.IsLate;
        var colour = late ? Warning : Connector;
        sb.Append("<g class=\"dependency").Append(late ? " late" : "").Append("\" data-from=\"");
        Esc(sb, c.Dependency.TargetKey);
        sb.Append("\" data-to=\"");
        Esc(sb, to.Service!.Key);
        sb.Append("\"><title>");
        Esc(sb, to.Service.Goal);
        sb.Append(late ? " – ⚠ Forsinket avhengighet: " : " – avhenger av: ");
        Esc(sb, from.Service!.Goal);
        if (late && !string.IsNullOrWhiteSpace(c.Dependency.LateReason))
        {
            sb.Append(". ");
            Esc(sb, c.Dependency.LateReason);
        }
        sb.Append("</title>");
        var (points, tick, arrow) = c.Route(from.Y, to.Y);
        var dash = late ? " stroke-dasharray=\"6 3\"" : "";
        sb.Write($"<path d=\"M{P(points[0].X)} {P(points[0].Y)}");
        for (var i = 1; i < points.Count; i++) sb.Write($"L{P(points[i].X)} {P(points[i].Y)}");
        sb.Write($"\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{P(late ? 2 : 1.5)}\" stroke-linejoin=\"round\"");
        sb.Append(dash).Append("/>");
        if (tick is { } t) sb.Write($"<path d=\"M{P(points[0].X)} {P(points[0].Y)}V{P(t)}\" stroke=\"{colour}\" stroke-width=\"1\" stroke-dasharray=\"1.5 1.5\"/>");
        sb.Write($"<circle cx=\"{P(points[0].X)}\" cy=\"{P(points[0].Y)}\" r=\"2.5\" fill=\"{colour}\"/>");
        sb.Write($"<path d=\"M{P(arrow[0].X)} {P(arrow[0].Y)}L{P(arrow[1].X)} {P(arrow[1].Y)}L{P(arrow[2].X)} {P(arrow[2].Y)}z\" fill=\"{colour}\"/>");
        sb.Append("</g>\n");
    }

    private static void SvgIcon(SvgBuffer sb, ChartIconAt icon, double dy)
    {
        double x = icon.X, y = icon.Y + dy;
        switch (icon.Kind)
        {
            case ChartIcon.First:
                sb.Write($"<path d=\"M{P(x - 4)} {P(y - 5)}l8.5 5l-8.5 5z\" fill=\"{Ink}\"/>");
                break;
            case ChartIcon.Last:
                sb.Write($"<circle cx=\"{P(x)}\" cy=\"{P(y)}\" r=\"4.2\" fill=\"{Ink}\"/>");
                break;
            case ChartIcon.Warning:
                sb.Write($"<path d=\"M{P(x)} {P(y - 6)}l6.5 11.5h-13z\" fill=\"{Warning}\"/>");
                sb.Write($"<rect x=\"{P(x - 0.8)}\" y=\"{P(y - 2.5)}\" width=\"1.6\" height=\"4.5\" fill=\"{White}\"/>");
                sb.Write($"<rect x=\"{P(x - 0.8)}\" y=\"{P(y + 3)}\" width=\"1.6\" height=\"1.5\" fill=\"{White}\"/>");
                break;
        }
    }

    private static void SvgArrowRight(SvgBuffer sb, double x, double y, string colour)
    {
        sb.Write($"<path d=\"M{P(x)} {P(y)}h{P(EarliestArrow - 7)}\" stroke=\"{colour}\" stroke-width=\"1.5\" fill=\"none\"/>");
        sb.Write($"<path d=\"M{P(x + EarliestArrow)} {P(y)}l-7 -4.5v9z\" fill=\"{colour}\"/>");
    }

    /// <param name="halo">A white outline under the glyphs, so a dependency arrow passing behind the label does not cut through it.</param>
    /// <param name="inRows">Inside the rows group, which sets the small size and the ink colour.</param>
    private static void SvgText(SvgBuffer sb, ChartText t, double dy = 0, bool halo = false, bool inRows = false)
    {
        sb.Write($"<text x=\"{P(t.X)}\" y=\"{P(t.Y + dy)}\"");
        if (!inRows || t.Size != SmallSize) sb.Write($" font-size=\"{P(t.Size)}\"");
        if (!inRows || t.Colour != Ink) sb.Write($" fill=\"{t.Colour}\"");
        if (halo) sb.Append(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        if (t.Bold) sb.Append(" font-weight=\"bold\"");
        if (t.Anchor != ChartAnchor.Start) sb.Append(t.Anchor == ChartAnchor.Middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
        sb.Append('>');
        Esc(sb, t.Text);
        sb.Append("</text>");
    }

    private static Px P(double value) => new(value);

    /// <summary>
    /// The SVG text being written, in a pooled buffer: a chart of 20 000 plans is about 9 million characters, and taking a
    /// fresh buffer of that size for every render costs more than writing it. Only the final string is new memory.
    /// </summary>
    private sealed class SvgBuffer : IDisposable
    {
        private char[] _buffer;
        private int _length;

        public SvgBuffer(int capacity) => _buffer = ArrayPool<char>.Shared.Rent(capacity);

        public SvgBuffer Append(string? s) => s is null ? this : Append(s.AsSpan());

        public SvgBuffer Append(string s, int start, int count) => Append(s.AsSpan(start, count));

        public SvgBuffer Append(ReadOnlySpan<char> s)
        {
            Reserve(s.Length);
            s.CopyTo(_buffer.AsSpan(_length));
            _length += s.Length;
            return this;
        }

        public SvgBuffer Append(char c)
        {
            Reserve(1);
            _buffer[_length++] = c;
            return this;
        }

        public void Append<T>(T value) where T : ISpanFormattable
        {
            int written;
            while (!value.TryFormat(_buffer.AsSpan(_length), out written, default, CultureInfo.InvariantCulture)) Reserve(_buffer.Length - _length + 64);
            _length += written;
        }

        /// <summary>Appends an interpolated string: literals as they are, <see cref="Px"/> and numbers invariantly.</summary>
        public void Write([InterpolatedStringHandlerArgument("")] ref SvgHandler handler) => _ = handler;

        public void Reserve(int count)
        {
            if (_length + count <= _buffer.Length) return;
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        public override string ToString() => new(_buffer, 0, _length);

        public void Dispose()
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
    }

    [InterpolatedStringHandler]
    private readonly ref struct SvgHandler
    {
        private readonly SvgBuffer _buffer;

        public SvgHandler(int literalLength, int formattedCount, SvgBuffer buffer)
        {
            _buffer = buffer;
            buffer.Reserve(literalLength + formattedCount * 16);
        }

        public void AppendLiteral(string s) => _buffer.Append(s);
        public void AppendFormatted(string? s) => _buffer.Append(s);
        public void AppendFormatted(Px value) => _buffer.Append(value);
        public void AppendFormatted(int value) => _buffer.Append(value);
    }

    /// <summary>
    /// A coordinate with at most one decimal ("12.5", "12", "-3.1"), invariant by construction. Formatting tens of
    /// thousands of doubles is the hot path of a large chart, and this is several times faster than "F1".
    /// </summary>
    private readonly struct Px(double value) : ISpanFormattable
    {
        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            charsWritten = 0;
            var tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
            var pos = 0;
            if (tenths < 0)
            {
                if (destination.Length < 1) return false;
                destination[pos++] = '-';
                tenths = -tenths;
            }
            if (!(tenths / 10).TryFormat(destination[pos..], out var n, default, CultureInfo.InvariantCulture)) return false;
            pos += n;
            var fraction = (int)(tenths % 10);
            if (fraction != 0)
            {
                if (destination.Length < pos + 2) return false;
                destination[pos++] = '.';
                destination[pos++] = (char)('0' + fraction);
            }
            charsWritten = pos;
            return true;
        }

        public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

        public override string ToString()
        {
            Span<char> buffer = stackalloc char[32];
            return TryFormat(buffer, out var n, default, null) ? new string(buffer[..n]) : value.ToString("F1", CultureInfo.InvariantCulture);
        }
    }

    private static string QuarterLabel(int q) => q switch { 1 => "K1", 2 => "K2", 3 => "K3", _ => "K4" };

    /// <summary>Appends text escaped for XML content and attribute values, dropping characters XML 1.0 cannot hold.</summary>
    private static void Esc(SvgBuffer sb, string? s)
    {
        if (string.IsNullOrEmpty(s)) return;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? replacement;
            if (c < 0x20)
                replacement = c is '\t' or '\n' or '\r' ? " " : "";
            else if (c is '&' or '<' or '>' or '"' or '\'')
                replacement = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", _ => "&#39;" };
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                replacement = "";
            else continue;
            sb.Append(s, start, i - start).Append(replacement);
            start = i + 1;
        }
        sb.Append(s, start, s.Length - start);
    }

    /// <summary>A version number as an XML id part ("21.1" → "21-1").</summary>
    private static string IdPart(string number)
    {
        var sb = new StringBuilder(number.Length);
        foreach (var c in number) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return sb.ToString();
    }

    // ================================================================== PDF

    private const double PageWidth = 1190.55, PageHeight = 841.89; // A3 landscape
    private const double PageMargin = 28, FooterHeight = 26;

    /// <summary>
    /// The chart on landscape A3 pages: every page repeats the title, legend and axis; rows flow from page to page, an
    /// area header is repeated ("forts.") when its services continue on a new page, and arrows are drawn between rows on
    /// the same page (the dependency is also named in the row's label column).
    /// </summary>
    public static byte[] ToPdf(RoadmapView view, DateOnly today)
    {
        var l = Build(view, today);
        PdfFonts.EnsureInstalled();
        var scale = Math.Min(1, (PageWidth - 2 * PageMargin) / l.Width);
        var usable = (PageHeight - PageMargin - FooterHeight) / scale;   // layout units from the top of the layout
        var rowsRoom = usable - l.RowsTop - (8 + YearSize + 4);

        // Paginate: a page holds whole rows; an area header never ends a page.
        var pages = new List<List<int>>();
        var current = new List<int>();
        double used = 0;
        for (var i = 0; i < l.Rows.Count; i++)
        {
            var h = l.Rows[i].Height;
            if (l.Rows[i].Kind == ChartRowKind.Area && i + 1 < l.Rows.Count) h += l.Rows[i + 1].Height;
            if (current.Count > 0 && used + h > rowsRoom)
            {
                pages.Add(current);
                current = [];
                used = 0;
            }
            if (current.Count == 0 && l.Rows[i].Kind == ChartRowKind.Service) used += AreaRowHeight; // "forts." header
            current.Add(i);
            used += l.Rows[i].Height;
        }
        if (current.Count > 0 || pages.Count == 0) pages.Add(current);

        using var pdf = new PdfDocument();
        pdf.Info.Title = l.Title;
        pdf.Info.Subject = l.Description;
        pdf.Info.Creator = "Samstyring";
        pdf.Language = "nb-NO";
        pdf.ViewerPreferences.DisplayDocTitle = true;
        pdf.Options.CompressContentStreams = true;
        var r = new PdfRenderer(l);
        for (var n = 0; n < pages.Count; n++)
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A3;
            page.Orientation = PageOrientation.Landscape;
            using var g = XGraphics.FromPdfPage(page);
            var footer = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
            var muted = new XSolidBrush(Hex(Muted));
            var number = $"Side {n + 1} av {pages.Count}";
            g.DrawString(number, footer, muted, PageWidth - PageMargin - g.MeasureString(number, footer).Width, PageHeight - 14);
            g.DrawString($"{l.Title} · {l.TodayLabel}", footer, muted, PageMargin, PageHeight - 14);
            var state = g.Save();
            // A single service taller than a page (dozens of lanes) is shrunk to fit rather than cut off.
            var content = l.RowsTop + (8 + YearSize + 4) - Margin;
            foreach (var i in pages[n]) content += l.Rows[i].Height;
            if (pages[n].Count > 0 && l.Rows[pages[n][0]].Kind == ChartRowKind.Service) content += AreaRowHeight;
            var pageScale = Math.Min(scale, (PageHeight - PageMargin - FooterHeight) / content);
            g.TranslateTransform(PageMargin - Margin * pageScale, PageMargin - Margin * pageScale);
            g.ScaleTransform(pageScale);
            r.Page(g, pages[n]);
            g.Restore(state);
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private static XColor Hex(string hex)
    {
        var v = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, Inv);
        return XColor.FromArgb((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }

    /// <summary>Draws pages of the layout with PDFsharp; brushes, pens and fonts are made once.</summary>
    private sealed class PdfRenderer(RoadmapChartLayout l)
    {
        private readonly Dictionary<string, XSolidBrush> _brushes = [];
        private readonly Dictionary<(double, bool), XFont> _fonts = [];
        private readonly XPen _grid = new(Hex(Grid), 1), _yearLine = new(Hex(YearLine), 1);
        private readonly XPen _rolloutEdge = new(Hex(RolloutEdge), 1), _trialEdge = new(Hex(TrialEdge), 1);
        private readonly XPen _hatch = new(Hex(TrialHatch), 2.2);
        private readonly XPen _dashed = new(Hex(Ink), 1.2) { DashStyle = XDashStyle.Dash };
        private readonly XPen _latest = new(Hex(Ink), 2.5);
        private readonly XPen _today = new(Hex(Today), 2) { DashStyle = XDashStyle.Dash };
        private readonly XPen _connector = new(Hex(Connector), 1.5) { LineJoin = XLineJoin.Round };
        private readonly XPen _lateConnector = new(Hex(Warning), 2) { DashStyle = XDashStyle.Dash, LineJoin = XLineJoin.Round };
        private readonly XPen _tick = new(Hex(RoadmapChartLayout.Connector), 1) { DashStyle = XDashStyle.Dot };
        private readonly XPen _lateTick = new(Hex(Warning), 1) { DashStyle = XDashStyle.Dot };

        private XSolidBrush Brush(string hex)
        {
            if (!_brushes.TryGetValue(hex, out var b)) _brushes[hex] = b = new XSolidBrush(Hex(hex));
            return b;
        }

        private XFont Font(double size, bool bold)
        {
            if (!_fonts.TryGetValue((size, bold), out var f))
                _fonts[(size, bold)] = f = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            return f;
        }

        public void Page(XGraphics g, List<int> rows)
        {
            // Row positions on this page.
            var y = l.RowsTop;
            var placed = new List<(ChartRow Row, double Y)>(rows.Count + 1);
            var at = new Dictionary<int, double>();
            if (rows.Count > 0 && l.Rows[rows[0]].Kind == ChartRowKind.Service)
            {
                var area = l.Rows[rows[0]].Service!.Area;
                var header = new ChartRow { Kind = ChartRowKind.Area, Title = area, Height = AreaRowHeight };
                header.Texts.Add(new ChartText(LabelLeft + 6, 18, Truncate($"{area} (forts.)", AreaSize, true, l.Width - 2 * Margin - 12), AreaSize, true, Ink));
                placed.Add((header, y));
                y += AreaRowHeight;
            }
            foreach (var i in rows)
            {
                placed.Add((l.Rows[i], y));
                at[i] = y;
                y += l.Rows[i].Height;
            }
            var bottom = y;

            Text(g, new ChartText(Margin, Margin + 20, l.Title, TitleSize, true, Ink));
            Text(g, new ChartText(Margin, Margin + 40, l.Subtitle, SubtitleSize, false, Muted));
            Legend(g);
            Axis(g, placed, bottom);
            foreach (var c in l.Connectors)
                if (at.TryGetValue(c.FromRow, out var fromY) && at.TryGetValue(c.ToRow, out var toY)) DrawConnector(g, c, fromY, toY);
            foreach (var (row, rowY) in placed) Row(g, row, rowY);
            g.DrawLine(_today, l.TodayX, l.AxisTop + 16, l.TodayX, bottom);
            Text(g, new ChartText(l.TodayLabelX, l.AxisTop + 12, l.TodayLabel, SmallSize, true, Today, l.TodayLabelAnchor));
        }

        private void Legend(XGraphics g)
        {
            foreach (var item in l.Legend)
            {
                double x = item.X, y = item.Y, w = item.Swatch;
                switch (item.Kind)
                {
                    case LegendKind.Rollout: g.DrawRectangle(_rolloutEdge, Brush(Rollout), x, y - 6.5, w, 13); break;
                    case LegendKind.Trial: Hatched(g, x, y - 6.5, w, 13, true); break;
                    case LegendKind.Approximately:
                        g.DrawRectangle(Brush(Rollout), x + 3, y - 4, w - 6, 8);
                        g.DrawRectangle(_dashed, x, y - 7, w, 14);
                        break;
                    case LegendKind.Earliest:
                        g.DrawRectangle(Brush(Rollout), x, y - 6.5, w - 12, 13);
                        ArrowRight(g, x + w - 12, y, RolloutEdge);
                        break;
                    case LegendKind.Latest:
                        g.DrawRectangle(_rolloutEdge, Brush(Rollout), x, y - 6.5, w - 2, 13);
                        g.DrawLine(_latest, x + w - 2, y - 9.5, x + w - 2, y + 9.5);
                        break;
                    case LegendKind.First: Icon(g, new ChartIconAt(ChartIcon.First, x + w / 2, y), 0); break;
                    case LegendKind.Last: Icon(g, new ChartIconAt(ChartIcon.Last, x + w / 2, y), 0); break;
                    case LegendKind.Dependency:
                        g.DrawLine(_connector, x, y, x + w - 7, y);
                        Triangle(g, Connector, (x + w, y), (x + w - 7, y - 4), (x + w - 7, y + 4));
                        break;
                    case LegendKind.LateDependency:
                        Icon(g, new ChartIconAt(ChartIcon.Warning, x + 6, y), 0);
                        g.DrawLine(_lateConnector, x + 14, y, x + w - 7, y);
                        Triangle(g, Warning, (x + w, y), (x + w - 7, y - 4), (x + w - 7, y + 4));
                        break;
                    case LegendKind.Today: g.DrawLine(_today, x + w / 2, y - 9, x + w / 2, y + 9); break;
                }
                Text(g, new ChartText(x + w + 6, y + 4.2, item.Text, LegendSize, false, Ink));
            }
        }

        private void Axis(XGraphics g, List<(ChartRow Row, double Y)> placed, double bottom)
        {
            var top = l.AxisTop + 18;
            var yearBaseline = top + YearSize;
            var quarterBaseline = yearBaseline + 6 + QuarterSize;
            foreach (var (year, x0, x1) in l.Years)
                if ((year - l.FirstYear) % 2 == 1) g.DrawRectangle(Brush(YearBand), x0, top, x1 - x0, bottom - top);
            if (l.HasPostponed) g.DrawRectangle(_grid, Brush(PostponedBand), l.PostponedLeft - 8, top, l.PostponedWidth + 8, bottom - top);
            foreach (var (row, y) in placed)
                if (row.Kind == ChartRowKind.Area) g.DrawRectangle(Brush(AreaBand), Margin, y, l.Width - 2 * Margin, row.Height);
            var quarterWidth = l.Quarters.Count > 0 ? l.Quarters[0].X1 - l.Quarters[0].X0 : 0;
            foreach (var (x0, x1, q) in l.Quarters)
            {
                if (q > 1) g.DrawLine(_yearLine, x0, quarterBaseline - QuarterSize - 1, x0, l.RowsTop);
                if (quarterWidth >= 18) Text(g, new ChartText((x0 + x1) / 2, quarterBaseline, QuarterLabel(q), QuarterSize, false, Muted, ChartAnchor.Middle));
            }
            foreach (var (year, x0, x1) in l.Years)
            {
                g.DrawLine(_yearLine, x0, top, x0, bottom);
                var label = year.ToString(Inv);
                Text(g, new ChartText((x0 + x1) / 2, yearBaseline, label, YearSize, true, Ink, ChartAnchor.Middle));
                Text(g, new ChartText((x0 + x1) / 2, bottom + 8 + YearSize, label, YearSize, true, Ink, ChartAnchor.Middle));
            }
            g.DrawLine(_yearLine, l.TimelineRight, top, l.TimelineRight, bottom);
            g.DrawLine(_yearLine, Margin, l.RowsTop, l.Width - Margin, l.RowsTop);
            g.DrawLine(_yearLine, Margin, bottom, l.Width - Margin, bottom);
            for (var i = 0; i < l.PostponedHeader.Count; i++)
                Text(g, new ChartText(l.PostponedLeft, yearBaseline - (l.PostponedHeader.Count - 1 - i) * 13 + (l.PostponedHeader.Count > 1 ? 6 : 0),
                    l.PostponedHeader[i], SmallSize, true, Ink));
            Text(g, new ChartText(LabelLeft, yearBaseline, "Tjeneste (mål)", SmallSize, true, Ink));
        }

        private void Row(XGraphics g, ChartRow row, double dy)
        {
            if (row.Kind == ChartRowKind.Service) g.DrawLine(_grid, Margin, dy + row.Height, l.Width - Margin, dy + row.Height);
            foreach (var icon in row.Icons) Icon(g, icon, dy);
            foreach (var t in row.Texts) Text(g, t, dy);
            foreach (var t in row.Labels.SelectMany(x => x.Lines)) Text(g, t, dy);
            foreach (var bar in row.Bars) DrawBar(g, bar, dy);
            foreach (var p in row.Postponed)
            {
                var y = dy + p.Y;
                if (p.Plan.Kind == PlanKind.Trial) Hatched(g, l.PostponedLeft, y + 3, 16, 11, true);
                else g.DrawRectangle(_rolloutEdge, Brush(Rollout), l.PostponedLeft, y + 3, 16, 11);
                Text(g, new ChartText(l.PostponedLeft + 22, y + 12.5, p.Label, BarLabelSize, false, Ink));
            }
        }

        private void DrawBar(XGraphics g, ChartBar bar, double dy)
        {
            var p = bar.Plan;
            var trial = p.Kind == PlanKind.Trial;
            double x = bar.X, y = dy + bar.Y, w = bar.Width, h = BarHeight, cy = y + h / 2, x1 = x + w;
            var edge = trial ? _trialEdge : _rolloutEdge;
            var open = p.Date.Qualifier == PlannedDateQualifier.Earliest;
            if (trial) Hatched(g, x, y, w, h, !open);
            else if (open) g.DrawRectangle(Brush(Rollout), x, y, w, h);
            else g.DrawRectangle(edge, Brush(Rollout), x, y, w, h);
            switch (p.Date.Qualifier)
            {
                case PlannedDateQualifier.Earliest:
                    g.DrawLines(edge, [new XPoint(x1, y), new XPoint(x, y), new XPoint(x, y + h), new XPoint(x1, y + h)]);
                    ArrowRight(g, x1, cy, trial ? TrialEdge : RolloutEdge);
                    break;
                case PlannedDateQualifier.Approximately: g.DrawRectangle(_dashed, x - 3, y - 3, w + 6, h + 6); break;
                case PlannedDateQualifier.Latest: g.DrawLine(_latest, x1, y - 3, x1, y + h + 3); break;
            }
            if (bar.First) Icon(g, new ChartIconAt(ChartIcon.First, x - 6, cy), 0);
            if (bar.Last) Icon(g, new ChartIconAt(ChartIcon.Last, bar.LastMarkerX, cy), 0);
            var colour = Ink;
            if (bar.LabelInside)
            {
                if (trial) g.DrawRectangle(Brush(White), bar.LabelX - 2, y + 1.5, bar.LabelWidth + 4, h - 3);
                else colour = White;
            }
            Text(g, new ChartText(bar.LabelX, y + 10, bar.Label, BarLabelSize, false, colour, bar.LabelAnchor));
        }

        private void Hatched(XGraphics g, double x, double y, double w, double h, bool outline)
        {
            g.DrawRectangle(Brush(TrialFill), x, y, w, h);
            var state = g.Save();
            g.IntersectClip(new XRect(x, y, w, h));
            for (var k = x - h; k < x + w; k += 8.5)
                g.DrawLine(_hatch, k, y + h, k + h, y);
            g.Restore(state);
            if (outline) g.DrawRectangle(_trialEdge, x, y, w, h);
        }

        private void DrawConnector(XGraphics g, ChartConnector c, double fromY, double toY)
        {
            var late = c.Dependency.IsLate;
            var colour = late ? Warning : RoadmapChartLayout.Connector;
            var (points, tick, arrow) = c.Route(fromY, toY);
            g.DrawLines(late ? _lateConnector : _connector, points.Select(p => new XPoint(p.X, p.Y)).ToArray());
            if (tick is { } t) g.DrawLine(late ? _lateTick : _tick, points[0].X, points[0].Y, points[0].X, t);
            g.DrawEllipse(Brush(colour), points[0].X - 2.5, points[0].Y - 2.5, 5, 5);
            Triangle(g, colour, arrow[0], arrow[1], arrow[2]);
        }

        private void Icon(XGraphics g, ChartIconAt icon, double dy)
        {
            double x = icon.X, y = icon.Y + dy;
            switch (icon.Kind)
            {
                case ChartIcon.First: Triangle(g, Ink, (x - 4, y - 5), (x + 4.5, y), (x - 4, y + 5)); break;
                case ChartIcon.Last: g.DrawEllipse(Brush(Ink), x - 4.2, y - 4.2, 8.4, 8.4); break;
                case ChartIcon.Warning:
                    Triangle(g, Warning, (x, y - 6), (x + 6.5, y + 5.5), (x - 6.5, y + 5.5));
                    g.DrawRectangle(Brush(White), x - 0.8, y - 2.5, 1.6, 4.5);
                    g.DrawRectangle(Brush(White), x - 0.8, y + 3, 1.6, 1.5);
                    break;
            }
        }

        private void ArrowRight(XGraphics g, double x, double y, string colour)
        {
            g.DrawLine(new XPen(Hex(colour), 1.5), x, y, x + EarliestArrow - 7, y);
            Triangle(g, colour, (x + EarliestArrow, y), (x + EarliestArrow - 7, y - 4.5), (x + EarliestArrow - 7, y + 4.5));
        }

        private void Triangle(XGraphics g, string colour, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c) =>
            g.DrawPolygon(Brush(colour), [new XPoint(a.X, a.Y), new XPoint(b.X, b.Y), new XPoint(c.X, c.Y)], XFillMode.Winding);

        private void Text(XGraphics g, ChartText t, double dy = 0)
        {
            var x = t.X;
            if (t.Anchor != ChartAnchor.Start)
            {
                var w = Measure(t.Text, t.Size, t.Bold);
                x -= t.Anchor == ChartAnchor.Middle ? w / 2 : w;
            }
            g.DrawString(t.Text, Font(t.Size, t.Bold), Brush(t.Colour), x, t.Y + dy);
        }
    }
}
