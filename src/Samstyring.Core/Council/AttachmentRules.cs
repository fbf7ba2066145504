using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What uploading and changing an attachment share with suggesting its label: the numbering per meeting and the metadata rules.</summary>
internal static class AttachmentRules
{
    public static string NextLabel(IEnumerable<string> taken)
    {
        var numbers = taken.Select(l => int.TryParse(new string(l.TakeWhile(char.IsAsciiDigit).ToArray()), out var n) ? n : 0).ToHashSet();
        var next = numbers.Count == 0 ? 1 : numbers.Max() + 1;
        if (next <= 99) return next.ToString(CultureInfo.InvariantCulture);
        // Past 99: the lowest number not used.
        return Enumerable.Range(1, 99).FirstOrDefault(n => !numbers.Contains(n)) is var free and > 0 ? free.ToString(CultureInfo.InvariantCulture) : "";
    }

    public static async Task ApplyAsync(SamstyringDb db, Validator v, Attachment a, CouncilCase c, string? label, string? title, bool confidential, string? legalBasis, CancellationToken ct)
    {
        var normalisedLabel = (label ?? "").Trim().ToUpperInvariant();
        if (normalisedLabel.Length == 0)
            v.Add("label", $"Vedleggsnummer må fylles ut, for eksempel «{await SuggestAsync(db, c, a.Id, ct)}».");
        else if (!AttachmentAccess.LabelPattern().IsMatch(normalisedLabel))
            v.Add("label", $"Vedleggsnummer må være et tall med én eller to sifre, eventuelt fulgt av én bokstav (for eksempel «1», «1A» eller «5A»), ikke «{Short(label!)}».");
        else if (await SameNumbering(db, c, a.Id == 0 ? null : a.Id).Where(x => x.Label == normalisedLabel)
                     .Join(db.Cases, x => x.CaseId, k => k.Id, (x, k) => new { k.Number, k.Year }).FirstOrDefaultAsync(ct) is { } clash)
            v.Add("label", $"Vedlegg {normalisedLabel} finnes allerede " + (c.MeetingId is null ? "i denne saken" : $"i møtet (sak {CouncilCase.FormatNumber(clash.Number, clash.Year)})")
                           + $". Neste ledige nummer er {await SuggestAsync(db, c, a.Id, ct)}.");
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

    private static async Task<string> SuggestAsync(SamstyringDb db, CouncilCase c, int exceptId, CancellationToken ct) =>
        NextLabel(await SameNumbering(db, c, exceptId == 0 ? null : exceptId).Select(a => a.Label).ToListAsync(ct));

    /// <summary>The attachments numbered in one series with the case's: all cases of its meeting (or the case alone, when not on a meeting).</summary>
    public static IQueryable<Attachment> SameNumbering(SamstyringDb db, CouncilCase c, int? exceptId)
    {
        var q = c.MeetingId is { } meetingId
            ? db.Attachments.Where(a => db.Cases.Any(k => k.Id == a.CaseId && k.MeetingId == meetingId))
            : db.Attachments.Where(a => a.CaseId == c.Id);
        return exceptId is { } id ? q.Where(a => a.Id != id) : q;
    }

    public static async Task<CouncilCase> LoadCaseAsync(SamstyringDb db, int caseId, CancellationToken ct) =>
        await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct)
        ?? throw new NotFoundException($"Fant ikke sak {caseId}.");

    public static NotFoundException Missing(int id) => new($"Fant ikke vedlegg {id}.");

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
