using System.Globalization;
using Samstyring.Core.Council;
using Samstyring.Core.Solutions;
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

    public static async Task<List<(string, string)>> SolutionOptionsAsync(GetSolutionOptions solutions, CancellationToken ct) =>
        (await solutions.HandleAsync(ct)).Select(s => (s.Id.ToString(CultureInfo.InvariantCulture), s.Name)).ToList();

    public static async Task<List<(string, string)>> BodyOptionsAsync(CouncilQueries queries, CancellationToken ct) =>
        (await queries.BodyOptionsAsync(ct)).Select(b => (b.Slug, b.Name)).ToList();

    public static IEnumerable<(string, string)> MonthOptions() =>
        Enumerable.Range(1, 12).Select(m => (m.ToString(CultureInfo.InvariantCulture), CycleItem.MonthName(m)));

    public static string DateValue(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
