using System.Globalization;
using PdfSharp.Drawing;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// Where everything in the roadmap chart goes, computed once and drawn by both the SVG and the PDF renderer
/// (<see cref="RoadmapSvg"/>, <see cref="RoadmapPdf"/>). Units are SVG user units (px); the PDF scales them to the page.
/// Row content is placed relative to its row's top so the PDF can move whole rows onto new pages.
/// </summary>
internal sealed class RoadmapChartLayout
{
    // ------------------------------------------------------------------ geometry and type
    public const double Margin = 16;
    public const double LabelLeft = Margin, LabelWidth = 330;
    /// <summary>The gutter between the label column and the time axis carries the dependency connectors' vertical runs.</summary>
    public const double Gutter = 36;
    public const double TimelineLeft = LabelLeft + LabelWidth + Gutter;
    public const int GutterLanes = 4;
    public const double LaneHeight = 20, BarHeight = 13, BarTop = 3.5;
    /// <summary>
    /// The top padding of a row is a strip above the bars with no text in it: a connector leaves the dependency's row at
    /// <see cref="ConnectorOut"/> and enters the dependent's row at <see cref="ConnectorIn"/>, so it crosses no label.
    /// </summary>
    public const double RowPadTop = 14, RowPadBottom = 7, AreaRowHeight = 26, ConnectorOut = 5, ConnectorIn = 10;
    public const double PostponedGap = 22, PostponedLine = 18;
    public const double TitleSize = 18, SubtitleSize = 12, LegendSize = 12, YearSize = 13, QuarterSize = 10;
    public const double AreaSize = 13.5, GoalSize = 12.5, GoalLeading = 15.5, SmallSize = 11, SmallLeading = 14.5, BarLabelSize = 11;
    public const double FirstMarker = 11, LastMarker = 12, EarliestArrow = 14;
    public const int GoalLines = 3, DependencyLines = 4, DependencyNameLines = 2, LateLines = 20;

    // ------------------------------------------------------------------ colours (contrast on white: text ≥ 4.5:1, graphics ≥ 3:1)
    public const string White = "#ffffff";
    public const string Ink = "#111827";          // 17:1
    public const string Muted = "#374151";        // 10:1
    public const string Grid = "#d1d5db";         // decoration only
    public const string YearLine = "#9ca3af";     // decoration only
    public const string YearBand = "#f3f4f6";
    public const string AreaBand = "#e5e7eb";
    public const string PostponedBand = "#f9fafb";
    public const string Rollout = "#1d4f91";      // 8.1:1; white text on it 8.1:1
    public const string RolloutEdge = "#0b2545";
    public const string TrialFill = "#fde3c4";
    public const string TrialHatch = "#b45309";   // 5.0:1 on white, 4.1:1 on the trial fill
    public const string TrialEdge = "#7c2d12";    // 9.4:1
    public const string Warning = "#b91c1c";      // 6.5:1
    public const string Today = "#6d28d9";        // 7.1:1 (6.5:1 on the year bands)
    public const string Connector = "#4b5563";    // 7.6:1

    public required RoadmapView View { get; init; }
    public required DateOnly TodayDate { get; init; }
    public double Width { get; private set; }
    public double Height { get; private set; }
    public string Title { get; private set; } = "";
    public string Subtitle { get; private set; } = "";
    public string Description { get; private set; } = "";

    public int FirstYear { get; private set; }
    public int LastYear { get; private set; }
    public double TimelineRight { get; private set; }
    public bool HasPostponed { get; private set; }
    public double PostponedLeft { get; private set; }
    /// <summary>Wide enough for the longest actor group postponed (up to a limit), at least for its header.</summary>
    public double PostponedWidth { get; private set; }

    public List<LegendItem> Legend { get; } = [];
    /// <summary>Top of the band above the axis with the "I dag" label; then the year labels, the quarter labels, the rows.</summary>
    public double AxisTop { get; private set; }
    public double RowsTop { get; private set; }
    public double RowsBottom { get; private set; }
    public List<(int Year, double X0, double X1)> Years { get; } = [];
    public List<(double X0, double X1, int Quarter)> Quarters { get; } = [];
    public double TodayX { get; private set; }
    public string TodayLabel { get; private set; } = "";
    public double TodayLabelX { get; private set; }
    public ChartAnchor TodayLabelAnchor { get; private set; }
    public List<string> PostponedHeader { get; } = [];

