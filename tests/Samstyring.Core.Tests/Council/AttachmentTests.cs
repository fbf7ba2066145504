using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using static Samstyring.Core.Tests.TestHelpers;

namespace Samstyring.Core.Tests.Council;

/// <summary>Vedlegg: the file on disk and its row stay in step, the limits hold, and confidential ones stay hidden.</summary>
public abstract class AttachmentTests
{
    private readonly TestDatabase db;

    protected AttachmentTests(TestDatabase db)
    {
        this.db = db;
        // PostgreSQL scratch databases have no data directory of their own; keep the files out of the test folder.
        if (db.Available && db.Provider == Provider.Postgres && !db.Scratch.Options.DataDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
            db.Scratch.Options.DataDirectory = Path.Combine(Path.GetTempPath(), "samstyring-core-tests", "pg-files-" + Guid.NewGuid().ToString("N"));
    }

    private AttachmentStore Store => new(db.Scratch.Options);

    /// <summary>PostgreSQL keeps the bytes in the database (attachment_contents) unless an attachment directory is set.</summary>
    private bool InDatabase => db.Scratch.Options.AttachmentsInDatabase;

    /// <summary>
    /// What the store holds, wherever: the stored names of the files under the attachment directory, and of the
    /// attachments whose bytes are in the database.
    /// </summary>
    private async Task<List<string>> StoredAsync()
    {
        var inDatabase = await db.QueryAsync(x => x.Attachments.Where(a => x.AttachmentContents.Any(c => c.AttachmentId == a.Id))
            .Select(a => a.StoragePath!).ToListAsync());
        return Store.ListFiles().Where(Store.IsStoredPath).Concat(inDatabase).Order(StringComparer.Ordinal).ToList();
    }

    private Task<int> ContentRowsAsync() => db.QueryAsync(x => x.AttachmentContents.CountAsync());

    public static byte[] Pdf(int size = 4000)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static AttachmentUpload Upload(string label, string fileName = "Saksfremlegg.pdf", string title = "Saksfremlegg", bool confidential = false, string? legalBasis = null) =>
        new(fileName, label, title, confidential, legalBasis);

    private Task<Attachment> UploadAsync(int caseId, AttachmentUpload input, byte[] content) => UploadAsAsync(db.Office, caseId, input, content);

    private Task<Attachment> UploadAsAsync(CurrentUser? user, int caseId, AttachmentUpload input, byte[] content) =>
        db.SendAsync((UploadAttachment u) => u.HandleAsync(caseId, input, new MemoryStream(content), user), user);

    private Task<int> CountAsync() => db.QueryAsync(x => x.Attachments.CountAsync());

    [Fact]
    public async Task An_upload_is_stored_under_a_random_name_and_downloads_byte_identical()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var content = Pdf(50_000);

        var a = await UploadAsync(caseId, Upload("1", fileName: @"C:\fakepath\Sak 37-21 «møte».PDF"), content);

        Assert.Equal("Sak 37-21 «møte».pdf", a.FileName);
        Assert.Equal("application/pdf", a.ContentType);
        Assert.Equal(content.Length, a.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), a.Sha256);
        Assert.Matches(@"^\d{4}/[0-9a-f]{32}\.pdf$", a.StoragePath);
        Assert.Equal("kontor", a.UploadedBy);
        Assert.Contains(a.StoragePath, await StoredAsync());
        // On disk with SQLite, in the database with PostgreSQL (and then not on disk).
        Assert.Equal(!InDatabase, Store.ListFiles().Contains(a.StoragePath));
        Assert.Equal(InDatabase, await db.QueryAsync(x => x.AttachmentContents.AnyAsync(c => c.AttachmentId == a.Id)));
        Assert.False(Directory.EnumerateFiles(Path.Combine(Store.Root, "tmp")).Any(), "a temporary file was left behind");

