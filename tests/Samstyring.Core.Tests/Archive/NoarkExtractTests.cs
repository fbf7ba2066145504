using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Archive;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Xunit.Abstractions;

namespace Samstyring.Core.Tests.Archive;

/// <summary>
/// The Noark 5 extract: every XML file validates against the schemas in ../shared/schemas/noark5 (demo data and a
/// generated body with 500 meetings), the extract reads back to what the database holds (meetings, cases, decisions,
/// document checksums), exempt items keep their full titles with skjerming and the legal basis while the public
/// journal shows only public titles, and bad input is refused in Norwegian with nothing written.
/// </summary>
public abstract class NoarkExtractTests(TestDatabase db, ITestOutputHelper output) : IDisposable
{
    private const string Demo = "nasjonalt-e-helserad";

    /// <summary>The extracts this test wrote, removed after it (the 500-meeting one is tens of MB).</summary>
    private readonly List<string> _written = [];

    public void Dispose()
    {
        foreach (var dir in _written)
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
            catch (IOException) { /* cleaned by the OS */ }
        GC.SuppressFinalize(this);
    }

    private string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "samstyring-noark-tests", Guid.NewGuid().ToString("N"));
        _written.Add(dir);
        return dir;
    }

    private async Task<(string Dir, ArchiveSummary Summary)> ExportAsync(string slug, string from, string to, CurrentUser? user = null)
    {
        var dir = NewDirectory();
        await using var sink = new DirectoryArchiveSink(dir);
        var summary = await db.SendAsync((ExportArchive u) => u.HandleAsync(slug, from, to, sink, user ?? db.Office), user ?? db.Office);
        return (dir, summary);
    }

    private static void ValidateAll(string dir)
    {
        foreach (var file in NoarkSchemas.Files) NoarkSchemas.Validate(Path.Combine(dir, file));
    }

    [Fact]
    public async Task Demo_meetings_of_2021_export_to_a_valid_extract_that_reads_back_to_the_database()
    {
        if (!db.Available) return;
        // Demo attachments have no files: give case 37/21 one, so an uploaded file's checksum is compared too.
        var caseId = await db.QueryAsync(d => d.Cases.Where(c => c.Body.Slug == Demo && c.Year == 2021 && c.Number == 37).Select(c => c.Id).SingleAsync());
        var content = Encoding.UTF8.GetBytes("Notat til arkivuttrekket.\n");
        var uploaded = await db.SendAsync((UploadAttachment u) => u.HandleAsync(caseId,
            new AttachmentUpload("notat.txt", "9", "Notat til saken", false, null), new MemoryStream(content), db.Office), db.Office);

        var (dir, summary) = await ExportAsync(Demo, "2021-01-01", "2021-12-31");
        ValidateAll(dir);
        var read = ExtractRead.From(dir);
        read.AssertFilesMatch(dir);

        Assert.Equal(["4/2021", "5/2021", "6/2021"], read.Meetings.Select(m => m.Number));
        Assert.Equal(3, summary.Meetings);
        var expected = await db.QueryAsync(d => d.Cases.AsNoTracking().Where(c => c.Body.Slug == Demo && c.Meeting != null && c.Meeting.Year == 2021)
            .OrderBy(c => c.Meeting!.Date).ThenBy(c => c.Number).Select(c => new { c.Year, c.Number, c.Title, c.Decision }).ToListAsync());
        Assert.Equal(expected.Select(c => CouncilCase.FormatNumber(c.Number, c.Year)), read.Cases.Select(c => c.Number));
        Assert.Equal(expected.Select(c => c.Title), read.Cases.Select(c => c.Title));
        Assert.Equal(expected.Select(c => c.Decision?.Trim()), read.Cases.Select(c => c.Decision));
        Assert.Contains(expected, c => c.Decision is not null);

        var uploadedSum = read.Cases.Single(c => c.Number == "37/21").Documents.Single(d => d.Title == "Vedlegg 9: Notat til saken").Sha256;
        Assert.Equal(uploaded.Sha256, uploadedSum);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), uploadedSum);
        // The held meetings have minutes and participants; 6/2021 (notice sent) has its notice, no minutes yet.
        Assert.True(File.Exists(Path.Combine(dir, "dokumenter", "2021-6", "innkalling.pdf")));
        Assert.False(File.Exists(Path.Combine(dir, "dokumenter", "2021-6", "referat.pdf")));
        Assert.True(File.Exists(Path.Combine(dir, "dokumenter", "2021-4", "referat.pdf")));
        Assert.NotEmpty(read.Meetings[0].Participants);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(dir, "dokumenter", "2021-4", "referat.pdf")).AsSpan(0, 5)));
        Assert.Contains("pdfaid:part", Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, "dokumenter", "2021-4", "referat.pdf"))));
    }

    [Fact]
    public async Task Exempt_items_keep_their_full_titles_with_skjerming_and_the_public_journal_shows_only_the_public_title()
    {
        if (!db.Available) return;
        // NUIT 5/2021: case 40/21 is exempt under Offl. § 23 første ledd.
        var (nuit, _) = await ExportAsync("nuit", "2021-01-01", "2021-12-31");
        ValidateAll(nuit);
        var secret = ExtractRead.From(nuit).Cases.Single(c => c.Number == "40/21");
        Assert.Equal("Forhandlinger om avtale for felles journalløsning – status", secret.Title);
        Assert.Equal("Offl. § 23 første ledd", secret.LegalBasis);
        Assert.Equal(CaseView.RedactedTitle, secret.PublicTitle);
        Assert.Equal("Offl. § 23 første ledd", secret.Documents[0].LegalBasis);
        var journal = await File.ReadAllTextAsync(Path.Combine(nuit, "offentligJournal.xml"));
        Assert.DoesNotContain("Forhandlinger om avtale", journal);
        var post = XDocument.Parse(journal).Descendants(ExtractRead.J + "journalpost").Single(p => (string?)p.Element(ExtractRead.J + "registreringsID") == "40/21");
        Assert.Equal(CaseView.RedactedTitle, (string?)post.Element(ExtractRead.J + "offentligTittel"));
        Assert.Equal("Offl. § 23 første ledd", (string?)post.Element(ExtractRead.J + "skjermingshjemmel"));

        // Nasjonalt e-helsestyre 6/2021: attachment 6A of case 39/21 is exempt under Offl. § 14; its case is public.
        var (demo, _) = await ExportAsync(Demo, "2021-12-01", "2021-12-31");
        ValidateAll(demo);
        var c39 = ExtractRead.From(demo).Cases.Single(c => c.Number == "39/21");
        Assert.Null(c39.LegalBasis);
        var exempt = c39.Documents.Single(d => d.Title.StartsWith("Vedlegg 6A:", StringComparison.Ordinal));
        Assert.Equal("Vedlegg 6A: Sentralt styringsdokument steg 2 versjon 0.9 utvalgte tema", exempt.Title);
        Assert.Equal("Offl. § 14", exempt.LegalBasis);
        Assert.All(c39.Documents.Where(d => d != exempt), d => Assert.Null(d.LegalBasis));
    }

    [Fact]
    public async Task A_body_with_500_meetings_exports_to_a_valid_extract_that_reads_back()
    {
        if (!db.Available) return;
        var sw = Stopwatch.StartNew();
        var body = await db.QueryAsync(d => ArchiveBodyGenerator.CreateAsync(d, db.Scratch.Options, meetings: 500, casesPerMeeting: 2, attachmentsPerCase: 2));
        output.WriteLine($"generert: {sw.Elapsed.TotalSeconds:0.0} s");
        sw.Restart();
        var (dir, summary) = await ExportAsync(body.Slug, body.From, body.To);
        output.WriteLine($"uttrekk: {sw.Elapsed.TotalSeconds:0.0} s, {summary.Files} filer, {summary.Bytes} byte");
        sw.Restart();
        ValidateAll(dir);
        var read = ExtractRead.From(dir);
        read.AssertFilesMatch(dir);
        output.WriteLine($"validert og lest tilbake: {sw.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(500, read.Meetings.Count);
        Assert.Equal(1000, read.Cases.Count());
        var expected = await db.QueryAsync(d => d.Cases.AsNoTracking().Where(c => c.Body.Slug == body.Slug)
            .OrderBy(c => c.Meeting!.Date).ThenBy(c => c.Number)
            .Select(c => new { c.Year, c.Number, c.Title, c.Decision, c.Confidential, c.LegalBasis }).ToListAsync());
        Assert.Equal(expected.Select(c => (CouncilCase.FormatNumber(c.Number, c.Year), c.Title, c.Decision, c.Confidential ? c.LegalBasis : null)),
            read.Cases.Select(c => (c.Number, c.Title, c.Decision, c.LegalBasis)));
        var sums = await db.QueryAsync(d => d.Attachments.AsNoTracking().Where(a => d.Cases.Any(c => c.Id == a.CaseId && c.Body.Slug == body.Slug))
            .Select(a => a.Sha256!).ToListAsync());
        Assert.Equal(2000, sums.Count);
        Assert.Equal(sums.Order(), read.Cases.SelectMany(c => c.Documents.Skip(1)).Select(d => d.Sha256!).Order());
        // Meetings reference their neighbours; the first has no previous meeting, the last no next.
        var arkiv = XDocument.Load(Path.Combine(dir, "arkivstruktur.xml"));
        var mapper = arkiv.Descendants(ExtractRead.N + "mappe").ToList();
        Assert.Null(mapper[0].Element(ExtractRead.N + "referanseForrigeMoete"));
        Assert.Equal(read.Meetings[1].SystemId, (string?)mapper[0].Element(ExtractRead.N + "referanseNesteMoete"));
        Assert.Equal(read.Meetings[^2].SystemId, (string?)mapper[^1].Element(ExtractRead.N + "referanseForrigeMoete"));
        Assert.Null(mapper[^1].Element(ExtractRead.N + "referanseNesteMoete"));
    }

    [Fact]
    public async Task A_damaged_attachment_file_stops_the_export_and_is_named()
    {
        if (!db.Available) return;
        var body = await db.QueryAsync(d => ArchiveBodyGenerator.CreateAsync(d, db.Scratch.Options, meetings: 2, casesPerMeeting: 1, attachmentsPerCase: 1));
        var stored = await db.QueryAsync(d => d.Attachments.Where(a => d.Cases.Any(c => c.Id == a.CaseId && c.Body.Slug == body.Slug))
            .OrderBy(a => a.Id).Select(a => a.StoragePath!).FirstAsync());
        var path = Path.Combine(new AttachmentStore(db.Scratch.Options).Root, stored);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<DamagedFileException>(() => ExportAsync(body.Slug, body.From, body.To));
        Assert.Contains("vedlegg 1 i møte 1/2015 er skadet", e.Message);
    }

    [Fact]
    public async Task The_same_meetings_get_the_same_ids_in_every_export()
    {
        if (!db.Available) return;
        var (a, _) = await ExportAsync(Demo, "2021-01-01", "2021-12-31");
        var (b, _) = await ExportAsync(Demo, "2021-11-01", "2021-12-31");
        var first = ExtractRead.From(a).Meetings.Where(m => m.Date >= new DateOnly(2021, 11, 1)).Select(m => m.SystemId);
        Assert.Equal(first, ExtractRead.From(b).Meetings.Select(m => m.SystemId));
        Assert.All(ExtractRead.From(b).Meetings, m => Assert.Equal('5', m.SystemId[14]));
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Norwegian_and_nothing_is_written()
    {
        if (!db.Available) return;
        async Task<IReadOnlyDictionary<string, string[]>> Refused(string? slug, string? from, string? to)
        {
            var dir = NewDirectory();
            await using var sink = new DirectoryArchiveSink(dir);
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                db.SendAsync((ExportArchive u) => u.HandleAsync(slug, from, to, sink, db.Office), db.Office));
            Assert.False(Directory.Exists(dir));
            return e.Errors;
        }

        var missing = await Refused(null, "", " ");
        Assert.Equal(["body", "from", "to"], missing.Keys.Order());
        Assert.Contains("Fant ikke organet", (await Refused("finnes-ikke", "2021-01-01", "2021-12-31"))["body"][0]);
        Assert.Contains("gyldig dato", (await Refused(Demo, "2021-13-01", "31.12.2021"))["from"][0]);
        Assert.Contains("før fra-datoen", (await Refused(Demo, "2021-12-31", "2021-01-01"))["to"][0]);
        Assert.Contains("høyst 10 år", (await Refused(Demo, "2000-01-01", "2021-12-31"))["to"][0]);
        Assert.Contains("Ingen offentlige saker", (await Refused(Demo, "2030-01-01", "2030-12-31"))["from"][0]);
        Assert.Contains("Fant ikke organet", (await Refused(new string('x', 5000), "2021-01-01", "2021-12-31"))["body"][0]);

        await using var sink = new DirectoryArchiveSink(NewDirectory());
        foreach (var user in new[] { db.Member, db.OwnerOslo, null })
            await Assert.ThrowsAsync<ForbiddenException>(() =>
                db.SendAsync((ExportArchive u) => u.HandleAsync(Demo, "2021-01-01", "2021-12-31", sink, user), user));
    }
}

public sealed class NoarkExtractTestsSqlite(SqliteDatabase db, ITestOutputHelper output) : NoarkExtractTests(db, output), IClassFixture<SqliteDatabase>;

public sealed class NoarkExtractTestsPostgres(PostgresDatabase db, ITestOutputHelper output) : NoarkExtractTests(db, output), IClassFixture<PostgresDatabase>;