    public List<ChartRow> Rows { get; } = [];
    public List<ChartConnector> Connectors { get; } = [];

    public int ServiceCount { get; private set; }
    public int PlanCount { get; private set; }

    private double _dayWidth;
    private DateOnly _rangeStart;
    private readonly Dictionary<string, double> _labelWidths = new(StringComparer.Ordinal);

    public double X(DateOnly d) => TimelineLeft + (d.DayNumber - _rangeStart.DayNumber) * _dayWidth;

    public static RoadmapChartLayout Build(RoadmapView view, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        var layout = new RoadmapChartLayout { View = view, TodayDate = today };
        layout.Compute();
        return layout;
    }

    private void Compute()
    {
        var counts = CountPlans();
        ScaleTimeline(counts.PostponedLabel);
        var areas = GroupByArea();
        Describe(areas.Count, counts);
        BuildHeader();
        var rowOfService = BuildRows(areas);
        BuildConnectors(rowOfService);
    }

    /// <summary>What the chart holds, for its subtitle and description; the widest postponed actor group sizes that column.</summary>
    private readonly record struct PlanCounts(int Trials, int Rollouts, int Postponed, int Dependencies, int Late, double PostponedLabel);

    /// <summary>The time range (whole years from the earliest start to the latest end, and this year) and the counts.</summary>
    private PlanCounts CountPlans()
    {
        int minYear = int.MaxValue, maxYear = int.MinValue, trials = 0, rollouts = 0, postponed = 0, dependencies = 0, late = 0;
        var postponedLabel = 0.0;
        foreach (var s in View.Services)
        {
            foreach (var p in s.Plans)
            {
                if (p.Kind == PlanKind.Trial) trials++; else rollouts++;
                if (p.Date.Start is { } start && p.Date.End is { } end)
                {
                    if (start.Year < minYear) minYear = start.Year;
                    if (end.Year > maxYear) maxYear = end.Year;
                }
                else
                {
                    postponed++;
                    postponedLabel = Math.Max(postponedLabel, ActorGroupWidth(p.ActorGroup));
                }
            }
            foreach (var d in s.Dependencies)
            {
                dependencies++;
                if (d.IsLate) late++;
            }
        }
        FirstYear = Math.Min(minYear, TodayDate.Year);
        LastYear = Math.Max(maxYear == int.MinValue ? TodayDate.Year : maxYear, TodayDate.Year);
        HasPostponed = postponed > 0;
        ServiceCount = View.Services.Count;
        PlanCount = trials + rollouts;
        return new PlanCounts(trials, rollouts, postponed, dependencies, late, postponedLabel);
    }

    /// <summary>Years across: the timeline's scale, the column of plans postponed indefinitely to its right, the width.</summary>
    private void ScaleTimeline(double postponedLabel)
    {
        var years = LastYear - FirstYear + 1;
        var yearWidth = Math.Max(88, 980.0 / years);
        _rangeStart = new DateOnly(FirstYear, 1, 1);
        var rangeEnd = new DateOnly(LastYear + 1, 1, 1);
        TimelineRight = TimelineLeft + years * yearWidth;
        _dayWidth = (TimelineRight - TimelineLeft) / (rangeEnd.DayNumber - _rangeStart.DayNumber);
        PostponedLeft = TimelineRight + PostponedGap;
        PostponedWidth = Math.Clamp(postponedLabel + 30, 150, 280);
        Width = (HasPostponed ? PostponedLeft + PostponedWidth : TimelineRight) + Margin;
    }

