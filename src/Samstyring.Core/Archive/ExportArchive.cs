using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.Data;
using Samstyring.Core.Notifications;

namespace Samstyring.Core.Archive;

/// <summary>A checked request for an extract: the body, its name at the end of the period, and the period.</summary>
public sealed record ArchiveRequest(int BodyId, string BodySlug, string BodyName, DateOnly From, DateOnly To)
{
    /// <summary>"noark5-nasjonalt-e-helserad-2021-01-01-2021-12-31", for the ZIP and the folder.</summary>
    public string FileName => $"noark5-{BodySlug}-{NoarkXml.Date(From)}-{NoarkXml.Date(To)}";
}

/// <summary>What an extract holds: meetings (moetemapper), cases, document descriptions, files written and their bytes.</summary>
public sealed record ArchiveSummary(ArchiveRequest Request, int Meetings, int Cases, int Documents, int Files, long Bytes, int PublicJournalEntries, int Changes);

/// <summary>
/// A Noark 5 extract (arkivuttrekk) of one body's meetings in a period, for the archive: <c>arkivstruktur.xml</c> with a
/// moetemappe per meeting, a moeteregistrering per case and per meeting document, the decision texts, and the
/// documents themselves (notice, case papers, minutes as PDF marked PDF/A-1 by PDFsharp; uploaded attachments in
/// their original format); <c>endringslogg.xml</c>, <c>offentligJournal.xml</c> and, last, <c>arkivuttrekk.xml</c>
/// (ADDML) with the SHA-256 of the other XML files. The archive is not public: exempt items keep their full titles
/// and are marked with skjerming and the legal basis; only offentligJournal.xml is public and shows public titles.
/// Only the secretariat exports. Memory stays flat: the XML is streamed, meetings are read one at a time without
/// tracking, and each document goes straight to the sink through SHA-256.
/// </summary>
[UseCase]
public sealed class ExportArchive(SamstyringDb db, CouncilQueries queries, SiteAddress site, SamstyringOptions options)
{
    /// <summary>The longest period one extract covers.</summary>
    public const int MaxYears = 10;

    public const string DocumentFolder = "dokumenter";

    /// <summary>Checks access and input without writing anything (the web answers 400 before a byte of the ZIP is sent).</summary>
    public async Task<ArchiveRequest> CheckAsync(string? bodySlug, string? from, string? to, CurrentUser? user, CancellationToken ct = default)
    {
        RequireOffice(user);
        var v = new Validator();
        var slug = bodySlug?.Trim();
        Body? body = null;
        if (string.IsNullOrWhiteSpace(slug))
            v.Add("body", "Oppgi organet, f.eks. nasjonalt-e-helserad.");
        else if (slug.Length > Body.SlugMax || (body = await db.Bodies.AsNoTracking().Include(b => b.Names).SingleOrDefaultAsync(b => b.Slug == slug, ct)) is null)
            v.Add("body", $"Fant ikke organet «{Validator.Truncate(slug)}».");
        v.Date("from", from, "Fra-datoen", required: true, out var start);
        v.Date("to", to, "Til-datoen", required: true, out var end);
        if (start is { } f && end is { } t)
        {
            if (f > t) v.Add("to", "Til-datoen kan ikke være før fra-datoen.");
            else if (t >= f.AddYears(MaxYears)) v.Add("to", $"Et uttrekk kan dekke høyst {MaxYears} år. Del perioden i flere uttrekk.");
        }
        v.ThrowIfInvalid();

        var request = new ArchiveRequest(body!.Id, body.Slug, body.NameOn(end!.Value).Name, start!.Value, end.Value);
        // offentligJournal.xml needs at least one journal entry (minOccurs 1): a period without a public case is no extract.
        if (await PublicCases(request).AnyAsync(ct) == false)
            throw ValidationFailedException.For("from",
                $"Ingen offentlige saker i perioden {Norwegian.Date(request.From)}–{Norwegian.Date(request.To)} for {request.BodyName}: "
                + "uttrekket må ha minst én sak fra et møte der innkallingen er sendt. Velg en annen periode.");
        return request;
    }

    public async Task<ArchiveSummary> HandleAsync(string? bodySlug, string? from, string? to, ArchiveSink sink, CurrentUser? user, CancellationToken ct = default)
    {
        var request = await CheckAsync(bodySlug, from, to, user, ct);
        return await WriteAsync(request, sink, user!, ct);
    }

