using System.Text;
using System.Text.RegularExpressions;
using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Core.Search;
using Samstyring.Core.Search.TextExtraction;

namespace Samstyring.Core.Council;

/// <summary>A new attachment (vedlegg): the original file name as the browser sent it, and what the secretariat filled in.</summary>
public sealed record AttachmentUpload(string? FileName, string? Label, string? Title, bool Confidential, string? LegalBasis);

/// <summary>
/// Uploads a vedlegg to a case. Only the secretariat changes them. The file goes where <see cref="AttachmentStore"/> keeps
/// them: into the database in the same transaction as its row, or into the attachment directory, in which case a failed
/// save removes the new file.
/// </summary>
[UseCase]
public sealed class UploadAttachment(SamstyringDb db, SamstyringOptions options)
{
    private readonly AttachmentStore _store = new(options);

    /// <summary>Called with "content-written" once the bytes are in the database and before the commit, so tests can stop there.</summary>
    internal Func<string, Task>? Checkpoint { get; set; }

    public async Task<Attachment> HandleAsync(int caseId, AttachmentUpload input, Stream content, CurrentUser? user, CancellationToken ct = default)
    {
        var actor = CouncilAccess.RequireSecretariat(user);
        var c = await AttachmentRules.LoadCaseAsync(db, caseId, ct);

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
        await AttachmentRules.ApplyAsync(db, v, a, c, input.Label, input.Title, input.Confidential, input.LegalBasis, ct);

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
        var storedExtension = type.Extension == ".jpeg" ? ".jpg" : type.Extension;
        // Read before anything is written, so the transaction is not held open while a large PDF is parsed.
        var text = TextExtractor.FromFile(staged.TempPath, type.Extension);
        if (_store.InDatabase)
        {
            a.StoragePath = AttachmentStore.NewStoredPath(storedExtension, a.UploadedAt);
            // The row first (for its id), then its bytes and text, in one transaction: a failure anywhere leaves none of them.
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            db.Attachments.Add(a);
            await db.SaveChangesAsync(ct);
            await AttachmentStore.SaveContentAsync(db, a.Id, staged, ct);
            await SaveTextAsync(a, text, ct);
            if (Checkpoint is not null) await Checkpoint("content-written");
            await tx.CommitAsync(ct);
            return a;
        }
        a.StoragePath = _store.Commit(staged, storedExtension, a.UploadedAt);
        try
        {
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            db.Attachments.Add(a);
            await db.SaveChangesAsync(ct);
            await SaveTextAsync(a, text, ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            // Nothing half saved: without its row the file would be an orphan nobody can reach.
            _store.Delete(a.StoragePath);
            throw;
        }
        return a;
    }

    /// <summary>The text search finds the attachment by, saved with it (the row needs the attachment's id, so after its first save).</summary>
    private async Task SaveTextAsync(Attachment a, ExtractedText text, CancellationToken ct)
    {
        db.AttachmentTexts.Add(new AttachmentText { AttachmentId = a.Id, Status = text.Status, Text = text.Text, ExtractedAt = db.UtcNow });
        await db.SaveChangesAsync(ct);
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
}