    /// <summary>The services grouped by area, areas in the order they first appear.</summary>
    private List<(string Area, List<ServiceView> Services)> GroupByArea()
    {
        var areas = new List<(string Area, List<ServiceView> Services)>();
        var areaIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in View.Services)
        {
            if (!areaIndex.TryGetValue(s.Area, out var i))
            {
                areaIndex[s.Area] = i = areas.Count;
                areas.Add((s.Area, []));
            }
            areas[i].Services.Add(s);
        }
        return areas;
    }

    /// <summary>The title, the subtitle, today's label and the description a screen reader gets (the SVG's desc, the PDF's subject).</summary>
    private void Describe(int areaCount, PlanCounts counts)
    {
        Title = $"{View.Title}, versjon {View.Number}";
        var status = View.Status.Label();
        Subtitle = View.Status == RoadmapStatus.Published && View.PublishedOn is { } published
            ? $"Publisert {Norwegian.Date(published)}"
            : status;
        Subtitle += $" · {Count(ServiceCount, "tjeneste", "tjenester")} · {Count(PlanCount, "plan", "planer")}";
        if (View.IsDemo) Subtitle += " · Inneholder demodata";
        TodayLabel = $"I dag {Norwegian.Date(TodayDate)}";
        Description = $"Veikart versjon {View.Number}: {Count(ServiceCount, "tjeneste", "tjenester")} i {Count(areaCount, "område", "områder")}, "
            + $"{Count(PlanCount, "plan", "planer")} ({Count(counts.Trials, "utprøving", "utprøvinger")} og {Count(counts.Rollouts, "innføring", "innføringer")}), "
            + $"{Norwegian.Number(counts.Postponed)} utsatt på ubestemt tid, {Count(counts.Dependencies, "avhengighet", "avhengigheter")}"
            + (counts.Late > 0 ? $", hvorav {Norwegian.Number(counts.Late)} forsinket" : "") + $". Tidslinje {FirstYear}–{LastYear}. {TodayLabel}. "
            + "Hver plan er en stolpe per aktørgruppe: innføring som heltrukket blå stolpe, utprøving som skravert oransje stolpe.";
    }

    /// <summary>The header: title, subtitle, legend, and the axis with its years, quarters and today's line.</summary>
    private void BuildHeader()
    {
        var y = Margin + 20 + 22; // title and subtitle baselines at Margin+20 and Margin+40
        y = BuildLegend(y + 6);
        AxisTop = y + 6;
        var yearBaseline = AxisTop + 18 + YearSize;
        if (HasPostponed)
        {
            PostponedHeader.AddRange(Wrap("Utsatt på ubestemt tid", SmallSize, true, PostponedWidth - 8, 2));
        }
        RowsTop = yearBaseline + 6 + QuarterSize + 6;

        for (var year = FirstYear; year <= LastYear; year++)
        {
            var x0 = X(new DateOnly(year, 1, 1));
            var x1 = X(new DateOnly(year + 1, 1, 1));
            Years.Add((year, x0, x1));
            for (var q = 1; q <= 4; q++)
                Quarters.Add((X(new DateOnly(year, 3 * q - 2, 1)), q == 4 ? x1 : X(new DateOnly(year, 3 * q + 1, 1)), q));
        }
        TodayX = X(TodayDate) + _dayWidth / 2;
        var todayWidth = Measure(TodayLabel, SmallSize, true);
        var right = HasPostponed ? PostponedLeft + PostponedWidth : TimelineRight;
        (TodayLabelX, TodayLabelAnchor) = TodayX - todayWidth / 2 < TimelineLeft ? (TimelineLeft, ChartAnchor.Start)
            : TodayX + todayWidth / 2 > right ? (right, ChartAnchor.End)
            : (TodayX, ChartAnchor.Middle);
    }

    /// <summary>An area header row, then a row per service of the area; the row each service key is drawn in.</summary>
    private Dictionary<string, int> BuildRows(List<(string Area, List<ServiceView> Services)> areas)
    {
        var rowOfService = new Dictionary<string, int>(StringComparer.Ordinal);
        var y = RowsTop;
        foreach (var (area, services) in areas)
        {
            var areaRow = new ChartRow { Kind = ChartRowKind.Area, Title = area, Y = y, Height = AreaRowHeight };
            areaRow.Texts.Add(new ChartText(LabelLeft + 6, 18, Truncate(area, AreaSize, true, Width - 2 * Margin - 12), AreaSize, true, Ink));
            Rows.Add(areaRow);
            y += AreaRowHeight;
            foreach (var service in services)
            {
                var row = ServiceRow(service);
                row.Y = y;
                rowOfService.TryAdd(service.Key, Rows.Count);
                Rows.Add(row);
                y += row.Height;
            }
        }
        RowsBottom = y;
        Height = RowsBottom + 8 + YearSize + Margin;
        return rowOfService;
    }

    /// <summary>The dependency connectors between rows.</summary>
    private void BuildConnectors(Dictionary<string, int> rowOfService)
    {
        // From above the start of the dependency's first use, left along the strip above its bars, through the gutter, and
        // right along the dependent's strip to an arrow down onto the start of its earliest plan: never across a label.
        var links = new List<(int From, int To, DependencyView Dependency)>();
        for (var r = 0; r < Rows.Count; r++)
            foreach (var d in Rows[r].Service?.Dependencies ?? [])
                if (d.Target == DependencyTarget.Service && rowOfService.TryGetValue(d.TargetKey, out var from) && from != r) links.Add((from, r, d));
        // Each connector takes the first gutter lane free over its rows, so vertical runs do not overlap while lanes last.
        var laneBottoms = new List<int>(GutterLanes);
        foreach (var (from, to, d) in links.OrderBy(l => Math.Min(l.From, l.To)).ThenBy(l => Math.Max(l.From, l.To)))
        {
            int top = Math.Min(from, to), bottom = Math.Max(from, to);
            var lane = laneBottoms.FindIndex(b => b < top);
            if (lane < 0 && laneBottoms.Count < GutterLanes)
            {
                lane = laneBottoms.Count;
                laneBottoms.Add(-1);
            }
            // More connectors side by side than lanes: share the lane that frees up first.
            if (lane < 0) lane = laneBottoms.IndexOf(laneBottoms.Min());
            laneBottoms[lane] = Math.Max(laneBottoms[lane], bottom);
            var source = Rows[from].Anchor;
            var target = Rows[to].EarliestAnchor;
            Connectors.Add(new ChartConnector
            {
                Dependency = d, FromRow = from, ToRow = to, GutterX = TimelineLeft - 12 - 5 * lane,
                X1 = source?.X + 3,
                // A tick down to the bar when nothing lies between the strip and it (the bar is in the first lane).
                SourceBarTop = source is { Top: RowPadTop + BarTop } ? source.Value.Top : null,
                X2 = target?.X + 3,
                TargetBarTop = target?.Top ?? RowPadTop + BarTop,
            });
        }
    }

    private double BuildLegend(double top)
    {
        var items = new (LegendKind Kind, string Text)[]
        {
            (LegendKind.Rollout, "Innføring"),
            (LegendKind.Trial, "Utprøving"),
            (LegendKind.Approximately, "Cirka (ca.)"),
            (LegendKind.Earliest, "Tidligst (kan bli senere)"),
            (LegendKind.Latest, "Innen (senest)"),
            (LegendKind.First, "Først i bruk"),
            (LegendKind.Last, "Sist i bruk"),
            (LegendKind.Dependency, "Avhengighet"),
            (LegendKind.LateDependency, "Forsinket avhengighet"),
            (LegendKind.Today, "I dag"),
        };
        var x = LabelLeft;
        var y = top + 10;
        foreach (var (kind, text) in items)
        {
            var swatch = kind is LegendKind.First or LegendKind.Last or LegendKind.Today ? 10 : 28;
            var w = swatch + 6 + Measure(text, LegendSize, false);
            if (x > LabelLeft && x + w > Width - Margin)
            {
                x = LabelLeft;
                y += 22;
            }
            Legend.Add(new LegendItem(kind, x, y, swatch, text));
            x += w + 22;
        }
        return y + 12;
    }

    private ChartRow ServiceRow(ServiceView service)
    {
        var row = new ChartRow { Kind = ChartRowKind.Service, Title = service.Goal, Service = service };

        // ---------------------------------------------------------------- label column
        var y = RowPadTop;
        foreach (var line in Wrap(service.Goal, GoalSize, false, LabelWidth, GoalLines))
        {
            row.Texts.Add(new ChartText(LabelLeft, y + GoalSize, line, GoalSize, false, Ink));
            y += GoalLeading;
        }
        y += 2;
        var first = service.FirstInUse;
        var last = service.LastInUse;
        const double iconX = LabelLeft + 5, textX = LabelLeft + 14, smallWidth = LabelWidth - 14;
        double Lines(List<ChartText> into, string text, bool bold, string colour, double top, int max)
        {
            foreach (var line in Wrap(text, SmallSize, bold, smallWidth, max))
            {
                into.Add(new ChartText(textX, top + SmallSize, line, SmallSize, bold, colour));
                top += SmallLeading;
            }
            return top;
        }
        void InUse(ChartIcon icon, string text, string cls, string actorGroup)
        {
            row.Icons.Add(new ChartIconAt(icon, iconX, y + SmallLeading / 2));
            var label = new ChartLabel(cls, actorGroup, null);
            label.Lines.Add(new ChartText(textX, y + SmallSize, Truncate(text, SmallSize, false, smallWidth), SmallSize, false, Ink));
            row.Labels.Add(label);
            y += SmallLeading;
        }
        if (first is not null && last is not null)
        {
            if (ReferenceEquals(first, last) || first.ActorGroup == last.ActorGroup && first.Date.Start == last.Date.Start && first.Date.End == last.Date.End)
                InUse(ChartIcon.First, $"Først og sist: {first.ActorGroup} ({first.Date.Written})", "first-in-use", first.ActorGroup);
            else
            {
                InUse(ChartIcon.First, $"Først: {first.ActorGroup} ({first.Date.Written})", "first-in-use", first.ActorGroup);
                InUse(ChartIcon.Last, $"Sist: {last.ActorGroup} ({last.Date.Written})", "last-in-use", last.ActorGroup);
            }
        }
        // Late dependencies are listed in full with their reason, which is what NUIT needs and which a PDF cannot show in a
        // tooltip. The others take up to two lines each, DependencyLines of them at most; the rest are counted.
        static string Name(DependencyView d) => d.Target == DependencyTarget.Initiative ? $"tiltaket {d.TargetName}" : d.TargetName;
        foreach (var d in service.Dependencies)
        {
            if (!d.IsLate) continue;
            row.Icons.Add(new ChartIconAt(ChartIcon.Warning, iconX, y + SmallLeading / 2));
            var label = new ChartLabel("dependency-label late", d.TargetKey,
                $"⚠ Forsinket avhengighet: {d.Target.Label().ToLowerInvariant()} {d.TargetName}" + (string.IsNullOrWhiteSpace(d.LateReason) ? "" : $". {d.LateReason}"));
            y = Lines(label.Lines, $"Forsinket avhengighet: {Name(d)}", true, Warning, y, LateLines);
            if (!string.IsNullOrWhiteSpace(d.LateReason)) y = Lines(label.Lines, d.LateReason, false, Ink, y, LateLines);
            row.Labels.Add(label);
        }
        var others = service.Dependencies.Where(d => !d.IsLate).ToList();
        var listed = others.Count <= DependencyLines + 1 ? others.Count : DependencyLines;
        foreach (var d in others.Take(listed))
        {
            var label = new ChartLabel("dependency-label", d.TargetKey, $"Avhenger av {d.Target.Label().ToLowerInvariant()} {d.TargetName}");
            y = Lines(label.Lines, $"Avhenger av: {Name(d)}", false, Muted, y, DependencyNameLines);
            row.Labels.Add(label);
        }
        if (others.Count > listed)
        {
            row.Texts.Add(new ChartText(textX, y + SmallSize, $"+ {others.Count - listed} andre avhengigheter", SmallSize, false, Muted));
            y += SmallLeading;
        }
        var labelBottom = y + RowPadBottom;

        // ---------------------------------------------------------------- bars, packed into lanes
        var plans = new PlanView[service.Plans.Count];
        var dated = 0;
        foreach (var p in service.Plans) if (!p.Date.IsIndefinite) plans[dated++] = p;
        Array.Sort(plans, 0, dated, PlanOrder.Instance);
        var laneEnds = new List<double>(4);
        ChartBar? earliest = null;
        for (var i = 0; i < dated; i++)
        {
            var p = plans[i];
            var bar = Bar(p, ReferenceEquals(p, first), ReferenceEquals(p, last));
            var lane = 0;
            while (lane < laneEnds.Count && laneEnds[lane] > bar.ExtentLeft) lane++;
            if (lane == laneEnds.Count) laneEnds.Add(0);
            laneEnds[lane] = bar.ExtentRight + 8;
            bar.Y = RowPadTop + lane * LaneHeight + BarTop;
            row.Bars.Add(bar);
            if (bar.First) row.Anchor = (bar.X, bar.Y);
            if (earliest is null || bar.X < earliest.X) earliest = bar;
        }
        if (earliest is not null) row.EarliestAnchor = (earliest.X, earliest.Y);
        var barsBottom = RowPadTop + laneEnds.Count * LaneHeight + RowPadBottom;

        // ---------------------------------------------------------------- postponed column
        var py = RowPadTop;
        foreach (var p in service.Plans)
        {
            if (!p.Date.IsIndefinite) continue;
            row.Postponed.Add(new ChartPostponed(p, py, Truncate(p.ActorGroup, BarLabelSize, false, PostponedWidth - 26)));
            py += PostponedLine;
        }
        row.Height = Math.Max(Math.Max(labelBottom, barsBottom), Math.Max(py + RowPadBottom, 40));
        return row;
    }

    private ChartBar Bar(PlanView p, bool first, bool last)
    {
        var x0 = X(p.Date.Start!.Value);
        var x1 = Math.Max(X(p.Date.End!.Value.AddDays(1)), x0 + 3);
        var suffix = p.Date.Qualifier switch
        {
            PlannedDateQualifier.Earliest => " (tidligst)",
            PlannedDateQualifier.Latest => " (innen)",
            PlannedDateQualifier.Approximately => " (ca.)",
            _ => "",
        };
        var bar = new ChartBar { Plan = p, X = x0, Width = x1 - x0, Label = p.ActorGroup + suffix, First = first, Last = last };
        var right = x1 + (p.Date.Qualifier == PlannedDateQualifier.Earliest ? EarliestArrow : p.Date.Qualifier == PlannedDateQualifier.Latest ? 3 : 0);
        if (last)
        {
            bar.LastMarkerX = right + 6;
            right += LastMarker;
        }
        var left = x0 - (first ? FirstMarker : 0) - (p.Date.Qualifier == PlannedDateQualifier.Approximately ? 3 : 0);
        var labelWidth = ActorGroupWidth(p.ActorGroup) + (suffix.Length == 0 ? 0 : Measure(suffix, BarLabelSize, false));
        bar.LabelWidth = labelWidth;
        var limit = HasPostponed ? PostponedLeft - 8 : Width - Margin;
        var spaceRight = limit - right - 4;
        var spaceLeft = left - 4 - TimelineLeft;
        if (labelWidth + 10 <= bar.Width || bar.Width - 10 >= Math.Max(spaceLeft, spaceRight))
        {
            // Inside, shortened if even the widest side has less room than the bar.
            bar.LabelInside = true;
            bar.LabelX = x0 + 5;
            if (labelWidth + 10 > bar.Width)
            {
                bar.Label = Truncate(bar.Label, BarLabelSize, false, bar.Width - 10);
                bar.LabelWidth = Measure(bar.Label, BarLabelSize, false);
            }
            bar.ExtentLeft = left;
            bar.ExtentRight = right;
        }
        else if (labelWidth <= spaceRight || spaceRight >= spaceLeft)
        {
            if (labelWidth > spaceRight)
            {
                bar.Label = Truncate(bar.Label, BarLabelSize, false, Math.Max(spaceRight, 40));
                bar.LabelWidth = labelWidth = Measure(bar.Label, BarLabelSize, false);
            }
            bar.LabelX = right + 4;
            bar.ExtentLeft = left;
            bar.ExtentRight = right + 4 + labelWidth;
        }
        else
        {
            if (labelWidth > spaceLeft)
            {
                bar.Label = Truncate(bar.Label, BarLabelSize, false, Math.Max(spaceLeft, 40));
                bar.LabelWidth = labelWidth = Measure(bar.Label, BarLabelSize, false);
            }
            bar.LabelX = left - 4;
            bar.LabelAnchor = ChartAnchor.End;
            bar.ExtentLeft = left - 4 - labelWidth;
            bar.ExtentRight = right;
        }
        return bar;
    }

    private double ActorGroupWidth(string actorGroup)
    {
        if (!_labelWidths.TryGetValue(actorGroup, out var w)) _labelWidths[actorGroup] = w = Measure(actorGroup, BarLabelSize, false);
        return w;
    }

    /// <summary>Dated plans by start, then end, trials before rollouts, then actor group.</summary>
    private sealed class PlanOrder : IComparer<PlanView>
    {
        public static readonly PlanOrder Instance = new();

        public int Compare(PlanView? a, PlanView? b)
        {
            var c = a!.Date.Start!.Value.CompareTo(b!.Date.Start!.Value);
            if (c != 0) return c;
            c = a.Date.End!.Value.CompareTo(b.Date.End!.Value);
            if (c != 0) return c;
            c = a.Kind.CompareTo(b.Kind);
            return c != 0 ? c : string.CompareOrdinal(a.ActorGroup, b.ActorGroup);
        }
    }

    // ------------------------------------------------------------------ text

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{Norwegian.Number(n)} {many}";

    public static double Measure(string text, double size, bool bold) => ChartFont.Width(text, size, bold);

    /// <summary>A quarter's label on the axis: K1–K4 (kvartal).</summary>
    public static string QuarterLabel(int q) => q switch { 1 => "K1", 2 => "K2", 3 => "K3", _ => "K4" };

    /// <summary>Greedy word wrap into at most <paramref name="maxLines"/> lines; the last shown line ends in "…" when text is left over.</summary>
    public static List<string> Wrap(string text, double size, bool bold, double width, int maxLines)
    {
        var lines = new List<string>(maxLines);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var space = Measure(" ", size, bold);
        var line = new System.Text.StringBuilder();
        var lineWidth = 0.0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var w = Measure(word, size, bold);
            if (line.Length > 0 && lineWidth + space + w > width)
            {
                if (lines.Count == maxLines - 1)
                {
                    lines.Add(Truncate(line.ToString() + " " + string.Join(' ', words, i, words.Length - i), size, bold, width, force: true));
                    return lines;
                }
                lines.Add(lineWidth > width ? Truncate(line.ToString(), size, bold, width) : line.ToString());
                line.Clear();
                lineWidth = 0;
            }
            if (line.Length > 0)
            {
                line.Append(' ');
                lineWidth += space;
            }
            line.Append(word);
            lineWidth += w;
        }
        if (line.Length > 0) lines.Add(Truncate(line.ToString(), size, bold, width));
        return lines;
    }

    /// <summary>Shortens one line with "…" to fit <paramref name="width"/>; <paramref name="force"/> adds "…" even when it fits.</summary>
    public static string Truncate(string text, double size, bool bold, double width, bool force = false)
    {
        if (!force && Measure(text, size, bold) <= width) return text;
        var ellipsis = Measure("…", size, bold);
        var n = text.Length;
        while (n > 0 && Measure(text[..n], size, bold) + ellipsis > width) n = n > 20 ? n - Math.Max(1, n / 10) : n - 1;
        if (n == text.Length && force) return text + "…";
        return text[..n].TrimEnd(' ', ',', ':', '–', '-') + "…";
    }
}