    private static void RequireOffice(CurrentUser? user)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        if (!CouncilAccess.IsSecretariat(user)) throw new ForbiddenException("Bare sekretariatet kan lage arkivuttrekk.");
    }

    private IQueryable<CouncilCase> PublicCases(ArchiveRequest r) =>
        db.Cases.AsNoTracking().Where(c => c.BodyId == r.BodyId && c.Meeting != null
                                            && c.Meeting.Date >= r.From && c.Meeting.Date <= r.To
                                            && c.Meeting.Status != MeetingStatus.Planned && c.Meeting.Status != MeetingStatus.Cancelled);

    private async Task<ArchiveSummary> WriteAsync(ArchiveRequest r, ArchiveSink sink, CurrentUser user, CancellationToken ct)
    {
        var now = db.UtcNow;
        var ids = new ArchiveIds(site.Authority);
        var context = new ExtractContext(r, ids, now, user.DisplayName);

        // The body's meetings (ids and keys only), for the period and for the references to the previous and next meeting.
        var all = await db.Meetings.AsNoTracking().Where(m => m.BodyId == r.BodyId)
            .OrderBy(m => m.Date).ThenBy(m => m.Year).ThenBy(m => m.Number).ThenBy(m => m.Id)
            .Select(m => new MeetingKey(m.Id, m.Date, m.CreatedAt)).ToListAsync(ct);
        var inPeriod = Enumerable.Range(0, all.Count).Where(i => all[i].Date >= r.From && all[i].Date <= r.To).ToList();

        // arkivstruktur.xml is written to a temporary file while the documents go into the sink, then copied in.
        var temp = Path.Combine(Path.GetTempPath(), $"samstyring-arkivstruktur-{Guid.NewGuid():N}.xml");
        var counts = new ArkivstrukturCounts();
        var touched = new ArchivedEntities();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var w = new ArkivstrukturWriter(NoarkXml.Create(file), context);
                w.Begin();
                foreach (var i in inPeriod)
                {
                    var key = all[i];
                    var previous = i > 0 ? all[i - 1].Id : (int?)null;
                    var next = i + 1 < all.Count ? all[i + 1].Id : (int?)null;
                    var meeting = await LoadMeetingAsync(key, previous, next, ct);
                    var documents = await WriteDocumentsAsync(meeting, context, sink, ct);
                    w.Meeting(meeting, documents, counts);
                    touched.Add(meeting);
                }
                w.End();
            }
            var structure = await sink.WriteAsync("arkivstruktur.xml", async s =>
            {
                await using var source = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await source.CopyToAsync(s, ct);
            }, ct);

            var changes = 0;
            var log = await sink.WriteAsync("endringslogg.xml", async s => changes = await EndringsloggWriter.WriteAsync(s, context, touched, Changes(), ct), ct);
            var journalEntries = 0;
            var journal = await sink.WriteAsync("offentligJournal.xml", async s =>
                journalEntries = await OffentligJournalWriter.WriteAsync(s, context, await PublicCases(r).CountAsync(ct), JournalRows(r), ct), ct);
            var files = new[] { structure, log, journal };
            await sink.WriteAsync("arkivuttrekk.xml", s => { AddmlWriter.Write(s, context, files, counts); return Task.CompletedTask; }, ct);
            return new ArchiveSummary(r, counts.Meetings, counts.Cases, counts.DocumentDescriptions, counts.Files + 4,
                counts.Bytes + structure.SizeBytes + log.SizeBytes + journal.SizeBytes, journalEntries, changes);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record MeetingKey(int Id, DateOnly Date, DateTime CreatedAt);

    private async Task<ArchivedMeeting> LoadMeetingAsync(MeetingKey key, int? previous, int? next, CancellationToken ct)
    {
        // As the secretariat sees it: nothing redacted (the archive is not public).
        var view = await queries.GetMeetingAsync(key.Id, CurrentUser.System, ct);
        var caseIds = view.Cases.Select(c => c.Id).ToList();
        var created = await db.Cases.AsNoTracking().Where(c => c.MeetingId == key.Id).Select(c => new { c.Id, c.CreatedAt }).ToDictionaryAsync(c => c.Id, c => c.CreatedAt, ct);
        var attachments = await db.Attachments.AsNoTracking().Where(a => caseIds.Contains(a.CaseId))
            .Select(a => new AttachmentFacts(a.Id, a.Label, a.UploadedAt, a.UploadedBy, a.StoragePath, a.SizeBytes, a.Sha256, a.FileName, a.ContentType))
            .ToDictionaryAsync(a => a.Id, ct);
        return new ArchivedMeeting(view, key.CreatedAt, previous, next, created, attachments);
    }

    /// <summary>At most this many PDFs are rendered at once (rendering is CPU-bound; a meeting's PDFs are small).</summary>
    private static readonly int RenderWorkers = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Renders the meeting's documents (in parallel: they are independent, and a meeting's PDFs are a few hundred KB at
    /// most) and writes them, with the meeting's attachment files, into the sink in the order they are described.
    /// </summary>
    private async Task<Dictionary<string, ArchiveFile>> WriteDocumentsAsync(ArchivedMeeting m, ExtractContext x, ArchiveSink sink, CancellationToken ct)
    {
        var v = m.View;
        var folder = $"{DocumentFolder}/{m.Year}-{m.Number}";
        // In extract order: notice, per case its paper and attachments, minutes. An attachment has no document to render.
        var items = new List<(string Key, string Path, Documents.FlowDocument? Pdf, AttachmentFacts? File)>();
        if (m.HasNotice) items.Add((ArchivedMeeting.NoticeKey, $"{folder}/innkalling.pdf", CouncilDocuments.Notice(v), null));
        foreach (var c in v.Cases)
        {
            var prefix = $"{folder}/sak-{c.Seq}-{c.Year % 100:00}";
            items.Add((ArchivedMeeting.PaperKey(c.Id), prefix + ".pdf", CouncilDocuments.CasePaper(c), null));
            foreach (var a in c.Attachments)
                if (m.Attachments.TryGetValue(a.Id, out var facts) && facts.StoragePath is not null)
                    items.Add((ArchivedMeeting.AttachmentKey(a.Id), $"{prefix}-vedlegg-{SafeLabel(a.Label)}{SafeExtension(facts.FileName)}", null, facts));
        }
        if (m.HasMinutes) items.Add((ArchivedMeeting.MinutesKey, $"{folder}/referat.pdf", CouncilDocuments.Minutes(v), null));

        var rendered = new byte[items.Count][];
        await Parallel.ForAsync(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = RenderWorkers, CancellationToken = ct }, (i, _) =>
        {
            if (items[i].Pdf is { } pdf) rendered[i] = pdf.ToArchivalPdf();
            return ValueTask.CompletedTask;
        });

        var files = new Dictionary<string, ArchiveFile>();
        var store = new AttachmentStore(options);
        for (var i = 0; i < items.Count; i++)
        {
            var (key, path, _, facts) = items[i];
            if (facts is null)
            {
                var bytes = rendered[i];
                files[key] = await sink.WriteAsync(path, s => s.WriteAsync(bytes, ct).AsTask(), ct);
                continue;
            }
            // Checked against the size and SHA-256 it was stored with: a damaged file stops the export rather than enter the archive.
            var content = await store.OpenAsync(db, facts.Id, facts.StoragePath!, facts.SizeBytes, facts.Sha256, ct)
                          ?? throw new DamagedFileException(
                              $"Filen til vedlegg {facts.Label} i møte {v.Meeting.Number} er skadet eller mangler: den stemmer ikke med størrelsen og sjekksummen "
                              + "den ble lagret med. Uttrekket er ikke laget. Last opp filen på nytt eller gjenopprett den fra en sikkerhetskopi, og prøv igjen.");
            await using (content)
                files[key] = await sink.WriteAsync(path, s => content.CopyToAsync(s, ct), ct);
        }
        return files;
    }

    private static string SafeLabel(string label) => new string(label.Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s ? s : "x";

    private static string SafeExtension(string? fileName)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return ext.Length is > 1 and <= 10 && ext.Skip(1).All(char.IsAsciiLetterOrDigit) ? ext : "";
    }

    /// <summary>Changes from the audit log to cases, meetings and attachments, oldest first; the writer keeps those in the extract.</summary>
    private IAsyncEnumerable<Audit.AuditEntry> Changes() =>
        db.AuditLog.AsNoTracking()
            .Where(a => a.Action == "Modified" && (a.EntityType == nameof(CouncilCase) || a.EntityType == nameof(Meeting) || a.EntityType == nameof(Attachment)))
            .OrderBy(a => a.Id).AsAsyncEnumerable();

    private IAsyncEnumerable<JournalRow> JournalRows(ArchiveRequest r) =>
        PublicCases(r).OrderBy(c => c.Meeting!.Date).ThenBy(c => c.Year).ThenBy(c => c.Number)
            .Select(c => new JournalRow(c.Id, c.Year, c.Number, c.Title, c.Confidential, c.LegalBasis, c.From, c.Meeting!.Date))
            .AsAsyncEnumerable();
}
