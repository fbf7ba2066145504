using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Samstyring.Core.Documents;

/// <summary>
/// The same chart as <see cref="SvgBarChart"/>, rasterised to PNG for documents that need a bitmap
/// (Word's fallback for SVG). Text is drawn with a built-in 5×7 pixel font in capitals, so no
/// graphics library or installed font is needed.
/// </summary>
public static class PngBarChart
{
    /// <param name="scale">Pixels per layout unit; 2 gives a sharp image when printed at about 16 cm.</param>
    public static byte[] Render(BarChart chart, int width = SvgBarChart.DefaultWidth, int height = SvgBarChart.DefaultHeight, int scale = 2)
    {
        var layout = new BarChartLayout(chart, width, height, charWidth: 12);
        var img = new Raster(width * scale, height * scale);
        img.Fill(0, 0, img.Width, img.Height, Rgb("#ffffff"));
        var s = scale;
        var text = Rgb(BarChart.Text);
        var outline = Rgb(BarChart.Outline);

        img.Text(chart.Title, width / 2 * s, 22 * s, 2 * s, text, Align.Center);
        foreach (var t in layout.Ticks)
        {
            img.Fill(layout.PlotLeft * s, t.Y * s, (layout.PlotRight - layout.PlotLeft) * s, s, t.Value == 0 ? outline : Rgb(BarChart.Grid));
            img.Text(t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), (layout.PlotLeft - 8) * s, (t.Y - 4) * s, s, text, Align.Right);
        }
        foreach (var bar in layout.Bars)
        {
            if (bar.Height > 0)
            {
                img.Fill(bar.X * s, bar.Y * s, bar.Width * s, bar.Height * s, outline);
                img.Fill(bar.X * s + s, bar.Y * s + s, bar.Width * s - 2 * s, bar.Height * s - s, Rgb(SvgBarChart.Colour(chart.Series[bar.Series].Fill)));
            }
            img.Text(bar.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), (bar.X + bar.Width / 2) * s, (bar.Y - 20) * s, 2 * s, text, Align.Center);
        }
        foreach (var l in layout.GroupLabels)
            img.Text(l.Text, l.X * s, (l.Y - 14) * s, 2 * s, text, Align.Center);
        foreach (var item in layout.Legend)
        {
            img.Fill(item.X * s, item.Y * s, item.Box * s, item.Box * s, outline);
            img.Fill(item.X * s + s, item.Y * s + s, (item.Box - 2) * s, (item.Box - 2) * s, Rgb(SvgBarChart.Colour(chart.Series[item.Series].Fill)));
            img.Text(item.Text.Text, item.Text.X * s, (item.Text.Y - 7) * s, 2 * s, text, Align.Left);
        }
        return img.ToPng();
    }

    private static (byte R, byte G, byte B) Rgb(string hex)
    {
        hex = hex.TrimStart('#');
        if (hex.Length == 3) hex = string.Concat(hex.Select(c => $"{c}{c}"));
        var v = Convert.ToInt32(hex, 16);
        return ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    private enum Align { Left, Center, Right }

    private sealed class Raster(int width, int height)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;
        private readonly byte[] _pixels = new byte[width * height * 3];

        public void Fill(int x, int y, int w, int h, (byte R, byte G, byte B) c)
        {
            var x0 = Math.Clamp(x, 0, Width);
            var x1 = Math.Clamp(x + w, 0, Width);
            var y0 = Math.Clamp(y, 0, Height);
            var y1 = Math.Clamp(y + h, 0, Height);
            for (var py = y0; py < y1; py++)
            {
                var row = py * Width * 3;
                for (var px = x0; px < x1; px++)
                {
                    var i = row + px * 3;
                    _pixels[i] = c.R;
                    _pixels[i + 1] = c.G;
                    _pixels[i + 2] = c.B;
                }
            }
        }

        /// <param name="y">Top of the text.</param>
        /// <param name="dot">Size of one font pixel.</param>
        public void Text(string s, int x, int y, int dot, (byte R, byte G, byte B) c, Align align)
        {
            var advance = 6 * dot;
            var width = s.Length * advance - dot;
            var left = align switch { Align.Center => x - width / 2, Align.Right => x - width, _ => x };
            foreach (var ch in s)
            {
                var glyph = PixelFont.Glyph(ch);
                for (var row = 0; row < 7; row++)
                for (var col = 0; col < 5; col++)
                    if ((glyph[row] & (1 << (4 - col))) != 0)
                        Fill(left + col * dot, y + row * dot, dot, dot, c);
                left += advance;
            }
        }

        public byte[] ToPng()
        {
            using var ms = new MemoryStream();
            ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
            var ihdr = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(ihdr, Width);
            BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), Height);
            ihdr[8] = 8; // bit depth
            ihdr[9] = 2; // truecolour RGB
            Chunk(ms, "IHDR", ihdr);
            using (var raw = new MemoryStream())
            {
                using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
                {
                    for (var y = 0; y < Height; y++)
                    {
                        z.WriteByte(0); // filter: none
                        z.Write(_pixels, y * Width * 3, Width * 3);
                    }
                }
                Chunk(ms, "IDAT", raw.ToArray());
            }
            Chunk(ms, "IEND", []);
            return ms.ToArray();
        }

        private static void Chunk(Stream s, string type, byte[] data)
        {
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
            s.Write(len);
            var typeBytes = Encoding.ASCII.GetBytes(type);
            s.Write(typeBytes);
            s.Write(data);
            var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
            BinaryPrimitives.WriteUInt32BigEndian(len, crc);
            s.Write(len);
        }
    }
}

