using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Documents;
using Samstyring.Core.Search;
using Samstyring.Core.Search.TextExtraction;
using Samstyring.Core.Tests.Council;

namespace Samstyring.Core.Tests.Search.TextExtraction;

/// <summary>An attachment is found by what it says: its text is read when it is uploaded, and later for files uploaded before.</summary>
public abstract class ExtractAttachmentTextsTests
{
    private readonly TestDatabase db;

    protected ExtractAttachmentTextsTests(TestDatabase db)
    {
        this.db = db;
        // As in AttachmentTests: PostgreSQL scratch databases have no data directory of their own.
        if (db.Available && db.Provider == Provider.Postgres && !db.Scratch.Options.DataDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
            db.Scratch.Options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", "pg-files-" + Guid.NewGuid().ToString("N"));
    }

    private static byte[] Paper(string text) => new FlowDocument("Vedlegg").Title("Vedlegg").Paragraph(text).ToPdf();

    private Task<Attachment> UploadAsync(int caseId, string label, string fileName, byte[] content) =>
        db.SendAsync((UploadAttachment u) => u.HandleAsync(caseId, new AttachmentUpload(fileName, label, "Vedlegg " + label, false, null),
            new MemoryStream(content), db.Office), db.Office);

    private Task<AttachmentText?> TextAsync(int attachmentId) =>
        db.QueryAsync(x => x.AttachmentTexts.AsNoTracking().SingleOrDefaultAsync(t => t.AttachmentId == attachmentId));

    private Task<string?> IndexedBodyAsync(int attachmentId) =>
        db.QueryAsync(x => x.SearchDocuments.Where(d => d.Kind == SearchKind.Attachment && d.SourceId == attachmentId).Select(d => d.Body).SingleOrDefaultAsync());

    [Fact]
    public async Task An_uploaded_PDF_is_searchable_by_its_text_as_soon_as_it_is_saved()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.Held);

        var a = await UploadAsync(caseId, "1", "notat.pdf", Paper("Legemiddellisteforskriften gjelder fra 2023."));

        var text = await TextAsync(a.Id);
        Assert.Equal(AttachmentTextStatus.Ok, text!.Status);
        Assert.Contains("Legemiddellisteforskriften gjelder fra 2023.", text.Text);
        Assert.Contains("Legemiddellisteforskriften", await IndexedBodyAsync(a.Id));
        // Derived data: the text is not copied into the audit log.
        Assert.False(await db.QueryAsync(x => x.AuditLog.AnyAsync(e => e.After!.Contains("Legemiddellisteforskriften"))));
    }

    [Fact]
    public async Task A_file_whose_text_cannot_be_read_is_still_uploaded_and_marked()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.Held);

        var damaged = await UploadAsync(caseId, "1", "skadet.pdf", AttachmentTests.Pdf());
        var image = await UploadAsync(caseId, "2", "bilde.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        Assert.Equal(AttachmentTextStatus.Failed, (await TextAsync(damaged.Id))!.Status);
        Assert.Equal(AttachmentTextStatus.Unsupported, (await TextAsync(image.Id))!.Status);
        Assert.Null((await TextAsync(image.Id))!.Text);
    }

    [Fact]
    public async Task The_command_reads_the_files_that_have_no_text_once_and_all_of_them_again_when_asked()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.Held);
        var pdf = await UploadAsync(caseId, "1", "notat.pdf", Paper("Kjernejournalforskriften endres."));
        var txt = await UploadAsync(caseId, "2", "notat.txt", "Finansieringsmodellen for 2024"u8.ToArray());
        var png = await UploadAsync(caseId, "3", "bilde.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        // As for attachments uploaded before search existed.
        int[] ids = [pdf.Id, txt.Id, png.Id];
        await db.QueryAsync(x => x.AttachmentTexts.Where(t => ids.Contains(t.AttachmentId)).ExecuteDeleteAsync());

        var first = await db.SendAsync((ExtractAttachmentTexts u) => u.HandleAsync(all: false, db.Office), db.Office);

        Assert.Equal(3, first.Read);
        Assert.Equal(2, first.ByStatus[AttachmentTextStatus.Ok]);
        Assert.Equal(1, first.ByStatus[AttachmentTextStatus.Unsupported]);
        Assert.Empty(first.Missing);
        Assert.Contains("Kjernejournalforskriften endres.", (await TextAsync(pdf.Id))!.Text);
        Assert.Equal("Finansieringsmodellen for 2024", (await TextAsync(txt.Id))!.Text);
        Assert.Contains("Finansieringsmodellen", await IndexedBodyAsync(txt.Id));
        Assert.Equal(AttachmentTextStatus.Unsupported, (await TextAsync(png.Id))!.Status);

        Assert.Equal(0, (await db.SendAsync((ExtractAttachmentTexts u) => u.HandleAsync(all: false, db.Office), db.Office)).Read);
        var files = await db.QueryAsync(x => x.Attachments.CountAsync(a => a.StoragePath != null));
        Assert.Equal(files, (await db.SendAsync((ExtractAttachmentTexts u) => u.HandleAsync(all: true, db.Office), db.Office)).Read);
        Assert.Equal(3, await db.QueryAsync(x => x.AttachmentTexts.CountAsync(t => ids.Contains(t.AttachmentId))));
    }

    [Fact]
    public async Task Only_the_office_reads_attachment_texts()
    {
        if (!db.Available) return;

        foreach (var user in new CurrentUser?[] { null, db.Member, db.OwnerOslo })
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((ExtractAttachmentTexts u) => u.HandleAsync(all: true, user), user));
    }
}

public sealed class ExtractAttachmentTextsTestsSqlite(SqliteDatabase db) : ExtractAttachmentTextsTests(db), IClassFixture<SqliteDatabase>;

public sealed class ExtractAttachmentTextsTestsPostgres(PostgresDatabase db) : ExtractAttachmentTextsTests(db), IClassFixture<PostgresDatabase>;
