using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Tests.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Samstyring.Core.Tests.Council;

/// <summary>Notice, case paper, minutes and board package, built through the use cases and read back as text.</summary>
public abstract class CouncilDocumentsTests
{
    private const string Secret = "Forhandlingsposisjon mot leverandøren";
    private const string SecretProposal = "Hemmelig forslag om prisramme";
    private const string SecretAttachment = "Prisbilag fra leverandøren";
    private readonly TestDatabase db;

    protected CouncilDocumentsTests(TestDatabase db)
    {
        this.db = db;
        // PostgreSQL scratch databases have no data directory of their own; keep uploaded files out of the test folder.
        if (db.Available && db.Provider == Provider.Postgres && !db.Scratch.Options.DataDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
            db.Scratch.Options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", "pg-files-" + Guid.NewGuid().ToString("N"));
    }

    private sealed record Scenario(string Slug, string BodyName, int MeetingId, int NoticeCaseId, int CriteriaCaseId, int SecretCaseId, int OtherCaseId);

    /// <summary>A body with three members and an observer, meeting 1/2021 with a public case, a confidential case, a lunch break and Eventuelt; notice sent.</summary>
    private async Task<Scenario> ArrangeAsync()
    {
        var office = db.Office;
        var key = Guid.NewGuid().ToString("N")[..8];
        var slug = "dokumenttest-" + key;
        var name = "Testrådet " + key;
        await db.SendAsync((CreateBody u) => u.HandleAsync(
            new BodyInput(slug, name, null, "2020-01-01", "board", "Organ for dokumenttester.", "majority", null, null, null), office), office);
        var ehelse = await db.OrganizationIdAsync("ehelse");
        var ks = await db.OrganizationIdAsync("ks");
        var nhn = await db.OrganizationIdAsync("nhn");
        foreach (var (person, org, role) in new[]
                 {
                     ("Mariann Hornnes", ehelse, "member"), ("Kristin W. Wieland", ks, "member"), ("Svein Lyngroth", ks, "member"),
                     ("Johan Ronæs", nhn, "observer"),
                 })
            await db.SendAsync((AddMember u) => u.HandleAsync(slug, new MemberInput(person, null, org, role, null, "2021-01-01", null), office), office);

        var meeting = await db.SendAsync((PlanMeeting u) => u.HandleAsync(
            new MeetingInput(slug, "2021-12-09", "10:00", "16:00", "Radisson Blu, Gardermoen", false, "ordinary"), office), office);
        var criteria = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, new CaseInput(
            "Godkjenning av kriterier for nasjonal e-helseportefølje", "anbefaling", "Mariann Hornnes", "Siv Ingebrigtsen/Nina Bjørlykke",
            "Behandle kriterier for innmelding til nasjonal e-helseportefølje.",
            "Kriteriene er prøvd ut i 2021.\n\nTiltak bør være med i porteføljen om de:\n\n• krever koordinering på tvers av aktørgruppene\n• har investering som krever samfinansiering",
            $"{name} vedtar fremlagte kriterier. {{{{Anbefalingen formuleres i møtet}}}}", false, null, null, null,
            "Direktoratet for e-helse", "11:05"), office), office);
        var secret = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, new CaseInput(
            "Forhandlinger om avtale for felles journalløsning", "orientering", "Karl Vestli", null, Secret, null, SecretProposal,
            true, "Offl. § 23 første ledd", null, null, null, "12:35"), office), office);
        var other = await db.SendAsync((AddCase u) => u.HandleAsync(meeting.Id, new CaseInput(
            "Eventuelt", "eventuelt", null, null, null, null, null, false, null, null, null, null, "15:55"), office), office);
        var noticeCase = await db.QueryAsync(x => x.Cases.Where(c => c.MeetingId == meeting.Id && c.Standing == StandingCase.NoticeApproval).Select(c => c.Id).SingleAsync());

        await UploadAsync(criteria.Id, "5A", "Forslag til veikart versjon 21.1", false, null, 40_000);
        await UploadAsync(criteria.Id, "6", SecretAttachment, true, "Offl. § 14", 12_000);
        await UploadAsync(secret.Id, "7", "Notat om forhandlingene", false, null, 8_000);
        await db.SendAsync((LinkCase u) => u.HandleAsync(criteria.Id, "nuit 38/21", office), office);

        var agendaVersion = await VersionAsync(meeting.Id);
        await db.SendAsync((SaveAgenda u) => u.HandleAsync(meeting.Id,
        [
            new AgendaInput(noticeCase, "case", "10:00", null, null),
            new AgendaInput(criteria.Id, "case", "11:05", null, "Direktoratet for e-helse"),
            new AgendaInput(null, "break", "11:50", "Lunsj", null),
            new AgendaInput(secret.Id, "case", "12:35", null, null),
            new AgendaInput(other.Id, "case", "15:55", null, null),
        ], agendaVersion, office), office);
        var noticeVersion = await VersionAsync(meeting.Id);
        await db.SendAsync((SendNotice u) => u.HandleAsync(meeting.Id, noticeVersion, office), office);
        return new Scenario(slug, name, meeting.Id, noticeCase, criteria.Id, secret.Id, other.Id);
    }

    private Task UploadAsync(int caseId, string label, string title, bool confidential, string? legalBasis, int size) =>
        db.SendAsync((UploadAttachment u) => u.HandleAsync(caseId, new AttachmentUpload($"vedlegg-{label}.pdf", label, title, confidential, legalBasis),
            new MemoryStream(AttachmentTests.Pdf(size)), db.Office), db.Office);

    private Task<int> VersionAsync(int meetingId) => db.QueryAsync(x => x.Meetings.Where(m => m.Id == meetingId).Select(m => m.Version).SingleAsync());

    private Task<int> CaseVersionAsync(int caseId) => db.QueryAsync(x => x.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());

    /// <summary>Attendance (one absent, one by video, the observer present) and decisions on all but Eventuelt: the meeting is held.</summary>
    private async Task HoldAsync(Scenario s)
    {
        var office = db.Office;
        var members = await db.QueryAsync(x => x.BodyMembers.Where(m => m.Body.Slug == s.Slug).ToDictionaryAsync(m => m.Name, m => m.Id));
        var version = await VersionAsync(s.MeetingId);
        await db.SendAsync((RecordAttendance u) => u.HandleAsync(s.MeetingId,
        [
            new AttendanceInput(members["Mariann Hornnes"], "present", false, null, null, null, null),
            new AttendanceInput(members["Kristin W. Wieland"], "present", true, null, "10:30", null, null),
            new AttendanceInput(members["Svein Lyngroth"], "absent", false, null, null, null, null),
            new AttendanceInput(members["Johan Ronæs"], "present", false, null, null, null, null),
        ], "Direktoratet for e-helse: Karl Vestli, Siv Ingebrigtsen", version, office), office);
        await DecideAsync(s.NoticeCaseId, $"{s.BodyName} godkjente innkalling og dagsorden.");
        await DecideAsync(s.CriteriaCaseId, $"{s.BodyName} anbefaler de fremlagte kriteriene.");
        await DecideAsync(s.SecretCaseId, "Hemmelig vedtak om prisramme.");
    }

    private async Task DecideAsync(int caseId, string decision)
    {
        var version = await CaseVersionAsync(caseId);
        await db.SendAsync((RecordDecision u) => u.HandleAsync(caseId, decision, version, db.Office), db.Office);
    }

    private Task<T> Docs<T>(Func<CouncilDocuments, Task<T>> action) => db.SendAsync(action);

    [Fact]
    public async Task Notice_lists_the_agenda_with_times_breaks_members_and_proposed_decisions()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        var notice = await Docs(d => d.NoticeAsync(s.MeetingId, db.Member));
        Assert.Equal($"innkalling-{s.Slug}-1-2021", notice.FileName);

        var pdf = Flat(PdfText(notice.Document.ToPdf()));
        var docx = Flat(DocxText(notice.Document.ToDocx()));
        foreach (var text in new[] { pdf, docx })
        {
            Assert.Contains($"Møte i {s.BodyName}", text);
            Assert.Contains("Dato 9. desember 2021", text);
            Assert.Contains("Tid Kl. 10.00 – 16.00", text);
            Assert.Contains("Sted Radisson Blu, Gardermoen", text);
            Assert.Contains("Mariann Hornnes (Direktoratet for e-helse)", text);
            Assert.Contains("Observatører Johan Ronæs (Norsk Helsenett SF)", text);
            Assert.Contains($"Sak Agenda {s.BodyName} Tidspunkt Sakstype", text);
            Assert.Contains("1/21 Godkjenning av innkalling og dagsorden 10:00 Godkjenning", text);
            Assert.Contains("2/21 Godkjenning av kriterier for nasjonal e-helseportefølje 11:05 Anbefaling", text);
            Assert.Contains("Lunsj 11:50", text);
            Assert.Contains("Forslag til vedtak:", text);
            Assert.Contains($"{s.BodyName} vedtar fremlagte kriterier. (Anbefalingen formuleres i møtet)", text);
            Assert.Contains("Vedlegg 5A: Forslag til veikart versjon 21.1", text);
            Assert.DoesNotContain("{{", text);
            // A member sees confidential content, marked as such.
            Assert.Contains(Secret, text);
            Assert.Contains("Unntatt offentlighet, jf. Offl. § 23 første ledd", text);
        }
        // Agenda order: the break sits between the cases it separates.
        Assert.True(pdf.IndexOf("11:05", StringComparison.Ordinal) < pdf.IndexOf("Lunsj", StringComparison.Ordinal));
        Assert.True(pdf.IndexOf("Lunsj", StringComparison.Ordinal) < pdf.IndexOf("3/21 Forhandlinger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Case_paper_opens_with_the_header_block_and_lists_related_decisions_and_attachments()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        var paper = await Docs(d => d.CasePaperAsync(s.CriteriaCaseId, null));
        Assert.Equal($"saksfremlegg-{s.Slug}-2-21", paper.FileName);
        var pdfText = PdfText(paper.Document.ToPdf());
        var lines = pdfText.Split('\n').Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
        Assert.Contains($"Til {s.BodyName}, møte 1/2021", lines);
        Assert.Contains("Dato 9. desember 2021", lines);
        Assert.Contains("Saksnummer 2/21", lines);
        Assert.Contains("Type Anbefaling", lines);
        Assert.Contains("Fra Mariann Hornnes", lines);
        Assert.Contains("Saksbehandler Siv Ingebrigtsen/Nina Bjørlykke", lines);

        foreach (var text in new[] { Flat(pdfText), Flat(DocxText(paper.Document.ToDocx())) })
        {
            Assert.Contains("Hensikt med saken Behandle kriterier", text);
            Assert.Contains("Bakgrunn Kriteriene er prøvd ut i 2021.", text);
            Assert.Contains("Forslag til vedtak", text);
            Assert.Contains("Vedtak på tilsluttende saker", text);
            Assert.Contains("NUIT 38/21", text);
            Assert.Contains("NUIT anbefaler", text);
            Assert.Contains("Vedlegg 5A: Forslag til veikart versjon 21.1", text);
            // The attachment marked confidential: only its label and legal basis for an anonymous reader.
            Assert.Contains("Vedlegg 6: Unntatt offentlighet (Offl. § 14)", text);
            Assert.DoesNotContain(SecretAttachment, text);
            Assert.DoesNotContain("Vedtak:", text);
        }
        // Bullets in the background become a real list in Word.
        using (var word = WordprocessingDocument.Open(new MemoryStream(paper.Document.ToDocx()), false))
        {
            var items = word.MainDocumentPart!.Document.Body!.Descendants<W.Paragraph>()
                .Where(p => p.ParagraphProperties?.NumberingProperties is not null || p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.Contains("List", StringComparison.Ordinal) == true)
                .Select(p => p.InnerText).ToList();
            Assert.Contains(items, i => i.Contains("krever koordinering på tvers av aktørgruppene", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Minutes_have_attendance_quorum_decisions_and_are_not_found_before_the_meeting_is_held()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        var early = await Assert.ThrowsAsync<NotFoundException>(() => Docs(d => d.MinutesAsync(s.MeetingId, db.Office)));
        Assert.Contains("ikke avholdt", early.Message);

        await HoldAsync(s);
        var minutes = await Docs(d => d.MinutesAsync(s.MeetingId, db.Member));
        Assert.Equal($"referat-{s.Slug}-1-2021", minutes.FileName);
        foreach (var text in new[] { Flat(PdfText(minutes.Document.ToPdf())), Flat(DocxText(minutes.Document.ToDocx())) })
        {
            Assert.Contains($"Referat fra møte i {s.BodyName}", text);
            Assert.Contains("Møte 1/2021", text);
            Assert.Contains("Til stede Mariann Hornnes (Direktoratet for e-helse)", text);
            Assert.Contains("Kristin W. Wieland (KS – Kommunesektorens organisasjon) – video, fra kl. 10.30", text);
            Assert.Contains("Ikke til stede Svein Lyngroth (KS – Kommunesektorens organisasjon)", text);
            Assert.Contains("Andre til stede: Direktoratet for e-helse: Karl Vestli, Siv Ingebrigtsen", text);
            Assert.Contains("Vedtaksført: 2 av 3 medlemmer til stede", text);
            Assert.Contains($"Vedtak: {s.BodyName} anbefaler de fremlagte kriteriene.", text);
            Assert.Contains("Vedtak: Hemmelig vedtak om prisramme.", text);
            Assert.Contains("Referatet er ikke godkjent ennå.", text);
        }

        // The public minutes: the confidential case by number and legal basis only.
        var open = Flat(PdfText((await Docs(d => d.MinutesAsync(s.MeetingId, null))).Document.ToPdf()));
        Assert.Contains("3/21 Unntatt offentlighet", open);
        Assert.Contains("Unntatt offentlighet (Offl. § 23 første ledd)", open);
        Assert.DoesNotContain("Hemmelig vedtak", open);
        Assert.DoesNotContain("Forhandlinger om avtale", open);
    }

    [Fact]
    public async Task Package_holds_the_notice_every_case_paper_and_the_attachment_list()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        var package = await Docs(d => d.PackageAsync(s.MeetingId, db.Office));
        Assert.Equal($"saksdokumenter-{s.Slug}-1-2021", package.FileName);
        Assert.Equal(1 + 4 + 1, package.Parts);

        var pages = PdfPages(package.Pdf);
        var separate = PdfPages((await Docs(d => d.NoticeAsync(s.MeetingId, db.Office))).Document.ToPdf()).Count;
        foreach (var id in new[] { s.NoticeCaseId, s.CriteriaCaseId, s.SecretCaseId, s.OtherCaseId })
            separate += PdfPages((await Docs(d => d.CasePaperAsync(id, db.Office))).Document.ToPdf()).Count;
        Assert.Equal(separate + 1, pages.Count); // every part starts on a new page; the attachment list fits on one

        var all = Flat(string.Join(" ", pages));
        Assert.StartsWith($"{s.BodyName} – Møte 1/2021", Flat(pages[0]).Trim());
        Assert.Contains($"Møte i {s.BodyName}", Flat(pages[0]));
        foreach (var n in new[] { "1/21", "2/21", "3/21", "4/21" }) Assert.Contains($"Saksnummer {n}", all);
        Assert.Contains("Vedleggsliste", Flat(pages[^1]));
        Assert.Matches(@"5A Forslag til veikart versjon 21\.1 2/21 \d+ kB", Flat(pages[^1]));
        Assert.Contains(SecretAttachment, all);
        // The members' list says which attachment is exempt, as the notice and the case paper do.
        Assert.Contains($"{SecretAttachment} (unntatt offentlighet, jf. Offl. § 14)", Flat(pages[^1]));
        Assert.Matches($@"Side {pages.Count} av {pages.Count}", Flat(pages[^1]));
    }

    [Fact]
    public async Task Confidential_content_is_absent_for_anonymous_readers_and_present_for_members()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        string[] secrets = [Secret, SecretProposal, SecretAttachment, "Forhandlinger om avtale", "Notat om forhandlingene", "Karl Vestli"];

        var publicNotice = Flat(PdfText((await Docs(d => d.NoticeAsync(s.MeetingId, null))).Document.ToPdf()));
        var publicNoticeDocx = Flat(DocxText((await Docs(d => d.NoticeAsync(s.MeetingId, null))).Document.ToDocx()));
        var publicPaper = await Docs(d => d.CasePaperAsync(s.SecretCaseId, null));
        var publicPaperText = Flat(PdfText(publicPaper.Document.ToPdf())) + Flat(DocxText(publicPaper.Document.ToDocx()));
        var publicPackage = Flat(PdfText((await Docs(d => d.PackageAsync(s.MeetingId, null))).Pdf));
        foreach (var text in new[] { publicNotice, publicNoticeDocx, publicPaperText, publicPackage })
        {
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
            Assert.Contains("3/21", text);
            Assert.Contains("Unntatt offentlighet (Offl. § 23 første ledd)", text);
        }
        Assert.Single(PdfPages(publicPaper.Document.ToPdf()));
        Assert.Contains("Vedlegg 6: Unntatt offentlighet (Offl. § 14)", publicNotice);

        // Roles other than the secretariat and members read the public version too.
        var owner = Flat(PdfText((await Docs(d => d.CasePaperAsync(s.SecretCaseId, db.OwnerHelseSorOst))).Document.ToPdf()));
        Assert.DoesNotContain(Secret, owner);

        var memberPaper = Flat(PdfText((await Docs(d => d.CasePaperAsync(s.SecretCaseId, db.Member))).Document.ToPdf()));
        Assert.StartsWith($"{s.BodyName} – Møte 1/2021 Unntatt offentlighet, jf. Offl. § 23 første ledd", memberPaper.Trim());
        Assert.Contains(Secret, memberPaper);
        Assert.Contains(SecretProposal, memberPaper);
        Assert.Contains("Vedlegg 7: Notat om forhandlingene", memberPaper);
        var memberPackage = Flat(PdfText((await Docs(d => d.PackageAsync(s.MeetingId, db.Member))).Pdf));
        foreach (var secret in secrets) Assert.Contains(secret, memberPackage);
    }

    [Fact]
    public async Task Command_line_lookups_find_meetings_and_cases_by_number()
    {
        if (!db.Available) return;
        var s = await ArrangeAsync();
        Assert.Equal(s.MeetingId, await Docs(d => d.FindMeetingAsync(s.Slug, "1/2021")));
        Assert.Equal(s.MeetingId, await Docs(d => d.FindMeetingAsync(s.Slug, "1/21")));
        Assert.Equal(s.CriteriaCaseId, await Docs(d => d.FindCaseAsync(s.Slug, "2/21", null)));
        Assert.Equal(s.SecretCaseId, await Docs(d => d.FindCaseAsync(s.Slug, "3/2021", null)));
        await Assert.ThrowsAsync<NotFoundException>(() => Docs(d => d.FindMeetingAsync(s.Slug, "9/2021")));
        await Assert.ThrowsAsync<NotFoundException>(() => Docs(d => d.FindCaseAsync(s.Slug, "99/21", null)));
        await TestHelpers.AssertInvalidAsync(() => Docs(d => d.FindMeetingAsync(s.Slug, "møte seks")), "meeting");
        await TestHelpers.AssertInvalidAsync(() => Docs(d => d.FindCaseAsync(s.Slug, "37-21", null)), "case");
    }

    [Fact]
    public async Task A_planned_meeting_has_no_public_notice_but_the_secretariat_sees_the_draft()
    {
        if (!db.Available) return;
        var office = db.Office;
        var s = await ArrangeAsync();
        var planned = await db.SendAsync((PlanMeeting u) => u.HandleAsync(
            new MeetingInput(s.Slug, "2021-12-20", "09:00", "10:00", "", true, "extra"), office), office);
        await Assert.ThrowsAsync<NotFoundException>(() => Docs(d => d.NoticeAsync(planned.Id, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => Docs(d => d.PackageAsync(planned.Id, null)));
        var draft = Flat(PdfText((await Docs(d => d.NoticeAsync(planned.Id, office))).Document.ToPdf()));
        Assert.Contains("Utkast: innkallingen er ikke sendt.", draft);
        Assert.Contains($"Ekstramøte i {s.BodyName}", draft);
        Assert.Contains("Sted Videomøte", draft);
    }

    // ------------------------------------------------------------------ reading the files back

    private static string Flat(string text) => Poppler.Flat(text);

    private static string PdfText(byte[] pdf) => string.Join("\n", PdfPages(pdf));

    private static List<string> PdfPages(byte[] pdf) => Poppler.Pages(pdf, "-layout");

    /// <summary>Paragraph texts (table cells included) in document order, one per line, plus header and footer.</summary>
    private static string DocxText(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = word.MainDocumentPart!;
        var parts = main.HeaderParts.Select(h => h.Header!.Descendants<W.Paragraph>())
            .Append(main.Document.Body!.Descendants<W.Paragraph>());
        return string.Join("\n", parts.SelectMany(p => p).Select(p => string.Concat(p.Descendants().Select(e => e switch
        {
            W.Text t => t.Text,
            W.Break => "\n",
            W.TabChar => "\t",
            _ => "",
        }))));
    }
}

public sealed class CouncilDocumentsTestsSqlite(SqliteDatabase db) : CouncilDocumentsTests(db), IClassFixture<SqliteDatabase>;

public sealed class CouncilDocumentsTestsPostgres(PostgresDatabase db) : CouncilDocumentsTests(db), IClassFixture<PostgresDatabase>;
