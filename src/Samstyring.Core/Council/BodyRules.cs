using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Council;

/// <summary>What creating, changing, renaming a body and adding its mandate share: loading it for change and the settings rules.</summary>
internal static class BodyRules
{
    public static async Task<Body> LoadAsync(SamstyringDb db, string slug, CancellationToken ct) =>
        await db.Bodies.Include(b => b.Names).Include(b => b.Mandates).AsSplitQuery().SingleOrDefaultAsync(b => b.Slug == slug, ct)
        ?? throw new NotFoundException($"Fant ikke organet «{Validator.Truncate(slug)}».");

    public sealed record Settings(BodyKind Kind, string Description, QuorumRule Rule, int? Count, int? SolutionId)
    {
        public void ApplyTo(Body b)
        {
            b.Kind = Kind;
            b.Description = Description;
            b.QuorumRule = Rule;
            b.QuorumCount = Count;
            b.NationalSolutionId = SolutionId;
        }
    }

    public static async Task<Settings> ValidateSettingsAsync(SamstyringDb db, Validator v, BodySettingsInput input, CancellationToken ct)
    {
        v.Enum<BodyKind>("kind", input.Kind, "Type organ", true, out var kind);
        v.MaxLength("description", input.Description, "Beskrivelse", Body.TextMax);
        v.Enum<QuorumRule>("quorumRule", input.QuorumRule, "Krav til vedtaksførhet", true, out var rule);
        if (rule == QuorumRule.AtLeast)
        {
            if (input.QuorumCount is null) v.Add("quorumCount", "Antall medlemmer som må være til stede må fylles ut når kravet er et fast antall.");
            else if (input.QuorumCount is < 1 or > Body.QuorumCountMax) v.Add("quorumCount", $"Antall medlemmer som må være til stede må være fra 1 til {Body.QuorumCountMax}.");
        }
        if (input.NationalSolutionId is { } sid)
        {
            if (!await db.NationalSolutions.AnyAsync(s => s.Id == sid, ct)) v.Add("nationalSolutionId", $"Fant ikke nasjonal løsning med id {sid}.");
        }
        else if (kind == BodyKind.ProductBoard)
            v.Add("nationalSolutionId", "Et produktstyre må knyttes til den nasjonale løsningen det styrer.");
        // The count only means something for "at least": for the other rules it is dropped, so a form switched from
        // "at least" to "majority" does not fail on a leftover number.
        return new Settings(kind ?? default, input.Description?.Trim() ?? "", rule ?? default,
            rule == QuorumRule.AtLeast ? input.QuorumCount : null, input.NationalSolutionId);
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
