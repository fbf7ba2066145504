using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Samstyring.Core.Documents;
using static Samstyring.Core.Roadmap.RoadmapChartLayout;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// Draws the roadmap chart's layout as PDF with PDFsharp (<see cref="RoadmapChart.ToPdf"/>): landscape A3 pages, every
/// page with the title, legend and axis, rows flowing from page to page.
/// </summary>
internal static class RoadmapPdf
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const double PageWidth = 1190.55, PageHeight = 841.89; // A3 landscape
    private const double PageMargin = 28, FooterHeight = 26;

    public static byte[] Render(RoadmapChartLayout l)
    {
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
