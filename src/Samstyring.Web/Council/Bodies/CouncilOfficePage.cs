using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Data;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Council.Bodies;

/// <summary>Shared bits of the secretariat's council forms: whole numbers typed as text, option lists, moving errors.</summary>
public abstract class CouncilOfficePage : SamstyringPage
{
    /// <summary>
    /// Parses a whole number typed in a form, so a typo gets a Norwegian message from us rather than the model binder's English one.
    /// Adds the error and returns false when the text is not a number; empty text is null.
    /// </summary>
    protected bool TryParseNumber(string field, string? text, string label, out int? value)
    {
        value = null;
        var raw = text?.Replace(" ", "").Replace("\u00A0", "").Trim();
        if (string.IsNullOrEmpty(raw)) return true;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            value = n;
            return true;
        }
        ModelState.AddModelError(field, $"{label} må være et helt tall, ikke «{(raw.Length > 20 ? raw[..20] + "…" : raw)}».");
        return false;
    }

    public static async Task<List<(string, string)>> SolutionOptionsAsync(SamstyringDb db, CancellationToken ct) =>
        (await db.NationalSolutions.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
        .Select(s => (s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToList();

    /// <summary>Every organisation by name. Municipalities are many (357), but a select with type-ahead works without script.</summary>
    public static async Task<List<(string, string)>> OrganizationOptionsAsync(SamstyringDb db, CancellationToken ct) =>
        (await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        .Select(o => (o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList();

    public static async Task<List<(string, string)>> BodyOptionsAsync(SamstyringDb db, CancellationToken ct)
    {
        var bodies = await db.Bodies.AsNoTracking().Include(b => b.Names).OrderBy(b => b.SortOrder).ThenBy(b => b.Slug).ToListAsync(ct);
        var today = db.Today;
        return bodies.Where(b => b.Names.Count > 0).Select(b => (b.Slug, b.NameOn(today).Name)).ToList();
    }

    public static IEnumerable<(string, string)> MonthOptions() =>
        Enumerable.Range(1, 12).Select(m => (m.ToString(CultureInfo.InvariantCulture), Core.Council.CycleUseCases.MonthName(m)));

    public static string DateValue(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
