using System.Globalization;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Financing;

/// <summary>What the financing forms share: reading posted fields as the use cases take them, and refilling a failed form.</summary>
public abstract class FinancingPage : SamstyringPage
{
    /// <summary>The form that failed, so only it shows what was typed.</summary>
    public string? PostedForm { get; protected set; }

    /// <summary>What was typed in the failed form, or <paramref name="stored"/>.</summary>
    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    protected string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    protected int? FormInt(string name) => int.TryParse(Form(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An id from a select: empty is none; anything else that is not a number is sent on as an id no row has (0), so the use case says so.</summary>
    protected int? FormId(string name) => string.IsNullOrWhiteSpace(Form(name)) ? null : FormInt(name) ?? 0;

    /// <summary>A decimal typed the Norwegian way ("2,5") or the other ("2.5"); text that is no number is reported here.</summary>
    protected decimal? FormDecimal(string name, string label)
    {
        var raw = Form(name)?.Replace('\u00A0', ' ').Replace(" ", "").Replace("%", "").Replace(',', '.').Trim();
        if (string.IsNullOrEmpty(raw)) return null;
        if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return d;
        ModelState.AddModelError(name, $"{label} må være et tall, for eksempel 5 eller 2,5.");
        return null;
    }

    protected static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
