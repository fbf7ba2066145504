using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Samstyring.Core.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Core.Tests.Documents;

public sealed class FlowDocumentTests
{
    private const string Norwegian = "Godkjenning av kriterier for nasjonal e-helseportefølje – æøå ÆØÅ";
    private const string MeetingHeader = "Nasjonalt e-helsestyre – Møte 6/2021";

    /// <summary>A case paper shaped like the originals (seed 001): title, header block, proposal, purpose, background.</summary>
    internal static FlowDocument CasePaper(int number, bool confidential = false, int backgroundParagraphs = 1)
    {
        var d = new FlowDocument($"Sak {number}/21 {Norwegian}", MeetingHeader, "Direktoratet for e-helse")
            .Title($"{number}/21 {Norwegian}")
            .KeyValueBlock(("Til", "Nasjonalt e-helsestyre"), ("Dato", "9. desember 2021"), ("Saksnummer", $"{number}/21"),
                ("Type", "Anbefaling"), ("Fra", "Mariann Hornnes"), ("Saksbehandler", "Siv Ingebrigtsen/Nina Bjørlykke"));
        if (confidential) d.Notice("Unntatt offentlighet, jf. Offl. § 14");
        d.Heading("Forslag til vedtak")
            .Paragraph("Nasjonalt e-helsestyre vedtar fremlagte kriterier for nasjonal e-helseportefølje.\nKonsekvensene er at aktørene melder inn tiltak iht de vedtatte kriteriene.", bold: true)
            .Heading("Hensikt med saken")
            .LabelledParagraph("Hensikt:", "Behandle kriterier for innmelding til nasjonal e-helseportefølje på bakgrunn av utprøving som Nasjonalt e-helsestyre ba om i mars 2021.")
            .Heading("Bakgrunn");
        for (var i = 0; i < backgroundParagraphs; i++)
            d.Paragraph("Direktoratet for e-helse har som oppdrag å føre en systematisk og offentlig oversikt (portefølje) over e-helsetiltak med nasjonal betydning og legge til rette for nasjonal samordning og prioritering. NUIT behandlet i november 2020 forslag til nye, klarere kriterier for innmelding til den nasjonale porteføljen og inndeling i segmenter.");
        d.Heading("Tiltak bør være med i porteføljen om de:", 2)
            .Bullets(["har avhengigheter til eller fra leveranser fra nasjonale/sentrale e-helseløsninger eller nasjonale programmer",
                "krever koordinering på tvers av aktørgruppene i helse- og omsorgssektoren",
                "har investering eller drift- og forvaltningskostnader som krever samfinansiering."])
            .Table(["Tiltak", "Eier", "Status"],
                [["Digital samhandling", "Helse Sør-Øst RHF", new DocxCell("I rute", "#DCFCE7")],
                 ["Pasientens legemiddelliste", "Norsk helsenett", new DocxCell("Avvik", "#FDE2E1", Bold: true)]],
                [9, 5, 3], "Tabell 1: Tiltak");
        return d;
    }