        var (meta, stream) = await db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, null));
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.Equal(a.FileName, meta.FileName);
        Assert.False(Directory.EnumerateFiles(Path.Combine(Store.Root, "tmp")).Any(), "the download left a temporary file behind");

        // The metadata is audited; the file content is not.
        var audit = await db.QueryAsync(x => x.AuditLog.Where(e => e.EntityType == nameof(Attachment) && e.EntityId == a.Id.ToString()).SingleAsync());
        Assert.Equal("kontor", audit.UserName);
        Assert.Contains(a.Sha256!, audit.After);
        Assert.True(audit.After!.Length < 2000);
    }

    [Fact]
    public async Task A_file_over_25_MB_is_refused_with_its_size_and_nothing_is_kept()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var (files, rows) = (await StoredAsync(), await CountAsync());

        var errors = await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1"), Pdf(26 * 1024 * 1024)), "file");
        Assert.Equal("Filen er for stor (26,0 MB). Største tillatte størrelse er 25 MB.", errors["file"][0]);
        errors = await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1"), []), "file");
        Assert.Equal("Filen er tom.", errors["file"][0]);

        Assert.Equal(files, await StoredAsync());
        Assert.Equal(rows, await CountAsync());
        Assert.Equal(AttachmentAccess.MaxBytes, (long)AttachmentAccess.MaxMegabytes * 1024 * 1024);
    }

    [Fact]
    public async Task The_type_is_checked_by_extension_and_by_content()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var (files, rows) = (await StoredAsync(), await CountAsync());
        var exe = new byte[2000];
        "MZ\x90\0\x03\0\0\0"u8.CopyTo(exe);

        var errors = await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "faktura.pdf"), exe), "file");
        Assert.Contains("passer ikke med filtypen .pdf", errors["file"][0]);
        errors = await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "program.exe"), exe), "file");
        Assert.StartsWith("Filtypen .exe er ikke tillatt. Tillatte typer: .pdf, .docx", errors["file"][0]);
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "notat.docx"), Pdf()), "file");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "bilde.png"), Pdf()), "file");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "tall.csv"), [0x61, 0x3B, 0xC3, 0x28]), "file");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "notat.txt"), [0x61, 0x00, 0x62]), "file");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", fileName: "uten-filtype"), Pdf()), "file");
        Assert.Equal(files, await StoredAsync());
        Assert.Equal(rows, await CountAsync());

        var docx = new byte[300];
        new byte[] { 0x50, 0x4B, 0x03, 0x04 }.CopyTo(docx, 0);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (await UploadAsync(caseId, Upload("1", fileName: "notat.docx"), docx)).ContentType);
        Assert.Equal("text/csv; charset=utf-8", (await UploadAsync(caseId, Upload("2", fileName: "tall.csv"), Encoding.UTF8.GetBytes("navn;beløp\nØst;12\n"))).ContentType);
        var jpeg = (await UploadAsync(caseId, Upload("3", fileName: "foto.JPEG"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]));
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.EndsWith(".jpg", jpeg.StoragePath);
    }

    [Fact]
    public async Task Labels_are_unique_across_the_cases_of_a_meeting_and_the_next_one_is_suggested()
    {
        if (!db.Available) return;
        var (first, meetingId) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var second = await CouncilFixtures.AddCaseAsync(db, meetingId);
        var (otherMeetingCase, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);

        Assert.Equal("1", await db.SendAsync((CouncilQueries u) => u.SuggestAttachmentLabelAsync(second)));
        await UploadAsync(first, Upload("1"), Pdf());
        var fiveA = await UploadAsync(first, Upload(" 5a "), Pdf());
        Assert.Equal("5A", fiveA.Label);
        Assert.Equal("6", await db.SendAsync((CouncilQueries u) => u.SuggestAttachmentLabelAsync(second)));

        var errors = await AssertInvalidAsync(() => UploadAsync(second, Upload("1"), Pdf()), "label");
        Assert.Contains("Vedlegg 1 finnes allerede", errors["label"][0]);
        Assert.Contains("Neste ledige nummer er 6", errors["label"][0]);
        await AssertInvalidAsync(() => UploadAsync(second, Upload("5A"), Pdf()), "label");
        foreach (var bad in new[] { "A1", "100", "1AB", "1 A", "" })
            await AssertInvalidAsync(() => UploadAsync(second, Upload(bad), Pdf()), "label");

        Assert.Equal("5", (await UploadAsync(second, Upload("5"), Pdf())).Label);
        Assert.Equal("1", (await UploadAsync(otherMeetingCase, Upload("1"), Pdf())).Label);

        // Changing to a label taken in the meeting is refused too; keeping one's own label is fine.
        await AssertInvalidAsync(() => db.SendAsync((UpdateAttachment u) =>
            u.HandleAsync(fiveA.Id, new AttachmentEdit("5", "Ny tittel", false, null), fiveA.Version, db.Office)), "label");
        var updated = await db.SendAsync((UpdateAttachment u) =>
            u.HandleAsync(fiveA.Id, new AttachmentEdit("5A", "Ny tittel", false, null), fiveA.Version, db.Office));
        Assert.Equal(("5A", "Ny tittel", fiveA.Version + 1), (updated.Label, updated.Title, updated.Version));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SendAsync((UpdateAttachment u) =>
            u.HandleAsync(fiveA.Id, new AttachmentEdit("5A", "Gammel versjon", false, null), fiveA.Version, db.Office)));
    }

    [Fact]
    public async Task Title_and_legal_basis_are_required_where_they_must_be()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", title: " "), Pdf()), "title");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", title: new string('x', 301)), Pdf()), "title");
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", confidential: true), Pdf()), "legalBasis");
        var errors = await AssertInvalidAsync(() => UploadAsync(caseId, Upload("1", confidential: true, legalBasis: "Offl. 14"), Pdf()), "legalBasis");
        Assert.Contains("§", errors["legalBasis"][0]);
        // Every problem at once.
        await AssertInvalidAsync(() => UploadAsync(caseId, Upload("x", fileName: "a.exe", title: "", confidential: true), Pdf()), "file", "label", "title", "legalBasis");

        var a = await UploadAsync(caseId, Upload("1", confidential: true, legalBasis: " Offl. § 14 "), Pdf());
        Assert.Equal("Offl. § 14", a.LegalBasis);
        var open = await db.SendAsync((UpdateAttachment u) => u.HandleAsync(a.Id, new AttachmentEdit("1", "Åpnet", false, "Offl. § 14"), a.Version, db.Office));
        Assert.Null(open.LegalBasis);
    }

    [Fact]
    public async Task A_confidential_attachment_is_missing_for_everyone_but_the_secretariat_and_members()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var secret = await UploadAsync(caseId, Upload("6A", confidential: true, legalBasis: "Offl. § 14"), Pdf());
        var (confidentialCase, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.Held, confidential: true);
        var inSecretCase = await UploadAsync(confidentialCase, Upload("1"), Pdf());

        foreach (var id in new[] { secret.Id, inSecretCase.Id })
        {
            foreach (var user in new[] { null, db.OwnerHelseSorOst, db.KsCoordinator })
            {
                var hidden = await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(id, user)));
                var missing = await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(id + 1_000_000, user)));
                Assert.Equal(missing.Message.Replace((id + 1_000_000).ToString(), id.ToString()), hidden.Message);
            }
            foreach (var user in new[] { db.Member, db.Office })
            {
                var (meta, stream) = await db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(id, user));
                await stream.DisposeAsync();
                Assert.Equal(id, meta.Id);
            }
        }
        Assert.Equal("Vedlegg 6A: unntatt offentlighet (Offl. § 14)", AttachmentAccess.HiddenText("6A", "Offl. § 14"));
    }

    [Fact]
    public async Task Before_the_notice_is_sent_only_the_secretariat_and_members_download()
    {
        if (!db.Available) return;
        var (caseId, meetingId) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.Planned);
        var a = await UploadAsync(caseId, Upload("1"), Pdf());

        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, db.OwnerOslo)));
        (await db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, db.Member))).Content.Dispose();

        await db.QueryAsync(async x =>
        {
            var m = await x.Meetings.SingleAsync(m => m.Id == meetingId);
            m.Status = MeetingStatus.NoticeSent;
            return await x.SaveChangesAsync();
        });
        (await db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, null))).Content.Dispose();
    }

    [Fact]
    public async Task Only_the_secretariat_uploads_changes_and_deletes()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var a = await UploadAsync(caseId, Upload("1"), Pdf());
        var (files, rows) = (await StoredAsync(), await CountAsync());

        foreach (var user in new[] { null, db.Member, db.OwnerHelseSorOst, db.KsCoordinator })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => UploadAsAsync(user, caseId, Upload("2"), Pdf()));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((UpdateAttachment u) =>
                u.HandleAsync(a.Id, new AttachmentEdit("1", "Kapret", false, null), a.Version, user)));
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((DeleteAttachment u) => u.HandleAsync(a.Id, user)));
        }
        Assert.Equal(files, await StoredAsync());
        Assert.Equal(rows, await CountAsync());

        await db.SendAsync((DeleteAttachment u) => u.HandleAsync(a.Id, db.Office), db.Office);
        Assert.DoesNotContain(a.StoragePath, await StoredAsync());
        Assert.False(await db.QueryAsync(x => x.AttachmentContents.AnyAsync(c => c.AttachmentId == a.Id)), "the bytes outlived the attachment");
        Assert.Equal(rows - 1, await CountAsync());
        Assert.True(await db.QueryAsync(x => x.AuditLog.AnyAsync(e => e.EntityType == nameof(Attachment) && e.EntityId == a.Id.ToString() && e.Action == "Deleted")));
        await Assert.ThrowsAsync<NotFoundException>(() => db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(a.Id, db.Office)));
    }

    [Fact]
    public async Task When_the_database_save_fails_the_file_is_removed_again()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var (files, rows) = (await StoredAsync(), await CountAsync());

        var builder = new DbContextOptionsBuilder<SamstyringDb>();
        SamstyringSetup.Configure(builder, db.Scratch.Options).AddInterceptors(new FailingSave());
        await using (var failing = new SamstyringDb(builder.Options, new AuditContext(), TimeProvider.System))
        {
            var uc = new UploadAttachment(failing, db.Scratch.Options);
            await Assert.ThrowsAsync<IOException>(() => uc.HandleAsync(caseId, Upload("1"), new MemoryStream(Pdf()), db.Office));
        }

        Assert.Equal(files, await StoredAsync());
        Assert.Equal(rows, await CountAsync());
    }

    [Fact]
    public async Task A_save_that_dies_after_the_bytes_are_written_leaves_neither_row_nor_bytes()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        var (files, rows, contents) = (await StoredAsync(), await CountAsync(), await ContentRowsAsync());

        await using (var scope = db.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "kontor";
            var uc = scope.ServiceProvider.GetRequiredService<UploadAttachment>();
            var reached = false;
            uc.Checkpoint = _ =>
            {
                reached = true;
                throw new IOException("Prosessen døde (test).");
            };
            if (!InDatabase)
            {
                // A file on disk is moved into place before the row is saved, and removed when the save fails
                // (When_the_database_save_fails_the_file_is_removed_again): there is no moment between bytes and commit.
                await uc.HandleAsync(caseId, Upload("1"), new MemoryStream(Pdf()), db.Office);
                Assert.False(reached);
                return;
            }
            await Assert.ThrowsAsync<IOException>(() => uc.HandleAsync(caseId, Upload("1"), new MemoryStream(Pdf()), db.Office));
            Assert.True(reached);
        }

        Assert.Equal(files, await StoredAsync());
        Assert.Equal(rows, await CountAsync());
        Assert.Equal(contents, await ContentRowsAsync());
        Assert.False(Directory.EnumerateFiles(Path.Combine(Store.Root, "tmp")).Any(), "a temporary file was left behind");
    }

    /// <summary>
    /// PostgreSQL deployments from before the bytes were kept in the database have their files under the data directory:
    /// they still download (from there), and <c>MoveAttachmentFilesToDatabase</c> moves them in, checked, once. With SQLite
    /// there is nothing to move to, and it says so.
    /// </summary>
    [Fact]
    public async Task Files_from_before_the_database_kept_them_still_download_and_move_in()
    {
        if (!db.Available) return;
        var (caseId, _) = await CouncilFixtures.CreateCaseAsync(db, MeetingStatus.NoticeSent);
        if (!InDatabase)
        {
            var refused = await AssertInvalidAsync(() => db.SendAsync((MoveAttachmentFilesToDatabase u) => u.HandleAsync(db.Office), db.Office), "database");
            Assert.Contains("bare med PostgreSQL", refused["database"][0]);
            return;
        }
        // Two uploads as an older version stored them: in the attachment directory, no bytes in the database.
        var old = new List<(Attachment Row, byte[] Bytes)>();
        var directory = new SamstyringOptions { DataDirectory = db.Scratch.Options.DataDirectory, AttachmentDirectory = Store.Root };
        foreach (var label in new[] { "1", "2" })
        {
            var bytes = Pdf(9000 + old.Count);
            await using var scope = db.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditContext>().UserName = "kontor";
            var uc = new UploadAttachment(scope.ServiceProvider.GetRequiredService<SamstyringDb>(), directory);
            old.Add((await uc.HandleAsync(caseId, Upload(label), new MemoryStream(bytes), db.Office), bytes));
        }
        // A third whose file is damaged on disk: not moved, named, left where it is.
        var damaged = await UploadAsync(caseId, Upload("3"), Pdf());
        await db.QueryAsync(x => x.AttachmentContents.Where(c => c.AttachmentId == damaged.Id).ExecuteDeleteAsync());
        Directory.CreateDirectory(Path.GetDirectoryName(Store.FullPath(damaged.StoragePath!))!);
        await File.WriteAllBytesAsync(Store.FullPath(damaged.StoragePath!), Pdf(10));
        Assert.All(old, o => Assert.True(File.Exists(Store.FullPath(o.Row.StoragePath!))));

        foreach (var (row, bytes) in old)
            Assert.Equal(bytes, await DownloadAsync(row.Id));
        await Assert.ThrowsAsync<DamagedFileException>(() => DownloadAsync(damaged.Id));

        var moved = await db.SendAsync((MoveAttachmentFilesToDatabase u) => u.HandleAsync(db.Office), db.Office);
        Assert.Equal(2, moved.Moved);
        Assert.Equal([damaged.StoragePath!], moved.Missing);
        foreach (var (row, bytes) in old)
        {
            Assert.False(File.Exists(Store.FullPath(row.StoragePath!)), "the moved file was left on disk");
            Assert.True(await db.QueryAsync(x => x.AttachmentContents.AnyAsync(c => c.AttachmentId == row.Id)));
            Assert.Equal(bytes, await DownloadAsync(row.Id));
        }
        Assert.True(File.Exists(Store.FullPath(damaged.StoragePath!)), "a damaged file is left for the operator");

        // Again: nothing more to move, nothing moved twice.
        var again = await db.SendAsync((MoveAttachmentFilesToDatabase u) => u.HandleAsync(db.Office), db.Office);
        Assert.Equal(0, again.Moved);
        Assert.True(again.AlreadyInDatabase >= 2);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.SendAsync((MoveAttachmentFilesToDatabase u) => u.HandleAsync(db.Member), db.Member));
    }

    private async Task<byte[]> DownloadAsync(int id)
    {
        var (_, stream) = await db.SendAsync((CouncilQueries u) => u.OpenAttachmentAsync(id, db.Office));
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Theory]
    [InlineData(@"C:\fakepath\Notat.PDF", "Notat.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("  møte \t referat\n.docx", "møte referat.docx")]
    [InlineData("a\"b<c>d:e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt")]
    [InlineData(".pdf", "vedlegg.pdf")]
    [InlineData("", "vedlegg")]
    [InlineData(null, "vedlegg")]
    public void File_names_are_made_safe_to_show(string? given, string expected) =>
        Assert.Equal(expected, UploadAttachment.SafeFileName(given));

    [Fact]
    public void Long_file_names_keep_their_extension()
    {
        var name = UploadAttachment.SafeFileName(new string('å', 500) + ".pdf");
        Assert.Equal(200, name.Length);
        Assert.EndsWith("å.pdf", name);
    }

    private sealed class FailingSave : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new IOException("Databasen er borte (test).");
    }
}

