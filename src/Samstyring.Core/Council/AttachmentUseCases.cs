using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>A new attachment (vedlegg): the original file name as the browser sent it, and what the secretariat filled in.</summary>
public sealed record AttachmentUpload(string? FileName, string? Label, string? Title, bool Confidential, string? LegalBasis);

public sealed record AttachmentEdit(string? Label, string? Title, bool Confidential, string? LegalBasis);

/// <summary>Who may see and fetch an attachment, and how a hidden one is listed. Queries and pages use the same rules.</summary>
public static partial class AttachmentAccess
{
    /// <summary>25 MB: enough for scanned case papers, small enough to keep backups manageable.</summary>
    public const long MaxBytes = 25L * 1024 * 1024;
    public const int MaxMegabytes = (int)(MaxBytes / 1024 / 1024);

    /// <summary>Unntatt offentlighet: the attachment itself or its whole case.</summary>
    public static bool IsConfidential(bool attachmentConfidential, bool caseConfidential) => attachmentConfidential || caseConfidential;

    /// <summary>The legal basis shown for a hidden attachment: its own, or else the case's.</summary>
    public static string? LegalBasisShown(Attachment a, bool caseConfidential, string? caseLegalBasis) =>
        a.Confidential ? a.LegalBasis : caseConfidential ? caseLegalBasis : null;

    /// <summary>What a user who may not see confidential content reads instead of title and file name.</summary>
    public static string HiddenText(string label, string? legalBasis) =>
        $"Vedlegg {label}: unntatt offentlighet" + (string.IsNullOrWhiteSpace(legalBasis) ? "" : $" ({legalBasis})");

    /// <summary>
    /// Confidential attachments only for those who may see confidential content. The rest are public once the
    /// notice is sent; before that (or for a case not on a meeting) only the secretariat and members fetch them.
    /// </summary>
    public static bool CanDownload(bool confidential, MeetingStatus? meetingStatus, CurrentUser? user) =>
        CouncilAccess.CanSeeConfidential(user) || (!confidential && meetingStatus is { } s && s != MeetingStatus.Planned);

    /// <summary>"1", "1A", "5A".</summary>
    [GeneratedRegex("^[0-9]{1,2}[A-Z]?$")]
    public static partial Regex LabelPattern();

    /// <summary>"31,2 MB", "812 kB".</summary>
    public static string Size(long bytes) => Norwegian.FileSize(bytes);
}

/// <summary>
/// Vedlegg to a case: upload, change, delete and download. Only the secretariat changes them. The file is written
/// outside the database (see <see cref="AttachmentStore"/>), so every path below keeps the two in step: a failed
/// save removes the new file, and a deleted attachment's file is removed only after the delete is committed.
/// </summary>
[UseCase]
public sealed class AttachmentUseCases(SamstyringDb db, SamstyringOptions options)
{
    private readonly AttachmentStore _store = new(options);

    public AttachmentStore Store => _store;

    public async Task<Attachment> UploadAsync(int caseId, AttachmentUpload input, Stream content, CurrentUser? user, CancellationToken ct = default)
    {
        var actor = CouncilAccess.RequireSecretariat(user);
        var c = await LoadCaseAsync(caseId, ct);

        var v = new Validator();
        var fileName = SafeFileName(input.FileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var type = AttachmentFileType.ForExtension(extension);
        if (string.IsNullOrWhiteSpace(input.FileName))
            v.Add("file", "Velg en fil å laste opp.");
        else if (type is null)
            v.Add("file", (extension.Length == 0 ? "Filen mangler filtype (for eksempel .pdf)." : $"Filtypen {extension} er ikke tillatt.")
                          + $" Tillatte typer: {AttachmentFileType.AllowedList}.");
        var a = new Attachment { CaseId = c.Id, Label = "", Title = "" };
        await ApplyAsync(v, a, c, input.Label, input.Title, input.Confidential, input.LegalBasis, ct);

        // Only a file of an allowed type is written at all; its size and content are checked from the copy.
        using var staged = type is null ? null : await _store.StageAsync(content, AttachmentAccess.MaxBytes, ct);
        if (staged is not null && type is not null)
        {
            if (staged.SizeBytes == 0) v.Add("file", "Filen er tom.");
            else if (staged.SizeBytes > AttachmentAccess.MaxBytes)
                v.Add("file", $"Filen er for stor ({AttachmentAccess.Size(staged.SizeBytes)}). Største tillatte størrelse er {AttachmentAccess.MaxMegabytes} MB.");
            else if (!type.Matches(staged))
                v.Add("file", type.Text
                    ? $"Filen er ikke en gyldig {type.Description}-fil: den må være ren tekst i UTF-8."
                    : $"Innholdet i filen passer ikke med filtypen {extension}: filen er ikke en gyldig {type.Description}-fil. Lagre den på nytt som {type.Description} og prøv igjen.");
        }
        v.ThrowIfInvalid();

        a.FileName = fileName;
        a.ContentType = type!.ContentType;
        a.SizeBytes = staged!.SizeBytes;
        a.Sha256 = staged.Sha256;
        a.UploadedAt = db.UtcNow;
        a.UploadedBy = actor.UserName;
        a.StoragePath = _store.Commit(staged, type.Extension == ".jpeg" ? ".jpg" : type.Extension, a.UploadedAt);
        db.Attachments.Add(a);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Nothing half saved: without its row the file would be an orphan nobody can reach.
            _store.Delete(a.StoragePath);
            throw;
        }
        return a;
    }

