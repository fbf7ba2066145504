using System.IO.Compression;
using System.Text;
using Samstyring.Core.Documents;
using Samstyring.Core.Search;
using Samstyring.Core.Search.TextExtraction;

namespace Samstyring.Core.Tests.Search.TextExtraction;

/// <summary>
/// The text of an attachment is what search finds it by. The files here are made the way users make them: PDFs and
/// Word files by Samstyring's own writers (PDFsharp and Open XML), an ODT zipped by hand as LibreOffice lays it out.
/// </summary>
public sealed class TextExtractorTests
{
    private const string Norwegian = "Kjernejournalen og pasientens legemiddelliste: finansiering av sakene for 2022.";

    [Fact]
    public void A_PDF_gives_its_words_in_order_with_Norwegian_letters()
    {
        var pdf = new FlowDocument("Saksfremlegg").Title("Saksfremlegg 39/21").Paragraph(Norwegian).ToPdf();

        var result = TextExtractor.FromStream(new MemoryStream(pdf), ".pdf");

        Assert.Equal(AttachmentTextStatus.Ok, result.Status);
        Assert.Contains("Saksfremlegg 39/21", result.Text);
        Assert.Contains("Kjernejournalen og pasientens legemiddelliste:", result.Text);
        Assert.Contains("sakene for 2022.", result.Text);
    }

    [Fact]
    public void A_Word_file_gives_its_paragraphs_as_lines_and_leaves_out_the_markup()
    {
        var docx = new FlowDocument("Referat").Title("Referat fra møte 6/2021").Paragraph(Norwegian).Paragraph("Vedtak: Styret tar saken til orientering.").ToDocx();

        var result = TextExtractor.FromStream(new MemoryStream(docx), ".DOCX");

        Assert.Equal(AttachmentTextStatus.Ok, result.Status);
        var lines = result.Text!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Referat fra møte 6/2021", lines);
        Assert.Contains(Norwegian, lines);
        Assert.Contains("Vedtak: Styret tar saken til orientering.", lines);
        Assert.DoesNotContain("w:", result.Text);
    }

    [Fact]
    public void An_OpenDocument_text_gives_headings_paragraphs_and_spaces()
    {
        var odt = Odt("""
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
              <office:body><office:text>
                <text:h text:outline-level="1">Innspill til veikartet</text:h>
                <text:p>Helsefaglig<text:s/>dialog<text:tab/>utsettes.<text:line-break/>Neste linje.</text:p>
                <text:list><text:list-item><text:p>Første punkt</text:p></text:list-item></text:list>
              </office:text></office:body>
            </office:document-content>
            """);

        var result = TextExtractor.FromStream(new MemoryStream(odt), ".odt");

        Assert.Equal(AttachmentTextStatus.Ok, result.Status);
        Assert.Equal(["Innspill til veikartet", "Helsefaglig dialog utsettes.", "Neste linje.", "Første punkt"],
            result.Text!.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Plain_text_is_kept_without_control_or_direction_characters()
    {
        var bytes = Encoding.UTF8.GetBytes("Første linje\u0007\r\nandre\u202E linje\t\tmed   mellomrom");

        var result = TextExtractor.FromStream(new MemoryStream(bytes), ".txt");

        Assert.Equal("Første linje\nandre linje med mellomrom", result.Text);
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".xlsx")]
    [InlineData(".exe")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_file_types_are_unsupported_and_not_read(string? extension)
    {
        var result = TextExtractor.FromStream(new MemoryStream([1, 2, 3]), extension);

        Assert.Equal(new ExtractedText(AttachmentTextStatus.Unsupported, null), result);
    }

    [Fact]
    public void A_file_with_no_text_is_empty()
    {
        var result = TextExtractor.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(" \r\n\t ")), ".txt");

        Assert.Equal(new ExtractedText(AttachmentTextStatus.Empty, null), result);
    }

    [Theory]
    [InlineData(".pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")]
    [InlineData(".pdf", "%PDF-")]
    [InlineData(".docx", "PK\u0003\u0004 not really a zip")]
    [InlineData(".odt", "")]
    public void A_damaged_file_fails_quietly(string extension, string content)
    {
        var result = TextExtractor.FromStream(new MemoryStream(Encoding.Latin1.GetBytes(content)), extension);

        Assert.Equal(new ExtractedText(AttachmentTextStatus.Failed, null), result);
    }

    [Fact]
    public void A_package_without_its_text_part_fails()
    {
        var zip = Zip(("mimetype", "application/vnd.oasis.opendocument.text"));

        Assert.Equal(AttachmentTextStatus.Failed, TextExtractor.FromStream(new MemoryStream(zip), ".odt").Status);
    }

    [Fact]
    public void A_document_with_a_DTD_is_refused_so_entities_cannot_expand()
    {
        var odt = Odt("""
            <?xml version="1.0"?>
            <!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><text:p>&b;</text:p></office:document-content>
            """);

        Assert.Equal(AttachmentTextStatus.Failed, TextExtractor.FromStream(new MemoryStream(odt), ".odt").Status);
    }

    [Fact]
    public void A_zip_bomb_stops_at_the_unpacked_limit()
    {
        // 80 MB of one repeated paragraph packs to well under a megabyte; reading stops at 64 MB or the text limit.
        using var packed = new MemoryStream();
        using (var zip = new ZipArchive(packed, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("content.xml", CompressionLevel.SmallestSize).Open();
            entry.Write("<d xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"u8);
            var chunk = Encoding.UTF8.GetBytes(new string(' ', 1_000_000));
            for (var i = 0; i < 80; i++) entry.Write(chunk);
            entry.Write("</d>"u8);
        }
        Assert.True(packed.Length < 1_000_000, $"packed {packed.Length} bytes");

        var result = TextExtractor.FromStream(new MemoryStream(packed.ToArray()), ".odt");

        Assert.Equal(AttachmentTextStatus.Failed, result.Status);
    }

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary_at_the_limit()
    {
        var words = string.Join(' ', Enumerable.Repeat("legemiddelliste", 20_000));

        var result = TextExtractor.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(words)), ".txt");

        Assert.InRange(result.Text!.Length, TextExtractor.MaxChars - 200, TextExtractor.MaxChars);
        Assert.EndsWith("legemiddelliste", result.Text);
    }

    private static byte[] Odt(string contentXml) =>
        Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", contentXml));

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var packed = new MemoryStream();
        using (var zip = new ZipArchive(packed, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
        return packed.ToArray();
    }
}
