using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Samstyring.Core.Common;
using Samstyring.Core.Documents;
using Samstyring.Core.Roadmap;

namespace Samstyring.Core.Solutions;

/// <summary>
/// Norway's municipalities as a self-contained SVG map coloured by adoption stage. The boundaries are parsed,
/// projected and turned into path data once; a render only joins those strings with a colour and a title each,
/// because a page may draw the map once per solution.
/// </summary>
public sealed class MunicipalityMap
{
    // The viewBox is 600 units wide; the height follows from the projection. Legend and attribution sit in the sea
    // and in Sweden (west of the coast of Nordland and east of Østfold), so they need no space of their own.
    internal const double Width = 600;
    private const double Pad = 8;

    // Sequential: light grey, then the dark half of viridis reversed (teal, blue, indigo, deep purple). Viridis is
    // perceptually even and readable with the common colour vision deficiencies; luminance falls with every stage, so
    // the order reads even in greyscale and red/green never carries the meaning. Every stage that says something (all
    // but "Ikke startet") has at least 3:1 against the white background and the white borders (WCAG 1.4.11): 3.8, 6.0,
    // 9.7 and 15.2 to 1; neighbouring stages differ by at least 1.57:1 in luminance as well as in hue. "Ikke startet"
    // is the absence of a step and only a light ground (1.4:1); its legend swatch has a dark outline like the others.
    private static readonly string[] Fills = ["#d9dde3", "#21918c", "#31688e", "#443983", "#440154"];
    private static readonly AdoptionStage[] Stages = Enum.GetValues<AdoptionStage>();
    private static readonly string[] Classes = Stages.Select(s => "stage-" + s.Code()).ToArray();
    private static readonly string[] Labels = Stages.Select(s => s.Label()).ToArray();

    private const string Ink = "#1f2937";
    private const string Muted = "#4b5563";
    private const string Attribution = "Kartgrunnlag: © Kartverket";

    private static readonly Lazy<MunicipalityMap> Embedded = new(() => Load("kommuner-2024-s.geojson"));

    /// <summary>The 2024 boundaries embedded in Core (Kartverket, simplified), the 357 municipalities of 2024–2025.</summary>
    public static MunicipalityMap Norway => Embedded.Value;

    private readonly Shape[] _shapes;
    private readonly int _pathChars;

    private MunicipalityMap(Shape[] shapes, double height)
    {
        _shapes = shapes;
        Numbers = Array.AsReadOnly(shapes.Select(s => s.Number).ToArray());
        Height = height;
        _pathChars = shapes.Sum(s => s.Fragment.Length);
    }

    /// <summary>The kommunenummer of every municipality on the map, in number order.</summary>
    public IReadOnlyCollection<string> Numbers { get; }

    internal double Height { get; }

