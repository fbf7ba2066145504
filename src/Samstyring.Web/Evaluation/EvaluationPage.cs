using System.Globalization;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Evaluation;

/// <summary>Form reading shared by the evaluation pages.</summary>
public abstract class EvaluationPage : SamstyringPage
{
    public const string Root = "/strategi/vurderinger";

    public static string PageUrl(int id) => $"{Root}/{id.ToString(CultureInfo.InvariantCulture)}";

    protected string? Form(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    protected int? FormInt(string name) =>
        int.TryParse(Form(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>What was typed in the failed form, or the stored value.</summary>
    public string? Value(string name, string? stored) =>
        Request.HasFormContentType && Request.Form.ContainsKey(name) ? Request.Form[name].ToString() : stored;

    public static string Total(double t) => Core.Evaluation.EvaluationDocuments.Total(t);
}
