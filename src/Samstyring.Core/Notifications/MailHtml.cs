using System.Net;

namespace Samstyring.Core.Notifications;

/// <summary>What every mail's HTML alternative needs: text encoded for HTML (<c>using static</c> in the mail builders).</summary>
internal static class MailHtml
{
    public static string E(string s) => WebUtility.HtmlEncode(s);
}