    /// <summary>
    /// The map as a standalone SVG. <paramref name="stageByNumber"/>: municipalities missing from it are drawn as
    /// <see cref="AdoptionStage.NotStarted"/> and left out of the legend's counts; numbers that are not on the map are ignored.
    /// <paramref name="names"/>: kommunenummer → display name for each shape's title ("Oslo: Tatt i bruk"); a missing
    /// name falls back to the name in the boundary file.
    /// </summary>
    public string RenderSvg(IReadOnlyDictionary<string, AdoptionStage> stageByNumber, IReadOnlyDictionary<string, string> names, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(stageByNumber);
        ArgumentNullException.ThrowIfNull(names);
        var stages = new int[_shapes.Length];
        var counts = new int[Stages.Length];
        for (var i = 0; i < _shapes.Length; i++)
        {
            var known = stageByNumber.TryGetValue(_shapes[i].Number, out var s);
            var stage = known && (uint)s < (uint)Stages.Length ? (int)s : 0;
            stages[i] = stage;
            // Only the municipalities given are counted: one that did not exist on the date (Haram before 2024) is drawn but not counted.
            if (known) counts[stage]++;
        }

        using var sb = new SvgBuffer(_pathChars + _shapes.Length * 120 + 4096);
        var id = "kommunekart-" + StableHash(title + "\n" + description).ToString("x8", CultureInfo.InvariantCulture);
        var w = Num(Width);
        var h = Num(Height);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(w).Append(' ').Append(h)
          .Append("\" width=\"").Append(w).Append("\" height=\"").Append(h)
          .Append("\" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\" class=\"municipality-map\"")
          .Append(" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\">\n");
        sb.Append("<title id=\"").Append(id).Append("-title\">");
        AppendEscaped(sb, title);
        sb.Append("</title>\n<desc id=\"").Append(id).Append("-desc\">");
        AppendEscaped(sb, description);
        sb.Append("</desc>\n");
        sb.Append("<rect width=\"").Append(w).Append("\" height=\"").Append(h).Append("\" fill=\"#ffffff\"/>\n");

        // Stroke and fill rule are set once: evenodd keeps holes (a municipality around another) open whatever the
        // winding order of the rings.
        sb.Append("<g class=\"municipalities\" stroke=\"#ffffff\" stroke-width=\"0.3\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n");
        for (var i = 0; i < _shapes.Length; i++)
        {
            var shape = _shapes[i];
            var stage = stages[i];
            sb.Append("<path fill=\"").Append(Fills[stage]).Append("\" class=\"").Append(Classes[stage]).Append('"').Append(shape.Fragment);
            AppendEscaped(sb, names.TryGetValue(shape.Number, out var name) && !string.IsNullOrWhiteSpace(name) ? name : shape.Name);
            sb.Append(": ").Append(Labels[stage]).Append("</title></path>\n");
        }
        sb.Append("</g>\n");

        AppendLegend(sb, counts);
        sb.Append("<text x=\"").Append(Num(Width - Pad)).Append("\" y=\"").Append(Num(Height - Pad))
          .Append("\" text-anchor=\"end\" font-size=\"10\" fill=\"").Append(Muted).Append("\">").Append(Attribution).Append("</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void AppendLegend(SvgBuffer sb, int[] counts)
    {
        // In the Norwegian Sea west of Helgeland and Lofoten: the top left of the map is open water.
        const double x = 12, top = 18, row = 20, box = 14;
        sb.Append("<g class=\"legend\" font-size=\"13\" fill=\"").Append(Ink).Append("\">\n");
        sb.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(top)).Append("\" font-weight=\"bold\">Innføringsstatus</text>\n");
        // Furthest along first, as in the map's own reading: the darker, the further.
        for (var k = 0; k < Stages.Length; k++)
        {
            var stage = Stages.Length - 1 - k;
            var y = top + 10 + k * row;
            sb.Append("<g class=\"").Append(Classes[stage]).Append("\"><rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
              .Append("\" width=\"").Append(Num(box)).Append("\" height=\"").Append(Num(box)).Append("\" fill=\"").Append(Fills[stage])
              .Append("\" stroke=\"").Append(Muted).Append("\" stroke-width=\"1\"/>");
            sb.Append("<text x=\"").Append(Num(x + box + 7)).Append("\" y=\"").Append(Num(y + box - 2)).Append("\">")
              .Append(Labels[stage]).Append(": <tspan class=\"count\" font-weight=\"bold\">").Append(Norwegian.Number(counts[stage]))
              .Append("</tspan></text></g>\n");
        }
        sb.Append("</g>\n");
    }

    private sealed record Shape(string Number, string Name, string Fragment);

    private static MunicipalityMap Load(string resource)
    {
        using var stream = typeof(MunicipalityMap).Assembly.GetManifestResourceStream($"Samstyring.Core.Data.Seed.{resource}")
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing.");
        using var json = JsonDocument.Parse(stream);
        return FromGeoJson(json.RootElement);
    }

    /// <summary>Projects a GeoJSON FeatureCollection (WGS 84) with a kommunenummer property per feature.</summary>
    internal static MunicipalityMap FromGeoJson(JsonElement collection)
    {
        var raw = new List<(string Number, string Name, List<List<(double X, double Y)>> Rings)>();
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var feature in collection.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var number = props.GetProperty("kommunenummer").GetString()!;
            var name = props.TryGetProperty("kommunenavn", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : number;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            List<JsonElement> polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [coordinates],
                "MultiPolygon" => coordinates.EnumerateArray().ToList(),
                var other => throw new InvalidDataException($"Kommune {number}: unexpected geometry {other}."),
            };
            var rings = new List<List<(double X, double Y)>>();
            foreach (var polygon in polygons)
            {
                foreach (var ring in polygon.EnumerateArray())
                {
                    var points = new List<(double X, double Y)>(ring.GetArrayLength());
                    foreach (var position in ring.EnumerateArray())
                    {
                        var p = Project(position[0].GetDouble(), position[1].GetDouble());
                        points.Add(p);
                        minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X);
                        minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
                    }
                    rings.Add(points);
                }
            }
            raw.Add((number, name, rings));
        }

        var scale = (Width - 2 * Pad) / (maxX - minX);
        var height = Math.Ceiling((maxY - minY) * scale + 2 * Pad);
        var shapes = raw
            .OrderBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new Shape(r.Number, r.Name, Fragment(r.Number, r.Name, r.Rings, p =>
                // Projected y grows northwards; SVG's grows downwards.
                (Tenths(Pad + (p.X - minX) * scale), Tenths(Pad + (maxY - p.Y) * scale)))))
            .ToArray();
        return new MunicipalityMap(shapes, height);
    }

    /// <summary>
    /// Spherical transverse Mercator with its central meridian at 15° E and origin at 65° N (as UTM zone 33, which
    /// Kartverket uses for national maps): north stays up and the country keeps its shape from Lindesnes to Vardø,
    /// where an equirectangular projection would stretch Finnmark.
    /// </summary>
    internal static (double X, double Y) Project(double lon, double lat)
    {
        const double deg = Math.PI / 180, lon0 = 15 * deg, lat0 = 65 * deg;
        var phi = lat * deg;
        var dLambda = lon * deg - lon0;
        var b = Math.Cos(phi) * Math.Sin(dLambda);
        return (Math.Atanh(b), Math.Atan2(Math.Tan(phi), Math.Cos(dLambda)) - lat0);
    }

    private static long Tenths(double v) => (long)Math.Round(v * 10, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The path's attributes after the fill and the opening of its title: ` data-kommunenummer="…" d="…"&gt;&lt;title&gt;`.
    /// Coordinates are rounded to tenths first, so neighbours sharing a border still share every vertex; then
    /// repeated points go, rings that shrink below a triangle go, and the rest are written relative to the previous
    /// point, which roughly halves the text.
    /// </summary>
    private static string Fragment(string number, string name, List<List<(double X, double Y)>> rings, Func<(double X, double Y), (long X, long Y)> toView)
    {
        var sb = new StringBuilder(" data-kommunenummer=\"").Append(SvgBarChart.Esc(number)).Append("\" d=\"");
        var points = new List<(long X, long Y)>();
        var drawn = 0;
        foreach (var ring in rings)
        {
            points.Clear();
            foreach (var p in ring)
            {
                var v = toView(p);
                if (points.Count == 0 || points[^1] != v) points.Add(v);
            }
            while (points.Count > 1 && points[^1] == points[0]) points.RemoveAt(points.Count - 1);
            if (points.Count < 3) continue;
            drawn++;
            sb.Append('M');
            AppendTenths(sb, points[0].X);
            sb.Append(' ');
            AppendTenths(sb, points[0].Y);
            sb.Append('l');
            for (var i = 1; i < points.Count; i++)
            {
                if (i > 1) sb.Append(' ');
                AppendTenths(sb, points[i].X - points[i - 1].X);
                var dy = points[i].Y - points[i - 1].Y;
                if (dy >= 0) sb.Append(' ');
                AppendTenths(sb, dy);
            }
            sb.Append('z');
        }
        if (drawn == 0) throw new InvalidDataException($"Kommune {number} ({name}) has no ring left after rounding to the map's scale.");
        sb.Append("\"><title>");
        return sb.ToString();
    }

    private static void AppendTenths(StringBuilder sb, long tenths)
    {
        if (tenths < 0)
        {
            sb.Append('-');
            tenths = -tenths;
        }
        sb.Append(tenths / 10);
        if (tenths % 10 != 0) sb.Append('.').Append((char)('0' + tenths % 10));
    }

    private static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>XML-escapes into the buffer without building a string per name; characters XML cannot hold are dropped.</summary>
    private static void AppendEscaped(SvgBuffer sb, string? text)
    {
        var clean = XmlText.Clean(text);
        if (clean.AsSpan().IndexOfAny(MustEscape) < 0)
        {
            sb.Append(clean);
            return;
        }
        foreach (var c in clean)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }

    private static readonly SearchValues<char> MustEscape = SearchValues.Create("&<>\"'");

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
