using System.IO.Compression;
using System.Text;

namespace Samstyring.Core.Tests.Portfolio;

/// <summary>
/// Files that are small on the wire and huge once read: spreadsheets with far-away cells or endless rows, shared
/// strings that unpack to hundreds of MB, ZIP headers that lie. Built by streaming into the compressor, so the
/// tests themselves stay cheap. Also linked into the web tests.
/// </summary>
public static class HostileFiles
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<char, string> Blocks = new();

    /// <summary>The import header row in sheet XML: navn, eier, type.</summary>
    public const string HeaderRow =
        """<row r="1"><c r="A1" t="inlineStr"><is><t>navn</t></is></c><c r="B1" t="inlineStr"><is><t>eier</t></is></c><c r="C1" t="inlineStr"><is><t>type</t></is></c></row>""";

    /// <summary>
    /// A minimal XLSX (what Excel needs and no more). <paramref name="sheetData"/> writes the rows inside
    /// &lt;sheetData&gt;; <paramref name="sharedStrings"/>, when given, writes the &lt;si&gt; items of xl/sharedStrings.xml.
    /// </summary>
    public static byte[] Xlsx(Action<TextWriter> sheetData, Action<TextWriter>? sharedStrings = null)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""));
            Entry(zip, "_rels/.rels", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Entry(zip, "xl/workbook.xml", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
                + (sharedStrings is null ? "" : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""")
                + "</Relationships>"));
            Entry(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}" xmlns:r="{Rel}"><sheetData>""");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (sharedStrings is not null)
                Entry(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
                    sharedStrings(w);
                    w.Write("</sst>");
                });
        }
        return output.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }

    /// <summary>The header and one row with a value at <paramref name="reference"/> (such as ZZZZZZ2): about 1 KB.</summary>
    public static byte[] XlsxWithCellAt(string reference) => Xlsx(w =>
    {
        w.Write(HeaderRow);
        w.Write($"""<row r="2"><c r="A2" t="inlineStr"><is><t>Tiltak</t></is></c><c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row>""");
    });

    /// <summary>One shared string of <paramref name="characters"/> letters: 300 million unpack to 300 MB from well under 1 MB.</summary>
    public static byte[] XlsxWithHugeSharedString(long characters) => Xlsx(
        w =>
        {
            w.Write(HeaderRow);
            w.Write("""<row r="2"><c r="A2" t="s"><v>0</v></c></row>""");
        },
        w =>
        {
            w.Write("<si><t>");
            WriteRepeated(w, 'a', characters);
            w.Write("</t></si>");
        });

    /// <summary>Many shared strings, each within the cell limit, together <paramref name="count"/> × <paramref name="length"/> characters.</summary>
    public static byte[] XlsxWithManySharedStrings(int count, int length) => Xlsx(
        w =>
        {
            w.Write(HeaderRow);
            w.Write("""<row r="2"><c r="A2" t="s"><v>0</v></c></row>""");
        },
        w =>
        {
            for (var i = 0; i < count; i++)
            {
                w.Write("<si><t>");
                WriteRepeated(w, 'b', length);
                w.Write("</t></si>");
            }
        });

    /// <summary>The header, then <paramref name="count"/> empty rows (&lt;row/&gt;): a few KB packed.</summary>
    public static byte[] XlsxWithEmptyRows(int count) => Xlsx(w =>
    {
        w.Write(HeaderRow);
        for (var i = 0; i < count; i++) w.Write("<row/>");
    });

    /// <summary>A cell with an inline string of <paramref name="characters"/> letters.</summary>
    public static byte[] XlsxWithLongCell(int characters) => Xlsx(w =>
    {
        w.Write(HeaderRow);
        w.Write("""<row r="2"><c r="A2" t="inlineStr"><is><t>""");
        WriteRepeated(w, 'c', characters);
        w.Write("</t></is></c></row>");
    });

    /// <summary>
    /// <paramref name="zip"/> with the uncompressed size of <paramref name="entryName"/> rewritten to
    /// <paramref name="claimed"/> bytes in both its local header and the central directory: a header that lies.
    /// </summary>
    public static byte[] WithLyingSize(byte[] zip, string entryName, uint claimed)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && NameAt(bytes, i + 30, BitConverter.ToUInt16(bytes, i + 26), name))
            {
                BitConverter.GetBytes(claimed).CopyTo(bytes, i + 22);
                patched++;
            }
            else if (signature == 0x02014b50 && NameAt(bytes, i + 46, BitConverter.ToUInt16(bytes, i + 28), name))
            {
                BitConverter.GetBytes(claimed).CopyTo(bytes, i + 24);
                patched++;
            }
        }
        if (patched != 2) throw new InvalidOperationException($"found {entryName} {patched} times, expected a local and a central header");
        return bytes;
    }

    private static bool NameAt(byte[] bytes, int offset, int length, byte[] name) =>
        length == name.Length && offset + length <= bytes.Length && bytes.AsSpan(offset, length).SequenceEqual(name);

    /// <summary>A CSV with the header and one row of <paramref name="columns"/> fields (1 MB for a million).</summary>
    public static byte[] CsvWithColumns(int columns)
    {
        var sb = new StringBuilder("navn;eier;type\n", columns + 32);
        sb.Append("Tiltak;ks;project");
        sb.Append(';', columns - 3);
        sb.Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A CSV whose second line is one field of <paramref name="characters"/> letters.</summary>
    public static byte[] CsvWithLongCell(int characters) =>
        Encoding.UTF8.GetBytes("navn;eier;type\n" + new string('d', characters) + ";ks;project\n");

    /// <summary>A CSV with the header and <paramref name="count"/> blank lines.</summary>
    public static byte[] CsvWithBlankLines(int count) =>
        Encoding.UTF8.GetBytes("navn;eier;type\n" + new string('\n', count));

    /// <summary>Writes <paramref name="count"/> copies of a character without building the string.</summary>
    public static void WriteRepeated(TextWriter w, char c, long count)
    {
        if (count == 0) return;
        var block = Blocks.GetOrAdd(c, x => new string(x, 64 * 1024));
        for (; count >= block.Length; count -= block.Length) w.Write(block);
        w.Write(block.AsSpan(0, (int)count));
    }
}
