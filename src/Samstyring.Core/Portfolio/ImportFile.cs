using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using Samstyring.Core.Common;

namespace Samstyring.Core.Portfolio;

/// <summary>
/// Everything an import file can make the server read and keep, in one place. Each bound is checked while the
/// file is read, so a file that is small on the wire but would unpack or pad to something huge is refused early,
/// with a message naming the bound. Listed in the README.
/// </summary>
public static class ImportLimits
{
    /// <summary>The file as uploaded.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Initiatives in one import: rows with content after the header row.</summary>
    public const int MaxRows = 5000;

    /// <summary>Rows in the file, blank ones included: a sheet of a million empty rows stops here.</summary>
    public const int MaxLines = 20_000;

    /// <summary>Columns (A to CV). The template has ten; a value further right is refused, and no row is padded.</summary>
    public const int MaxColumns = 100;

    /// <summary>Characters in one cell: Excel's own limit.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>All text in the file together (in an XLSX: the shared strings and the text in the sheet).</summary>
    public const int MaxTextChars = 10_000_000;

    /// <summary>Entries in an XLSX file's table of shared strings.</summary>
    public const int MaxSharedStrings = 100_000;

    /// <summary>Parts (files) in an XLSX file's ZIP.</summary>
    public const int MaxParts = 1000;

    /// <summary>Unpacked size of each XLSX part that is read: the sheet, the shared strings, the workbook and its relationships.</summary>
    public const long MaxPartBytes = 50L * 1024 * 1024;
}

internal sealed record ImportRow(int Number, Dictionary<string, string?> Values);

internal sealed record ImportTable(List<ImportRow> Rows);

/// <summary>A row as read from the file: its number as the user sees it, and its non-empty cells by column (0 = A).</summary>
internal sealed record RawRow(int Number, Dictionary<int, string> Cells);

/// <summary>
/// Reads the rows of an import file, CSV or XLSX, into column codes → text, within <see cref="ImportLimits"/>.
/// Both formats are read as a stream of cells placed by their column, never by padding a row out to it.
/// </summary>
internal static class ImportFile
{
    /// <summary>Column codes and the header texts accepted for them (compared without case, spaces, '_' or '-').</summary>
    public static readonly (string Field, string Norwegian, string[] Aliases)[] Columns =
    [
        ("name", "navn", ["navn", "name", "tiltak"]),
        ("description", "beskrivelse", ["beskrivelse", "description"]),
        ("owner", "eier", ["eier", "owner", "tiltakseier"]),
        ("kind", "type", ["type", "kind", "typetiltak"]),
        ("lifecycle", "livslop", ["livslop", "livsløp", "lifecycle"]),
        ("phase", "fase", ["fase", "phase"]),
        ("segment", "segment", ["segment"]),
        ("plannedStart", "planlagt_start", ["planlagtstart", "plannedstart"]),
        ("plannedEnd", "planlagt_slutt", ["planlagtslutt", "plannedend"]),
        ("contactPerson", "kontaktperson", ["kontaktperson", "contactperson"]),
    ];

    private static readonly string[] RequiredColumns = ["name", "owner", "kind"];

    public static ImportTable Read(byte[] bytes, string fileName) => ToTable(ReadRows(bytes, fileName));