internal enum ChartAnchor { Start, Middle, End }

internal enum ChartRowKind { Area, Service }

internal enum ChartIcon { First, Last, Warning }

internal enum LegendKind { Rollout, Trial, Approximately, Earliest, Latest, First, Last, Dependency, LateDependency, Today }

/// <summary>A line of text; Y is the baseline.</summary>
internal readonly record struct ChartText(double X, double Y, string Text, double Size, bool Bold, string Colour, ChartAnchor Anchor = ChartAnchor.Start);

/// <summary>
/// Lines in the label column that belong together (first in use, a dependency with its reason). The SVG groups them with
/// a class, the actor group or target key (<paramref name="Data"/>) and a tooltip.
/// </summary>
internal sealed record ChartLabel(string Class, string Data, string? Tooltip)
{
    public List<ChartText> Lines { get; } = [];
}

/// <summary>An icon centred on (X, Y).</summary>
internal readonly record struct ChartIconAt(ChartIcon Kind, double X, double Y);

/// <summary>A legend entry: a swatch at X, <paramref name="Swatch"/> wide and centred on Y, then the text.</summary>
internal readonly record struct LegendItem(LegendKind Kind, double X, double Y, double Swatch, string Text);

internal sealed class ChartRow
{
    public ChartRowKind Kind { get; init; }
    public required string Title { get; init; }
    public ServiceView? Service { get; init; }
    public double Y { get; set; }
    public double Height { get; set; }
    public List<ChartText> Texts { get; } = [];
    public List<ChartLabel> Labels { get; } = [];
    public List<ChartIconAt> Icons { get; } = [];
    public List<ChartBar> Bars { get; } = [];
    public List<ChartPostponed> Postponed { get; } = [];
    /// <summary>Start and top of the first-in-use bar: where a connector to a service depending on this one leaves.</summary>
    public (double X, double Top)? Anchor { get; set; }
    /// <summary>Start and top of the earliest bar: where a connector from a dependency arrives.</summary>
    public (double X, double Top)? EarliestAnchor { get; set; }
}

