using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Samstyring.Core.Common;
using Samstyring.Core.Solutions;

namespace Samstyring.Core.Tests.Solutions;

public sealed partial class MunicipalityMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly MunicipalityMap Map = MunicipalityMap.Norway;
    private static readonly Dictionary<string, string> NoNames = [];

    [Fact]
    public void The_embedded_map_has_the_357_municipalities_of_2024()
    {
        Assert.Equal(357, Map.Numbers.Count);
        Assert.Equal(357, Map.Numbers.Distinct().Count());
        Assert.Contains("0301", Map.Numbers);
        Assert.Contains("5501", Map.Numbers);
        Assert.All(Map.Numbers, n => Assert.Matches("^[0-9]{4}$", n));
    }

    [Fact]
    public void Renders_a_well_formed_accessible_svg_with_one_path_per_municipality()
    {
        var root = Parse(Map.RenderSvg(RandomStages(1), NoNames, "Kart", "Beskrivelse"));

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Matches(@"^0 0 [0-9.]+ [0-9.]+$", (string?)root.Attribute("viewBox"));
        var labelledBy = ((string?)root.Attribute("aria-labelledby"))!.Split(' ');
        Assert.Equal(["title", "desc"], labelledBy.Select(id => root.Descendants().Single(e => (string?)e.Attribute("id") == id).Name.LocalName));
        Assert.Equal("Kart", root.Element(Svg + "title")!.Value);
        Assert.Equal("Beskrivelse", root.Element(Svg + "desc")!.Value);

        var paths = MunicipalityPaths(root);
        Assert.Equal(357, paths.Count);
        Assert.Equal(Map.Numbers.Order(), paths.Keys.Order());
        Assert.All(paths.Values, p => Assert.StartsWith("M", (string?)p.Attribute("d")));
    }

    [Fact]
    public void Nothing_in_it_runs_loads_or_needs_an_inline_style()
    {
        var root = Parse(Map.RenderSvg(RandomStages(2), NoNames, "Kart", "Beskrivelse"));
        var elements = root.DescendantsAndSelf().ToList();
        Assert.DoesNotContain(elements, e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image" or "use" or "a");
        var attributes = elements.SelectMany(e => e.Attributes()).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name.LocalName is "style" or "href");
        Assert.DoesNotContain(attributes, a => a.Value.Contains("url(", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_path_is_filled_and_titled_by_its_stage_and_the_legend_counts_them()
    {
        var stages = RandomStages(3);
        var root = Parse(Map.RenderSvg(stages, NoNames, "Kart", "Beskrivelse"));
        var swatches = Legend(root).ToDictionary(l => l.Stage, l => l.Fill);
        Assert.Equal(5, swatches.Values.Distinct().Count());

        foreach (var (number, path) in MunicipalityPaths(root))
        {
            var stage = stages[number];
            Assert.Equal(swatches[stage], (string?)path.Attribute("fill"));
            Assert.Equal("stage-" + stage.Code(), (string?)path.Attribute("class"));
            Assert.EndsWith(": " + stage.Label(), path.Element(Svg + "title")!.Value);
        }
        foreach (var (stage, _, count) in Legend(root))
            Assert.Equal(stages.Values.Count(s => s == stage), count);
    }

    [Fact]
    public void Missing_municipalities_are_drawn_not_started_but_not_counted_and_unknown_numbers_are_ignored()
    {
        var stages = new Dictionary<string, AdoptionStage>
        {
            ["0301"] = AdoptionStage.InUse,
            ["5501"] = AdoptionStage.TechnicallyReady,
            ["9999"] = AdoptionStage.InUse,           // not a municipality: no shape, not counted
            ["1201"] = AdoptionStage.InUse,           // Bergen's number before 2020
            ["5634"] = (AdoptionStage)42,             // out of range: drawn as not started
        };
        var root = Parse(Map.RenderSvg(stages, NoNames, "Kart", "Beskrivelse"));

        var paths = MunicipalityPaths(root);
        Assert.Equal(357, paths.Count);
        Assert.Equal("stage-in-use", (string?)paths["0301"].Attribute("class"));
        Assert.Equal("stage-not-started", (string?)paths["5634"].Attribute("class"));
        var counts = Legend(root).ToDictionary(l => l.Stage, l => l.Count);
        Assert.Equal(1, counts[AdoptionStage.InUse]);
        Assert.Equal(1, counts[AdoptionStage.TechnicallyReady]);
        // Only the given municipalities count: 0301, 5501 and 5634 (out of range, so not started). One missing from the
        // input did not exist on the date (Haram before 2024), so it is drawn but not counted.
        Assert.Equal(1, counts[AdoptionStage.NotStarted]);
        Assert.Equal(3, counts.Values.Sum());
    }

    [Fact]
    public void Names_and_texts_are_encoded_and_a_missing_name_falls_back_to_the_boundary_file()
    {
        const string hostile = "<script>alert('x')</script> & \"Co\"\u0001";
        var names = new Dictionary<string, string> { ["5501"] = hostile, ["9999"] = "Ukjent" };
        var svg = Map.RenderSvg(new Dictionary<string, AdoptionStage> { ["5501"] = AdoptionStage.InUse }, names, "Tittel <&>", "Beskrivelse \"'");
        Assert.DoesNotContain("<script", svg);

        var root = Parse(svg);
        var paths = MunicipalityPaths(root);
        Assert.Equal("<script>alert('x')</script> & \"Co\": Tatt i bruk", paths["5501"].Element(Svg + "title")!.Value);
        Assert.Equal("Oslo: Ikke startet", paths["0301"].Element(Svg + "title")!.Value);
        Assert.Equal("Tittel <&>", root.Element(Svg + "title")!.Value);
        Assert.Equal("Beskrivelse \"'", root.Element(Svg + "desc")!.Value);
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
    }

    [Fact]
    public void The_attribution_to_Kartverket_is_drawn()
    {
        var root = Parse(Map.RenderSvg(NoStages, NoNames, "Kart", "Beskrivelse"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "Kartgrunnlag: © Kartverket");
    }

    [Fact]
    public void The_projection_keeps_Norway_upright_and_in_proportion()
    {
        var root = Parse(Map.RenderSvg(NoStages, NoNames, "Kart", "Beskrivelse"));
        var box = ((string)root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double width = box[2], height = box[3];
        // Transverse Mercator at 15° E gives about 1.25 (600 × 748); raw longitude/latitude would give about 0.5.
        Assert.InRange(height / width, 1.15, 1.35);

        var paths = MunicipalityPaths(root);
        var all = paths.Values.SelectMany(p => Points((string)p.Attribute("d")!)).ToList();
        Assert.All(all, p =>
        {
            Assert.InRange(p.X, 0, width);
            Assert.InRange(p.Y, 0, height);
        });
        var oslo = Centre(paths["0301"]);
        var tromso = Centre(paths["5501"]);
        var vardo = Centre(paths["5634"]);
        var kristiansand = Centre(paths["4204"]);
        Assert.True(oslo.Y > tromso.Y, "Oslo is south of Tromsø (larger y in SVG)");
        Assert.True(oslo.X < vardo.X, "Oslo is west of Vardø");
        Assert.True(kristiansand.Y > oslo.Y, "Kristiansand is south of Oslo");
        Assert.True(vardo.X > tromso.X && vardo.Y < oslo.Y, "Vardø is north-east");
    }

    [Fact]
    public void Coordinates_have_at_most_one_decimal_and_no_repeated_points()
    {
        var root = Parse(Map.RenderSvg(NoStages, NoNames, "Kart", "Beskrivelse"));
        foreach (var path in MunicipalityPaths(root).Values)
        {
            var d = (string)path.Attribute("d")!;
            Assert.DoesNotMatch(@"\.[0-9]{2}", d);
            foreach (var ring in Rings(d))
            {
                Assert.True(ring.Count >= 3, d);
                Assert.NotEqual(ring[0], ring[^1]);
                for (var i = 1; i < ring.Count; i++) Assert.NotEqual(ring[i - 1], ring[i]);
            }
        }
    }

    [Fact]
    public void Rendering_a_hundred_times_gives_the_same_map()
    {
        // Timing is measured in benchmarks, not here: this only shows that the precomputed paths are reused unchanged.
        var stages = RandomStages(4);
        var names = new Dictionary<string, string> { ["0301"] = "Oslo kommune" };
        var first = Map.RenderSvg(stages, names, "Kart", "Beskrivelse");
        for (var i = 0; i < 100; i++)
            Assert.Equal(first, Map.RenderSvg(stages, names, "Kart", "Beskrivelse"));
        Assert.Same(Map, MunicipalityMap.Norway);
    }

    [Fact]
    public void The_stages_that_carry_meaning_have_three_to_one_contrast_with_white()
    {
        var root = Parse(Map.RenderSvg(NoStages, NoNames, "Kart", "Beskrivelse"));
        foreach (var (stage, fill, _) in Legend(root))
            if (stage != AdoptionStage.NotStarted)
                Assert.True(Contrast(fill, "#ffffff") >= 3, $"{stage} {fill}: {Contrast(fill, "#ffffff"):F2}:1");
    }

    private static readonly Dictionary<string, AdoptionStage> NoStages = [];

    private static Dictionary<string, AdoptionStage> RandomStages(int seed)
    {
        var random = new Random(seed);
        var stages = Enum.GetValues<AdoptionStage>();
        return Map.Numbers.ToDictionary(n => n, _ => stages[random.Next(stages.Length)]);
    }

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static Dictionary<string, XElement> MunicipalityPaths(XElement root) =>
        root.Descendants(Svg + "path").Where(p => p.Attribute("data-kommunenummer") is not null)
            .ToDictionary(p => (string)p.Attribute("data-kommunenummer")!);

    private static List<(AdoptionStage Stage, string Fill, int Count)> Legend(XElement root) =>
        root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend")
            .Elements(Svg + "g")
            .Select(g => (
                Enum.GetValues<AdoptionStage>().Single(s => "stage-" + s.Code() == (string?)g.Attribute("class")),
                (string)g.Element(Svg + "rect")!.Attribute("fill")!,
                int.Parse(g.Descendants(Svg + "tspan").Single().Value.Replace("\u00A0", ""), CultureInfo.InvariantCulture)))
            .ToList();

    private static IEnumerable<(double X, double Y)> Points(string d) => Rings(d).SelectMany(r => r);

    /// <summary>The rings of the path data the map writes (M x y, then l with relative pairs, z), in absolute tenths.</summary>
    private static List<List<(double X, double Y)>> Rings(string d)
    {
        var rings = new List<List<(double X, double Y)>>();
        long x = 0, y = 0;
        var command = ' ';
        var numbers = new List<long>();
        foreach (Match m in PathToken().Matches(d))
        {
            if (m.Value is "M" or "l" or "z")
            {
                command = m.Value[0];
                if (command == 'M') rings.Add([]);
                continue;
            }
            numbers.Add((long)Math.Round(double.Parse(m.Value, CultureInfo.InvariantCulture) * 10));
            if (numbers.Count < 2) continue;
            (x, y) = command == 'M' ? (numbers[0], numbers[1]) : (x + numbers[0], y + numbers[1]);
            numbers.Clear();
            rings[^1].Add((x / 10.0, y / 10.0));
        }
        return rings;
    }

    private static (double X, double Y) Centre(XElement path)
    {
        var points = Points((string)path.Attribute("d")!).ToList();
        return ((points.Min(p => p.X) + points.Max(p => p.X)) / 2, (points.Min(p => p.Y) + points.Max(p => p.Y)) / 2);
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = int.Parse(hex.AsSpan(1 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2);
        }
        double la = Luminance(a), lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    [GeneratedRegex(@"[Mlz]|-?[0-9]+(?:\.[0-9]+)?")]
    private static partial Regex PathToken();
}
