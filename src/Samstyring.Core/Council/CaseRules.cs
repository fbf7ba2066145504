using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What the case use cases share: loading a case for change, its content rules, and finding a case by its number.</summary>
internal static class CaseRules
{
    /// <summary>Finds a case from "nuit 38/21", "nuit:38/21" or "38/21" (the latter in any body when unique).</summary>
    public static async Task<CouncilCase?> FindByReferenceAsync(SamstyringDb db, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var split = t.LastIndexOfAny([' ', ':']);
        var slug = split > 0 ? t[..split].Trim().ToLowerInvariant() : null;
        if (!CouncilCase.TryParseNumber(split > 0 ? t[(split + 1)..] : t, out var number, out var year)) return null;
        var q = db.Cases.Include(x => x.Body).Where(x => x.Number == number && x.Year == year);
        if (slug is not null) q = q.Where(x => x.Body.Slug == slug);
        var found = await q.Take(2).ToListAsync(ct);
        return found.Count == 1 ? found[0] : null;
    }

    public static async Task<CouncilCase> LoadForChangeAsync(SamstyringDb db, int id, CurrentUser? user, CancellationToken ct)
    {
        CouncilAccess.RequireSecretariat(user);
        var c = await db.Cases.Include(x => x.Meeting).Include(x => x.Links).Include(x => x.References)
                    .Include(x => x.Body).ThenInclude(b => b.Names)
                    .SingleOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException($"Fant ikke sak {id}.");
        if (c.Meeting is { } m) MeetingRules.RequireOpen(m);
        return c;
    }

    public static void Apply(Validator v, CouncilCase c, CaseInput input)
    {
        v.Name("title", input.Title, "Tittel", CouncilCase.TitleMax);
        v.Enum<CaseType>("type", input.Type, "Sakstype", true, out var type);
        v.MaxLength("from", input.From, "Fra", 200);
        v.MaxLength("officers", input.Officers, "Saksbehandler", 400);
        v.MaxLength("purpose", input.Purpose, "Hensikt", CouncilCase.TextMax);
        v.MaxLength("background", input.Background, "Bakgrunn", CouncilCase.TextMax);
        v.MaxLength("proposedDecision", input.ProposedDecision, "Forslag til vedtak", CouncilCase.TextMax);
        if (input.Confidential)
        {
            v.Required("legalBasis", input.LegalBasis, "Hjemmel for unntak fra offentlighet", 200);
            if (!string.IsNullOrWhiteSpace(input.LegalBasis) && !input.LegalBasis.Contains('§'))
                v.Add("legalBasis", "Hjemmelen må vise til en paragraf, for eksempel «Offl. § 14».");
        }
        else v.MaxLength("legalBasis", input.LegalBasis, "Hjemmel", 200);
        v.Date("commentDeadline", input.CommentDeadline, "Frist for innspill", false, out var deadline);
        v.MaxLength("commentDeadlineNote", input.CommentDeadlineNote, "Hva det bes om innspill på", 1000);
        if (c.Standing != StandingCase.None && type is { } t && t != c.Type)
            v.Add("type", "Sakstypen til de faste sakene kan ikke endres.");
        if (!v.IsValid) return;
        c.Title = input.Title!.Trim();
        c.Type = type!.Value;
        c.From = Clean(input.From);
        c.Officers = Clean(input.Officers);
        c.Purpose = Clean(input.Purpose);
        c.Background = Clean(input.Background);
        c.ProposedDecision = Clean(input.ProposedDecision);
        c.Confidential = input.Confidential;
        c.LegalBasis = input.Confidential ? input.LegalBasis!.Trim() : null;
        c.CommentDeadline = deadline;
        c.CommentDeadlineNote = Clean(input.CommentDeadlineNote);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Replace("\r\n", "\n").Trim();
}