/// <summary>One dated plan. X and Width on the timeline; Y is the bar's top relative to the row.</summary>
internal sealed class ChartBar
{
    public required PlanView Plan { get; init; }
    public double X { get; init; }
    public double Y { get; set; }
    public double Width { get; init; }
    /// <summary>Actor group and qualifier ("Legevakt (innen)"), shortened with "…" only when there is no room for it.</summary>
    public required string Label { get; set; }
    public bool First { get; init; }
    public bool Last { get; init; }
    public double LastMarkerX { get; set; }
    public double LabelX { get; set; }
    public double LabelWidth { get; set; }
    public ChartAnchor LabelAnchor { get; set; }
    public bool LabelInside { get; set; }
    public double ExtentLeft { get; set; }
    public double ExtentRight { get; set; }
}

/// <summary>A plan postponed indefinitely, listed in the right-hand column; Y is the line's top relative to the row.</summary>
internal sealed record ChartPostponed(PlanView Plan, double Y, string Label);

/// <summary>
/// An arrow from the dependency's row (above where it is first in use) through the gutter to the dependent's row (onto the
/// start of its earliest plan). X1 is null when the dependency has no dated plan (the line starts in the gutter), X2 when
/// the dependent has none (the arrow points at the time axis). Bar tops are relative to their rows.
/// </summary>
internal sealed class ChartConnector
{
    public required DependencyView Dependency { get; init; }
    public int FromRow { get; init; }
    public int ToRow { get; init; }
    public double GutterX { get; init; }
    public double? X1 { get; init; }
    public double? SourceBarTop { get; init; }
    public double? X2 { get; init; }
    public double TargetBarTop { get; init; }

