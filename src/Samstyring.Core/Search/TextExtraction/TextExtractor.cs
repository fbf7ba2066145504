using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Samstyring.Core.Common;
using UglyToad.PdfPig;

namespace Samstyring.Core.Search.TextExtraction;

/// <summary>What reading an attachment's text gave: how it went, and the text when there is some.</summary>
public sealed record ExtractedText(AttachmentTextStatus Status, string? Text)
{
    public static ExtractedText From(string text) => text.Length == 0 ? new(AttachmentTextStatus.Empty, null) : new(AttachmentTextStatus.Ok, text);
}

/// <summary>
/// Reads the plain text of an attachment file for search: PDF (PdfPig), Word (.docx), OpenDocument text (.odt), and
/// .txt and .csv. Everything a file can make it do is bounded: at most <see cref="MaxChars"/> characters are kept, at
/// most <see cref="MaxPdfPages"/> pages read, and at most <see cref="MaxUnpackedBytes"/> bytes unpacked from a ZIP-based
/// file whatever its directory claims. A file that cannot be read gives <see cref="AttachmentTextStatus.Failed"/>, never an exception, so an upload
/// never fails because its text could not be read.
/// </summary>
public static class TextExtractor
{
    /// <summary>The most text kept per attachment; the rest is not searchable.</summary>
    public const int MaxChars = AttachmentText.SearchedChars;
    public const int MaxPdfPages = 2_000;
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    public static bool Supports(string? extension) => extension?.ToLowerInvariant() is ".pdf" or ".docx" or ".odt" or ".txt" or ".csv";

    public static ExtractedText FromFile(string path, string? extension)
    {
        using var file = File.OpenRead(path);
        return FromStream(file, extension);
    }

    /// <summary>Reads <paramref name="content"/> (seekable for PDF, DOCX and ODT) as a file with the given extension.</summary>
    public static ExtractedText FromStream(Stream content, string? extension)
    {
        if (!Supports(extension)) return new(AttachmentTextStatus.Unsupported, null);
        try
        {
            var text = new TextCollector(MaxChars);
            switch (extension!.ToLowerInvariant())
            {
                case ".pdf": ReadPdf(content, text); break;
                case ".docx": ReadZippedXml(content, "word/document.xml", Docx, text); break;
                case ".odt": ReadZippedXml(content, "content.xml", Odt, text); break;
                default: ReadPlain(content, text); break;
            }
            return ExtractedText.From(text.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A damaged or hostile file: nothing to index. PdfPig throws a range of exception types on malformed input.
            return new(AttachmentTextStatus.Failed, null);
        }
    }

    private static void ReadPdf(Stream content, TextCollector text)
    {
        using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var pages = Math.Min(document.NumberOfPages, MaxPdfPages);
        for (var n = 1; n <= pages && !text.Full; n++)
        {
            foreach (var word in document.GetPage(n).GetWords())
            {
                text.Append(word.Text);
                text.Space();
                if (text.Full) break;
            }
            text.Break();
        }
    }

    /// <summary>How the text of a word-processing XML is laid out: the text elements, and those that break a line or stand for a blank.</summary>
    private sealed record XmlTextShape(string Namespace, string[] Text, string[] Breaks, string[] Blanks);

    private static readonly XmlTextShape Docx = new("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        Text: ["t"], Breaks: ["p", "br", "cr"], Blanks: ["tab"]);

    private static readonly XmlTextShape Odt = new("urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        Text: [], Breaks: ["p", "h", "line-break", "list-item"], Blanks: ["s", "tab"]);

    /// <summary>Streams one XML entry of a ZIP package and keeps its text; through <see cref="BoundedZip"/>, so a ZIP bomb stops at <see cref="MaxUnpackedBytes"/> whatever its header says.</summary>
    private static void ReadZippedXml(Stream content, string entryName, XmlTextShape shape, TextCollector text)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(entryName) ?? throw new InvalidDataException($"{entryName} mangler.");
        using var entryStream = BoundedZip.Open(entry, MaxUnpackedBytes,
            () => new InvalidDataException($"{entryName} er større enn grensen."), () => new InvalidDataException($"{entryName} er skadet."));
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var xml = XmlReader.Create(entryStream, settings);
        // In ODT all character data inside text:p/text:h is text; in DOCX only w:t is (the rest is markup and instructions).
        var inText = 0;
        while (!text.Full && xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.NamespaceURI == shape.Namespace:
                    if (shape.Text.Contains(xml.LocalName) && !xml.IsEmptyElement) inText++;
                    else if (shape.Blanks.Contains(xml.LocalName)) text.Space();
                    else if (shape.Breaks.Contains(xml.LocalName)) text.Break();
                    break;
                case XmlNodeType.EndElement when xml.NamespaceURI == shape.Namespace:
                    if (shape.Text.Contains(xml.LocalName)) inText--;
                    else if (shape.Breaks.Contains(xml.LocalName)) text.Break();
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA when shape.Text.Length == 0 || inText > 0:
                    text.Append(xml.Value);
                    break;
            }
        }
    }

    private static void ReadPlain(Stream content, TextCollector text)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 16384, leaveOpen: true);
        var buffer = new char[16384];
        int read;
        while (!text.Full && (read = reader.Read(buffer, 0, buffer.Length)) > 0)
            text.Append(buffer.AsSpan(0, read));
    }

    /// <summary>
    /// Collects text as search wants it: NFC, no control or invisible characters, runs of blanks as one space and line
    /// breaks kept (at most one blank line), cut at a word boundary when the limit is reached.
    /// </summary>
    private sealed class TextCollector(int max)
    {
        private readonly StringBuilder _sb = new();
        private bool _pendingSpace;
        private int _pendingBreaks;
        private bool _afterCr;

        public bool Full { get; private set; }

        public void Space() => _pendingSpace = true;

        public void Break() => _pendingBreaks = Math.Min(_pendingBreaks + 1, 2);

        public void Append(string s) => Append(s.AsSpan());

        public void Append(ReadOnlySpan<char> s)
        {
            foreach (var ch in s)
            {
                if (Full) return;
                var afterCr = _afterCr;
                _afterCr = ch == '\r';
                if (ch == '\r' || (ch == '\n' && !afterCr)) { Break(); continue; }
                if (ch == '\n') continue;
                if (char.IsWhiteSpace(ch)) { Space(); continue; }
                if (char.IsControl(ch) || ch == '\uFFFD' || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format) continue;
                if (_sb.Length > 0)
                {
                    if (_pendingBreaks > 0) _sb.Append('\n', _pendingBreaks);
                    else if (_pendingSpace) _sb.Append(' ');
                }
                _pendingSpace = false;
                _pendingBreaks = 0;
                if (_sb.Length >= max) { Cut(); return; }
                _sb.Append(ch);
            }
        }

        private void Cut()
        {
            Full = true;
            var end = _sb.Length;
            while (end > max - 200 && end > 0 && !char.IsWhiteSpace(_sb[end - 1])) end--;
            _sb.Length = end > max - 200 ? end : Math.Min(_sb.Length, max);
            if (_sb.Length > 0 && char.IsHighSurrogate(_sb[^1])) _sb.Length--;
        }

        public override string ToString() => _sb.ToString().Trim().Normalize(NormalizationForm.FormC);
    }
}