    [Fact]
    public void Pdf_keeps_norwegian_text_and_metadata()
    {
        var pdf = new FlowDocument(Norwegian, MeetingHeader)
            .Title(Norwegian)
            .Paragraph("Første linje\nAndre linje med § 14 og «anførselstegn»")
            .Paragraph("Davvisámegiella: čđŋšŧž ČĐŊŠŦŽ")
            .ToPdf();
        PortfolioReportFixture.Keep("flow-norsk.pdf", pdf);

        var pages = Poppler.Pages(pdf);
        Assert.Single(pages);
        Assert.Contains(Norwegian, Poppler.Flat(pages[0]));
        Assert.Contains(MeetingHeader, pages[0]);
        var lines = pages[0].Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Første linje", lines); // "\n" is a real line break
        Assert.Contains("Andre linje med § 14 og «anførselstegn»", lines);
        Assert.Contains("Davvisámegiella: čđŋšŧž ČĐŊŠŦŽ", lines); // beyond WinAnsi: Sámi letters
        Assert.Contains("Side 1 av 1", pages[0]);

        var info = Poppler.Run("pdfinfo", pdf);
        Assert.Matches($"Title:\\s+{Regex.Escape(Norwegian)}", info);
        Assert.Contains("A4", info);
        Assert.Contains("/Lang(nb-NO)", Encoding.Latin1.GetString(pdf).Replace(" ", ""));
        // The embedded Liberation Sans is used, never a system font.
        var fonts = Poppler.Run("pdffonts", pdf).Split('\n').SkipWhile(l => !l.StartsWith("---")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+Liberation Sans(,Bold)?\s.*\byes\s+yes\b", f)); // embedded subsets
    }

    [Fact]
    public void Long_document_breaks_pages_and_keeps_every_word_inside_the_margins()
    {
        var doc = new FlowDocument("Lang", MeetingHeader).Title("Lang sak");
        for (var i = 1; i <= 60; i++)
            doc.Paragraph($"Avsnitt {i}. Gjennomføringskraften på e-helseområdet er tett koblet til helse- og omsorgstjenestens evne til å samarbeide med næringslivet. https://www.ehelse.no/aktuelt/en-svært-lang-adresse-uten-mellomrom-som-må-deles-over-flere-linjer-for-å-passe-innenfor-margene/{i}");
        var pdf = doc.ToPdf();

        var pages = Poppler.Pages(pdf);
        Assert.True(pages.Count > 1, $"expected several pages, got {pages.Count}");
        Assert.Contains($"Side 2 av {pages.Count}", pages[1]);
        Assert.All(pages, p => Assert.Contains(MeetingHeader, p));
        Assert.Contains("Avsnitt 60.", Poppler.Flat(pages[^1]));

        // Text never runs into the 2 cm margins or the header/footer zones.
        foreach (var (xMin, yMin, xMax, yMax, word) in Poppler.Words(pdf))
        {
            Assert.True(xMin >= 56 && xMax <= 595.3 - 56, $"'{word}' is outside the side margins ({xMin:0.0}–{xMax:0.0})");
            var inBody = yMin >= 70 && yMax <= 841.9 - 64;
            Assert.True(inBody || word.Contains("e-helsestyre") || word is "Nasjonalt" or "–" or "Møte" or "6/2021" or "Side" or "av" || int.TryParse(word, out _),
                $"'{word}' is outside the body ({yMin:0.0}–{yMax:0.0})");
        }
    }

    [Fact]
    public void Combined_pdf_starts_every_part_on_a_new_page_and_numbers_through()
    {
        var parts = new[]
        {
            new FlowDocument("Innkalling", MeetingHeader).Title("Innkalling til møte 6/2021").Paragraph("Kort."),
            CasePaper(37, backgroundParagraphs: 12),
            new FlowDocument("Vedleggsliste", MeetingHeader).Title("Vedleggsliste").Bullets(["Vedlegg 1", "Vedlegg 2"]),
        };
        var pdf = FlowDocument.CombinedPdf(parts, "Møtepakke 6/2021");
        PortfolioReportFixture.Keep("flow-pakke.pdf", pdf);

        var pages = Poppler.Pages(pdf);
        var flat = pages.Select(Poppler.Flat).ToList();
        Assert.True(pages.Count >= 4, $"the long case paper should take two pages, got {pages.Count} pages in all");
        Assert.StartsWith("Innkalling til møte 6/2021", BodyOf(pages[0]));
        Assert.StartsWith("37/21 Godkjenning", BodyOf(pages[1]));
        Assert.StartsWith("Vedleggsliste", BodyOf(pages[^1]));
        Assert.DoesNotContain("Godkjenning", flat[0]);
        Assert.DoesNotContain("Vedleggsliste", flat[^2]);
        for (var i = 0; i < pages.Count; i++) Assert.Contains($"Side {i + 1} av {pages.Count}", pages[i]);
        Assert.Matches(@"Title:\s+Møtepakke 6/2021", Poppler.Run("pdfinfo", pdf));

        // The first line under the running header is where the body starts.
        static string BodyOf(string page) =>
            string.Join(" ", page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).SkipWhile(l => l == MeetingHeader));
    }

    [Fact]
    public void Table_longer_than_a_page_repeats_its_header_row()
    {
        var rows = Enumerable.Range(1, 90).Select(i => (IReadOnlyList<DocxCell>)[$"Rad {i}", "Helse Midt-Norge RHF", i % 7 == 0 ? new DocxCell("Avvik", "FDE2E1", Bold: true) : "I rute"]).ToList();
        var pdf = new FlowDocument("Tabell").Heading("Oversikt").Table(["Kolonnetiltak", "Kolonneeier", "Kolonnestatus"], rows, [8, 6, 3]).ToPdf();

        var pages = Poppler.Pages(pdf);
        Assert.True(pages.Count >= 2, $"expected the table to span pages, got {pages.Count}");
        Assert.All(pages, p => Assert.Equal(1, Regex.Count(p, "Kolonnetiltak")));
        var allRows = pages.SelectMany(p => Regex.Matches(p, @"Rad (\d+)\b").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Enumerable.Range(1, 90), allRows); // every row once, in order, none split or lost
    }