    /// <summary>
    /// Where a connector runs, given the tops of its two rows: the points of its line (starting at the dot above the
    /// dependency's first use), the bottom of the tick down to that bar (if drawn) and the arrowhead (tip first), down onto
    /// the dependent's earliest plan or, when it has none, pointing right at the time axis.
    /// </summary>
    public (List<(double X, double Y)> Points, double? Tick, (double X, double Y)[] Arrow) Route(double fromTop, double toTop)
    {
        const double axis = RoadmapChartLayout.TimelineLeft;
        var yOut = fromTop + RoadmapChartLayout.ConnectorOut;
        var yIn = toTop + RoadmapChartLayout.ConnectorIn;
        var points = new List<(double X, double Y)>(5);
        if (X1 is { } x1) points.Add((x1, yOut));
        points.Add((GutterX, yOut));
        points.Add((GutterX, yIn));
        double? tick = SourceBarTop is { } s ? fromTop + s : null;
        if (X2 is not { } x2)
        {
            points.Add((axis - 9, yIn));
            return (points, tick, [(axis - 1, yIn), (axis - 9, yIn - 4.5), (axis - 9, yIn + 4.5)]);
        }
        var tip = toTop + TargetBarTop;
        points.Add((x2, yIn));
        points.Add((x2, tip - 7));
        return (points, tick, [(x2, tip), (x2 - 4.5, tip - 8), (x2 + 4.5, tip - 8)]);
    }
}

