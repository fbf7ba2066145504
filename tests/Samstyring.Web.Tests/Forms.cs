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

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""(?<v>[^""]+)""")]
    private static partial Regex TokenInput();
}