    [Fact]
    public void Docx_opens_and_has_the_header_block_notice_and_running_header()
    {
        var bytes = CasePaper(37, confidential: true).ToDocx();
        PortfolioReportFixture.Keep("flow-sak.docx", bytes);

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal($"Sak 37/21 {Norwegian}", doc.PackageProperties.Title);
        Assert.Equal("nb-NO", doc.PackageProperties.Language);

        var body = doc.MainDocumentPart!.Document.Body!;
        var headerBlock = body.Elements<W.Table>().First().Elements<W.TableRow>()
            .Select(r => string.Join("|", r.Elements<W.TableCell>().Select(c => c.InnerText))).ToList();
        Assert.Equal(["Til|Nasjonalt e-helsestyre", "Dato|9. desember 2021", "Saksnummer|37/21", "Type|Anbefaling",
            "Fra|Mariann Hornnes", "Saksbehandler|Siv Ingebrigtsen/Nina Bjørlykke"], headerBlock);
        var keyRun = body.Elements<W.Table>().First().Descendants<W.TableCell>().First().Descendants<W.Run>().First();
        Assert.NotNull(keyRun.RunProperties?.Bold);

        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains($"37/21 {Norwegian}", paragraphs);
        Assert.Contains("Unntatt offentlighet, jf. Offl. § 14", paragraphs);
        Assert.Contains("Hensikt: Behandle kriterier for innmelding til nasjonal e-helseportefølje på bakgrunn av utprøving som Nasjonalt e-helsestyre ba om i mars 2021.", paragraphs);
        Assert.Equal(MeetingHeader, doc.MainDocumentPart.HeaderParts.Single().Header.InnerText);
        Assert.Contains("PAGE", doc.MainDocumentPart.FooterParts.Single().Footer.InnerText);
    }

    [Fact]
    public void Docx_and_pdf_render_the_same_case_paper_text()
    {
        var paper = CasePaper(12, confidential: true);
        var pdfText = Poppler.Flat(string.Join(" ", Poppler.Pages(paper.ToPdf())));
        using var doc = WordprocessingDocument.Open(new MemoryStream(paper.ToDocx()), false);
        foreach (var text in new[] { "Saksbehandler", "Siv Ingebrigtsen/Nina Bjørlykke", "Unntatt offentlighet, jf. Offl. § 14", "Forslag til vedtak", "Tabell 1: Tiltak", "Avvik" })
        {
            Assert.Contains(text, pdfText);
            Assert.Contains(text, doc.MainDocumentPart!.Document.Body!.InnerText);
        }
    }

    [Fact]
    public void Board_package_of_40_case_papers_renders_in_one_pdf_and_in_parallel()
    {
        // How fast is measured in bench/ (CouncilBench), not here: a timed test only measures how busy the machine is.
        var pdf = FlowDocument.CombinedPdf(Enumerable.Range(1, 40).Select(n => CasePaper(n, confidential: n % 4 == 0, backgroundParagraphs: 3)), "Møtepakke");
        PortfolioReportFixture.Keep("flow-pakke-40.pdf", pdf);
        Assert.Matches(@"Pages:\s+([4-9]\d|\d{3})\b", Poppler.Run("pdfinfo", pdf));

        // The font resolver and licence set-up are process-wide: concurrent first use must be safe.
        var sizes = new int[8];
        Parallel.For(0, sizes.Length, i => sizes[i] = CasePaper(i).ToPdf().Length);
        Assert.All(sizes, s => Assert.True(s > 1000));
    }

    [Fact]
    public void Empty_and_odd_input_still_gives_a_valid_pdf()
    {
        Assert.Single(Poppler.Pages(new FlowDocument("Tom").ToPdf()));
        var odd = new FlowDocument("Rart")
            .Paragraph("kontroll\u0001tegn\r\nog\ttab")
            .Table([], [])
            .Table(["Én"], [["", "for mange celler"], []])
            .Bullets([])
            .KeyValueBlock()
            .PageBreak().PageBreak()
            .Heading("Nivå 9", 9)
            .ToPdf();
        var pages = Poppler.Pages(odd);
        Assert.Equal(2, pages.Count); // two page breaks in a row give one new page
        Assert.Contains("kontrolltegn", pages[0]);
        Assert.Contains("Nivå 9", pages[1]);
    }
}