    public async Task<Attachment> UpdateAsync(int id, AttachmentEdit input, int? expectedVersion, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var a = await db.Attachments.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw Missing(id);
        db.ExpectVersion(a, expectedVersion);
        var c = await LoadCaseAsync(a.CaseId, ct);
        var v = new Validator();
        await ApplyAsync(v, a, c, input.Label, input.Title, input.Confidential, input.LegalBasis, ct);
        v.ThrowIfInvalid();
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task DeleteAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        CouncilAccess.RequireSecretariat(user);
        var a = await db.Attachments.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw Missing(id);
        var path = a.StoragePath;
        db.Attachments.Remove(a);
        await db.SaveChangesAsync(ct);
        // After the commit: had the delete failed, the attachment would still need its file.
        if (path is not null) _store.Delete(path);
    }

    /// <summary>
    /// The attachment and its file, for download. Anything the user may not fetch answers exactly like a missing
    /// attachment, so nobody learns that a confidential one exists. A file that is no longer what was stored is a
    /// <see cref="DamagedFileException"/>, never a download.
    /// </summary>
    public async Task<(Attachment Meta, Stream Content)> OpenAsync(int id, CurrentUser? user, CancellationToken ct = default)
    {
        var row = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id)
            .Join(db.Cases, a => a.CaseId, c => c.Id, (a, c) => new
            {
                Attachment = a,
                CaseConfidential = c.Confidential,
                MeetingStatus = c.Meeting == null ? (MeetingStatus?)null : c.Meeting.Status,
            })
            .SingleOrDefaultAsync(ct);
        if (row is null
            || !AttachmentAccess.CanDownload(AttachmentAccess.IsConfidential(row.Attachment.Confidential, row.CaseConfidential), row.MeetingStatus, user))
            throw Missing(id);
        var a = row.Attachment;
        if (a.StoragePath is null)
            throw new NotFoundException($"Vedlegg {a.Label} har ingen fil å laste ned.");
        var content = await _store.OpenVerifiedAsync(a.StoragePath, a.SizeBytes, a.Sha256, ct)
                      ?? throw new DamagedFileException(
                          $"Filen til vedlegg {a.Label} er skadet eller mangler: den stemmer ikke med størrelsen og sjekksummen den ble lagret med, "
                          + "og lastes derfor ikke ned. Sekretariatet kan laste opp filen på nytt eller gjenopprette den fra en sikkerhetskopi.");
        return (a, content);
    }

    /// <summary>The next free label in the case's meeting (the attachments are numbered per meeting): one past the highest number.</summary>
    public async Task<string> SuggestLabelAsync(int caseId, CancellationToken ct = default)
    {
        var c = await LoadCaseAsync(caseId, ct);
        var labels = await SameNumberingAsync(c, null).Select(a => a.Label).ToListAsync(ct);
        return NextLabel(labels);
    }

    public static string NextLabel(IEnumerable<string> taken)
    {
        var numbers = taken.Select(l => int.TryParse(new string(l.TakeWhile(char.IsAsciiDigit).ToArray()), out var n) ? n : 0).ToHashSet();
        var next = numbers.Count == 0 ? 1 : numbers.Max() + 1;
        if (next <= 99) return next.ToString(CultureInfo.InvariantCulture);
        // Past 99: the lowest number not used.
        return Enumerable.Range(1, 99).FirstOrDefault(n => !numbers.Contains(n)) is var free and > 0 ? free.ToString(CultureInfo.InvariantCulture) : "";
    }

    /// <summary>
    /// The file name as shown and offered on download: NFC, no folders, no control, invisible, direction or path
    /// characters, at most 200 characters with the extension kept. Never used as a path.
    /// </summary>
    public static string SafeFileName(string? name)
    {
        var raw = (name ?? "").Replace('\\', '/');
        // A lone surrogate cannot be stored or sent; the round trip turns it into U+FFFD first.
        raw = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(raw[(raw.LastIndexOf('/') + 1)..])).Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw)
        {
            // Invisible and direction characters go: «invoice‮fdp.exe.pdf» must not pass for a PDF on screen.
            if (UnicodeText.IsInvisible(ch)) continue;
            sb.Append(char.IsWhiteSpace(ch) ? ' '
                : char.IsControl(ch) || ch is '"' or '<' or '>' or ':' or '|' or '?' or '*' or '\uFFFD' ? '_' : ch);
        }
        var clean = Regex.Replace(sb.ToString(), " +", " ").Trim();
        var extension = Path.GetExtension(clean);
        if (extension.Length > 10 || extension.Contains(' ')) extension = "";
        // No hidden ".name" files and no leading or trailing blanks around the stem.
        var stem = clean[..^extension.Length].Trim().TrimStart('.').Trim();
        if (stem.Length == 0) stem = "vedlegg";
        var max = 200 - extension.Length;
        if (stem.Length > max) stem = stem[..max];
        if (stem.Length > 0 && char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        return stem + extension.ToLowerInvariant();
    }

    private async Task ApplyAsync(Validator v, Attachment a, CouncilCase c, string? label, string? title, bool confidential, string? legalBasis, CancellationToken ct)
    {
        var normalisedLabel = (label ?? "").Trim().ToUpperInvariant();
        if (normalisedLabel.Length == 0)
            v.Add("label", $"Vedleggsnummer må fylles ut, for eksempel «{await SuggestAsync(c, a.Id, ct)}».");
        else if (!AttachmentAccess.LabelPattern().IsMatch(normalisedLabel))
            v.Add("label", $"Vedleggsnummer må være et tall med én eller to sifre, eventuelt fulgt av én bokstav (for eksempel «1», «1A» eller «5A»), ikke «{Short(label!)}».");
        else if (await SameNumberingAsync(c, a.Id == 0 ? null : a.Id).Where(x => x.Label == normalisedLabel)
                     .Join(db.Cases, x => x.CaseId, k => k.Id, (x, k) => new { k.Number, k.Year }).FirstOrDefaultAsync(ct) is { } clash)
            v.Add("label", $"Vedlegg {normalisedLabel} finnes allerede " + (c.MeetingId is null ? "i denne saken" : $"i møtet (sak {CouncilCase.FormatNumber(clash.Number, clash.Year)})")
                           + $". Neste ledige nummer er {await SuggestAsync(c, a.Id, ct)}.");
        v.Name("title", title, "Tittel", CouncilCase.TitleMax);
        var basis = string.IsNullOrWhiteSpace(legalBasis) ? null : legalBasis.Trim();
        if (confidential)
        {
            if (basis is null) v.Add("legalBasis", "Hjemmel må fylles ut når vedlegget er unntatt offentlighet, for eksempel «Offl. § 14».");
            else if (!basis.Contains('§')) v.Add("legalBasis", $"Hjemmelen må vise til en paragraf med §, for eksempel «Offl. § 14», ikke «{Short(basis)}».");
            else v.MaxLength("legalBasis", basis, "Hjemmel", 200);
        }
        if (!v.IsValid) return;
        a.Label = normalisedLabel;
        a.Title = title!.Trim();
        a.Confidential = confidential;
        // A legal basis only means something for a confidential attachment.
        a.LegalBasis = confidential ? basis : null;
    }

    private async Task<string> SuggestAsync(CouncilCase c, int exceptId, CancellationToken ct) =>
        NextLabel(await SameNumberingAsync(c, exceptId == 0 ? null : exceptId).Select(a => a.Label).ToListAsync(ct));

    /// <summary>The attachments numbered in one series with the case's: all cases of its meeting (or the case alone, when not on a meeting).</summary>
    private IQueryable<Attachment> SameNumberingAsync(CouncilCase c, int? exceptId)
    {
        var q = c.MeetingId is { } meetingId
            ? db.Attachments.Where(a => db.Cases.Any(k => k.Id == a.CaseId && k.MeetingId == meetingId))
            : db.Attachments.Where(a => a.CaseId == c.Id);
        return exceptId is { } id ? q.Where(a => a.Id != id) : q;
    }

    private async Task<CouncilCase> LoadCaseAsync(int caseId, CancellationToken ct) =>
        await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct)
        ?? throw new NotFoundException($"Fant ikke sak {caseId}.");

    private static NotFoundException Missing(int id) => new($"Fant ikke vedlegg {id}.");

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