    /// <summary>
    /// The non-empty rows of a CSV or XLSX file, within <see cref="ImportLimits"/>, before a header is interpreted: for
    /// imports with columns of their own (the adoption lists of the solutions area).
    /// </summary>
    internal static List<RawRow> ReadRows(byte[] bytes, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (bytes.Length == 0) throw ImportFailedException.File("Filen er tom.");
        var isZip = bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] is 3 or 5 or 7 && bytes[3] is 4 or 6 or 8;
        if (ext == ".xls")
            throw ImportFailedException.File("Gamle Excel-filer (.xls) kan ikke leses. Lagre filen som .xlsx eller CSV og prøv igjen.");
        if (isZip) return XlsxRows.Read(bytes);
        if (ext == ".xlsx")
            throw ImportFailedException.File("Filen har endelsen .xlsx, men er ikke en Excel-fil. Lagre den på nytt fra Excel, eller bruk CSV.");
        if (ext is not ("" or ".csv" or ".txt"))
            throw ImportFailedException.File($"Filtypen «{ext}» støttes ikke. Bruk CSV (.csv) eller Excel (.xlsx).");
        return CsvRows.Read(bytes);
    }

    /// <summary>The uploaded file, read up to <see cref="ImportLimits.MaxBytes"/> and refused past it.</summary>
    internal static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > ImportLimits.MaxBytes)
                throw ImportFailedException.File($"Filen er for stor. Største tillatte størrelse er {ImportLimits.MaxBytes / 1024 / 1024} MB.");
        }
        return buffer.ToArray();
    }

    internal static void TooManyRows() =>
        throw ImportFailedException.File($"Filen har for mange rader. Største tillatte antall er {Norwegian.Number(ImportLimits.MaxRows)} tiltak per import.");

    internal static void TooManyLines() =>
        throw ImportFailedException.File($"Filen har for mange rader. Høyst {Norwegian.Number(ImportLimits.MaxLines)} rader kan leses, tomme rader medregnet. Slett de tomme radene nederst i arket og prøv igjen.");

    internal static ImportFailedException CellTooLong(string where) =>
        ImportFailedException.File($"{where} har mer enn {Norwegian.Number(ImportLimits.MaxCellChars)} tegn, som er det meste en celle kan ha.");

    internal static ImportFailedException TooMuchText() =>
        ImportFailedException.File($"Filen har for mye tekst. Høyst {Norwegian.Number(ImportLimits.MaxTextChars)} tegn kan leses til sammen.");

    /// <summary>"A", "Z", "AA", "CV" for 0, 25, 26, 99.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>A header as compared with the accepted names: no case, spaces, '_', '-' or '.', and æøå as ae, o, a.</summary>
    /// <summary>
    /// Which column of a list holds what, for the imports that name their columns (adoption, population figures): an unknown
    /// or repeated header, or a missing required one, stops the import with every such error. <paramref name="find"/> names
    /// the column a header means (by default: a column one of whose aliases it is); columns named in
    /// <paramref name="ignored"/> are accepted and left out of the map.
    /// </summary>
    internal static Dictionary<int, string> MapHeader(RawRow header, IReadOnlyList<(string Column, bool Required, string[] Aliases)> columns,
        Func<string, string?>? find = null, params string[] ignored)
    {
        find ??= text => columns.FirstOrDefault(c => c.Aliases.Any(a => Normalize(a) == Normalize(text))).Column;
        var map = new Dictionary<int, string>();
        var errors = new List<ImportError>();
        foreach (var (i, text) in header.Cells.OrderBy(c => c.Key))
        {
            var column = find(text);
            if (column is null)
                errors.Add(new ImportError(header.Number, "header",
                    $"Ukjent kolonne «{Validator.Truncate(text.Trim())}». Gyldige kolonner: {string.Join(", ", columns.Select(c => c.Column))}."));
            else if (map.ContainsValue(column))
                errors.Add(new ImportError(header.Number, "header", $"Kolonnen «{Validator.Truncate(text.Trim())}» finnes to ganger."));
            else map[i] = column;
        }
        foreach (var (column, _, _) in columns.Where(c => c.Required && !map.ContainsValue(c.Column)))
            errors.Add(new ImportError(header.Number, "header", $"Kolonnen «{column}» mangler i overskriftsraden."));
        if (errors.Count > 0) throw new ImportFailedException(errors);
        return map.Where(x => !ignored.Contains(x.Value)).ToDictionary();
    }

    internal static string Normalize(string header) =>
        new string(header.Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(c => c is not (' ' or '_' or '-' or '.')).ToArray())
            .Replace("ø", "o").Replace("æ", "ae").Replace("å", "a");

    /// <summary>The header row maps columns to fields; every other row with content becomes an <see cref="ImportRow"/>.</summary>
    private static ImportTable ToTable(List<RawRow> rows)
    {
        if (rows.Count == 0) throw ImportFailedException.File("Filen er tom.");
        var (headerRow, header) = (rows[0].Number, rows[0].Cells);
        var map = new Dictionary<int, string>();
        var errors = new List<ImportError>();
        foreach (var (i, text) in header.OrderBy(c => c.Key))
        {
            var norm = Normalize(text);
            var column = Columns.FirstOrDefault(c => c.Aliases.Any(a => Normalize(a) == norm));
            if (column.Field is null)
                errors.Add(new ImportError(headerRow, "header", $"Ukjent kolonne «{Validator.Truncate(text.Trim())}». Gyldige kolonner: {string.Join(", ", Columns.Select(c => c.Norwegian))}."));
            else if (map.ContainsValue(column.Field))
                errors.Add(new ImportError(headerRow, "header", $"Kolonnen «{Validator.Truncate(text.Trim())}» finnes to ganger."));
            else map[i] = column.Field;
        }
        foreach (var required in RequiredColumns.Where(r => !map.ContainsValue(r)))
        {
            var c = Columns.Single(x => x.Field == required);
            errors.Add(new ImportError(headerRow, "header", $"Kolonnen «{c.Norwegian}» mangler i overskriftsraden."));
        }
        if (errors.Count > 0) throw new ImportFailedException(errors);

        var result = rows.Skip(1).Select(r =>
        {
            var values = new Dictionary<string, string?>();
            foreach (var (index, field) in map) values[field] = r.Cells.GetValueOrDefault(index);
            return new ImportRow(r.Number, values);
        }).ToList();
        if (result.Count > ImportLimits.MaxRows) TooManyRows();
        return new ImportTable(result);
    }
}