/// <summary>Bodies, meetings and cases made directly in the database, so attachment tests need not wait for the meeting use cases.</summary>
public static class CouncilFixtures
{
    public static Task<(int CaseId, int MeetingId)> CreateCaseAsync(TestDatabase db, MeetingStatus status, bool confidential = false) =>
        db.QueryAsync(async x =>
        {
            var key = Guid.NewGuid().ToString("N")[..8];
            var body = new Body { Slug = "vedleggstest-" + key, Kind = BodyKind.Other, Names = [new BodyName { Name = "Testorgan " + key, ValidFrom = new DateOnly(2020, 1, 1) }] };
            var meeting = new Meeting
            {
                Body = body, Year = 2021, Number = 1, Date = new DateOnly(2021, 12, 9), StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(15, 0),
                Location = "Oslo", Status = status, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            var c = NewCase(body, meeting, 1, confidential);
            x.Add(c);
            await x.SaveChangesAsync();
            return (c.Id, meeting.Id);
        });

    public static Task<int> AddCaseAsync(TestDatabase db, int meetingId) =>
        db.QueryAsync(async x =>
        {
            var meeting = await x.Meetings.Include(m => m.Body).SingleAsync(m => m.Id == meetingId);
            var number = await x.Cases.Where(c => c.BodyId == meeting.BodyId && c.Year == 2021).MaxAsync(c => c.Number) + 1;
            var c = NewCase(meeting.Body, meeting, number, false);
            x.Add(c);
            await x.SaveChangesAsync();
            return c.Id;
        });

    private static CouncilCase NewCase(Body body, Meeting meeting, int number, bool confidential) => new()
    {
        Body = body, Meeting = meeting, Year = 2021, Number = number, Title = $"Testsak {number}", Type = CaseType.Orientering,
        Confidential = confidential, LegalBasis = confidential ? "Offl. § 13" : null, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };
}

public sealed class AttachmentTestsSqlite(SqliteDatabase db) : AttachmentTests(db), IClassFixture<SqliteDatabase>;

public sealed class AttachmentTestsPostgres(PostgresDatabase db) : AttachmentTests(db), IClassFixture<PostgresDatabase>;
