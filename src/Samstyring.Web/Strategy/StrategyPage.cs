using System.Globalization;
using Samstyring.Core.Strategy;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Strategy;

/// <summary>What the strategy pages share: reading posted fields as the use cases take them, refilling a failed form, and the status colours.</summary>
public abstract class StrategyPage : SamstyringPage
{
    /// <summary>The form that failed, so only it shows what was typed.</summary>
    public string? PostedForm { get; protected set; }

    public bool CanEdit => StrategyAccess.CanEdit(CurrentUser);

    /// <summary>What was typed in the failed form, or <paramref name="stored"/>.</summary>
    public string? Value(string form, string name, string? stored) =>
        PostedForm == form && Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    public IEnumerable<string> Values(string form, string name, IEnumerable<string> stored) =>
        PostedForm == form && Request.HasFormContentType ? Request.Form[name].Where(v => v is not null).Select(v => v!) : stored;

    protected string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    protected int? FormInt(string name) => int.TryParse(Form(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A number typed in a field: empty is none; text that is no whole number is reported here.</summary>
    protected int? FormNumber(string name, string label)
    {
        var raw = Form(name)?.Trim();
        if (string.IsNullOrEmpty(raw)) return null;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        ModelState.AddModelError(name, $"{label} må være et heltall, ikke «{Core.Common.Validator.Truncate(raw)}».");
        return null;
    }

    /// <summary>An id from a select: empty is none; anything else that is not a number is sent on as an id no row has (0), so the use case says so.</summary>
    protected int? FormId(string name) => string.IsNullOrWhiteSpace(Form(name)) ? null : FormInt(name) ?? 0;

    protected IReadOnlyList<int> FormIds(string name) =>
        Request.HasFormContentType ? Request.Form[name].Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList() : [];

    protected static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string StatusColor(StrategyStatus status) => status switch
    {
        StrategyStatus.Adopted => "success",
        StrategyStatus.InConsultation => "info",
        StrategyStatus.Replaced => "neutral",
        _ => "warning",
    };
}