/// <summary>
/// CSV in UTF-8 (or Windows-1252 from older Excel), separated by semicolon, comma or tab. The text is at most
/// <see cref="ImportLimits.MaxBytes"/>; its shape (rows, columns, cell length) is checked in one pass before the
/// parser sees it, so a line of a million separators never becomes a million fields.
/// </summary>
internal static class CsvRows
{
    public static List<RawRow> Read(byte[] bytes)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
            throw ImportFailedException.File("Filen er ikke en CSV- eller Excel-fil (den inneholder binærdata).");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Older Excel versions save CSV as Windows-1252; Latin-1 reads the Norwegian letters the same.
            text = Encoding.Latin1.GetString(bytes);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var newline = text.IndexOf('\n');
        var firstLine = newline < 0 ? text.AsSpan() : text.AsSpan(0, newline);
        var (semicolons, commas) = (firstLine.Count(';'), firstLine.Count(','));
        var delimiter = semicolons > 0 && semicolons >= commas ? ';'
            : firstLine.Contains('\t') && commas == 0 ? '\t' : ',';
        CheckShape(text, delimiter);

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(), HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null,
            DetectColumnCountChanges = false, IgnoreBlankLines = false, TrimOptions = TrimOptions.None,
        };
        var rows = new List<RawRow>();
        var number = 0;
        try
        {
            using var csv = new CsvParser(new StringReader(text), config);
            while (csv.Read())
            {
                // CsvHelper counts physical lines; a quoted field with line breaks makes a row span several.
                number++;
                var cells = new Dictionary<int, string>();
                var record = csv.Record ?? [];
                for (var i = 0; i < record.Length; i++)
                    if (!string.IsNullOrWhiteSpace(record[i])) cells[i] = record[i];
                if (cells.Count == 0) continue;
                rows.Add(new RawRow(number, cells));
                if (rows.Count > ImportLimits.MaxRows + 1) ImportFile.TooManyRows();
            }
        }
        catch (CsvHelperException)
        {
            throw ImportFailedException.File("CSV-filen kan ikke leses (ugyldig format, for eksempel et anførselstegn som ikke er lukket).");
        }
        return rows;
    }

    /// <summary>
    /// Counts rows, fields per row and characters per field the way the parser will split them (RFC 4180: a quote
    /// opens a quoted field only at its start, and "" inside one is a quote), and refuses the file at the first bound
    /// it passes. Where the parser is lenient about a stray quote this counts more fields, never fewer.
    /// </summary>
    private static void CheckShape(string text, char delimiter)
    {
        var (row, fields, chars) = (1, 1, 0);
        var (quoted, atFieldStart) = (false, true);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') i++;
                    else { quoted = false; continue; }
                }
                chars++;
            }
            else if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
                continue;
            }
            else if (c == delimiter)
            {
                if (++fields > ImportLimits.MaxColumns)
                    throw ImportFailedException.File($"Rad {row} har mer enn {ImportLimits.MaxColumns} kolonner, som er det meste som kan leses. Sjekk skilletegnet (semikolon eller komma).");
                chars = 0;
                atFieldStart = true;
                continue;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (++row > ImportLimits.MaxLines) ImportFile.TooManyLines();
                (fields, chars, atFieldStart) = (1, 0, true);
                continue;
            }
            else
            {
                chars++;
                atFieldStart = false;
            }
            if (chars > ImportLimits.MaxCellChars) throw ImportFile.CellTooLong($"En celle i kolonne {fields} på rad {row}");
        }
    }
}

