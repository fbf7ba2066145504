namespace Samstyring.Core.Documents;

/// <summary>One bar in every group, e.g. "Grønn"; <paramref name="Fill"/> is a #rrggbb colour.</summary>
public sealed record BarSeries(string Label, string Fill);

/// <summary>A group of bars, e.g. "Status", with one value per series.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<int> Values);

/// <summary>A grouped bar chart; <paramref name="Description"/> states every number in words for screen readers.</summary>
public sealed record BarChart(string Title, string Description, IReadOnlyList<BarSeries> Series, IReadOnlyList<BarGroup> Groups)
{
    /// <summary>Outline drawn round every bar so light fills (yellow) still meet the 3:1 contrast for graphics.</summary>
    public const string Outline = "#1f2937";
    public const string Text = "#1f2937";
    public const string Grid = "#d1d5db";
}

/// <summary>Where everything goes; shared by the SVG and PNG renderers so both look the same.</summary>
internal sealed class BarChartLayout
{
    public sealed record Bar(int X, int Y, int Width, int Height, int Series, int Group, int Value);
    public sealed record Tick(int Y, int Value);
    public sealed record Label(int X, int Y, string Text);
    public sealed record LegendItem(int X, int Y, int Box, int Series, Label Text);

    public int Width { get; }
    public int Height { get; }
    public int PlotLeft { get; }
    public int PlotRight { get; }
    public int PlotTop { get; }
    public int Baseline { get; }
    public List<Bar> Bars { get; } = [];
    public List<Tick> Ticks { get; } = [];
    public List<Label> GroupLabels { get; } = [];
    public List<LegendItem> Legend { get; } = [];

    /// <param name="charWidth">Approximate advance of one character, for laying out the legend.</param>
    public BarChartLayout(BarChart chart, int width, int height, double charWidth)
    {
        Width = width;
        Height = height;
        PlotLeft = 56;
        PlotRight = width - 24;
        PlotTop = 64;
        Baseline = height - 96;

        var max = chart.Groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max();
        var step = NiceStep(max);
        var top = Math.Max(step, (int)Math.Ceiling(max / (double)step) * step);
        for (var v = 0; v <= top; v += step)
            Ticks.Add(new Tick(Scale(v, top), v));

        var groups = Math.Max(1, chart.Groups.Count);
        var series = Math.Max(1, chart.Series.Count);
        var groupWidth = (PlotRight - PlotLeft) / groups;
        var barWidth = Math.Min(72, (int)(groupWidth * 0.8 / series));
        for (var g = 0; g < chart.Groups.Count; g++)
        {
            var groupLeft = PlotLeft + g * groupWidth + (groupWidth - barWidth * series) / 2;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = s < chart.Groups[g].Values.Count ? chart.Groups[g].Values[s] : 0;
                var y = Scale(value, top);
                Bars.Add(new Bar(groupLeft + s * barWidth + 2, y, barWidth - 4, Baseline - y, s, g, value));
            }
            GroupLabels.Add(new Label(PlotLeft + g * groupWidth + groupWidth / 2, Baseline + 26, chart.Groups[g].Label));
        }

        // Legend centred in one row under the group labels.
        const int box = 14, gap = 24;
        var widths = chart.Series.Select(s => box + 8 + (int)Math.Ceiling(s.Label.Length * charWidth)).ToList();
        var x = Math.Max(8, (width - (widths.Sum() + gap * (widths.Count - 1))) / 2);
        var legendY = height - 36;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            Legend.Add(new LegendItem(x, legendY, box, s, new Label(x + box + 8, legendY + box / 2, chart.Series[s].Label)));
            x += widths[s] + gap;
        }
    }

    private int Scale(int value, int top) => Baseline - (int)Math.Round((Baseline - PlotTop) * (value / (double)top));

    private static int NiceStep(int max)
    {
        if (max <= 5) return 1;
        var raw = max / 5.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var nice = raw / magnitude switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 };
        return Math.Max(1, (int)(nice * magnitude));
    }
}