/// <summary>CRC-32 (ISO-HDLC, as in PNG and zip).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    /// <summary>Feeds bytes into a running CRC; start with 0xFFFFFFFF and xor the result with 0xFFFFFFFF.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    public static uint Compute(ReadOnlySpan<byte> data) => Update(0xFFFFFFFFu, data) ^ 0xFFFFFFFFu;
}

/// <summary>A 5×7 pixel font: capitals (with Æ Ø Å), digits and common punctuation. Lower case is drawn as capitals.</summary>
internal static class PixelFont
{
    private static readonly Dictionary<char, byte[]> Glyphs = Build();

    public static byte[] Glyph(char c)
    {
        c = c switch { '–' or '—' => '-', '\u00A0' => ' ', _ => char.ToUpperInvariant(c) };
        return Glyphs.TryGetValue(c, out var g) ? g : Glyphs['?'];
    }

    private static Dictionary<char, byte[]> Build()
    {
        const string font = """
            A 01110 10001 10001 11111 10001 10001 10001
            B 11110 10001 10001 11110 10001 10001 11110
            C 01110 10001 10000 10000 10000 10001 01110
            D 11100 10010 10001 10001 10001 10010 11100
            E 11111 10000 10000 11110 10000 10000 11111
            F 11111 10000 10000 11110 10000 10000 10000
            G 01110 10001 10000 10111 10001 10001 01111
            H 10001 10001 10001 11111 10001 10001 10001
            I 01110 00100 00100 00100 00100 00100 01110
            J 00111 00010 00010 00010 00010 10010 01100
            K 10001 10010 10100 11000 10100 10010 10001
            L 10000 10000 10000 10000 10000 10000 11111
            M 10001 11011 10101 10101 10001 10001 10001
            N 10001 10001 11001 10101 10011 10001 10001
            O 01110 10001 10001 10001 10001 10001 01110
            P 11110 10001 10001 11110 10000 10000 10000
            Q 01110 10001 10001 10001 10101 10010 01101
            R 11110 10001 10001 11110 10100 10010 10001
            S 01111 10000 10000 01110 00001 00001 11110
            T 11111 00100 00100 00100 00100 00100 00100
            U 10001 10001 10001 10001 10001 10001 01110
            V 10001 10001 10001 10001 10001 01010 00100
            W 10001 10001 10001 10101 10101 10101 01010
            X 10001 10001 01010 00100 01010 10001 10001
            Y 10001 10001 10001 01010 00100 00100 00100
            Z 11111 00001 00010 00100 01000 10000 11111
            Æ 01111 10100 10100 11110 10100 10100 10111
            Ø 01110 10011 10101 10101 10101 11001 01110
            Å 00100 00000 01110 10001 11111 10001 10001
            É 00010 00100 11111 10000 11110 10000 11111
            0 01110 10001 10011 10101 11001 10001 01110
            1 00100 01100 00100 00100 00100 00100 01110
            2 01110 10001 00001 00010 00100 01000 11111
            3 11111 00010 00100 00010 00001 10001 01110
            4 00010 00110 01010 10010 11111 00010 00010
            5 11111 10000 11110 00001 00001 10001 01110
            6 00110 01000 10000 11110 10001 10001 01110
            7 11111 00001 00010 00100 01000 01000 01000
            8 01110 10001 10001 01110 10001 10001 01110
            9 01110 10001 10001 01111 00001 00010 01100
            - 00000 00000 00000 11111 00000 00000 00000
            . 00000 00000 00000 00000 00000 01100 01100
            , 00000 00000 00000 00000 01100 00100 01000
            : 00000 01100 01100 00000 01100 01100 00000
            / 00000 00001 00010 00100 01000 10000 00000
            ( 00010 00100 01000 01000 01000 00100 00010
            ) 01000 00100 00010 00010 00010 00100 01000
            % 11000 11001 00010 00100 01000 10011 00011
            ? 01110 10001 00001 00010 00100 00000 00100
            """;
        var glyphs = new Dictionary<char, byte[]> { [' '] = new byte[7] };
        foreach (var line in font.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ');
            glyphs[parts[0][0]] = parts[1..].Select(p => Convert.ToByte(p, 2)).ToArray();
        }
        return glyphs;
    }
}