/// <summary>
/// The first sheet of an XLSX file, read straight from its ZIP with an <see cref="XmlReader"/>: every part is
/// checked against <see cref="ImportLimits"/> before and while it is unpacked, cells are placed by their reference
/// (a cell at ZZZZZZ2 is refused, not padded to), and shared strings and cell text are read in chunks and counted.
/// The OpenXML SDK is not used here: its package layer parses parts on its own, outside these bounds.
/// </summary>
internal static class XlsxRows
{
    private const string Damaged = "Excel-filen er skadet eller ikke en gyldig .xlsx-fil og kan ikke leses.";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = ImportLimits.MaxPartBytes, CloseInput = true,
    };

    public static List<RawRow> Read(byte[] bytes)
    {
        // The part being read, for the message when it turns out to be damaged (cut short where its header says it ends, not XML, …).
        string? part = null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > ImportLimits.MaxParts)
                throw ImportFailedException.File($"Excel-filen har {Norwegian.Number(zip.Entries.Count)} deler; høyst {Norwegian.Number(ImportLimits.MaxParts)} kan leses.");

            part = "_rels/.rels";
            var workbook = Relationships(zip, part).FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))
                           is { } office ? Resolve("", office.Target) : throw ImportFailedException.File("Excel-filen har ingen arbeidsbok.");
            part = workbook;
            var sheetId = FirstSheetId(zip, workbook) ?? throw ImportFailedException.File("Excel-filen har ingen ark.");
            string? sheet = null, sharedStrings = null;
            part = RelationshipsOf(workbook);
            foreach (var r in Relationships(zip, part))
            {
                if (r.Id == sheetId) sheet ??= Resolve(workbook, r.Target);
                else if (r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) sharedStrings ??= Resolve(workbook, r.Target);
                if (sheet is not null && sharedStrings is not null) break;
            }
            if (sheet is null) throw ImportFailedException.File("Excel-filen har ingen ark.");

            var budget = new TextBudget();
            part = sharedStrings;
            var shared = sharedStrings is null || Find(zip, sharedStrings) is null ? [] : ReadSharedStrings(zip, sharedStrings, budget);
            part = sheet;
            return ReadSheet(zip, sheet, shared, budget);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException or ArgumentException
                                      or InvalidOperationException)
        {
            throw ImportFailedException.File(part is null ? Damaged
                : $"Excel-filen er skadet: {Validator.Truncate(part)} kan ikke leses (delen er ufullstendig eller ikke gyldig XML). Lagre filen på nytt fra Excel og prøv igjen.");
        }
    }

    /// <summary>Characters of text read so far, against <see cref="ImportLimits.MaxTextChars"/>.</summary>
    private sealed class TextBudget
    {
        public long Used;
        public readonly char[] Buffer = new char[8192];
    }

    private static ZipArchiveEntry? Find(ZipArchive zip, string path) =>
        zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));

    private static XmlReader Open(ZipArchive zip, string path)
    {
        var entry = Find(zip, path) ?? throw ImportFailedException.File(Damaged);
        var stream = BoundedZip.Open(entry, ImportLimits.MaxPartBytes,
            tooLarge: () => ImportFailedException.File(
                $"Excel-filen er for stor utpakket: {entry.FullName} er {Megabytes(entry.Length)} MB, og høyst {ImportLimits.MaxPartBytes / 1024 / 1024} MB per del kan leses."),
            damaged: () => ImportFailedException.File(
                $"Excel-filen er skadet: {entry.FullName} pakker ikke ut til de {Norwegian.Number(entry.Length)} bytene filen oppgir."));
        return XmlReader.Create(stream, Settings);
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0", Norwegian.Culture);

    /// <summary>"xl/workbook.xml" → "xl/_rels/workbook.xml.rels".</summary>
    private static string RelationshipsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return slash < 0 ? $"_rels/{part}.rels" : $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>A relationship's target as a path in the ZIP: absolute ("/xl/…") or relative to the source part's folder.</summary>
    private static string Resolve(string sourcePart, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        if (!target.StartsWith('/'))
        {
            var slash = sourcePart.LastIndexOf('/');
            if (slash > 0) segments.AddRange(sourcePart[..slash].Split('/'));
        }
        foreach (var s in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (s == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); }
            else if (s != ".") segments.Add(s);
        }
        return string.Join('/', segments);
    }

    /// <summary>The relationships of a part, streamed; a missing relationships part has none.</summary>
    private static IEnumerable<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string path)
    {
        if (Find(zip, path) is null) yield break;
        using var r = Open(zip, path);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "Relationship" || r.GetAttribute("TargetMode") == "External") continue;
            if (r.GetAttribute("Id") is { } id && r.GetAttribute("Type") is { } type && r.GetAttribute("Target") is { } target)
                yield return (id, type, target);
        }
    }

    /// <summary>The relationship id (r:id) of the first &lt;sheet&gt; in the workbook.</summary>
    private static string? FirstSheetId(ZipArchive zip, string workbook)
    {
        if (Find(zip, workbook) is null) throw ImportFailedException.File("Excel-filen har ingen arbeidsbok.");
        using var r = Open(zip, workbook);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "sheet") continue;
            while (r.MoveToNextAttribute())
                if (r.LocalName == "id" && r.NamespaceURI.Length > 0) return r.Value;
            return null;
        }
        return null;
    }

    private static List<string> ReadSharedStrings(ZipArchive zip, string path, TextBudget budget)
    {
        var strings = new List<string>();
        using var r = Open(zip, path);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "si") continue;
            if (strings.Count >= ImportLimits.MaxSharedStrings)
                throw ImportFailedException.File($"Excel-filen har mer enn {Norwegian.Number(ImportLimits.MaxSharedStrings)} ulike tekster (delte strenger), som er det meste som kan leses.");
            strings.Add(ReadText(r, onlyRuns: true, budget, () => $"Tekst nummer {strings.Count + 1} i de delte strengene ({path})"));
        }
        return strings;
    }

    private static List<RawRow> ReadSheet(ZipArchive zip, string path, List<string> shared, TextBudget budget)
    {
        var rows = new List<RawRow>();
        var (lines, rowNumber, nextColumn) = (0, 0, 0);
        RawRow? row = null;
        using var r = Open(zip, path);
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element) continue;
            if (r.LocalName == "row")
            {
                if (++lines > ImportLimits.MaxLines) ImportFile.TooManyLines();
                rowNumber = int.TryParse(r.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : rowNumber + 1;
                nextColumn = 0;
                row = new RawRow(rowNumber, new Dictionary<int, string>());
                continue;
            }
            if (r.LocalName != "c" || row is null) continue;

            var reference = r.GetAttribute("r");
            var column = reference is null ? nextColumn : ColumnIndex(reference);
            if (column < 0) column = nextColumn;
            nextColumn = column == int.MaxValue ? column : column + 1;
            var text = CellText(r, r.GetAttribute("t"), shared, budget, reference ?? $"{ImportFile.ColumnName(Math.Min(column, ImportLimits.MaxColumns))}{rowNumber}");
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (column >= ImportLimits.MaxColumns)
                throw ImportFailedException.File(
                    $"Excel-filen har innhold i celle {Validator.Truncate(reference ?? "")} på rad {rowNumber}, lenger til høyre enn kolonne {ImportFile.ColumnName(ImportLimits.MaxColumns - 1)}. Høyst {ImportLimits.MaxColumns} kolonner kan leses.");
            if (row.Cells.Count == 0)
            {
                rows.Add(row);
                if (rows.Count > ImportLimits.MaxRows + 1) ImportFile.TooManyRows();
            }
            row.Cells[column] = text;
        }
        return rows;
    }

    /// <summary>"B7" → 1. Letters beyond the column bound give int.MaxValue (without counting on); no letters give -1.</summary>
    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (n > ImportLimits.MaxColumns) return int.MaxValue;
        }
        return n - 1;
    }

    /// <summary>The text of the &lt;c&gt; element the reader is on, as the user sees it; the reader ends on its end tag.</summary>
    private static string? CellText(XmlReader r, string? type, List<string> shared, TextBudget budget, string reference)
    {
        if (r.IsEmptyElement) return null;
        var depth = r.Depth;
        string? value = null, inline = null;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType != XmlNodeType.Element) continue;
            if (r.LocalName == "v") value = ReadText(r, onlyRuns: false, budget, () => $"Celle {Validator.Truncate(reference)}");
            else if (r.LocalName == "is") inline = ReadText(r, onlyRuns: true, budget, () => $"Celle {Validator.Truncate(reference)}");
        }
        return type switch
        {
            "s" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null,
            "inlineStr" => inline,
            "b" => value == "1" ? "true" : "false",
            "d" when value is not null && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
                d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>
    /// The text of the element the reader is on, in chunks, refused past <see cref="ImportLimits.MaxCellChars"/> or the
    /// file's text budget. With <paramref name="onlyRuns"/> only &lt;t&gt; elements count (rich text runs), not
    /// phonetic guides (&lt;rPh&gt;). The reader ends on the element's end tag.
    /// </summary>
    private static string ReadText(XmlReader r, bool onlyRuns, TextBudget budget, Func<string> where)
    {
        if (r.IsEmptyElement) return "";
        var depth = r.Depth;
        var text = new StringBuilder();
        var (inRun, skipDepth) = (!onlyRuns, -1);
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement)
            {
                if (r.Depth == depth) break;
                if (r.Depth == skipDepth) skipDepth = -1;
                else if (onlyRuns && r.LocalName == "t") inRun = false;
                continue;
            }
            if (skipDepth >= 0) continue;
            if (r.NodeType == XmlNodeType.Element)
            {
                if (onlyRuns && r.LocalName == "rPh" && !r.IsEmptyElement) skipDepth = r.Depth;
                else if (onlyRuns && r.LocalName == "t" && !r.IsEmptyElement) inRun = true;
                continue;
            }
            if (!inRun || r.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
            if (!r.CanReadValueChunk)
            {
                Append(text, r.Value.AsSpan(), budget, where);
                continue;
            }
            int n;
            while ((n = r.ReadValueChunk(budget.Buffer, 0, budget.Buffer.Length)) > 0)
                Append(text, budget.Buffer.AsSpan(0, n), budget, where);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, ReadOnlySpan<char> chunk, TextBudget budget, Func<string> where)
    {
        if (text.Length + chunk.Length > ImportLimits.MaxCellChars) throw ImportFile.CellTooLong(where());
        if ((budget.Used += chunk.Length) > ImportLimits.MaxTextChars) throw ImportFile.TooMuchText();
        text.Append(chunk);
    }
}