/// <summary>
/// Advance widths of Liberation Sans (metric-compatible with Arial, which the SVG asks for first) measured once per
/// character with PDFsharp, so wrapping and label placement agree between the SVG and the PDF without measuring every string.
/// </summary>
internal static class ChartFont
{
    private const double Reference = 100;
    private static readonly float[] Regular = CreateTable(), Bold = CreateTable();
    private static readonly Lock Gate = new();
    private static XGraphics? _measure;
    private static XFont? _regular, _bold;

    private static float[] CreateTable()
    {
        var t = new float[char.MaxValue + 1];
        Array.Fill(t, float.NaN);
        return t;
    }

    public static double Width(string text, double size, bool bold)
    {
        var table = bold ? Bold : Regular;
        double w = 0;
        foreach (var c in text)
        {
            var v = table[c];
            if (float.IsNaN(v)) v = Measure(c, bold);
            w += v;
        }
        return w * size / Reference;
    }

    private static float Measure(char c, bool bold)
    {
        lock (Gate)
        {
            var table = bold ? Bold : Regular;
            if (!float.IsNaN(table[c])) return table[c];
            if (_measure is null)
            {
                PdfFonts.EnsureInstalled();
                _measure = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
                _regular = new XFont(PdfFonts.Family, Reference, XFontStyleEx.Regular);
                _bold = new XFont(PdfFonts.Family, Reference, XFontStyleEx.Bold);
            }
            float w;
            if (char.IsSurrogate(c) || char.IsControl(c)) w = 0;
            else
            {
                try
                {
                    w = (float)_measure.MeasureString(c.ToString(CultureInfo.InvariantCulture), bold ? _bold! : _regular!).Width;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    w = (float)(Reference * 0.6);
                }
            }
            table[c] = w;
            return w;
        }
    }
}
