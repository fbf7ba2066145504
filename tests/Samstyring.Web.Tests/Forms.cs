using System.Text.RegularExpressions;

namespace Samstyring.Web.Tests;

/// <summary>What a test reads out of a page's form to post it as a browser would.</summary>
public static partial class Forms
{
    /// <summary>The antiforgery token of the (first) form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "no __RequestVerificationToken in the form");
        return System.Net.WebUtility.HtmlDecode(match.Groups["v"].Value);
    }

    /// <summary>
    /// What the form posting to <paramref name="handler"/> (its action has <c>handler=…</c>) would send as it stands: its
    /// inputs (a checkbox or radio button only when checked), the selected option of each select, each textarea, and the
    /// antiforgery token: a stale form is this, kept while someone else saves.
    /// </summary>
    public static Dictionary<string, string> Fields(string html, string handler)
    {
        var action = Action().Matches(html).FirstOrDefault(m => m.Groups["h"].Value == handler)?.Index ?? -1;
        Assert.True(action >= 0, $"no form posting to handler={handler}");
        return Read(html, action);
    }

    /// <summary>As <see cref="Fields"/>, for the form with a field named <paramref name="fieldName"/> (a form that posts to its own page).</summary>
    public static Dictionary<string, string> FieldsOfFormWith(string html, string fieldName)
    {
        var field = html.IndexOf($"name=\"{fieldName}\"", StringComparison.Ordinal);
        Assert.True(field >= 0, $"no field named {fieldName}");
        return Read(html, html.LastIndexOf("<form", field, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Read(string html, int start)
    {
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..(end < 0 ? html.Length : end)];
        var fields = new Dictionary<string, string>();
        foreach (Match m in Input().Matches(form))
            if (!CheckOrRadio().IsMatch(m.Value) || m.Value.Contains(" checked", StringComparison.Ordinal))
                fields[m.Groups["n"].Value] = m.Groups["v"].Value;
        foreach (Match m in Select().Matches(form)) fields[m.Groups["n"].Value] = m.Groups["v"].Success ? m.Groups["v"].Value : "";
        foreach (Match m in TextArea().Matches(form)) fields[m.Groups["n"].Value] = m.Groups["v"].Value;
        if (fields.TryGetValue("__RequestVerificationToken", out var token)) fields["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token);
        return fields;
    }

    /// <summary>The version hidden in the form posting to <paramref name="handler"/>.</summary>
    public static string Version(string html, string handler) => Fields(html, handler).GetValueOrDefault("version", "");

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<v>[^""]+)""")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"<form[^>]*\baction=""[^""]*[?&](?:amp;)?handler=(?<h>[A-Za-z]+)[""&]")]
    private static partial Regex Action();

    [GeneratedRegex(@"<input[^>]*\bname=""(?<n>[^""]+)""[^>]*\bvalue=""(?<v>[^""]*)""[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex(@"\btype=""(?:checkbox|radio)""")]
    private static partial Regex CheckOrRadio();

    [GeneratedRegex(@"<select[^>]*\bname=""(?<n>[^""]+)""[^>]*>(?:(?:(?!</select>).)*?<option value=""(?<v>[^""]*)"" selected)?", RegexOptions.Singleline)]
    private static partial Regex Select();

    [GeneratedRegex(@"<textarea[^>]*\bname=""(?<n>[^""]+)""[^>]*>(?<v>[^<]*)</textarea>")]
    private static partial Regex TextArea();
}
