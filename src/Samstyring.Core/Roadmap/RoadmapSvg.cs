using System.Globalization;
using System.Text;
using static Samstyring.Core.Roadmap.RoadmapChartLayout;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// Draws the roadmap chart's layout as SVG (<see cref="RoadmapChart.ToSvg"/>): presentation attributes only, every text
/// XML-escaped, written into a pooled <see cref="SvgBuffer"/>.
/// </summary>
internal static class RoadmapSvg
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(RoadmapChartLayout l)
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
}
